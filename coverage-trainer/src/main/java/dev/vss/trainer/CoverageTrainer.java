// SPDX-License-Identifier: Apache-2.0
package dev.vss.trainer;

import dev.vss.dl.CompileOptions;
import dev.vss.dl.DlException;
import dev.vss.dl.Engine;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.HlaException;
import dev.vss.hla.ModelContext;
import dev.vss.hla.coverage.CoverageFeatures;
import dev.vss.hla.coverage.CoverageHead;
import dev.vss.hla.coverage.FeatureExtractor;
import dev.vss.models.ModelCatalog;
import dev.vss.models.ModelRepository;
import dev.vss.models.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Trains the camera-coverage head reproducibly: synthesizes covered and clear variants of the shared real images
 * ({@link Variant}: hand, sticker, spray, defocus, dark, overexposed, wall; original, photometric, crop/flip, noise,
 * soft, partial occluder), extracts the detector's features, picks the backbone classes that rise most on covered
 * frames, fits a class-balanced L2 logistic regression, and measures TPR/FPR on variants of HELD-OUT images that
 * training never saw. Generated frames stay in memory.
 *
 * <p>Deterministic: every generated frame draws from its own generator seeded by (seed, image, variant, index), so
 * the result does not depend on thread scheduling; the fit is Newton's method. The backbone runs at f32 inference
 * precision so that machines with and without bf16 support agree.
 *
 * <pre>{@code
 * // what `vss train coverage` does
 * CoverageTrainer.Result r = CoverageTrainer.train(context, imagesDir, CoverageTrainer.Config.defaults(),
 *         System.err::println);
 * r.head().write(Path.of("vss-hla/src/main/resources/dev/vss/hla/coverage/coverage-head.txt"));
 * }</pre>
 *
 * <p>Command line: {@code java -cp <vss-hla + dependencies> dev.vss.trainer.CoverageTrainer [--images DIR]
 * [--out FILE] [--seed N]}; see {@link #main}.
 */
public final class CoverageTrainer {
    private CoverageTrainer() {
    }

    /**
     * What to train on and how. Image paths are relative to the shared images folder.
     *
     * @param seed                  the seed of every random choice
     * @param maxSide               source frames are area-reduced to at most this side before variants are made
     * @param trainImages           images whose variants train the head
     * @param heldOutImages         images whose variants only measure it (disjoint from {@code trainImages})
     * @param coveredPerType        covered variants per training image and covering type
     * @param clearPerType          clear variants per training image and clear type (plus the original, once)
     * @param heldOutCoveredPerType covered variants per held-out image and covering type
     * @param heldOutClearPerType   clear variants per held-out image and clear type (plus the original, once)
     * @param classFeatures         how many backbone classes become features
     * @param l2                    L2 penalty of the logistic regression
     * @param threshold             decision threshold written into the head
     */
    public record Config(long seed, int maxSide, List<String> trainImages, List<String> heldOutImages,
            int coveredPerType, int clearPerType, int heldOutCoveredPerType, int heldOutClearPerType,
            int classFeatures, double l2, double threshold) {
        public Config {
            trainImages = List.copyOf(Objects.requireNonNull(trainImages, "trainImages"));
            heldOutImages = List.copyOf(Objects.requireNonNull(heldOutImages, "heldOutImages"));
            if (trainImages.isEmpty()) {
                throw new IllegalArgumentException("trainImages: empty");
            }
            for (String h : heldOutImages) {
                if (trainImages.contains(h)) {
                    throw new IllegalArgumentException("heldOutImages: " + h + " is also a training image");
                }
            }
            if (maxSide < 32 || coveredPerType < 1 || clearPerType < 0 || heldOutCoveredPerType < 0
                    || heldOutClearPerType < 0 || classFeatures < 0) {
                throw new IllegalArgumentException("config: maxSide >= 32, coveredPerType >= 1, other counts >= 0;"
                        + " got " + maxSide + ", " + coveredPerType + ", " + clearPerType + ", "
                        + heldOutCoveredPerType + ", " + heldOutClearPerType + ", " + classFeatures);
            }
            if (!(l2 > 0) || !(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("config: l2 > 0 and 0 < threshold < 1; got " + l2 + ", "
                        + threshold);
            }
        }

        /**
         * The documented configuration of the shipped head. Split by file: held out are one image of each kind the
         * training set lacks (a squat pose, a sports shot, a cat, a facade with sky, a portrait, a two-person photo)
         * and the second frame of the surveillance camera.
         */
        public static Config defaults() {
            return new Config(20260101L, 320,
                    List.of("faces/obama.jpg", "faces/obama2.jpg", "faces/biden.jpg", "faces/group_face.jpg",
                            "people/basketball1.png", "people/basketball2.png", "people/vtest_frame0000.png",
                            "no_people/fruits.jpg", "no_people/building.jpg", "no_people/aero1.jpg",
                            "no_people/squirrel_cls.jpg", "no_people/hot_dog.jpg"),
                    List.of("people/squat.bmp", "people/vtest_frame0600.png", "people/messi5.jpg",
                            "faces/two_people.jpg", "faces/grace_hopper.bmp", "no_people/cat_720p.jpg",
                            "no_people/home.jpg"),
                    10, 6, 16, 10, 12, 0.01, 0.5);
        }

        /**
         * The configuration recorded in a head's {@code train.*} entries.
         *
         * @throws IllegalArgumentException if an entry is missing or malformed
         */
        public static Config fromHead(CoverageHead head) {
            Map<String, String> i = head.info();
            return new Config(Long.parseLong(req(i, "train.seed")), Integer.parseInt(req(i, "train.max_side")),
                    list(req(i, "train.images")), list(i.getOrDefault("train.heldout_images", "")),
                    Integer.parseInt(req(i, "train.covered_per_type")), Integer.parseInt(req(i, "train.clear_per_type")),
                    Integer.parseInt(req(i, "train.heldout_covered_per_type")),
                    Integer.parseInt(req(i, "train.heldout_clear_per_type")),
                    Integer.parseInt(req(i, "train.class_features")), Double.parseDouble(req(i, "train.l2")),
                    head.threshold());
        }

        private static String req(Map<String, String> m, String k) {
            String v = m.get(k);
            if (v == null) {
                throw new IllegalArgumentException("head: no " + k + " entry");
            }
            return v.trim();
        }

        private static List<String> list(String s) {
            return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s*,\\s*"));
        }

        Map<String, String> toInfo() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("train.seed", Long.toString(seed));
            m.put("train.max_side", Integer.toString(maxSide));
            m.put("train.images", String.join(",", trainImages));
            m.put("train.heldout_images", String.join(",", heldOutImages));
            m.put("train.covered_per_type", Integer.toString(coveredPerType));
            m.put("train.clear_per_type", Integer.toString(clearPerType));
            m.put("train.heldout_covered_per_type", Integer.toString(heldOutCoveredPerType));
            m.put("train.heldout_clear_per_type", Integer.toString(heldOutClearPerType));
            m.put("train.class_features", Integer.toString(classFeatures));
            m.put("train.l2", Double.toString(l2));
            m.put("train.coverings", String.join(",", Variant.coverings().stream().map(Variant::key).toList()));
            m.put("train.clear_variants", String.join(",", Variant.clears().stream().map(Variant::key).toList()));
            return m;
        }
    }

    /**
     * The outcome of a training run.
     *
     * @param head    the trained head, its {@code info()} holding the configuration and the metrics
     * @param metrics the same metrics as numbers ({@code heldout.tpr.hand}, {@code heldout.fpr}, ...)
     * @param seconds wall time of the run
     */
    public record Result(CoverageHead head, Map<String, Double> metrics, double seconds) {
        public Result {
            Objects.requireNonNull(head, "head");
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    /** One generated frame's features. */
    record Sample(String image, Variant variant, CoverageFeatures.Raw raw) {
    }

    /**
     * Trains a head on the configured images under {@code imagesDir} with the backbone
     * {@code ModelCatalog.load().defaultFor(Task.CLASSIFICATION)} loaded from {@code context}.
     *
     * @param log receives progress lines
     * @throws IOException  if an image cannot be read
     * @throws HlaException if the backbone cannot be loaded or run
     */
    public static Result train(ModelContext context, Path imagesDir, Config config, Consumer<String> log)
            throws HlaException, IOException {
        long t0 = System.nanoTime();
        String backbone = ModelCatalog.load().defaultFor(Task.CLASSIFICATION).id();
        Map<String, FloatImage> train = loadImages(imagesDir, config.trainImages(), config.maxSide());
        Map<String, FloatImage> held = loadImages(imagesDir, config.heldOutImages(), config.maxSide());
        try (FeatureExtractor fx = FeatureExtractor.load(context, backbone)) {
            log.accept("coverage: " + train.size() + " training, " + held.size() + " held-out images; backbone "
                    + backbone);
            List<Sample> samples = generate(fx, train, config.seed(), config.coveredPerType(), config.clearPerType());
            log.accept(String.format(Locale.ROOT, "coverage: %d training samples in %.1f s", samples.size(),
                    (System.nanoTime() - t0) / 1e9));

            List<String> names = new ArrayList<>(CoverageFeatures.STAT_NAMES);
            names.addAll(CoverageFeatures.CNN_NAMES);
            for (int k : selectClasses(samples, config.classFeatures())) {
                names.add(CoverageFeatures.className(k));
            }
            int[] src = CoverageFeatures.resolve(names, fx.classes());
            int n = samples.size();
            int d = names.size();
            double[][] x = new double[n][];
            int[] y = new int[n];
            int covered = 0;
            for (int i = 0; i < n; i++) {
                x[i] = CoverageFeatures.select(src, samples.get(i).raw());
                y[i] = samples.get(i).variant().covered() ? 1 : 0;
                covered += y[i];
            }
            double[] mean = new double[d];
            double[] std = new double[d];
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (double[] r : x) {
                    s += r[j];
                }
                mean[j] = s / n;
                double v = 0;
                for (double[] r : x) {
                    v += (r[j] - mean[j]) * (r[j] - mean[j]);
                }
                std[j] = Math.sqrt(v / n);
                // A constant feature would divide by zero; it then carries no information anyway.
                if (!(std[j] > 1e-9)) {
                    std[j] = 1;
                }
            }
            double[][] z = new double[n][d];
            double[] weight = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    z[i][j] = (x[i][j] - mean[j]) / std[j];
                }
                // Class-balanced: covered and clear frames weigh the same in total.
                weight[i] = y[i] == 1 ? 0.5 / covered : 0.5 / (n - covered);
            }
            double[] w = Logistic.fit(z, y, weight, config.l2(), 100);
            double[] weights = Arrays.copyOf(w, d);
            Map<String, String> info = config.toInfo();
            CoverageHead provisional = new CoverageHead(backbone, names, mean, std, weights, w[d],
                    config.threshold(), info);

            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("train.samples", (double) n);
            int correct = 0;
            for (int i = 0; i < n; i++) {
                boolean c = provisional.score(x[i]) >= config.threshold();
                correct += c == (y[i] == 1) ? 1 : 0;
            }
            metrics.put("train.accuracy", correct / (double) n);
            if (!held.isEmpty()) {
                List<Sample> eval = generate(fx, held, config.seed() + 1, config.heldOutCoveredPerType(),
                        config.heldOutClearPerType());
                metrics.putAll(rates("heldout", eval, provisional, src));
            }
            List<String> all = new ArrayList<>(config.trainImages());
            all.addAll(config.heldOutImages());
            double maxScore = 0;
            int flagged = 0;
            for (String rel : all) {
                double s = provisional.score(CoverageFeatures.select(src, fx.extract(read(imagesDir, rel))));
                maxScore = Math.max(maxScore, s);
                flagged += s >= config.threshold() ? 1 : 0;
            }
            metrics.put("originals.count", (double) all.size());
            metrics.put("originals.flagged", (double) flagged);
            metrics.put("originals.max_score", maxScore);
            for (var e : metrics.entrySet()) {
                String k = e.getKey();
                double v = e.getValue();
                boolean count = k.endsWith("samples") || k.endsWith("count") || k.endsWith("flagged");
                info.put("metrics." + k, count ? Long.toString(Math.round(v)) : String.format(Locale.ROOT, "%.4f", v));
            }
            CoverageHead head = new CoverageHead(backbone, names, mean, std, weights, w[d], config.threshold(), info);
            double seconds = (System.nanoTime() - t0) / 1e9;
            log.accept(String.format(Locale.ROOT, "coverage: trained in %.1f s; %s", seconds, metrics));
            return new Result(head, metrics, seconds);
        }
    }

    /**
     * Detection rates of {@code head} on samples: {@code <prefix>.tpr.<covering>}, {@code <prefix>.tpr},
     * {@code <prefix>.fpr.<clear variant>}, {@code <prefix>.fpr}, and the sample counts.
     */
    static Map<String, Double> rates(String prefix, List<Sample> samples, CoverageHead head, int[] src) {
        Map<String, int[]> per = new LinkedHashMap<>();
        for (Variant v : Variant.values()) {
            per.put(v.key(), new int[2]);
        }
        int[] pos = new int[2];
        int[] neg = new int[2];
        for (Sample s : samples) {
            boolean hit = head.score(CoverageFeatures.select(src, s.raw())) >= head.threshold();
            int[] c = per.get(s.variant().key());
            c[0] += hit ? 1 : 0;
            c[1]++;
            int[] t = s.variant().covered() ? pos : neg;
            t[0] += hit ? 1 : 0;
            t[1]++;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + ".covered_samples", (double) pos[1]);
        m.put(prefix + ".clear_samples", (double) neg[1]);
        m.put(prefix + ".tpr", pos[1] == 0 ? 0 : pos[0] / (double) pos[1]);
        for (Variant v : Variant.coverings()) {
            int[] c = per.get(v.key());
            m.put(prefix + ".tpr." + v.key(), c[1] == 0 ? 0 : c[0] / (double) c[1]);
        }
        m.put(prefix + ".fpr", neg[1] == 0 ? 0 : neg[0] / (double) neg[1]);
        for (Variant v : Variant.clears()) {
            int[] c = per.get(v.key());
            m.put(prefix + ".fpr." + v.key(), c[1] == 0 ? 0 : c[0] / (double) c[1]);
        }
        return m;
    }

    /**
     * The top {@code k} backbone classes by Fisher score of sqrt(probability) between covered and clear samples,
     * counting only classes that are more likely on covered frames (classes typical of one training scene would not
     * carry over to other cameras). Returned in class order.
     */
    static int[] selectClasses(List<Sample> samples, int k) {
        if (k == 0) {
            return new int[0];
        }
        int classes = samples.get(0).raw().probs().length;
        double[][] sum = new double[2][classes];
        double[][] sq = new double[2][classes];
        int[] count = new int[2];
        for (Sample s : samples) {
            int c = s.variant().covered() ? 1 : 0;
            count[c]++;
            float[] p = s.raw().probs();
            for (int j = 0; j < classes; j++) {
                double v = Math.sqrt(p[j]);
                sum[c][j] += v;
                sq[c][j] += v * v;
            }
        }
        double[] score = new double[classes];
        for (int j = 0; j < classes; j++) {
            double m1 = sum[1][j] / count[1];
            double m0 = sum[0][j] / count[0];
            double v1 = sq[1][j] / count[1] - m1 * m1;
            double v0 = sq[0][j] / count[0] - m0 * m0;
            score[j] = m1 > m0 ? (m1 - m0) * (m1 - m0) / (v1 + v0 + 1e-4) : 0;
        }
        return IntStream.range(1, classes).boxed()
                .filter(j -> score[j] > 0)
                .sorted(Comparator.comparingDouble((Integer j) -> -score[j]).thenComparingInt(j -> j))
                .limit(k).mapToInt(Integer::intValue).sorted().toArray();
    }

    /**
     * Features of every variant of every image: each covering {@code coveredPer} times, each clear variant
     * {@code clearPer} times and the original once. Runs in parallel; the order and values do not depend on it.
     */
    static List<Sample> generate(FeatureExtractor fx, Map<String, FloatImage> images, long seed, int coveredPer,
            int clearPer) throws HlaException {
        record Job(String image, Variant v, int index) {
        }
        List<Job> jobs = new ArrayList<>();
        for (String img : images.keySet()) {
            for (Variant v : Variant.values()) {
                int count = v == Variant.ORIGINAL ? 1 : v.covered() ? coveredPer : clearPer;
                for (int i = 0; i < count; i++) {
                    jobs.add(new Job(img, v, i));
                }
            }
        }
        try {
            return jobs.parallelStream().map(j -> {
                FloatImage f = Coverings.make(j.v(), images.get(j.image()), rng(seed, j.image(), j.v(), j.index()));
                try {
                    return new Sample(j.image(), j.v(), fx.extract(f.toImage()));
                } catch (HlaException e) {
                    throw new Wrapped(e);
                }
            }).toList();
        } catch (Wrapped w) {
            throw w.hla;
        }
    }

    /** The generator of one variant: a function of (seed, image, variant, index) only. */
    static SplittableRandom rng(long seed, String image, Variant v, int index) {
        long s = seed;
        s = s * 1_000_003L + image.hashCode();
        s = s * 1_000_003L + v.ordinal();
        s = s * 1_000_003L + index;
        return new SplittableRandom(s);
    }

    private static final class Wrapped extends RuntimeException {
        final HlaException hla;

        Wrapped(HlaException e) {
            super(e);
            this.hla = e;
        }
    }

    static Map<String, FloatImage> loadImages(Path dir, List<String> rels, int maxSide) throws IOException {
        Map<String, FloatImage> m = new LinkedHashMap<>();
        for (String rel : rels) {
            m.put(rel, FloatImage.fromImage(read(dir, rel), maxSide));
        }
        return m;
    }

    static Image read(Path dir, String rel) throws IOException {
        Path p = dir.resolve(rel);
        try {
            return Images.read(p);
        } catch (DlException e) {
            throw new IOException("cannot read training image " + p + ": " + e.getMessage(), e);
        }
    }

    /**
     * The shared images folder: {@code VSS_IMAGES_DIR}, else {@code <vss.root>/../shared/images} with {@code vss.root}
     * from the system property or the {@code VSS_ROOT} variable, else {@code ../shared/images} of the working
     * directory's checkout.
     */
    public static Path defaultImagesDir() {
        return dev.vss.models.Workspace.imagesDir();
    }

    /** Where the shipped head lives in a checkout (the default output of {@link #main}). */
    public static Path defaultHeadFile() {
        return repoRoot().resolve("vss-hla/src/main/resources/dev/vss/hla/coverage").resolve(CoverageHead.RESOURCE);
    }

    private static Path repoRoot() {
        Path start = dev.vss.models.BaseSettings.current().searchStart();
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("vss-hla"))) {
                return p;
            }
        }
        return start.toAbsolutePath().normalize();
    }

    /** Compile options for training and for checking a trained head: f32 precision, so every CPU agrees. */
    public static CompileOptions trainingOptions() {
        return CompileOptions.builder().optInferencePrecision("f32").build();
    }
}
