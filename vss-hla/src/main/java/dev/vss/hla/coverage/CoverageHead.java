// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.coverage;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The trained classifier head of the camera-coverage detector: a logistic regression over standardized features,
 * its decision threshold, and the record of how it was trained (configuration and measured metrics), all in one
 * small text file of {@code key = value} lines ({@link java.util.Properties} syntax, written in a fixed order).
 *
 * <p>The shipped head is the resource {@value #RESOURCE} next to this class, produced by the coverage trainer
 * ({@code dev.vss.trainer.CoverageTrainer}).
 * Keys: {@code format}, {@code backbone} (catalog {@code name/precision}), {@code model} ({@code logistic}),
 * {@code features}, {@code mean}, {@code std}, {@code weights} (comma-separated, one per feature), {@code bias},
 * {@code threshold}, then free-form {@code train.*} and {@code metrics.*} entries.
 *
 * <pre>{@code
 * CoverageHead head = CoverageHead.loadDefault();
 * double p = head.score(features);          // features in head.features() order
 * boolean covered = p >= head.threshold();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CoverageHead {
    /** Name of the shipped head resource (in this package). */
    public static final String RESOURCE = "coverage-head.txt";
    /** The value of the {@code format} key this code reads. */
    public static final String FORMAT = "vss-coverage-head/1";

    private final String backbone;
    private final List<String> features;
    private final double[] mean;
    private final double[] std;
    private final double[] weights;
    private final double bias;
    private final double threshold;
    private final Map<String, String> info;

    /**
     * A head over {@code features}: a frame's score is {@code sigmoid(bias + Σ weights[i] * (x[i] - mean[i]) / std[i])}.
     *
     * @param backbone  catalog id ({@code name/precision}) of the backbone whose outputs the features use
     * @param features  feature names, see {@link #features()}
     * @param mean      per-feature mean for standardization
     * @param std       per-feature std (positive)
     * @param weights   per-feature weights on the standardized features
     * @param bias      the intercept
     * @param threshold a frame is covered when its score is at least this, in (0,1)
     * @param info      training configuration and metrics ({@code train.*}, {@code metrics.*}), kept in order
     * @throws IllegalArgumentException if the arrays' lengths differ from the feature count, a value is not finite, a
     *                                  std is not positive or the threshold is outside (0,1)
     */
    public CoverageHead(String backbone, List<String> features, double[] mean, double[] std, double[] weights,
            double bias, double threshold, Map<String, String> info) {
        this.backbone = requireText(backbone, "backbone");
        this.features = List.copyOf(Objects.requireNonNull(features, "features"));
        if (this.features.isEmpty()) {
            throw new IllegalArgumentException("features: empty");
        }
        int n = this.features.size();
        this.mean = check("mean", mean, n);
        this.std = check("std", std, n);
        this.weights = check("weights", weights, n);
        for (int i = 0; i < n; i++) {
            if (!(this.std[i] > 0)) {
                throw new IllegalArgumentException("std: value " + i + " (" + this.features.get(i) + ") is "
                        + this.std[i] + ", must be positive");
            }
        }
        if (!Double.isFinite(bias)) {
            throw new IllegalArgumentException("bias: " + bias + " is not finite");
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold: " + threshold + " is not in (0,1)");
        }
        this.bias = bias;
        this.threshold = threshold;
        Map<String, String> copy = new LinkedHashMap<>(Objects.requireNonNull(info, "info"));
        for (String k : copy.keySet()) {
            if (!k.startsWith("train.") && !k.startsWith("metrics.")) {
                throw new IllegalArgumentException("info: key '" + k + "' must start with train. or metrics.");
            }
        }
        this.info = Collections.unmodifiableMap(copy);
    }

    private static String requireText(String s, String name) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(name + ": missing");
        }
        return s.trim();
    }

    private static double[] check(String name, double[] v, int n) {
        Objects.requireNonNull(v, name);
        if (v.length != n) {
            throw new IllegalArgumentException(name + ": " + v.length + " values for " + n + " features");
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + ": value " + i + " is " + v[i]);
            }
        }
        return v.clone();
    }

    /**
     * The shipped head (the resource {@value #RESOURCE}).
     *
     * @throws IllegalStateException if the resource is missing or malformed (a build defect)
     */
    public static CoverageHead loadDefault() {
        InputStream in = CoverageHead.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("coverage head resource dev/vss/hla/coverage/" + RESOURCE
                    + " is not on the class path (broken vss-hla jar?)");
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(r, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid shipped coverage head: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a head file.
     *
     * @throws IllegalArgumentException naming the file and the problem if the content is malformed
     */
    public static CoverageHead load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        }
    }

    /** Parses the head format; {@code source} names the input in error messages. */
    public static CoverageHead parse(Reader reader, String source) throws IOException {
        // Properties would lose the order of train.* and metrics.*; read them again in file order below.
        StringBuilder text = new StringBuilder();
        char[] buf = new char[8192];
        for (int n = reader.read(buf); n >= 0; n = reader.read(buf)) {
            text.append(buf, 0, n);
        }
        Properties p = new Properties();
        p.load(new StringReader(text.toString()));
        try {
            String format = p.getProperty("format");
            if (!FORMAT.equals(format)) {
                throw new IllegalArgumentException("format: expected " + FORMAT + ", got " + format);
            }
            String model = p.getProperty("model");
            if (!"logistic".equals(model)) {
                throw new IllegalArgumentException("model: expected logistic, got " + model);
            }
            List<String> feats = Arrays.asList(required(p, "features").split("\\s*,\\s*"));
            Map<String, String> info = new LinkedHashMap<>();
            for (String line : text.toString().split("\n")) {
                String t = line.strip();
                int eq = t.indexOf('=');
                if (eq > 0 && (t.startsWith("train.") || t.startsWith("metrics."))) {
                    String k = t.substring(0, eq).strip();
                    info.put(k, p.getProperty(k));
                }
            }
            return new CoverageHead(required(p, "backbone"), feats, numbers(p, "mean"), numbers(p, "std"),
                    numbers(p, "weights"), number(p, "bias"), number(p, "threshold"), info);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(key + ": missing");
        }
        return v.trim();
    }

    private static double number(Properties p, String key) {
        try {
            return Double.parseDouble(required(p, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a number: " + p.getProperty(key));
        }
    }

    private static double[] numbers(Properties p, String key) {
        String[] parts = required(p, key).split("\\s*,\\s*");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": value " + i + " is not a number: " + parts[i]);
            }
        }
        return v;
    }

    /** The head in its file format (what {@link #parse} reads back). */
    public String format() {
        StringBuilder b = new StringBuilder();
        b.append("# vss camera-coverage head: logistic regression on standardized features.\n");
        b.append("# Written by dev.vss.trainer.CoverageTrainer; retrain instead of editing by hand.\n");
        b.append("format = ").append(FORMAT).append('\n');
        b.append("backbone = ").append(backbone).append('\n');
        b.append("model = logistic\n");
        b.append("threshold = ").append(num(threshold)).append('\n');
        b.append("features = ").append(String.join(",", features)).append('\n');
        b.append("mean = ").append(nums(mean)).append('\n');
        b.append("std = ").append(nums(std)).append('\n');
        b.append("weights = ").append(nums(weights)).append('\n');
        b.append("bias = ").append(num(bias)).append('\n');
        for (var e : info.entrySet()) {
            b.append(e.getKey()).append(" = ").append(e.getValue().replace("\n", " ")).append('\n');
        }
        return b.toString();
    }

    /** Writes {@link #format()} to {@code file} (UTF-8), creating parent directories. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, format(), StandardCharsets.UTF_8);
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.8g", v);
    }

    private static String nums(double[] v) {
        List<String> s = new ArrayList<>(v.length);
        for (double d : v) {
            s.add(num(d));
        }
        return String.join(",", s);
    }

    /** The probability that a frame with these features (in {@link #features()} order) is covered. */
    public double score(double[] x) {
        double z = bias;
        double[] c = contributions(x);
        for (double v : c) {
            z += v;
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** Each feature's additive share of the logit: {@code weights[i] * (x[i] - mean[i]) / std[i]}. */
    public double[] contributions(double[] x) {
        if (x.length != features.size()) {
            throw new IllegalArgumentException("x: " + x.length + " values for " + features.size() + " features");
        }
        double[] c = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            c[i] = weights[i] * (x[i] - mean[i]) / std[i];
        }
        return c;
    }

    /** Catalog id ({@code name/precision}) of the backbone the features come from. */
    public String backbone() {
        return backbone;
    }

    /**
     * Feature names in input order: the image statistics (e.g. {@code luma_mean}, {@code sharpness}), the backbone
     * summaries ({@code cnn_entropy}, {@code cnn_top1}, {@code cnn_top5}) and per-class features
     * {@code cnn_sqrtp_<class>} (square root of that class's probability).
     */
    public List<String> features() {
        return features;
    }

    /** Per-feature means used for standardization (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Per-feature standard deviations used for standardization (a copy). */
    public double[] std() {
        return std.clone();
    }

    /** Weights on the standardized features (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    /** The intercept of the logit. */
    public double bias() {
        return bias;
    }

    /** Scores at or above this mean covered. */
    public double threshold() {
        return threshold;
    }

    /** Training configuration ({@code train.*}) and measured metrics ({@code metrics.*}) in file order. */
    public Map<String, String> info() {
        return info;
    }

    /**
     * A numeric {@code metrics.*} or {@code train.*} entry.
     *
     * @throws IllegalArgumentException if it is absent or not a number
     */
    public double metric(String key) {
        String v = info.get(key);
        if (v == null) {
            throw new IllegalArgumentException("key: '" + key + "' not in the head; present: " + info.keySet());
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("key: '" + key + "' is not a number: " + v);
        }
    }

    @Override
    public String toString() {
        return "CoverageHead{" + backbone + ", " + features.size() + " features, threshold " + num(threshold) + "}";
    }
}
