#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the CLI's AppCDS archive (vss-cli/target/vss-cli.jsa): one training run of `vss analyze` on a shared image
# with -XX:ArchiveClassesAtExit, so that later JVMs map the ~2,900 classes a pipeline run loads (parsed and verified)
# instead of loading them from the jars. Called at package time by vss-cli's pom; ./vss uses the archive when it is
# newer than the jar (scripts/java-command.sh). Never fails the build: without the OpenVINO runtime, the models or
# the images, it says why and leaves no archive (./vss then runs without one).
# Usage: scripts/build-cds.sh [JAR] [ARCHIVE]
set -uo pipefail
case ${1:-} in -h|--help) sed -n '2,/^set -/s/^# \{0,1\}//p' "$0" | grep -v '^SPDX'; exit 0 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${1:-$root/vss-cli/target/vss-cli.jar}
jsa=${2:-${jar%.jar}.jsa}
images=${VSS_IMAGES_DIR:-$root/../shared/images}
image="$images/faces/two_people.jpg"
rm -f "$jsa"
if [ ! -f "$image" ] || ! ls "$root"/.vss/openvino/openvino/libs/libopenvino_c.so.* >/dev/null 2>&1; then
  echo "build-cds: no training image ($image) or OpenVINO runtime (scripts/install/openvino.sh); no CDS archive" >&2
  exit 0
fi
tmp="$jsa.tmp.$$"
# the same flags as ./vss (GC and JIT choice do not invalidate the archive; the class path must be the same jar path)
if java -XX:ArchiveClassesAtExit="$tmp" -Xlog:cds=off,cds+dynamic=off -Dvss.root="$root" -jar "$jar" analyze \
    "$image" >/dev/null 2>"$tmp.log"; then
  mv -f "$tmp" "$jsa"
  echo "build-cds: wrote $jsa ($(du -k "$jsa" | cut -f1) KB)" >&2
else
  echo "build-cds: the training run failed, no CDS archive: $(tail -c 400 "$tmp.log")" >&2
  rm -f "$tmp"
fi
rm -f "$tmp.log"
exit 0
