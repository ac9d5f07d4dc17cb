#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Runs `vss run-local` over the shared images for the cold-start and batch/memory tables of run-local's emulation
(docs/benchmarks-log.md; the figures under real limits come from `vss plan`).

Usage: scripts/bench/run-local-report.py > /tmp/faas.md   (about 3 minutes on 2 cores)
"""
import json, os, subprocess, sys, datetime

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
images = os.environ.get("VSS_IMAGES_DIR", os.path.join(root, "..", "shared", "images"))

def run(*args):
    # the built jar directly: `./vss` would rebuild first whenever a source is newer
    out = subprocess.run(["java", f"-Dvss.root={root}", "-jar", os.path.join(root, "vss-cli/target/vss-cli.jar"),
                          "run-local", "--json", *args, images],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)

def main():
    if not os.path.exists(os.path.join(root, "vss-cli/target/vss-cli.jar")):
        subprocess.run([os.path.join(root, "vss"), "--version"], check=True, capture_output=True)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"Measured {datetime.date.today()} on {cpu}, {os.cpu_count()} cores, with `scripts/bench/run-local-report.py`.\n")
    print("### Cold start: global vs local scope (2048 MB, batch 1, 19 images)\n")
    print("| init | invocations | cold starts | natives ms | model fetch ms | read+compile ms | warm-up ms | init total ms (p50) "
          "| handler ms per image | images/s incl. init | billed GB-s | USD per 1000 images |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for init in ("global", "lazy", "local"):
        s = run("--memory", "2048", "--batch", "1", "--init", init)
        p = s["init_phases_ms_mean"]
        print(f"| {init} | {s['invocations']} | {s['cold_starts']} | {p['natives']} | {p['model_fetch']} | {p['read_compile']} "
              f"| {p['warmup']} | {s['init_ms_p50']} | {s['stage_ms_mean'].get('total', 0) + s['stage_ms_mean'].get('decode', 0):.1f} "
              f"| {s['images_per_s']} | {s['billed_gb_s']} | {s['cost_usd_per_1000_images']} |")
    s = run("--memory", "2048", "--batch", "1", "--init", "global", "--no-prime")
    print(f"\nWithout the priming inference (global, 2048 MB): init {s['init_ms_p50']} ms, "
          f"first-request stage times folded into the first call.\n")
    print("### Batch size and memory (global scope, 57 events' worth of images: the 19 shared images x 3)\n")
    print("| memory MB | vCPU | threads | batch | invocations | images/s (warm) | billed GB-s | USD per 1000 images |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for mem in (704, 1024, 1769, 2048, 3008):
        for batch in (1, 5, 10):
            s = run("--memory", str(mem), "--batch", str(batch), "--init", "global", "--repeat", "3")
            print(f"| {mem} | {s['vcpu']} | {s['threads']} | {batch} | {s['invocations']} | {s['warm_images_per_s']} "
                  f"| {s['billed_gb_s']} | {s['cost_usd_per_1000_images']} |")
    print("\n### Batch size under local scope (2048 MB)\n")
    print("| batch | invocations | init ms p50 | images/s incl. init | billed GB-s | USD per 1000 images |")
    print("|---:|---:|---:|---:|---:|---:|")
    for batch in (1, 5, 10):
        s = run("--memory", "2048", "--batch", str(batch), "--init", "local")
        print(f"| {batch} | {s['invocations']} | {s['init_ms_p50']} | {s['images_per_s']} | {s['billed_gb_s']} "
              f"| {s['cost_usd_per_1000_images']} |")

if __name__ == "__main__":
    if sys.argv[1:2] in (["-h"], ["--help"]):
        sys.exit(print(__doc__.strip()))
    main()
