#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Cold starts of every adapter through its local runtime, VSS_BENCH_RUNS fresh runtime JVMs each (default 3): the
# plain Lambda handler and the Spring route (real runtime interface client, built zips + layers, s3proxy), the GCP storage
# function (java-function-invoker, GCS emulator) and the Azure Event Grid function (worker stand-in, Azurite).
# Holds /tmp/vss-bench.lock while measuring so that benchmarks on a shared machine do not overlap.
# Prints the machine, its load, one JSON line per start, and the medians.
# Usage: [VSS_BENCH_RUNS=N] scripts/bench/adapters-cold-start.sh
set -euo pipefail
case ${1:-} in -h|--help) sed -n '2,/^set -/s/^# \{0,1\}//p' "$0" | grep -v '^SPDX'; exit 0 ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${VSS_BENCH_RUNS:-3}
cd "$root"
"$root/scripts/install/openvino.sh" >/dev/null
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; $(date -u +%FT%TZ)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
flock /tmp/vss-bench.lock mvn -B -q verify -pl adapter-spring,adapter-gcp,adapter-azure -am \
  -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dit.test='SpringLambdaColdStartBench,GcpColdStartBench,AzureColdStartBench' -Dvss.bench.runs="$runs"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat adapter-spring/target/cold-start.jsonl adapter-gcp/target/cold-start.jsonl adapter-azure/target/cold-start.jsonl \
  | tee target-cold-start.jsonl.tmp
python3 - target-cold-start.jsonl.tmp <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print("| adapter | runtime | starts | runtime ready ms | vss pipeline init ms | first invocation ms | start → first response ms (min–max) |")
print("|---|---|---:|---:|---:|---:|---:|")
for a in dict.fromkeys(r["adapter"] for r in rows):
    rs = [r for r in rows if r["adapter"] == a]
    med = lambda k: statistics.median(r[k] for r in rs)
    t = [r["total_ms"] for r in rs]
    print(f"| {a} | {rs[0]['runtime']} | {len(rs)} | {med('init_ms'):,.0f} | {med('pipeline_init_ms'):,.0f} "
          f"| {med('first_invocation_ms'):,.0f} | {med('total_ms'):,.0f} ({min(t):,.0f}–{max(t):,.0f}) |")
print("(medians)")
PY
rm -f target-cold-start.jsonl.tmp
