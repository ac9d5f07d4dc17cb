#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Lambda cold start of the BUILT function zip + layers in the real runtime interface client, per init variant
# (global/lazy, priming, compiled-model cache, JIT flags). Writes adapter-aws/target/bench/lambda-cold-start.md.
# Usage: [VSS_BENCH_RUNS=N] scripts/bench/lambda-cold-start.sh   (default 5 runs per variant)
set -euo pipefail
case ${1:-} in -h|--help) sed -n '2,/^set -/s/^# \{0,1\}//p' "$0" | grep -v '^SPDX'; exit 0 ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
"$root/scripts/install/openvino.sh"
mvn -B -q verify -pl adapter-aws -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=LambdaColdStartBench -Dfailsafe.failIfNoSpecifiedTests=false -Dvss.bench.runs="${VSS_BENCH_RUNS:-5}"
cat adapter-aws/target/bench/lambda-cold-start.md
