#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The per-image CPU yardstick: the work Open Model Zoo's Python demos do per frame, on the same images and models.

Open Model Zoo's human_pose_estimation_demo (OpenPose model wrapper: max-pool NMS of the heatmaps added to the
network, numpy top-k peaks with a quarter-cell refinement, numpy PAF scoring of every candidate limb, pose assembly in
Python) and face_recognition_demo (SSD face detector on a 300x300 resize, landmarks on each face crop resized to
48x48, alignment to the re-identification template with a similarity transform, re-identification, cosine match
against a gallery), plus the classification step that vss's coverage check runs (MobileNet on the 128x128 frame).
Written here after the demos' steps (their code is not vendored); each image is decoded once from memory with
OpenCV, as vss does. Models are compiled like vss compiles them (CPU, LATENCY hint).

Prints, per image, the median process CPU time and wall time over the rounds (all threads: OpenVINO's too), then a
JSON summary line. Run in the venv of scripts/install/python-yardstick.sh:
  .vss/pyvenv/bin/python scripts/yardstick/omz-demos.py [--rounds 20] [--threads N] [IMAGE|FOLDER ...]
"""
import argparse
import importlib.util
import json
import os
import statistics
import sys
import time

import cv2
import numpy as np
import openvino as ov
import openvino.opset8 as ops

# the cold-start yardstick's model list, alignment template and face crop (its file name is not a module name)
_spec = importlib.util.spec_from_file_location("cold_start", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                          "cold-start.py"))
_cold_start = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_cold_start)
MODELS, TEMPLATE, face_square = _cold_start.MODELS, _cold_start.TEMPLATE, _cold_start.face_square

LIMBS = ((1, 2), (1, 5), (2, 3), (3, 4), (5, 6), (6, 7), (1, 8), (8, 9), (9, 10), (1, 11), (11, 12), (12, 13), (1, 0),
         (0, 14), (14, 16), (0, 15), (15, 17), (2, 16), (5, 17))
PAF_X = (12, 20, 14, 16, 22, 24, 0, 2, 4, 6, 8, 10, 28, 30, 34, 32, 36, 18, 26)


def pose_model(core, path, config):
    """The OpenPose network with a 3x3 max-pool of the heatmaps as a third output (the demos' in-network NMS)."""
    m = core.read_model(path)
    outs = {r.input_value(0).get_partial_shape()[1].get_length(): r.input_value(0) for r in m.get_results()}
    heat, paf = outs[19], outs[38]
    pooled = ops.max_pool(heat, strides=[1, 1], dilations=[1, 1], pads_begin=[1, 1], pads_end=[1, 1],
                          kernel_shape=[3, 3])
    m2 = ov.Model([heat, pooled.output(0), paf], m.get_parameters(), "hpe")
    return core.compile_model(m2, "CPU", config)


def decode_poses(heat, pooled, pafs, max_points=100, thr=0.1):
    """Peaks (top-k of the max-pooled heatmaps, quarter-cell refinement), limbs scored on 10 PAF samples, assembly."""
    _, _, h, w = heat.shape
    nms = heat * (heat == pooled)
    flat = nms[0, :18].reshape(18, -1)
    ind = np.argpartition(flat, -max_points, axis=1)[:, -max_points:]
    scores = np.take_along_axis(flat, ind, axis=1)
    kpts, nid = [], 0
    for k in range(18):
        mask = scores[k] > thr
        y, x = np.divmod(ind[k][mask], w)
        s = scores[k][mask]
        x = x.astype(np.float32)
        y = y.astype(np.float32)
        hm = heat[0, k]
        ok = (x > 0) & (x < w - 1) & (y > 0) & (y < h - 1)
        xi, yi = x[ok].astype(int), y[ok].astype(int)
        x[ok] += np.sign(hm[yi, xi + 1] - hm[yi, xi - 1]) * 0.25
        y[ok] += np.sign(hm[yi + 1, xi] - hm[yi - 1, xi]) * 0.25
        p = np.stack([np.clip(x + 0.5, 0, w - 1), np.clip(y + 0.5, 0, h - 1), s, np.arange(nid, nid + len(s))], 1)
        nid += len(s)
        kpts.append(p.astype(np.float32))
    allk = np.concatenate(kpts) if nid else np.zeros((0, 4), np.float32)
    pafs = np.transpose(pafs[0], (1, 2, 0))
    grid = np.arange(10, dtype=np.float32).reshape(1, -1, 1)
    poses = []
    for (ka, kb), pc in zip(LIMBS, PAF_X):
        a, b = kpts[ka], kpts[kb]
        n, m = len(a), len(b)
        if n == 0 or m == 0:
            continue
        aa = np.broadcast_to(a[None, :, :2], (m, n, 2))
        vec = (b[:, None, :2] - aa).reshape(-1, 1, 2)
        pts = np.round(vec / 9 * grid + aa.reshape(-1, 1, 2)).astype(np.int32)
        field = pafs[pts[..., 1].ravel(), pts[..., 0].ravel(), pc:pc + 2].reshape(-1, 10, 2)
        unit = vec / (np.linalg.norm(vec, axis=-1, keepdims=True) + 1e-6)
        aff = (field * unit).sum(-1)
        valid = aff > 0.05
        nv = valid.sum(1)
        score = (aff * valid).sum(1) / (nv + 1e-6)
        good = np.where((score > 0) & (nv / 10 > 0.8))[0]
        used_a, used_b = set(), set()
        for t in good[np.argsort(-score[good])]:
            bi, ai = divmod(int(t), n)
            if ai in used_a or bi in used_b:
                continue
            used_a.add(ai)
            used_b.add(bi)
            ia, ib = int(a[ai, 3]), int(b[bi, 3])
            owner = [j for j, p in enumerate(poses) if p[ka] == ia or p[kb] == ib]
            if not owner:
                p = np.full(20, -1, np.float32)
                p[ka], p[kb], p[18], p[19] = ia, ib, allk[[ia, ib], 2].sum() + score[t], 2
                poses.append(p)
            else:
                p = poses[owner[0]]
                if p[kb] < 0:
                    p[18] += allk[ib, 2]
                    p[19] += 1
                if p[ka] < 0:
                    p[18] += allk[ia, 2]
                    p[19] += 1
                p[ka], p[kb] = ia, ib
                p[18] += score[t]
    return [p for p in poses if p[19] >= 3], allk


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--models-dir", default=os.environ.get("VSS_MODELS_DIR", os.path.join(root, "..", "shared", "models")))
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--warmup-rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=0)
    a = ap.parse_args()
    paths = a.paths or [os.environ.get("VSS_IMAGES_DIR", os.path.join(root, "..", "shared", "images"))]
    files = []
    for p in paths:
        if os.path.isdir(p):
            for d, _, fs in sorted(os.walk(p)):
                files += [os.path.join(d, f) for f in sorted(fs) if f.lower().endswith((".jpg", ".jpeg", ".png", ".bmp"))]
        else:
            files.append(p)
    core = ov.Core()
    config = {"PERFORMANCE_HINT": "LATENCY"}
    if a.threads > 0:
        config["INFERENCE_NUM_THREADS"] = a.threads
    md = a.models_dir
    cov = core.compile_model(os.path.join(md, MODELS["coverage"]), "CPU", config)
    pose = pose_model(core, os.path.join(md, MODELS["pose"]), config)
    det = core.compile_model(os.path.join(md, MODELS["face_detection"]), "CPU", config)
    lmk = core.compile_model(os.path.join(md, MODELS["landmarks"]), "CPU", config)
    reid = core.compile_model(os.path.join(md, MODELS["reid"]), "CPU", config)
    reqs = [m.create_infer_request() for m in (cov, pose, det, lmk, reid)]
    gallery = np.random.default_rng(1).standard_normal((2, 256)).astype(np.float32)
    gallery /= np.linalg.norm(gallery, axis=1, keepdims=True)
    bodies = [np.frombuffer(open(f, "rb").read(), np.uint8) for f in files]

    def one(body):
        img = cv2.imdecode(body, cv2.IMREAD_COLOR)
        h, w = img.shape[:2]
        small = cv2.cvtColor(cv2.resize(img, (128, 128), interpolation=cv2.INTER_AREA), cv2.COLOR_BGR2RGB)
        reqs[0].infer({0: small[None]})
        s = min(456 / w, 256 / h)
        cw, ch = max(1, round(w * s)), max(1, round(h * s))
        pad = np.full((256, 456, 3), 128, np.uint8)
        pad[:ch, :cw] = cv2.resize(img, (cw, ch))
        r = reqs[1].infer({0: pad.transpose(2, 0, 1)[None].astype(np.float32)})
        people, _ = decode_poses(r[0], r[1], r[2])
        dets = reqs[2].infer({0: cv2.resize(img, (300, 300)).transpose(2, 0, 1)[None].astype(np.float32)})[0][0, 0]
        out = []
        for det in dets:
            conf = det[2]
            if conf < 0.8:
                continue
            (x0, y0, x1, y1), (x, y, n) = face_square(det, w, h)
            if min(x1 - x0, y1 - y0) < 36:
                continue
            crop = cv2.warpAffine(img, np.float32([[1, 0, -x], [0, 1, -y]]), (n, n))
            lm = reqs[3].infer({0: cv2.resize(crop, (48, 48)).transpose(2, 0, 1)[None].astype(np.float32)})[0]
            lm = lm.reshape(5, 2) * n + [x, y]
            m, _ = cv2.estimateAffinePartial2D(lm.astype(np.float32), TEMPLATE)
            aligned = cv2.warpAffine(img, m, (128, 128))
            e = reqs[4].infer({0: aligned.transpose(2, 0, 1)[None].astype(np.float32)})[0].reshape(-1)
            sims = gallery @ (e / np.linalg.norm(e))
            out.append((float(conf), int(np.argmax(sims))))
        return len(people), out

    for _ in range(a.warmup_rounds):
        for b in bodies:
            one(b)
    cpu = [[] for _ in files]
    wall = [[] for _ in files]
    for _ in range(a.rounds):
        for i, b in enumerate(bodies):
            c0, t0 = time.process_time(), time.perf_counter()
            one(b)
            cpu[i].append((time.process_time() - c0) * 1000)
            wall[i].append((time.perf_counter() - t0) * 1000)
    rows = []
    for i, f in enumerate(files):
        rows.append({"image": os.path.basename(f), "cpu_ms": round(statistics.median(cpu[i]), 3),
                     "wall_ms": round(statistics.median(wall[i]), 3)})
        print(json.dumps(rows[-1]))
    print(json.dumps({"summary": True, "images": len(files), "rounds": a.rounds,
                      "cpu_ms_mean": round(statistics.mean(r["cpu_ms"] for r in rows), 3),
                      "wall_ms_mean": round(statistics.mean(r["wall_ms"] for r in rows), 3)}))


if __name__ == "__main__":
    main()
