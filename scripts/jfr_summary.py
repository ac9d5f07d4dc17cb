#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Where a JFR recording's samples went: Java execution samples and native-method samples (a thread inside JNA or
JNI, e.g. an OpenVINO compile) by thread, by top frame and by the innermost frame of a chosen package.

Record (1 ms sampling; JDK 17+):
  java -XX:StartFlightRecording=filename=/tmp/vss.jfr,settings=$PWD/scripts/sampling.jfc ... -jar vss-cli.jar analyze IMG
Then: scripts/jfr_summary.py /tmp/vss.jfr [--package dev.vss] [--top 25]
"""
import argparse
import collections
import json
import subprocess


def frames(ev):
    st = ev["values"].get("stackTrace") or {}
    return [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in st.get("frames", [])]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("jfr")
    ap.add_argument("--package", default="dev.vss", help="attribute each sample to the innermost frame of this package")
    ap.add_argument("--top", type=int, default=25)
    a = ap.parse_args()
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample,jdk.NativeMethodSample", a.jfr],
                         capture_output=True, text=True, check=True).stdout
    events = json.loads(out)["recording"]["events"]
    by_thread = collections.Counter()
    top = collections.Counter()
    ours = collections.Counter()
    inclusive = collections.Counter()
    pkg = a.package.replace(".", "/")  # JFR names types with slashes
    for ev in events:
        kind = "native" if ev["type"] == "jdk.NativeMethodSample" else "java"
        t = (ev["values"].get("sampledThread") or {}).get("javaName", "?")
        by_thread[(t, kind)] += 1
        fs = frames(ev)
        if not fs:
            continue
        top[(kind, fs[0])] += 1
        mine = next((f for f in fs if f.startswith(pkg)), None)
        ours[(kind, mine or "(outside " + a.package + ") " + fs[-1])] += 1
        for f in set(fs):
            if f.startswith(pkg):
                inclusive[f] += 1
    n = len(events)
    print(f"{n} samples")
    for title, c in (("by thread", by_thread), ("top frame", top), ("innermost " + a.package + " frame", ours),
                     (a.package + " inclusive", inclusive)):
        print(f"\n## {title}")
        for k, v in c.most_common(a.top):
            print(f"{v:6d} {100 * v / n:5.1f}%  {k}")


if __name__ == "__main__":
    main()
