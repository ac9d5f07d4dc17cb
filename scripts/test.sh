#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs the whole test suite: installs the pinned OpenVINO runtime and the tools and data the tests use if missing
# (libturbojpeg; cfn-lint; the people evaluation's vtest.avi from Debian's opencv-doc and a static ffmpeg from PyPI), then
# `mvn verify`.
set -euo pipefail
case ${1:-} in -h|--help) sed -n '2,/^set -/s/^# \{0,1\}//p' "$0" | grep -v '^SPDX'; exit 0 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install/openvino.sh"
"$root/scripts/install/turbojpeg.sh"
"$root/scripts/install/cfn-lint.sh"
"$root/scripts/install/eval-data.sh"
cd "$root"
exec mvn -B verify "$@"
