#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The Python yardstick for vss's cold start: a plain OpenVINO script doing what `vss analyze IMAGE` does.

It imports openvino and cv2, compiles the models vss loads by default (coverage backbone; the people stage's body pose
at its own 456x256 input and reshaped to 64x128 for person crops, person detector and confirming person detector;
face detection, face landmarks, face re-identification: same files, same CPU plugin, same LATENCY hint), one after
the other as a plain script would, reads and decodes the image with OpenCV, runs each model once as the pipeline
does (coverage on the 128x128 area-reduced frame, pose on the letterboxed 456x256 frame and on one person crop, the
two detectors on the frame, face detection on 300x300, landmarks on each face's square crop, re-identification on
each aligned face) and prints one JSON line. It does less work than vss (no OpenPose grouping, no coverage
statistics, no gallery, no sha256 checks of the model files or of the cache), so it is a slightly easy yardstick
for Python. `--models five` keeps the five models of the pipeline before its people stage.

Run it in the venv that scripts/install/python-yardstick.sh makes (pinned openvino wheel, opencv-python-headless):
  .vss/pyvenv/bin/python scripts/yardstick/cold-start.py ../shared/images/faces/two_people.jpg [--cache-dir DIR]
scripts/bench/cli-cold-start.py times it from process start to its first output line, side by side with vss.
"""
import argparse
import json
import os
import sys
import time

import cv2
import numpy as np
import openvino as ov

MODELS = {  # the catalog defaults of vss (models/src/main/resources/dev/vss/models/catalog.tsv)
    "coverage": "tflite/mobilenet_v1_0.25_128_quant.tflite",
    "pose": "intel/human-pose-estimation-0001/FP16-INT8/human-pose-estimation-0001.xml",
    "face_detection": "intel/face-detection-retail-0004/FP16-INT8/face-detection-retail-0004.xml",
    "landmarks": "intel/landmarks-regression-retail-0009/FP16-INT8/landmarks-regression-retail-0009.xml",
    "reid": "intel/face-reidentification-retail-0095/FP16-INT8/face-reidentification-retail-0095.xml",
}
PEOPLE = {  # the people stage's detectors (hybrid method, FP16 as vss picks them)
    "person_detection": "intel/person-detection-retail-0013/FP16/person-detection-retail-0013.xml",
    "person_confirmation": "intel/person-detection-0200/FP16/person-detection-0200.xml",
}
# face-reidentification-retail-0095's 5-point template in [0,1] of its 128x128 input (Open Model Zoo)
TEMPLATE = np.array([[0.31556875, 0.4615741], [0.6826229, 0.4615741], [0.5002625, 0.6405054],
                     [0.3494719, 0.8246920], [0.6534365, 0.8246920]], np.float32) * 128


def nchw(img):
    return img.transpose(2, 0, 1)[None].astype(np.float32)


def face_square(det, w, h):
    """An SSD face detection (image, label, confidence, then the box relative to the frame) as a pixel box, and the
    square crop 1.2 times its longer side around its centre as (x, y, side): what both yardsticks give landmarks."""
    x0, y0, x1, y1 = det[3] * w, det[4] * h, det[5] * w, det[6] * h
    side = max(x1 - x0, y1 - y0) * 1.2
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return (x0, y0, x1, y1), (round(cx - side / 2), round(cy - side / 2), max(1, round(side)))


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("image")
    ap.add_argument("--models-dir", default=os.environ.get("VSS_MODELS_DIR", os.path.join(root, "..", "shared", "models")))
    ap.add_argument("--cache-dir", help="OpenVINO compiled-model cache (CACHE_DIR)")
    ap.add_argument("--threads", type=int, default=0, help="INFERENCE_NUM_THREADS (0: the plugin decides, as vss)")
    ap.add_argument("--models", choices=["all", "five"], default="all",
                    help="all: the models vss loads now; five: the pipeline before its people stage")
    a = ap.parse_args()
    t0 = time.monotonic()
    core = ov.Core()
    if a.cache_dir:
        core.set_property({"CACHE_DIR": a.cache_dir})
    config = {"PERFORMANCE_HINT": "LATENCY"}
    if a.threads > 0:
        config["INFERENCE_NUM_THREADS"] = a.threads
    models = {k: core.compile_model(os.path.join(a.models_dir, p), "CPU", config) for k, p in MODELS.items()}
    if a.models == "all":
        models.update({k: core.compile_model(os.path.join(a.models_dir, p), "CPU", config) for k, p in PEOPLE.items()})
        crop_pose = core.read_model(os.path.join(a.models_dir, MODELS["pose"]))
        crop_pose.reshape([1, 3, 128, 64])
        models["crop_pose"] = core.compile_model(crop_pose, "CPU", config)
    t1 = time.monotonic()

    img = cv2.imread(a.image, cv2.IMREAD_COLOR)
    if img is None:
        sys.exit(f"cannot read {a.image}")
    h, w = img.shape[:2]
    small = cv2.cvtColor(cv2.resize(img, (128, 128), interpolation=cv2.INTER_AREA), cv2.COLOR_BGR2RGB)
    probs = models["coverage"](small[None])[0][0]

    s = min(456 / w, 256 / h)
    cw, ch = max(1, round(w * s)), max(1, round(h * s))
    pad = np.full((256, 456, 3), 128, np.uint8)
    pad[:ch, :cw] = cv2.resize(img, (cw, ch))
    pose = models["pose"](nchw(pad))
    heat = next(v for v in pose.values() if v.shape[1] == 19)
    people = 0
    if a.models == "all":
        for k in PEOPLE:
            shape = models[k].input(0).shape
            d = models[k](nchw(cv2.resize(img, (shape[3], shape[2]))))[0].reshape(-1, 7)
            people += int((d[:, 2] > 0.5).sum())
        best = d[0] if len(d) else [0, 0, 0, 0.25, 0.1, 0.75, 0.9]
        x0, y0 = int(max(0, best[3]) * w), int(max(0, best[4]) * h)
        x1, y1 = max(x0 + 1, int(min(1, best[5]) * w)), max(y0 + 1, int(min(1, best[6]) * h))
        models["crop_pose"](nchw(cv2.resize(img[y0:y1, x0:x1], (64, 128))))

    dets = models["face_detection"](nchw(cv2.resize(img, (300, 300))))[0][0, 0]
    faces = []
    for det in dets:
        conf = det[2]
        if conf < 0.8:
            continue
        _, (x, y, n) = face_square(det, w, h)
        crop = cv2.warpAffine(img, np.float32([[1, 0, -x], [0, 1, -y]]), (n, n))
        lm = models["landmarks"](nchw(cv2.resize(crop, (48, 48))))[0].reshape(5, 2) * n + [x, y]
        m, _ = cv2.estimateAffinePartial2D(lm.astype(np.float32), TEMPLATE)
        aligned = cv2.warpAffine(img, m, (128, 128))
        emb = models["reid"](nchw(aligned))[0].reshape(-1)
        faces.append({"score": round(float(conf), 3), "norm": round(float(np.linalg.norm(emb)), 3)})
    t2 = time.monotonic()
    print(json.dumps({"image": a.image, "width": w, "height": h, "top_class": int(np.argmax(probs)),
                      "heatmap_max": round(float(heat[0, :18].max()), 3), "person_boxes": people, "faces": faces,
                      "compile_ms": round((t1 - t0) * 1000, 1), "first_request_ms": round((t2 - t1) * 1000, 1)}),
          flush=True)


if __name__ == "__main__":
    main()
