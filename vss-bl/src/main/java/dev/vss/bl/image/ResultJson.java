package dev.vss.bl.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vss.hla.Keypoint;
import dev.vss.hla.Point;
import dev.vss.hla.face.Face;
import dev.vss.hla.people.Person;
import dev.vss.hla.pipeline.FaceResult;
import dev.vss.hla.pipeline.ImageAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result contract (docs/result-contract.md): one JSON object per image, JSON Lines. Field names are stable; fields
 * are only ever added. No embedding is ever written. Thread-safe.
 */
public final class ResultJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ResultJson() {
    }

    /** The result as an ordered map (image, ok, error, width, height, coverage, people, faces, ...). */
    public static Map<String, Object> toMap(ImageResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", r.ref().uri());
        if (r.ref().camera() != null) {
            m.put("camera", r.ref().camera());
        }
        if (r.ref().timestamp() != null) {
            m.put("timestamp", r.ref().timestamp());
        }
        m.put("ok", r.ok());
        if (!r.ok()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("code", r.errorCode().name());
            e.put("message", r.errorMessage());
            m.put("error", e);
            m.put("cold_start", r.coldStart());
            return m;
        }
        m.put("error", null);
        ImageAnalysis a = r.analysis();
        m.put("width", a.width());
        m.put("height", a.height());
        if (a.coverage() != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("covered", a.coverage().covered());
            c.put("score", round(a.coverage().score(), 3));
            m.put("coverage", c);
        } else {
            m.put("coverage", null);
        }
        List<Object> people = new ArrayList<>();
        for (Person p : a.people()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("score", round(p.score(), 3));
            pm.put("box", p.box().toArray());
            List<Object> kps = new ArrayList<>();
            for (Keypoint k : p.keypoints()) {
                kps.add(k == null ? null : new float[] {round(k.x(), 1), round(k.y(), 1), round(k.score(), 3)});
            }
            pm.put("keypoints", kps);
            pm.put("found_by", p.foundBy().label()); // added field: "pose", "detector+pose" or "detector"
            people.add(pm);
        }
        m.put("people", people);
        List<Object> faces = new ArrayList<>();
        for (FaceResult fr : a.faces()) {
            Face f = fr.face();
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("score", round(f.score(), 3));
            fm.put("box", f.box().toArray());
            List<Object> lms = new ArrayList<>();
            if (f.landmarks() != null) {
                for (Point p : f.landmarks().points()) {
                    lms.add(new float[] {round(p.x(), 1), round(p.y(), 1)});
                }
            }
            fm.put("landmarks", lms);
            fm.put("identity", fr.match() == null ? null : fr.match().identity());
            fm.put("similarity", fr.match() == null ? null : round(fr.match().similarity(), 3));
            if (f.rejected() != null) {
                fm.put("rejected", f.rejected());
            }
            faces.add(fm);
        }
        m.put("faces", faces);
        m.put("cold_start", r.coldStart());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("decode", round(r.decodeMs(), 2));
        a.timingsMs().entrySet().stream().filter(e -> !e.getKey().equals("total"))
                .forEach(e -> t.put(e.getKey(), e.getValue()));
        t.put("total", round(r.decodeMs() + a.timingsMs().getOrDefault("total", 0.0), 2));
        m.put("timings_ms", t);
        m.put("models", new LinkedHashMap<>(new java.util.TreeMap<>(a.models())));
        return m;
    }

    /** One line of JSON, no trailing newline. */
    public static String line(ImageResult r) {
        try {
            return MAPPER.writeValueAsString(toMap(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("result not serialisable", e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static float round(double v, int digits) {
        double f = Math.pow(10, digits);
        return (float) (Math.round(v * f) / f);
    }
}
