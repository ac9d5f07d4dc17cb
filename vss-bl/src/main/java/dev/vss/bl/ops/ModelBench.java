// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.ops;

import dev.vss.dl.CompileOptions;
import dev.vss.dl.CompiledModel;
import dev.vss.dl.DlException;
import dev.vss.dl.ElementType;
import dev.vss.dl.Engine;
import dev.vss.dl.InferRequest;
import dev.vss.dl.Model;
import dev.vss.dl.PortInfo;
import dev.vss.dl.Shape;
import dev.vss.dl.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Measures one model on one engine: cold read+compile, read+compile from the compiled-model cache, first
 * inference, then latency percentiles and throughput of synchronous inference on one request (random input, as
 * OpenVINO's benchmark_app does). Peak RSS is the process high-water mark, reset before each model.
 */
public final class ModelBench {
    /** Result of one run; times in ms. */
    public record Result(double compileMs, double compileCachedMs, double firstInferMs, double p50Ms, double p90Ms,
            double meanMs, double throughputIps, long peakRssMb, Shape inputShape) {
    }

    private ModelBench() {
    }

    /** Static input shapes for each model input; dynamic dims become 640 (YuNet's native size). */
    static List<Shape> staticShapes(List<PortInfo> inputs) {
        List<Shape> shapes = new ArrayList<>();
        for (PortInfo p : inputs) {
            long[] d = p.shape().dims();
            for (int i = 0; i < d.length; i++) {
                if (d[i] < 0) {
                    d[i] = i == 0 ? 1 : (d.length == 4 && i == 1 ? 3 : 640);
                }
            }
            shapes.add(Shape.of(d));
        }
        return shapes;
    }

    public static Result run(Engine engine, Path model, CompileOptions options, int iterations, Runnable tick)
            throws DlException, IOException {
        resetPeakRss();
        long t0 = System.nanoTime();
        Model m = engine.readModel(model);
        List<Shape> shapes;
        CompiledModel cm;
        try {
            shapes = staticShapes(m.inputs());
            reshapeDynamic(m, shapes);
            cm = m.compile(options.toBuilder().optCacheDir(null).build());
        } finally {
            m.close();
        }
        double compileMs = ms(t0);
        double[] lat = new double[iterations];
        double firstMs;
        long total;
        try (cm; InferRequest r = cm.createRequest()) {
            Random rnd = new Random(42);
            for (int i = 0; i < shapes.size(); i++) {
                r.setInput(i, random(cm.inputs().get(i).type(), shapes.get(i), rnd));
            }
            long f0 = System.nanoTime();
            r.infer();
            firstMs = ms(f0);
            for (int i = 0; i < Math.max(10, iterations / 10); i++) {
                r.infer(); // warm-up, not counted
            }
            long all0 = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                long s = System.nanoTime();
                r.infer();
                lat[i] = ms(s);
                tick.run();
            }
            total = System.nanoTime() - all0;
        }
        double cachedMs = cachedCompile(engine, model, options, shapes);
        Arrays.sort(lat);
        double mean = Arrays.stream(lat).average().orElse(Double.NaN);
        return new Result(compileMs, cachedMs, firstMs, Stats.percentile(lat, 50), Stats.percentile(lat, 90), mean,
                iterations / (total / 1e9), peakRssMb(), shapes.get(0));
    }

    private static void reshapeDynamic(Model m, List<Shape> shapes) throws DlException {
        List<PortInfo> in = m.inputs();
        for (int i = 0; i < in.size(); i++) {
            if (in.get(i).shape().isDynamic()) {
                m.reshape(i, shapes.get(i));
            }
        }
    }

    /** Fills the cache once, then times read+compile served from it. */
    private static double cachedCompile(Engine engine, Path model, CompileOptions options, List<Shape> shapes)
            throws DlException, IOException {
        Path cache = Files.createTempDirectory("vss-bench-cache");
        try {
            CompileOptions o = options.toBuilder().optCacheDir(cache).build();
            for (int pass = 0; pass < 2; pass++) {
                long t0 = System.nanoTime();
                try (Model m = engine.readModel(model)) {
                    reshapeDynamic(m, shapes);
                    m.compile(o).close();
                }
                if (pass == 1) {
                    return ms(t0);
                }
            }
            throw new AssertionError();
        } finally {
            try (Stream<Path> s = Files.walk(cache)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static Tensor random(ElementType type, Shape shape, Random rnd) {
        Tensor t = Tensor.allocate(type, shape);
        ByteBuffer b = t.data();
        switch (type) {
            case F32 -> {
                var f = b.asFloatBuffer();
                while (f.hasRemaining()) {
                    f.put(rnd.nextFloat() * 255f);
                }
            }
            case F16 -> {
                float[] v = new float[(int) shape.elementCount()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = rnd.nextFloat() * 255f;
                }
                return Tensor.ofF16(v, shape.dims());
            }
            default -> {
                byte[] bytes = new byte[b.remaining()];
                rnd.nextBytes(bytes);
                b.put(bytes);
            }
        }
        return t;
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    /** Resets VmHWM (Linux: writing 5 to clear_refs); harmless elsewhere. */
    static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not Linux or not permitted: the peak then covers the whole process
        }
    }

    /** VmHWM of this process in MB, or -1 where /proc is absent. */
    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return -1;
    }
}
