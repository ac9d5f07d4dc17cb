#!/usr/bin/env bash
# Runs the whole test suite: installs the pinned OpenVINO runtime if missing, then `mvn verify`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-openvino.sh"
cd "$root"
exec mvn -B verify "$@"
