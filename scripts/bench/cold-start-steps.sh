#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Before/after table of the cold-start optimisations: builds the CLI at each step's commit (once, cached in
# $VSS_STEPS_DIR, default /tmp/vss-steps) and runs scripts/bench/cli-cold-start.py with every step side by side with the
# Python yardstick, with and without a filled compiled-model cache.
# Usage: [VSS_BENCH_RUNS=N] flock /tmp/vss-bench.lock scripts/bench/cold-start-steps.sh [STEP=COMMIT[:JVM_FLAGS] ...]
# (default 7 runs)
# BENCH_OPTS is passed to cli-cold-start.py (e.g. BENCH_OPTS=--boost on a shared machine); PY_MODELS=five compares
# with the Python yardstick of the five-model pipeline (for the steps before the people stage was merged).
# Default steps: the commits of the cold-start before/after table in docs/benchmarks-log.md (see STEPS below).
set -euo pipefail
case ${1:-} in -h|--help) sed -n '2,/^set -/s/^# \{0,1\}//p' "$0" | grep -v '^SPDX'; exit 0 ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
export VSS_BENCH_RUNS=${VSS_BENCH_RUNS:-7}
steps_dir=${VSS_STEPS_DIR:-/tmp/vss-steps}
STEPS=("$@")
if [ ${#STEPS[@]} -eq 0 ]; then
  STEPS=(
    "0-before=661abfd"
    "1-opencv-extracted-once=7f76511"
    "2-parallel-init=17fbe7c"
    "3-static-face-shapes=8ae38d0"
    "4-priming-overlapped=f61d201"
    "5-cli-trimmed=6e77d44"
    "6-appcds=6e77d44:cds"
    "main-after-8b=addf4ca"
    "7-merged-8b=164b9f3:cds"
    "8-code-warm-up=1fbfc94:cds"
    "9-c1-only=1fbfc94:cds -XX:TieredStopAtLevel=1"
    "10-compile-from-file=33b4bfc:cds -XX:TieredStopAtLevel=1"
    "11-files-verified-in-background=ef36109:cds -XX:TieredStopAtLevel=1"
  )
fi
"$root/scripts/install/python-yardstick.sh"
mkdir -p "$steps_dir"
variants=()
for s in "${STEPS[@]}"; do
  name=${s%%=*}
  rest=${s#*=}
  commit=${rest%%:*}
  flags=""
  [ "$rest" != "$commit" ] && flags=${rest#*:}
  out="$steps_dir/$commit"
  if [ ! -f "$out/vss-cli.jar" ]; then
    src="$steps_dir/src-$commit"
    rm -rf "$src"
    git -C "$root" worktree add --detach "$src" "$commit" >/dev/null
    (cd "$src" && mvn -B -q -o -DskipTests package -pl vss-cli -am -Dvss.root="$root" >&2)
    mkdir -p "$out"
    cp -r "$src/vss-cli/target/vss-cli.jar" "$src/vss-cli/target/lib" "$out/"
    git -C "$root" worktree remove --force "$src"
  fi
  java_flags=()
  for f in $flags; do
    case "$f" in
      cds)
        # the archive is tied to the jar's path: build it for the copy
        [ -f "$out/vss-cli.jsa" ] || "$root/scripts/build-cds.sh" "$out/vss-cli.jar" "$out/vss-cli.jsa"
        java_flags+=("-XX:SharedArchiveFile=$out/vss-cli.jsa" "-Xlog:cds=off,cds+dynamic=off") ;;
      *) java_flags+=("$f") ;;
    esac
  done
  variants+=(--variant "$name::java ${java_flags[*]} -Dvss.root={root} -jar $out/vss-cli.jar analyze {image}")
done
# PY_MODELS=five: the yardstick with the five models of the pipeline before its people stage (steps built before it)
variants+=(--variant "python::$root/.vss/pyvenv/bin/python $root/scripts/yardstick/cold-start.py --models ${PY_MODELS:-all} {image}")
exec python3 "$root/scripts/bench/cli-cold-start.py" ${BENCH_OPTS:-} "${variants[@]}"
