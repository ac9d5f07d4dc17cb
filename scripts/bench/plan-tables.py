#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Markdown tables of a `vss plan` result, for docs/paper-reproduction.md.

Usage: scripts/bench/plan-tables.py docs/plan/plan.json > docs/plan/tables.md
Regenerate the plan itself first (under the benchmark lock, ~15 min on 2 cores):
  flock /tmp/vss-bench.lock ./vss plan --out docs/plan
"""
import json, sys

PAPER_SIZES = [704, 1024, 1536, 1769, 2048, 3008]

def row(p, off, m, b, prec, init):
    for r in p["rows"]:
        if (r["offering"], r["memory_mb"], r["batch"], r["precision"], r["init"]) == (off, m, b, prec, init):
            return r
    return None

def money(v):
    return "—" if v is None else f"${v:.4f}"

def mark(r):
    return {"measured": " (m)", "extrapolated": " (x)"}.get(r["basis"], "") if r else ""

def main():
    p = json.load(open(sys.argv[1]))
    meta, prec = p["meta"], p["precision"]["chosen"]
    sizes = sorted({r["memory_mb"] for r in p["rows"] if r["offering"] == "aws-lambda-x86_64"})
    print(f"Plan of {meta['date'][:10]} on {meta['machine']['cpu']}, {meta['machine']['cores']} cores; "
          f"limits: {meta['limits']}; load average {meta['load_average_before']} before, "
          f"{meta['load_average_after']} after; {meta['duration_s']} s; {meta['sample_images']} images per "
          f"measured run; quick={meta['quick']}. (m) = measured under real limits, (x) = extrapolated, "
          f"else derived.\n")

    print("#### Precision (warm CPU ms per image, no CPU limit)\n")
    print("| precision | 1 thread | 2 threads |\n|---|---:|---:|")
    cal = {}
    for c in p["calibration"]:
        b = min(c["warm_request_by_batch"], key=int)
        cal.setdefault(c["precision"], {})[c["threads"]] = c["warm_request_by_batch"][b]["cpu_ms"] / int(b)
    for k, v in cal.items():
        print(f"| {k}{' (chosen)' if k == prec else ''} | {v.get(1, float('nan')):.1f} | {v.get(2, float('nan')):.1f} |")
    print(f"\nChoice: {p['precision']['reason']}.\n")

    print("#### Smallest memory (probes under real limits, 4 images each)\n")
    print("| memory MB | vCPU | ran | peak MB | message |\n|---:|---:|---|---:|---|")
    for q in p["memory_probes"]:
        print(f"| {q['memory_mb']} | {q['vcpu']} | {'yes' if q['ok'] else 'no'} | {q['peak_memory_mb']} | {q['message'] or ''} |")
    print(f"\nSmallest memory that ran: **{p['min_memory_mb']} MB**.\n")

    print("#### Measured under real limits vs derived\n")
    print("| memory MB | vCPU | batch | init | request ms measured | derived | cold start s measured | derived | CPU share obtained | contended |")
    print("|---:|---:|---:|---|---:|---:|---:|---:|---:|---|")
    for v in p["validation"]:
        print(f"| {v['memory_mb']} | {v['vcpu']} | {v['batch']} | {v['init']} | {v['measured_request_ms']} | "
              f"{v['derived_request_ms']} | {v['measured_cold_start_ms'] / 1000:.1f} | {v['derived_cold_start_ms'] / 1000:.1f} | "
              f"{v.get('cpu_share_obtained', '')} | {'yes' if v.get('contended') else 'no'} |")

    print(f"\n#### Fig. 2: USD per 10,000 images vs memory (AWS Lambda x86_64, {prec}, global init)\n")
    print("| memory MB | b1 today | b5 today | b10 today | b1 2020 rules | b5 2020 rules | b10 2020 rules |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for m in sizes:
        cells = []
        for off in ("aws-lambda-x86_64", "aws-lambda-x86_64-paper-2020"):
            for b in (1, 5, 10):
                r = row(p, off, m, b, prec, "global")
                cells.append("" if r is None else ("OOM" if r["status"] != "ok" else money(r["usd_per_10k_images"]) + mark(r)))
        print(f"| {m} | " + " | ".join(cells) + " |")
    for off, name in (("aws-lambda-x86_64-paper-2020", "2020 rules"), ("aws-lambda-x86_64", "today")):
        base = [row(p, off, m, 1, prec, "global") for m in (704, 1024, 1536)]
        base = [r["usd_per_10k_images"] for r in base if r and r["status"] == "ok"]
        if base:
            avg = sum(base) / len(base)
            inc = []
            for m in (2048, 3008):
                r = row(p, off, m, 1, prec, "global")
                if r and r["status"] == "ok":
                    inc.append(f"{m} MB {100 * (r['usd_per_10k_images'] / avg - 1):+.1f} %")
            print(f"\nBatch 1, {name}: cost vs the 704–1536 MB mean: {', '.join(inc)}.")

    print(f"\n#### Figs. 3/4: cold start vs memory (AWS Lambda share, {prec}, 1 image per request)\n")
    print("| memory MB | global: first response s | global: INIT s | local: first response s | local: every request s |")
    print("|---:|---:|---:|---:|---:|")
    for m in sizes:
        g, l = row(p, "aws-lambda-x86_64", m, 1, prec, "global"), row(p, "aws-lambda-x86_64", m, 1, prec, "local")
        if not g or g["status"] != "ok":
            print(f"| {m} | OOM | | | |")
            continue
        print(f"| {m} | {g['cold_start_ms'] / 1000:.1f}{mark(g)} | {g['init_ms'] / 1000:.1f} | "
              f"{l['cold_start_ms'] / 1000:.1f}{mark(l)} | {l['latency_ms'] / 1000:.2f} |")

    print(f"\n#### Fig. 5: minutes of compute for 10,000 images (one instance, {prec}, global init)\n")
    print("| memory MB | batch 1 | batch 5 | batch 10 |\n|---:|---:|---:|---:|")
    for m in sizes:
        cells = []
        for b in (1, 5, 10):
            r = row(p, "aws-lambda-x86_64", m, b, prec, "global")
            cells.append("OOM" if r["status"] != "ok" else f"{r['seconds_per_10k_images'] / 60:.1f}{mark(r)}")
        print(f"| {m} | " + " | ".join(cells) + " |")

    print("\n#### Recommended configuration per offering vs the managed service\n")
    print("| offering | memory MB | batch | init | USD per 10K images | minutes per 10K | cold start s | request ms | basis |")
    print("|---|---:|---:|---|---:|---:|---:|---:|---|")
    for off, r in p["recommended_by_offering"].items():
        print(f"| {off} | {r['memory_mb']} | {r['batch']} | {r['init']} | {money(r['usd_per_10k_images'])} | "
              f"{r['seconds_per_10k_images'] / 60:.1f} | {r['cold_start_ms'] / 1000:.1f} | {r['latency_ms']:.0f} | {r['basis']} |")
    print(f"| Amazon Rekognition (detection + search) | | | | ${p['managed']['usd_per_10k_images']:.2f} | | | | list price |")
    r = p["recommended"]
    if r:
        print(f"\n**Recommended**: {r['provider']} {r['architecture']}, {r['memory_mb']} MB, {r['batch']} image(s) per "
              f"request, {r['precision']}, {r['init']} init: {money(r['usd_per_10k_images'])} per 10,000 images vs "
              f"${r['managed_usd_per_10k_images']:.2f} for Rekognition "
              f"({r['managed_usd_per_10k_images'] / r['usd_per_10k_images']:.0f}x).")

if __name__ == "__main__":
    if sys.argv[1:2] in (["-h"], ["--help"]):
        sys.exit(print(__doc__.strip()))
    main()
