#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Runs `vss bench models` several times and writes the tables of docs/benchmarks.md from the medians.

Usage: [VSS_BENCH_RUNS=3] scripts/bench/models-report.py [--iterations 200] > docs/bench/report.md
Raw JSON Lines of every run go to docs/bench/raw/. Java and benchmark_app run back to back inside each run, so
each ratio compares measurements taken seconds apart; the median over runs damps the machine's noise.
"""
import argparse, json, os, platform, statistics, subprocess, sys, datetime

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

def run(args, tag, i):
    out = subprocess.run([os.path.join(root, "vss"), "bench", "models", "--json"] + args,
                         capture_output=True, text=True)
    os.makedirs(os.path.join(root, "docs/bench/raw"), exist_ok=True)
    with open(os.path.join(root, "docs/bench/raw", f"{tag}-{i}.jsonl"), "w") as f:
        f.write(out.stdout)
    return [clean(json.loads(l)) for l in out.stdout.splitlines() if l.strip()]

def clean(r):
    # error texts carry the models folder: keep this machine's paths out of the docs
    if "error" in r:
        r["error"] = r["error"].replace(os.path.realpath(os.path.join(root, "..", "shared", "models")), "$VSS_MODELS_DIR")
    return r

def med(rows, key):
    vals = [r[key] for r in rows if r.get(key) is not None]
    return statistics.median(vals) if vals else None

def fmt(v, nd=2):
    return "–" if v is None else f"{v:.{nd}f}"

# (heading, key, decimals) of each measured column; the Java / benchmark_app ratio is printed in bold
OPENVINO_COLUMNS = (("read+compile ms (cold)", "compile_ms", 1), ("read+compile ms (cache)", "compile_cached_ms", 1),
                    ("first inference ms", "first_infer_ms", 1), ("p50 ms", "p50_ms", 3), ("p90 ms", "p90_ms", 3),
                    ("images/s", "throughput_ips", 0), ("peak RSS MB", "peak_rss_mb", 0),
                    ("benchmark_app p50 ms", "benchmark_app_p50_ms", 3), ("Java / benchmark_app", "ratio_p50", 3))
OPENCV_COLUMNS = (("read+compile ms", "compile_ms", 1), ("first inference ms", "first_infer_ms", 1),
                  ("p50 ms", "p50_ms", 3), ("p90 ms", "p90_ms", 3), ("images/s", "throughput_ips", 0),
                  ("peak RSS MB", "peak_rss_mb", 0))

def table(runs, labels, columns, error_width):
    """One Markdown row per model: the medians over the runs, or the first run's error."""
    print("| " + " | ".join(("model",) + labels + tuple(c[0] for c in columns)) + " |")
    print("|---|" + "---|" * len(labels) + "---:|" * len(columns))
    for k, first in enumerate(runs[0]):
        rows = [r[k] for r in runs]
        head = "| " + " | ".join([first["model"]] + [first[l] for l in labels]) + " | "
        if "error" in first:
            print(head + f"error: {first['error'][:error_width]}… " + "|" * len(columns) + (" " if labels else ""))
            continue
        cells = [fmt(med(rows, key), nd) for _, key, nd in columns]
        if columns[-1][1] == "ratio_p50":
            cells[-1] = f"**{cells[-1]}**"
        print(head + " | ".join(cells) + " |")

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 epilog="runs: VSS_BENCH_RUNS (default 3), the run count of every bench script")
    ap.add_argument("--iterations", type=int, default=200)
    a = ap.parse_args()
    a.repeats = int(os.environ.get("VSS_BENCH_RUNS", 3))  # the one run count of every bench script
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"Measured {datetime.date.today()} on {cpu}, {os.cpu_count()} cores, "
          f"{round(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30)} GiB, {platform.system()}; "
          f"median of {a.repeats} runs of {a.iterations} timed inferences each.\n")
    for threads in (2, 1):
        runs = [run(["--threads", str(threads), "--iterations", str(a.iterations), "--benchmark-app"], f"openvino-t{threads}", i)
                for i in range(a.repeats)]
        print(f"### OpenVINO, {threads} thread(s), one stream, synchronous\n")
        table(runs, ("precision",), OPENVINO_COLUMNS, 90)
        ratios = [med([r[k] for r in runs], "ratio_p50") for k in range(len(runs[0])) if "error" not in runs[0][k]]
        print(f"\nJava / benchmark_app over all models: median {statistics.median(ratios):.3f}, "
              f"max {max(ratios):.3f}, min {min(ratios):.3f}.\n")
    runs = [run(["--engine", "opencv", "--threads", "2", "--iterations", str(a.iterations)], "opencv-t2", i) for i in range(a.repeats)]
    print("### OpenCV DNN 4.9.0, 2 threads\n")
    table(runs, (), OPENCV_COLUMNS, 110)

if __name__ == "__main__":
    main()
