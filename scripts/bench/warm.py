#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Warm per-image figures side by side: `vss bench pipeline` (the whole function path after init, the first request
against warm ones, the models each image ran against their benchmark_app latencies) and scripts/yardstick/omz-demos.py (the
per-frame work of Open Model Zoo's Python demos), alternately in the same run, on the shared images.

Usage (under the bench lock; see docs/benchmarks.md):
  flock /tmp/vss-bench.lock [VSS_BENCH_RUNS=3] scripts/bench/warm.py [--rounds 20] [--boost] [--java-opts '-XX:...']
Each run is a fresh process of each side; the figures are the medians over the runs. benchmark_app runs in the first
vss run only (its latencies are per model, not per run).
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BOOST = ["setsid", "-w", "bash", "-c", 'echo -20 > /proc/self/autogroup && exec "$@"', "boost"]


def java_command(extra):
    cmd = [x for x in subprocess.run([os.path.join(ROOT, "scripts", "java-command.sh")], capture_output=True,
                                     text=True, check=True).stdout.split("\n") if x]
    return cmd[:1] + shlex.split(extra) + cmd[1:]


def last_json(out):
    return json.loads([l for l in out.strip().split("\n") if l.startswith("{")][-1])


def load():
    return float(open("/proc/loadavg").read().split()[0])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 epilog="runs: VSS_BENCH_RUNS (default 3), the run count of every bench script")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--boost", action="store_true", help="measured processes at autogroup nice -20 (both sides)")
    ap.add_argument("--java-opts", default="", help="extra JVM flags for vss")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--vss-args", default="", help="extra `vss bench pipeline` options, e.g. '--people-method pose' "
                    "(the models the Open Model Zoo demos run)")
    a = ap.parse_args()
    a.runs = int(os.environ.get("VSS_BENCH_RUNS", 3))  # the one run count of every bench script
    subprocess.run([os.path.join(ROOT, "scripts", "install", "python-yardstick.sh")], check=True)
    pre = BOOST if a.boost else []
    vss, omz, loads = [], [], []
    for r in range(a.runs):
        cmd = pre + java_command(a.java_opts) + ["bench", "pipeline", "--json", "--rounds", str(a.rounds)] \
            + shlex.split(a.vss_args)
        if a.threads:
            cmd += ["--threads", str(a.threads)]
        if r == 0:
            cmd.append("--benchmark-app")
        loads.append(load())
        vss.append(last_json(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout))
        ycmd = pre + [os.path.join(ROOT, ".vss", "pyvenv", "bin", "python"),
                      os.path.join(ROOT, "scripts", "yardstick", "omz-demos.py"), "--rounds", str(a.rounds)]
        if a.threads:
            ycmd += ["--threads", str(a.threads)]
        loads.append(load())
        omz.append(last_json(subprocess.run(ycmd, capture_output=True, text=True, check=True).stdout))
        print(f"run {r + 1}/{a.runs}: vss warm {vss[-1]['warm_ms_mean']} ms, CPU {vss[-1]['cpu_ms_mean']} ms; "
              f"OMZ-style CPU {omz[-1]['cpu_ms_mean']} ms; load {loads[-1]}", file=sys.stderr)
    med = lambda xs: statistics.median(xs)
    first = vss[0]
    models = first["models_ms_mean"]
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"Measured {time.strftime('%Y-%m-%d')} on {cpu}, {os.cpu_count()} cores; {a.runs} alternating runs of "
          f"{a.rounds} rounds over the shared images; load average {min(loads):.1f}-{max(loads):.1f}"
          f"{', measured processes at autogroup nice -20' if a.boost else ''}; vss JVM flags as ./vss"
          f"{' + ' + a.java_opts if a.java_opts else ''}{'; vss options ' + a.vss_args if a.vss_args else ''}.\n")
    print("| figure | vss | yardstick | ratio |")
    print("|---|---:|---:|---:|")
    w = med([v["warm_ms_mean"] for v in vss])
    print(f"| warm pipeline, wall ms per image (mean over images, median over runs) | {w:.2f} | "
          f"sum of benchmark_app latencies of the models each image ran: {models:.2f} | "
          f"**{w / models:.2f}** |")
    c = med([v["cpu_ms_mean"] for v in vss])
    o = med([y["cpu_ms_mean"] for y in omz])
    print(f"| CPU ms per image (all threads) | {c:.2f} | OMZ-style Python demos: {o:.2f} | **{c / o:.2f}** |")
    f = med([v["first_over_warm"] for v in vss])
    print(f"| first request after init / same image warm | {med([v['first_request_ms'] for v in vss]):.1f} ms / "
          f"{med([v['first_image_warm_ms'] for v in vss]):.1f} ms | | **{f:.2f}** |")
    print(f"\nbenchmark_app p50 ms per model (same threads): {json.dumps(first['benchmark_app_ms'])}")
    print(f"OMZ-style wall ms per image: {med([y['wall_ms_mean'] for y in omz]):.2f}")


if __name__ == "__main__":
    main()
