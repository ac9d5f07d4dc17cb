// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.runtime;

import dev.vss.bl.image.ErrorCode;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ImageResult;
import dev.vss.bl.image.ResultJson;
import dev.vss.dl.DlException;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.Box;
import dev.vss.hla.HlaException;
import dev.vss.hla.Keypoint;
import dev.vss.hla.Point;
import dev.vss.hla.coverage.CoverageReport;
import dev.vss.hla.face.Embedding;
import dev.vss.hla.face.Face;
import dev.vss.hla.face.Landmarks;
import dev.vss.hla.gallery.Match;
import dev.vss.hla.pipeline.Analyzer;
import dev.vss.hla.pipeline.FaceResult;
import dev.vss.hla.pipeline.ImageAnalysis;
import dev.vss.hla.pose.Pose;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The Java side of a request that needs no model, run on an init thread while the models compile: reading an event
 * (JSON tree), checking and decoding a camera-sized JPEG and a PNG, every stage's Java code
 * ({@link Analyzer#warmUpCode}) and writing result lines. A few rounds on frames of camera size load the classes and
 * make the JIT compile the per-pixel and per-symbol loops (the JPEG and PNG checks, the coverage statistics, pose
 * decoding), which the first request would otherwise run in the interpreter. Stateless; safe on any thread once
 * OpenCV's natives are loaded.
 */
public final class JavaWarmUp {
    private JavaWarmUp() {
    }

    /**
     * Rounds over the Java paths (the settings' warm-up rounds, set through {@link #setRounds}; default 1):
     * one camera-sized pass makes the JIT compile the loops (C1 compiles a method after ~200 calls and a loop after
     * ~60,000 iterations).
     */
    private static volatile int rounds = 1;

    /** Sets the rounds (the settings' {@code VSS_WARM_UP_ROUNDS}, installed before the first model loads). */
    public static void setRounds(int n) {
        rounds = n;
    }

    /** Runs every path {@link #rounds} times; returns the time it took, ms. */
    static double run() throws DlException, HlaException {
        long t0 = System.nanoTime();
        try {
            ResultJson.mapper().readTree("{\"Records\":[{\"eventSource\":\"aws:s3\",\"s3\":{\"bucket\":{\"name\":\"b\"},"
                    + "\"object\":{\"key\":\"cam%2F1.jpg\",\"size\":1}}}],\"n\":1.5,\"ok\":true,\"none\":null}");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("warm-up JSON does not parse", e);
        }
        Image frame = frame(1280, 720);
        byte[] jpeg = Images.encode(frame, ".jpg");
        byte[] png = Images.encode(Images.resize(frame, 640, 360), ".png");
        int n = rounds;
        for (int r = 0; r < n; r++) {
            Images.decode(jpeg, "warm-up.jpg", Images.maxPixels());
            Images.decode(png, "warm-up.png", Images.maxPixels());
            Analyzer.warmUpCode(frame);
        }
        int w = frame.width();
        int h = frame.height();
        List<Keypoint> kps = new ArrayList<>(Collections.nCopies(18, (Keypoint) null));
        kps.set(0, new Keypoint(10.25f, 20.5f, 0.9f));
        kps.set(1, new Keypoint(12f, 30f, 0.8f));
        Pose pose = new Pose(0.7f, new Box(1, 2, 30, 60), kps);
        List<Point> five = List.of(new Point(1, 1), new Point(5, 1), new Point(3, 3), new Point(2, 5), new Point(4, 5));
        Face face = new Face(new Box(2, 2, 20, 24), 0.99f, new Landmarks(five), new Embedding(new float[] {1, 0}, "m"),
                50, null);
        Face small = new Face(new Box(40, 2, 8, 8), 0.9f, null, null, 0, "TOO_SMALL");
        ImageAnalysis a = new ImageAnalysis(w, h, new CoverageReport(false, 0.01f, "luma_std"),
                List.of(dev.vss.hla.people.Person.of(pose, w, h)),
                List.of(new FaceResult(face, new Match("someone", 0.8f, "someone")), new FaceResult(small, null)),
                Map.of("coverage", 1.0, "pose", 2.0, "faces", 3.0, "total", 6.0), Map.of("pose", "m/FP16"));
        ResultJson.line(new ImageResult(new ImageRef("s3://b/cam/1.jpg", "cam", "2026-01-01T00:00:00Z", "r1"), a,
                null, null, true, 1.5));
        ResultJson.line(ImageResult.failed(ImageRef.of("x.jpg"), ErrorCode.DECODE_FAILED, "warm-up", true));
        return (System.nanoTime() - t0) / 1e6;
    }

    /** A textured BGR frame (gradients, a checkerboard, fine detail): compresses like a camera picture, not flat. */
    static Image frame(int w, int h) {
        // per-column terms in tables: this loop runs interpreted at a cold start, so it avoids per-pixel division
        int[] ramp = new int[w];
        int[] fine = new int[w];
        int[] tile = new int[w];
        for (int x = 0; x < w; x++) {
            ramp[x] = x * 255 / w;
            fine[x] = x * 31 % 23;
            tile[x] = x / 40;
        }
        byte[] bgr = new byte[w * h * 3];
        int i = 0;
        for (int y = 0; y < h; y++) {
            int rampY = y * 255 / h;
            int fineY = y * 17 % 23;
            int tileY = y / 40;
            for (int x = 0; x < w; x++, i += 3) {
                int detail = fine[x] + fineY;
                detail = detail >= 23 ? detail - 23 : detail; // (x * 31 + y * 17) % 23
                bgr[i] = (byte) (ramp[x] + detail);
                bgr[i + 1] = (byte) (rampY + detail);
                bgr[i + 2] = (byte) ((((tile[x] + tileY) & 1) * 120) + 60 + detail);
            }
        }
        return Images.fromBgr(bgr, w, h);
    }
}
