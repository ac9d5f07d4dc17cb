#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Python yardstick's venv (.vss/pyvenv): the same pinned OpenVINO wheel vss loads, and OpenCV's
# headless wheel from PyPI. Used only by scripts/yardstick/cold-start.py and scripts/bench/cli-cold-start.py (benchmarks).
# Idempotent. Usage: scripts/install/python-yardstick.sh [DIR]
set -euo pipefail
case ${1:-} in -h|--help) sed -n '2,/^set -/s/^# \{0,1\}//p' "$0" | grep -v '^SPDX'; exit 0 ;; esac
OV_VERSION=2026.4.1
OPENCV_VERSION=5.0.0.93   # the newest opencv-python-headless on PyPI when written (imports faster than 4.14 here)
NUMPY_VERSION=2.4.6
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-$root/.vss/pyvenv}
marker="$dir/.vss-yardstick-$OV_VERSION-$OPENCV_VERSION"
[ -f "$marker" ] && exit 0
echo "Installing the Python yardstick (openvino $OV_VERSION, opencv-python-headless $OPENCV_VERSION) into $dir ..." >&2
rm -rf "$dir"
python3 -m venv "$dir"
"$dir/bin/pip" install --quiet --disable-pip-version-check "openvino==$OV_VERSION" \
  "opencv-python-headless==$OPENCV_VERSION" "numpy==$NUMPY_VERSION" >&2
"$dir/bin/python" -c 'import openvino, cv2; print("openvino", openvino.__version__, "cv2", cv2.__version__)' >&2
touch "$marker"
