#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The whole pipeline (coverage, people, faces, re-identification, gallery match) over N images in ONE process under
a cgroup-v1 memory limit, per variant (a build and its JVM flags and C-library settings), one after the other.

Each variant enrols Obama and Biden into its own gallery, then runs `vss analyze --gallery` over N images cycling
through the shared images, in a fresh memory cgroup (limit = the function size, no swap) that it removes afterwards,
and reports analyses ok/failed, the cgroup's peak usage and peak anonymous (rss) memory, memory.failcnt, OOM kills
and the wall time. Needs root and a writable /sys/fs/cgroup/memory.

Usage: flock /tmp/vss-bench.lock scripts/bench/memory.py [--images 1000] [--limit 256]
         [--variant 'LABEL::JAR::JVM FLAGS::ENV=V ENV2=V2' ...]
With no --variant: this checkout's CLI with the flags run-local gives a function of that size (FunctionSize) and with
the JVM's defaults.
"""
import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CG = "/sys/fs/cgroup/memory"
SIZED = ("-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx{heap}m -Xms16m "
         "-XX:MaxDirectMemorySize={heap}m -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=128m -Xss512k")
MALLOC = "MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=2097152 MALLOC_TRIM_THRESHOLD_=4194304"


def stat(cg, key):
    for line in open(os.path.join(cg, "memory.stat")):
        k, v = line.split()
        if k == key:
            return int(v)
    return 0


def run_variant(label, jar, flags, env_extra, images, limit, work):
    env = dict(os.environ)
    for kv in shlex.split(env_extra):
        k, v = kv.split("=", 1)
        env[k] = v
    gallery = os.path.join(work, "gallery-" + str(abs(hash(label))))
    env["VSS_GALLERY_KEY_FILE"] = os.path.join(work, "gallery.key")
    java = ["java", f"-Dvss.root={ROOT}", "-jar", jar]
    shared = os.environ.get("VSS_IMAGES_DIR", os.path.join(ROOT, "..", "shared", "images"))
    for who, f in (("obama", "faces/obama.jpg"), ("biden", "faces/biden.jpg")):
        subprocess.run(java + ["gallery", "add", "--gallery", gallery, who, os.path.join(shared, f)], env=env,
                       check=True, capture_output=True)
    cg = os.path.join(CG, f"vss-bench-memory-{os.getpid()}")
    os.mkdir(cg)
    try:
        with open(os.path.join(cg, "memory.limit_in_bytes"), "w") as f:
            f.write(str(limit << 20))
        if os.path.exists(os.path.join(cg, "memory.memsw.limit_in_bytes")):
            with open(os.path.join(cg, "memory.memsw.limit_in_bytes"), "w") as f:
                f.write(str(limit << 20))
        out = os.path.join(work, "results.jsonl")
        cmd = ["sh", "-c", f'echo $$ > {cg}/cgroup.procs && exec "$@"', "enter",
               "java"] + shlex.split(flags) + java[1:] + ["analyze", "--gallery", gallery, images]
        t0 = time.monotonic()
        with open(out, "w") as o, open(os.path.join(work, "stderr.log"), "w") as e:
            p = subprocess.Popen(cmd, stdout=o, stderr=e, env=env)
            peak_rss = 0
            while p.poll() is None:
                peak_rss = max(peak_rss, stat(cg, "total_rss"))
                time.sleep(0.2)
        secs = time.monotonic() - t0
        lines = [l for l in open(out) if l.strip()]
        ok = sum(1 for l in lines if '"ok":true' in l)
        oom = 0
        for line in open(os.path.join(cg, "memory.oom_control")):
            if line.startswith("oom_kill "):
                oom = int(line.split()[1])
        peak = int(open(os.path.join(cg, "memory.max_usage_in_bytes")).read()) >> 20
        failcnt = int(open(os.path.join(cg, "memory.failcnt")).read())
        return dict(label=label, exit=p.returncode, results=len(lines), ok=ok, peak_mb=peak, peak_rss_mb=peak_rss >> 20,
                    failcnt=failcnt, oom_kills=oom, seconds=round(secs, 1))
    finally:
        for _ in range(50):
            try:
                os.rmdir(cg)
                break
            except OSError:
                time.sleep(0.2)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--images", type=int, default=1000)
    ap.add_argument("--limit", type=int, default=256, help="memory limit, MB")
    ap.add_argument("--variant", action="append", default=[], help="LABEL::JAR::JVM FLAGS::ENV")
    a = ap.parse_args()
    if not os.access(CG, os.W_OK):
        sys.exit(f"{CG} is not writable (cgroup v1 memory controller and root needed)")
    jar = os.path.join(ROOT, "vss-cli", "target", "vss-cli.jar")
    heap = max(24, min(2048, a.limit // 10))
    variants = [tuple(v.split("::")) for v in a.variant] or [
        ("this checkout, JVM defaults", jar, "", ""),
        ("this checkout, sized for the function (FunctionSize, template.yaml)", jar, SIZED.format(heap=heap), MALLOC)]
    shared = os.environ.get("VSS_IMAGES_DIR", os.path.join(ROOT, "..", "shared", "images"))
    srcs = sorted(os.path.join(d, f) for d, _, fs in os.walk(shared) for f in fs
                  if f.lower().endswith((".jpg", ".png", ".bmp")))
    work = tempfile.mkdtemp(prefix="vss-memory-")
    rows = []
    try:
        images = os.path.join(work, "images")
        os.mkdir(images)
        for i in range(a.images):
            s = srcs[i % len(srcs)]
            os.symlink(s, os.path.join(images, f"{i:06d}-{os.path.basename(s)}"))
        for label, j, flags, env in variants:
            rows.append(run_variant(label, j, flags, env, images, a.limit, work))
            print(rows[-1], file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"Measured {time.strftime('%Y-%m-%d')} on {cpu}, {os.cpu_count()} cores: {a.images} images in one "
          f"`vss analyze --gallery` process under a {a.limit} MB cgroup-v1 memory limit (no swap).\n")
    print("| variant | exit | analyses ok / written | cgroup peak MB | peak anonymous MB | failcnt | OOM kills | s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['label']} | {r['exit']} | {r['ok']} / {r['results']} | {r['peak_mb']} | {r['peak_rss_mb']} | "
              f"{r['failcnt']} | {r['oom_kills']} | {r['seconds']} |")


if __name__ == "__main__":
    main()
