#!/usr/bin/env bash
# Runs the whole test suite: installs the pinned OpenVINO runtime and the tools the tests use if missing, then
# `mvn verify`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-openvino.sh"
"$root/scripts/install-cfn-lint.sh"
cd "$root"
exec mvn -B verify "$@"
