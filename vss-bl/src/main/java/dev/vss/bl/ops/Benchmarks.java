// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.ops;

import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.dl.CompileOptions;
import dev.vss.dl.DlException;
import dev.vss.dl.Engine;
import dev.vss.dl.PerformanceHint;
import dev.vss.dl.Shape;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.ModelContext;
import dev.vss.hla.eval.PeopleLabels;
import dev.vss.hla.eval.VtestFrames;
import dev.vss.hla.people.PeopleFinder;
import dev.vss.hla.people.PeopleMethod;
import dev.vss.hla.pipeline.Analyzer;
import dev.vss.models.CatalogEntry;
import dev.vss.models.Format;
import dev.vss.models.ModelException;
import dev.vss.models.ModelRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmarks behind {@code vss bench}: each model alone ({@link ModelsRun}), the people stage by method
 * ({@link #people}), and what the pipeline benchmark needs of a handler. Results are plain rows (maps of figures)
 * for the caller to print; nothing here prints.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    /** The performance hints {@code bench models --hint} takes. */
    public static List<String> hints() {
        return Arrays.stream(PerformanceHint.values()).map(Enum::name).toList();
    }

    /**
     * What {@code bench models} measures.
     *
     * @param engine             engine name (openvino, opencv)
     * @param model              catalog model name, or null for all
     * @param precision          precision to keep, or null for all
     * @param threads            inference threads (0 = engine default)
     * @param hint               performance hint name ({@link #hints()}, any case)
     * @param inferencePrecision f32, bf16, f16 or null (the device's)
     * @param iterations         timed inferences
     * @param benchmarkApp       also run OpenVINO's benchmark_app (openvino engine only)
     */
    public record ModelsOptions(String engine, String model, String precision, int threads, String hint,
            String inferencePrecision, int iterations, boolean benchmarkApp) {
        public ModelsOptions {
            if (iterations < 1) {
                throw new IllegalArgumentException("--iterations must be >= 1");
            }
        }
    }

    /** An open engine and the catalog models a {@code bench models} run measures, one row each. Not thread-safe. */
    public static final class ModelsRun implements AutoCloseable {
        private final ModelsOptions o;
        private final PerformanceHint hint;
        private final ModelRepository repo = ModelRepository.fromEnvironment();
        private final List<CatalogEntry> entries;
        private final CompileOptions options;
        private final Engine engine;

        private ModelsRun(ModelsOptions o) throws DlException {
            this.o = o;
            this.hint = PerformanceHint.valueOf(o.hint().toUpperCase(Locale.ROOT));
            this.entries = select(repo, o);
            this.options = CompileOptions.builder().optThreads(o.threads()).optHint(hint)
                    .optStreams(hint == PerformanceHint.NONE ? 1 : 0).optInferencePrecision(o.inferencePrecision())
                    .build();
            this.engine = Engine.newInstance(o.engine());
        }

        /** @throws IllegalArgumentException when no catalog model matches, or the hint is unknown */
        public static ModelsRun open(ModelsOptions o) throws DlException {
            return new ModelsRun(o);
        }

        public List<CatalogEntry> entries() {
            return entries;
        }

        /** The hint's canonical name. */
        public String hint() {
            return hint.name();
        }

        /** Engine name, version and the CPU as the engine names it. */
        public String engineName() {
            return engine.name();
        }

        public String engineVersion() {
            return engine.version();
        }

        public String device() throws DlException {
            return engine.deviceInfo("CPU");
        }

        /**
         * One model's row ({@code compile_ms}, {@code p50_ms}, ... or {@code error}); {@code tick} runs after each
         * timed inference.
         */
        public Map<String, Object> measure(CatalogEntry e, Runnable tick) throws InterruptedException {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", e.name());
            row.put("precision", e.precision());
            row.put("engine", engine.name());
            row.put("threads", o.threads());
            row.put("hint", hint.name());
            row.put("inference_precision", o.inferencePrecision());
            try {
                Path file = repo.resolve(e);
                ModelBench.Result r = ModelBench.run(engine, file, options, o.iterations(), tick);
                row.put("compile_ms", round4(r.compileMs()));
                row.put("compile_cached_ms", engine.name().equals("openvino") ? round4(r.compileCachedMs()) : null);
                row.put("first_infer_ms", round4(r.firstInferMs()));
                row.put("p50_ms", round4(r.p50Ms()));
                row.put("p90_ms", round4(r.p90Ms()));
                row.put("mean_ms", round4(r.meanMs()));
                row.put("throughput_ips", round4(r.throughputIps()));
                row.put("peak_rss_mb", r.peakRssMb());
                row.put("input_shape", r.inputShape().toString());
                if (o.benchmarkApp() && engine.name().equals("openvino")) {
                    BenchmarkApp.Result a = BenchmarkApp.run(file, r.inputShape(), e.input().isDynamic(), o.threads(),
                            o.inferencePrecision(), o.iterations());
                    row.put("benchmark_app_p50_ms", a.medianMs());
                    row.put("benchmark_app_throughput_ips", a.throughputFps());
                    row.put("ratio_p50", Math.round(r.p50Ms() / a.medianMs() * 1000) / 1000.0);
                }
            } catch (DlException | ModelException | IOException ex) {
                row.put("error", ex.getMessage().lines().findFirst().orElse(""));
            }
            return row;
        }

        @Override
        public void close() {
            engine.close();
        }

        private static List<CatalogEntry> select(ModelRepository repo, ModelsOptions o) {
            List<CatalogEntry> list = new ArrayList<>();
            for (CatalogEntry e : repo.catalog().entries()) {
                if (o.model() != null && !e.name().equals(o.model())) {
                    continue;
                }
                if (o.precision() != null && !e.precision().equalsIgnoreCase(o.precision())) {
                    continue;
                }
                if (o.engine().equalsIgnoreCase("opencv") && e.format() == Format.IR) {
                    continue; // OpenCV's build has no OpenVINO IR reader
                }
                list.add(e);
            }
            if (list.isEmpty()) {
                throw new IllegalArgumentException("no catalog model matches --model " + o.model() + " --precision "
                        + o.precision() + " for engine " + o.engine() + "; models: " + repo.catalog().names());
            }
            return list;
        }

        /** Four decimals: sub-0.1 ms models need them for a meaningful ratio. */
        private static double round4(double v) {
            return Math.round(v * 10000) / 10000.0;
        }
    }

    /**
     * What {@code bench people} measures.
     *
     * @param methods   people methods by name (any case)
     * @param rounds    passes over the frames, the first warm-up
     * @param threads   inference threads
     * @param precision precision where a model has it, or null
     * @param framesDir where extracted frames are kept
     * @param camera    the camera whose smallest person applies ({@link VssSettings#minPersonPx()}), or null
     */
    public record PeopleOptions(List<String> methods, int rounds, int threads, String precision, Path framesDir,
            String camera) {
        public PeopleOptions {
            if (rounds < 2) {
                throw new IllegalArgumentException("--rounds must be >= 2");
            }
            methods = List.copyOf(methods);
        }
    }

    /** The people benchmark: a header line's facts and one row per method. */
    public record PeopleBench(int frames, int rounds, int threads, String engine, List<Map<String, Object>> rows) {
    }

    /**
     * Times the people stage by method on the labelled vtest.avi frames (never the held-out split): the methods run
     * one after the other on each frame, round after round, so that a change of machine load hits them alike. Each
     * frame's smallest person is the settings' size for {@code o.camera()}.
     */
    public static PeopleBench people(PeopleOptions o, VssSettings settings) throws Exception {
        List<PeopleMethod> methods = o.methods().stream().map(Evaluation::method).toList();
        int minPx = settings.minPersonPx().forCamera(o.camera());
        var labels = PeopleLabels.vtest();
        var files = VtestFrames.extract(VtestFrames.video(), labels.frames(), o.framesDir(), false);
        List<Image> frames = new ArrayList<>();
        for (Path f : files.values()) {
            frames.add(Images.read(f));
        }
        List<PeopleFinder> finders = new ArrayList<>();
        try (Engine engine = Engine.newInstance("openvino")) {
            var ctx = new ModelContext(engine, ModelRepository.fromEnvironment(),
                    CompileOptions.builder().optThreads(o.threads()).optStreams(1).build());
            try {
                for (var m : methods) {
                    finders.add(PeopleFinder.builder(ctx).optMethod(m).optPrecision(o.precision()).build());
                }
                List<List<Double>> times = new ArrayList<>();
                List<Integer> people = new ArrayList<>();
                for (int i = 0; i < finders.size(); i++) {
                    times.add(new ArrayList<>());
                    people.add(0);
                }
                for (int r = 0; r < o.rounds(); r++) {
                    for (var img : frames) {
                        for (int i = 0; i < finders.size(); i++) {
                            long t0 = System.nanoTime();
                            int n = finders.get(i).find(img, minPx).size();
                            double ms = (System.nanoTime() - t0) / 1e6;
                            if (r > 0) {
                                times.get(i).add(ms);
                                people.set(i, people.get(i) + n);
                            }
                        }
                    }
                }
                int base = methods.indexOf(PeopleMethod.POSE);
                double baseP50 = base < 0 ? Double.NaN : median(times.get(base));
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int i = 0; i < finders.size(); i++) {
                    List<Double> t = times.get(i);
                    double p50 = median(t);
                    List<Double> sorted = new ArrayList<>(t);
                    Collections.sort(sorted);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("method", methods.get(i).name().toLowerCase(Locale.ROOT));
                    row.put("frames", frames.size());
                    row.put("rounds", o.rounds() - 1);
                    row.put("threads", o.threads());
                    row.put("p50_ms", round3(p50));
                    row.put("mean_ms", round3(t.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
                    row.put("p90_ms", round3(sorted.get((int) Math.min(sorted.size() - 1,
                            Math.round(0.9 * (sorted.size() - 1))))));
                    row.put("ratio_p50_to_pose", Double.isNaN(baseP50) ? null : round3(p50 / baseP50));
                    row.put("people_per_frame", round3(people.get(i) / (double) t.size()));
                    rows.add(row);
                }
                return new PeopleBench(frames.size(), o.rounds() - 1, o.threads(), engine.name() + " "
                        + engine.version() + " on " + engine.deviceInfo("CPU"), rows);
            } finally {
                finders.forEach(PeopleFinder::close);
            }
        }
    }

    /** Inferences run so far by each model of the handler's pipeline. */
    public static Map<String, Long> inferenceCounts(VssHandler h) throws Exception {
        return h.instance().withAnalyzer(Analyzer::inferenceCounts);
    }

    /** benchmark_app's median latency of each model of the handler's pipeline, at the settings' threads. */
    public static Map<String, Double> benchmarkAppMs(VssHandler h, int iterations) throws Exception {
        VssSettings settings = h.settings();
        ModelRepository repo = settings.modelsDir() != null ? new ModelRepository(settings.modelsDir())
                : ModelRepository.fromEnvironment();
        Map<String, Double> ms = new LinkedHashMap<>();
        for (CatalogEntry e : h.plan().entries()) {
            ms.put(e.id(), BenchmarkApp.run(repo.resolve(e), Shape.of(e.input().shape()), false, settings.threads(),
                    null, iterations).medianMs());
        }
        return ms;
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.isEmpty() ? Double.NaN : s.get(s.size() / 2);
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
