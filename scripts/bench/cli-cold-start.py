#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Cold start side by side: process start -> first result line, for vss and for the Python yardstick.

Each variant is a command that prints one result line on stdout for one image; the time from spawning the process
to that line is its cold start. Variants run interleaved (the order rotates every round), each with and without a
compiled-model cache that an earlier run filled, so that every ratio compares figures taken seconds apart. Prints a
Markdown table (medians, min-max, CPU seconds of the whole process, peak RSS) and the machine's load.

Usage (run it under the bench lock; see docs/benchmarks.md):
  flock /tmp/vss-bench.lock [VSS_BENCH_RUNS=7] scripts/bench/cli-cold-start.py [--image faces/two_people.jpg]
        [--variant 'LABEL::COMMAND' ...] [--no-cache-variants] [--json out.jsonl]
COMMAND is split like a shell line; {image}, {cache} (a per-variant cache folder) and {root} are filled in. With no
--variant: `vss` (the command ./vss runs, see scripts/java-command.sh) and `python` (scripts/yardstick/cold-start.py in
the venv of scripts/install/python-yardstick.sh).
"""
import argparse
import json
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def default_variants():
    java = subprocess.run([os.path.join(ROOT, "scripts", "java-command.sh")], capture_output=True, text=True,
                          check=True).stdout.split("\n")
    return [("vss", shlex.join(x for x in java if x) + " analyze {image}"),
            ("python", os.path.join(ROOT, ".vss", "pyvenv", "bin", "python") + " "
             + os.path.join(ROOT, "scripts", "yardstick", "cold-start.py") + " {image}")]


BOOST = []


def once(cmd):
    """Spawns cmd; returns (seconds to the first stdout line, CPU seconds, peak RSS MB, first line)."""
    cmd = BOOST + cmd
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = p.stdout.readline()
    t1 = time.monotonic()
    p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0 or not line.startswith("{"):
        raise RuntimeError(f"{' '.join(cmd)} failed ({p.returncode}): {line[:300]}")
    return t1 - t0, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, line


def load():
    return float(open("/proc/loadavg").read().split()[0])


def cpu_name():
    for l in open("/proc/cpuinfo"):
        if l.startswith("model name"):
            return l.split(":", 1)[1].strip()
    return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 epilog="runs: VSS_BENCH_RUNS (default 7), the run count of every bench script")
    ap.add_argument("--image", default="faces/two_people.jpg", help="relative to the shared images folder")
    ap.add_argument("--variant", action="append", default=[], help="LABEL::COMMAND")
    ap.add_argument("--no-cache-variants", action="store_true", help="only runs without a compiled-model cache")
    ap.add_argument("--cache-only", action="store_true", help="only runs with a filled compiled-model cache")
    ap.add_argument("--json", help="append raw measurements (JSON lines) to this file")
    ap.add_argument("--boost", action="store_true", help="run each measured process in its own session whose "
                    "scheduler autogroup gets nice -20 (Linux, root): on a machine shared with other work, the measured "
                    "process then gets the cores it would have on a quiet machine; every variant alike")
    a = ap.parse_args()
    a.runs = int(os.environ.get("VSS_BENCH_RUNS", 7))  # the one run count of every bench script
    if a.boost:
        BOOST[:] = ["setsid", "-w", "bash", "-c", 'echo -20 > /proc/self/autogroup && exec "$@"', "boost"]
    images = os.environ.get("VSS_IMAGES_DIR", os.path.join(ROOT, "..", "shared", "images"))
    image = os.path.join(images, a.image)
    variants = [tuple(v.split("::", 1)) for v in a.variant] or default_variants()
    work = tempfile.mkdtemp(prefix="vss-cold-")
    runs = []  # (label, cached, command)
    try:
        for label, cmd in variants:
            cache = os.path.join(work, "cache-" + str(len(runs)))
            fill = [x.format(image=image, cache=cache, root=ROOT) for x in shlex.split(cmd)]
            cached = fill + ["--cache-dir", cache]
            if not a.cache_only:
                runs.append((label, False, fill))
            if not a.no_cache_variants:
                once(cached)  # fills the cache
                runs.append((label, True, cached))
        res = {i: [] for i in range(len(runs))}
        loads = []
        for r in range(a.runs):
            order = list(range(len(runs)))
            order = order[r % len(order):] + order[:r % len(order)]
            for i in order:
                loads.append(load())
                t, cpu, rss, line = once(runs[i][2])
                res[i].append((t, cpu, rss))
                if a.json:
                    with open(a.json, "a") as f:
                        f.write(json.dumps({"label": runs[i][0], "cached": runs[i][1], "s": round(t, 4),
                                            "cpu_s": round(cpu, 3), "rss_mb": round(rss, 1), "load": loads[-1]}) + "\n")
            print(f"round {r + 1}/{a.runs} done, load {loads[-1]}", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    med = {i: statistics.median(x[0] for x in v) for i, v in res.items()}
    print(f"Measured {time.strftime('%Y-%m-%d')} on {cpu_name()}, {os.cpu_count()} cores; {a.runs} interleaved runs "
          f"each; load average {min(loads):.1f}-{max(loads):.1f} (median {statistics.median(loads):.1f})"
          f"{', measured processes at autogroup nice -20 (--boost)' if a.boost else ''}; image {a.image}.\n")
    print("| variant | compiled-model cache | start → first result s (median) | min-max s | CPU s (median) "
          "| peak RSS MB | vs python |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for i, (label, cached, _) in enumerate(runs):
        v = res[i]
        ref = [j for j, r in enumerate(runs) if r[0] == "python" and r[1] == cached]
        ratio = f"{med[i] / med[ref[0]]:.2f}" if ref else ""
        print(f"| {label} | {'filled' if cached else 'none'} | {med[i]:.3f} | {min(x[0] for x in v):.3f}-"
              f"{max(x[0] for x in v):.3f} | {statistics.median(x[1] for x in v):.2f} | "
              f"{statistics.median(x[2] for x in v):.0f} | {ratio} |")


if __name__ == "__main__":
    main()
