#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the pinned OpenVINO runtime (PyPI wheel) into the project folder .vss/openvino.
# Idempotent: does nothing when the pinned version is already there. Usage: scripts/install/openvino.sh [DIR]
set -euo pipefail
case ${1:-} in -h|--help) sed -n '2,/^set -/s/^# \{0,1\}//p' "$0" | grep -v '^SPDX'; exit 0 ;; esac
OV_VERSION=2026.4.1
# benchmark_app (the engine's own speed reference) needs these two at run time.
NUMPY_VERSION=2.4.6
TELEMETRY_VERSION=2025.2.0
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-${VSS_OPENVINO_HOME:-$root/.vss/openvino}}
marker="$dir/openvino-$OV_VERSION.dist-info"
if [ -d "$marker" ] && ls "$dir"/openvino/libs/libopenvino_c.so.* >/dev/null 2>&1 && [ -d "$dir/numpy" ]; then
  exit 0
fi
echo "Installing OpenVINO $OV_VERSION into $dir ..." >&2
rm -rf "$dir"
mkdir -p "$dir"
python3 -m pip install --quiet --disable-pip-version-check --no-deps --target "$dir" \
  "openvino==$OV_VERSION" "numpy==$NUMPY_VERSION" "openvino-telemetry==$TELEMETRY_VERSION" >&2
[ -d "$marker" ] || { echo "OpenVINO $OV_VERSION not found in $dir after install" >&2; exit 1; }
ls "$dir"/openvino/libs/libopenvino_c.so.* >/dev/null || { echo "libopenvino_c.so missing in $dir/openvino/libs" >&2; exit 1; }
echo "OpenVINO $OV_VERSION installed in $dir" >&2
