#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Lambda cold start of the BUILT function zip + layers in the real runtime interface client, per init variant
# (global/lazy, priming, compiled-model cache, JIT flags). Writes adapter-aws/target/bench/lambda-cold-start.md.
# Usage: scripts/bench-lambda-cold-start.sh [RUNS]   (default 5 runs per variant)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/install-openvino.sh"
mvn -B -q verify -pl adapter-aws -am -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=LambdaColdStartBench -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.runs="${1:-5}"
cat adapter-aws/target/bench/lambda-cold-start.md
