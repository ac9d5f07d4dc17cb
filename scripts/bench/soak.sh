#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Soak: N analyses (default 10,000) in ONE `vss analyze` process under a memory cgroup (default 512 MB, cgroup v1
# memory controller; needs root), sampling the process's RSS and the cgroup's usage every 2 s. Inputs cycle over the
# 19 shared images, every 10th one a truncated JPEG (a DECODE_FAILED item), through symbolic links in one folder.
# Writes OUT/rss.csv (seconds, results written, VmRSS MB, cgroup usage MB), OUT/results.jsonl and OUT/summary.txt,
# and removes the cgroup it made. Usage: scripts/bench/soak.sh [N] [LIMIT_MB] [OUT]
set -euo pipefail
case ${1:-} in -h|--help) sed -n '2,/^set -/s/^# \{0,1\}//p' "$0" | grep -v '^SPDX'; exit 0 ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
n=${1:-10000}
limit=${2:-512}
out=${3:-$root/out/soak}
images=${VSS_IMAGES_DIR:-$root/../shared/images}
jar=$root/vss-cli/target/vss-cli.jar
[ -f "$jar" ] || (cd "$root" && "$root/scripts/install/openvino.sh" && mvn -B -q -DskipTests package -pl vss-cli -am)
cgroot=/sys/fs/cgroup/memory
[ -w "$cgroot" ] || { echo "soak: $cgroot is not writable (cgroup v1 memory controller and root needed)" >&2; exit 2; }

rm -rf "$out"
mkdir -p "$out/inputs" "$out/bad"
mapfile -t srcs < <(find "$images" -type f \( -name '*.jpg' -o -name '*.png' -o -name '*.bmp' \) | sort)
for s in "${srcs[@]}"; do # truncated copies: the data ends mid-scan, with an end marker appended
  case "$s" in *.jpg) b="$out/bad/$(basename "$s")"; size=$(stat -c %s "$s")
    { head -c $((size / 2)) "$s"; printf '\xff\xd9'; } > "$b";; esac
done
mapfile -t bads < <(find "$out/bad" -type f | sort)
for ((i = 0; i < n; i++)); do
  if ((i % 10 == 9)); then src=${bads[$((i / 10 % ${#bads[@]}))]}; else src=${srcs[$((i % ${#srcs[@]}))]}; fi
  ln -s "$src" "$out/inputs/$(printf '%06d' "$i")-$(basename "$src")"
done

cg=$cgroot/vss-soak-$$
mkdir "$cg"
echo $((limit * 1024 * 1024)) > "$cg/memory.limit_in_bytes"
[ -e "$cg/memory.memsw.limit_in_bytes" ] && echo $((limit * 1024 * 1024)) > "$cg/memory.memsw.limit_in_bytes" || true
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rmdir "$cg" 2>/dev/null || true
}
trap cleanup EXIT

start=$(date +%s)
: > "$out/results.jsonl"
( echo "$BASHPID" > "$cg/cgroup.procs"
  exec java ${VSS_JAVA_OPTS:-} -Dvss.root="$root" -jar "$jar" analyze "$out/inputs" \
    > "$out/results.jsonl" 2> "$out/stderr.log" ) &
pid=$!
echo "seconds,results,rss_mb,cgroup_mb" > "$out/rss.csv"
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  use=$(cat "$cg/memory.usage_in_bytes" 2>/dev/null || echo 0)
  lines=$(wc -l < "$out/results.jsonl" || echo 0)
  echo "$(( $(date +%s) - start )),$lines,$(( ${rss:-0} / 1024 )),$(( use / 1048576 ))" >> "$out/rss.csv"
  sleep 2
done
rc=0
wait "$pid" || rc=$?
pid=
failcnt=$(cat "$cg/memory.failcnt")
oom=$(grep -E '^oom_kill ' "$cg/memory.oom_control" 2>/dev/null | awk '{print $2}')
maxuse=$(( $(cat "$cg/memory.max_usage_in_bytes") / 1048576 ))
python3 - "$out" "$n" "$limit" "$rc" "$failcnt" "${oom:-0}" "$maxuse" <<'PY' | tee "$out/summary.txt"
import csv, json, sys
out, n, limit, rc, failcnt, oom, maxuse = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7]
rows = [r for r in csv.DictReader(open(out + "/rss.csv")) if int(r["rss_mb"]) > 0]
res = [json.loads(l) for l in open(out + "/results.jsonl") if l.strip()]
ok = sum(1 for r in res if r["ok"])
codes = {}
for r in res:
    if not r["ok"]:
        codes[r["error"]["code"]] = codes.get(r["error"]["code"], 0) + 1
def at(frac):
    want = n * frac
    for r in rows:
        if int(r["results"]) >= want:
            return r
    return rows[-1]
print(f"analyses: {len(res)} of {n} (ok {ok}, failed {codes}), exit {rc}, limit {limit} MB, "
      f"cgroup max usage {maxuse} MB, failcnt {failcnt}, oom kills {oom}, {rows[-1]['seconds']} s")
for frac in (0.05, 0.1, 0.25, 0.5, 0.75, 1.0):
    r = at(frac)
    print(f"  after {r['results']:>6} results ({int(frac * 100):>3}%): RSS {r['rss_mb']} MB, cgroup {r['cgroup_mb']} MB")
w = at(0.1)
tail = [int(r["rss_mb"]) for r in rows if int(r["results"]) >= int(w["results"])]
print(f"  RSS after warm-up (10%): min {min(tail)} MB, max {max(tail)} MB, last {tail[-1]} MB; growth {tail[-1] - int(w['rss_mb'])} MB")
PY
