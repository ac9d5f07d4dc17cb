#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Prints, one argument per line, the command line that ./vss runs (without the vss arguments), so that benchmarks
# time exactly what users run. Usage: mapfile -t cmd < <(scripts/java-command.sh)
set -euo pipefail
case ${1:-} in -h|--help) sed -n '2,/^set -/s/^# \{0,1\}//p' "$0" | grep -v '^SPDX'; exit 0 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/vss-cli/target/vss-cli.jar"
jsa="$root/vss-cli/target/vss-cli.jsa"
# glibc: two malloc arenas, blocks over 2 MB mapped and returned on free (as template.yaml sets for the function)
printf '%s\n' env MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=2097152 MALLOC_TRIM_THRESHOLD_=4194304 java
# C1 only and the serial GC: a CLI run is short, and the C2 compiler's work would compete with the models' compile
printf '%s\n' -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
# the AppCDS archive built with the jar (scripts/build-cds.sh); a stale one is ignored silently, not on stdout
if [ -f "$jsa" ] && [ "$jsa" -nt "$jar" ]; then
  printf '%s\n' "-XX:SharedArchiveFile=$jsa" "-Xlog:cds=off,cds+dynamic=off"
fi
for f in ${VSS_JAVA_OPTS:-}; do printf '%s\n' "$f"; done
printf '%s\n' "-Dvss.root=$root" -jar "$jar"
