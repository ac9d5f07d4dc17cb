// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.opencv;

import dev.vss.dl.DlException;
import dev.vss.dl.InferRequest;
import dev.vss.dl.PortInfo;
import dev.vss.dl.Tensor;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper (to move to vss-hla): letterboxing for, and decoding of, YuNet 2023mar (face_detection_yunet_2023mar.onnx,
 * input f32 [1,3,640,640] BGR 0-255). Anchor-free: for stride s in {8,16,32} the grid has 640/s columns; cell i is at
 * row i / cols, column i % cols; score = sqrt(cls * obj) (each clamped to [0,1]); box centre (col + bbox0) * s,
 * (row + bbox1) * s, size exp(bbox2) * s × exp(bbox3) * s; landmark k at ((col + kps[2k]) * s, (row + kps[2k+1]) * s).
 * Then greedy NMS.
 */
final class YuNet {
    static final int SIZE = 640;
    static final int[] STRIDES = {8, 16, 32};

    /** A face in some coordinate frame: box (x, y, w, h), score and 5 landmarks (x0, y0, ..., x4, y4). */
    record Face(float score, float x, float y, float w, float h, float[] landmarks) {
        Face scaled(float f) {
            float[] l = landmarks.clone();
            for (int i = 0; i < l.length; i++) {
                l[i] /= f;
            }
            return new Face(score, x / f, y / f, w / f, h / f, l);
        }
    }

    /** An image scaled to fit 640×640 keeping its aspect ratio, padded with black right and bottom. */
    record Letterbox(Image image, float scale) {
    }

    private YuNet() {
    }

    static Letterbox letterbox(Image src) throws DlException {
        float scale = Math.min((float) SIZE / src.width(), (float) SIZE / src.height());
        int w = Math.round(src.width() * scale);
        int h = Math.round(src.height() * scale);
        Image resized = Images.resize(src, w, h);
        Image canvas = Image.allocate(SIZE, SIZE, 3);
        ByteBuffer dst = canvas.data();
        ByteBuffer from = resized.data();
        for (int y = 0; y < h; y++) {
            dst.put(y * SIZE * 3, from, y * w * 3, w * 3);
        }
        return new Letterbox(canvas, scale);
    }

    /** The network input: f32 [1,3,640,640], BGR, 0-255. */
    static Tensor input(Letterbox lb) throws DlException {
        return Images.toBlob(lb.image(), SIZE, SIZE, null, null, false);
    }

    /** All outputs of the last inference, by port name. */
    static Map<String, float[]> outputs(InferRequest request, List<PortInfo> ports) throws DlException {
        Map<String, float[]> m = new HashMap<>();
        for (PortInfo p : ports) {
            m.put(p.name(), request.output(p.index()).toFloatArray());
        }
        return m;
    }

    /** Faces in 640×640 input coordinates, score ≥ {@code minScore}, after NMS at {@code nmsIou}. */
    static List<Face> decode(Map<String, float[]> out, float minScore, float nmsIou) {
        List<Face> faces = new ArrayList<>();
        for (int s : STRIDES) {
            int cols = SIZE / s;
            int rows = SIZE / s;
            float[] cls = require(out, "cls_" + s, rows * cols);
            float[] obj = require(out, "obj_" + s, rows * cols);
            float[] bbox = require(out, "bbox_" + s, rows * cols * 4);
            float[] kps = require(out, "kps_" + s, rows * cols * 10);
            for (int i = 0; i < rows * cols; i++) {
                float score = (float) Math.sqrt(clamp(cls[i]) * clamp(obj[i]));
                if (score < minScore) {
                    continue;
                }
                int row = i / cols;
                int col = i % cols;
                float cx = (col + bbox[i * 4]) * s;
                float cy = (row + bbox[i * 4 + 1]) * s;
                float w = (float) Math.exp(bbox[i * 4 + 2]) * s;
                float h = (float) Math.exp(bbox[i * 4 + 3]) * s;
                float[] lm = new float[10];
                for (int k = 0; k < 5; k++) {
                    lm[2 * k] = (col + kps[i * 10 + 2 * k]) * s;
                    lm[2 * k + 1] = (row + kps[i * 10 + 2 * k + 1]) * s;
                }
                faces.add(new Face(score, cx - w / 2, cy - h / 2, w, h, lm));
            }
        }
        return nms(faces, nmsIou);
    }

    private static float[] require(Map<String, float[]> out, String name, int length) {
        float[] v = out.get(name);
        if (v == null || v.length != length) {
            throw new AssertionError("output " + name + ": " + (v == null ? "missing" : v.length + " values")
                    + ", expected " + length + "; outputs: " + out.keySet());
        }
        return v;
    }

    private static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }

    static List<Face> nms(List<Face> faces, float iouThreshold) {
        List<Face> sorted = new ArrayList<>(faces);
        sorted.sort(Comparator.comparingDouble(Face::score).reversed());
        List<Face> kept = new ArrayList<>();
        for (Face f : sorted) {
            boolean keep = true;
            for (Face k : kept) {
                if (iou(f, k) > iouThreshold) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(f);
            }
        }
        return kept;
    }

    static float iou(Face a, Face b) {
        float ix = Math.max(0, Math.min(a.x() + a.w(), b.x() + b.w()) - Math.max(a.x(), b.x()));
        float iy = Math.max(0, Math.min(a.y() + a.h(), b.y() + b.h()) - Math.max(a.y(), b.y()));
        float inter = ix * iy;
        float union = a.w() * a.h() + b.w() * b.h() - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
