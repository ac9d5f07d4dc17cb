#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs what the people evaluation needs (`vss eval people`, VtestEvalTest):
#  - OpenCV's sample street-camera video vtest.avi, from Debian's opencv-doc package
#    (/usr/share/doc/opencv-doc/examples/data/vtest.avi);
#  - a frame extractor: the pinned PyPI wheel imageio-ffmpeg, which ships a static ffmpeg binary, into
#    .vss/ffmpeg. The OpenCV bundled with the project (org.openpnp:opencv 4.9.0) has no FFMPEG video backend and
#    cannot open vtest.avi (DivX 3 / MS-MPEG4v3), so frames are decoded by this ffmpeg.
# Idempotent: does nothing when both are present. Usage: scripts/install/eval-data.sh [FFMPEG_DIR]
set -euo pipefail
case ${1:-} in -h|--help) sed -n '2,/^set -/s/^# \{0,1\}//p' "$0" | grep -v '^SPDX'; exit 0 ;; esac
IMAGEIO_FFMPEG_VERSION=0.6.0
root=$(cd "$(dirname "$0")/../.." && pwd)
video=${VSS_VTEST_VIDEO:-/usr/share/doc/opencv-doc/examples/data/vtest.avi}
dir=${1:-${VSS_FFMPEG_HOME:-$root/.vss/ffmpeg}}

if [ ! -f "$video" ]; then
  echo "Installing opencv-doc (for $video) ..." >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q opencv-doc >&2 || { $sudo apt-get update -q >&2 && $sudo apt-get install -y -q opencv-doc >&2; }
  [ -f "$video" ] || { echo "$video missing after installing opencv-doc (set VSS_VTEST_VIDEO)" >&2; exit 1; }
fi

marker="$dir/imageio_ffmpeg-$IMAGEIO_FFMPEG_VERSION.dist-info"
if [ -d "$marker" ] && ls "$dir"/imageio_ffmpeg/binaries/ffmpeg-* >/dev/null 2>&1; then
  exit 0
fi
echo "Installing imageio-ffmpeg $IMAGEIO_FFMPEG_VERSION (static ffmpeg) into $dir ..." >&2
rm -rf "$dir"
mkdir -p "$dir"
python3 -m pip install --quiet --disable-pip-version-check --no-deps --target "$dir" \
  "imageio-ffmpeg==$IMAGEIO_FFMPEG_VERSION" >&2
bin=$(ls "$dir"/imageio_ffmpeg/binaries/ffmpeg-* 2>/dev/null | head -1)
[ -n "$bin" ] || { echo "no ffmpeg binary in $dir/imageio_ffmpeg/binaries after install" >&2; exit 1; }
chmod +x "$bin"
echo "ffmpeg installed: $bin" >&2
