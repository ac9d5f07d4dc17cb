#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Coverage-guided fuzzing (Jazzer) of the three parsers that see attacker bytes first: image checks (vss-dl),
# storage events and the gallery envelope (vss-bl). Each target fuzzes for DURATION (default 10s) in its own JVM
# (Jazzer fuzzes one test per run), starting from the committed seeds plus its local corpus (.cifuzz-corpus/,
# not committed). A finding fails the run and Jazzer writes the input under src/test/resources/.../*Inputs/, where
# `mvn verify` replays it from then on. Usage: scripts/fuzz.sh [DURATION] [TARGET...]
set -euo pipefail
case ${1:-} in -h|--help) sed -n '2,/^set -/s/^# \{0,1\}//p' "$0" | grep -v '^SPDX'; exit 0 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
duration=${1:-10s}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(vss-dl:ImageChecksFuzzTest vss-bl:EventParserFuzzTest vss-bl:EnvelopeFuzzTest)
fi
cd "$root"
for t in "${targets[@]}"; do
  module=${t%%:*}
  test=${t#*:}
  log=$(mktemp)
  echo "fuzzing $test ($module) for $duration ..."
  if ! JAZZER_FUZZ=1 JAZZER_MAX_DURATION=$duration mvn -B test -pl "$module" -am -Dtest="$test" \
      -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
    grep -E "== Java|Exception|FAIL|reproducer|crash-" "$log" | head -40 >&2 || true
    echo "fuzzing $test failed; full log: $log" >&2
    exit 1
  fi
  grep -E "^#[0-9]+[[:space:]]+DONE|^Done [0-9]+ runs" "$log" || true
  rm -f "$log"
done
