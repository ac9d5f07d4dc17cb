#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs libjpeg-turbo's TurboJPEG library (Debian/Ubuntu package libturbojpeg0), which vss-dl uses to decode JPEGs
# with SIMD (~2x faster than the libjpeg-turbo built into OpenCV's Java jar, same pixels); without it vss falls back
# to OpenCV's decoder. adapter-aws copies it into its OpenCV layer. Idempotent. Usage: scripts/install/turbojpeg.sh
set -euo pipefail
case ${1:-} in -h|--help) sed -n '2,/^set -/s/^# \{0,1\}//p' "$0" | grep -v '^SPDX'; exit 0 ;; esac
if ldconfig -p 2>/dev/null | grep -q 'libturbojpeg\.so\.0 '; then
  exit 0
fi
echo "Installing libturbojpeg0 (TurboJPEG, SIMD JPEG decoding) ..." >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q libturbojpeg0 >&2 || { $sudo apt-get update -q >&2 && $sudo apt-get install -y -q libturbojpeg0 >&2; }
ldconfig -p | grep -q 'libturbojpeg\.so\.0 ' || { echo "libturbojpeg.so.0 missing after installing libturbojpeg0" >&2; exit 1; }
