#!/usr/bin/env bash
# Runs the whole test suite: installs the pinned OpenVINO runtime and the people evaluation's data (vtest.avi from
# Debian's opencv-doc, a static ffmpeg from PyPI) if missing, then `mvn verify`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-openvino.sh"
"$root/scripts/install-eval-data.sh"
cd "$root"
exec mvn -B verify "$@"
