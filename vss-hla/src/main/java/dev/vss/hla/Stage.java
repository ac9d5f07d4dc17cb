// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla;

import dev.vss.dl.CompiledModel;
import dev.vss.dl.DlException;
import dev.vss.dl.InferRequest;
import dev.vss.dl.Tensor;
import dev.vss.models.CatalogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One compiled model of a pipeline with a pool of infer requests, so that {@link #run} is thread-safe: each call
 * borrows a request (creating one when none is free) and returns it. Owns the compiled model and its requests.
 *
 * <p>Detectors call {@link #predict}, the one road from input to result (DJL's Predictor): the
 * {@link Translator} makes the tensor, the stage runs it, the translator reads the outputs; conversion errors are
 * mapped here, once.
 *
 * <pre>{@code
 * List<Detection> faces = stage.predict(new SsdTranslator(decoder, stage.imageInputSize()), image);
 * }</pre>
 */
public final class Stage implements AutoCloseable {
    /**
     * Passes of a stage's Java warm-up ({@code warmUpCode}) over model-sized inputs (128x128 coverage frames, 57x32
     * pose maps, 128x128 faces): C1 compiles a loop after ~60,000 iterations, so one pass would leave those loops
     * interpreted for the first requests (measured: coverage 20 ms in the first two requests, 5 ms after).
     */
    public static final int CODE_WARM_UP_PASSES = 5;

    private final CatalogEntry entry;
    private final CompiledModel compiled;
    private final ConcurrentLinkedQueue<InferRequest> idle = new ConcurrentLinkedQueue<>();
    private final List<InferRequest> all = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong inferences = new java.util.concurrent.atomic.AtomicLong();

    Stage(CatalogEntry entry, CompiledModel compiled) {
        this.entry = entry;
        this.compiled = compiled;
    }

    public CatalogEntry entry() {
        return entry;
    }

    /** "name/precision", as in the result's {@code models} field. */
    public String id() {
        return entry.id();
    }

    public CompiledModel compiled() {
        return compiled;
    }

    /**
     * {width, height} of input 0, a static 3-channel image input: NCHW [1, 3, h, w] (an IR as it is) or NHWC
     * [1, h, w, 3].
     *
     * @throws HlaException MODEL_UNAVAILABLE naming the input if it is not such an input
     */
    public int[] imageInputSize() throws HlaException {
        try {
            dev.vss.dl.Shape s = compiled.inputs().get(0).shape();
            if (s.rank() != 4 || s.isDynamic() || (s.dim(1) != 3 && s.dim(3) != 3)) {
                throw new HlaException(HlaErrorCode.MODEL_UNAVAILABLE, id() + ": expected a static [1,3,h,w] or "
                        + "[1,h,w,3] image input, got " + s);
            }
            return s.dim(1) == 3 ? new int[] {Math.toIntExact(s.dim(3)), Math.toIntExact(s.dim(2))}
                    : new int[] {Math.toIntExact(s.dim(2)), Math.toIntExact(s.dim(1))};
        } catch (DlException e) {
            throw new HlaException(HlaErrorCode.MODEL_UNAVAILABLE, id() + ": " + e.getMessage(), e);
        }
    }

    /** Inferences run so far (warm-ups included): lets benchmarks see which models an image actually ran. */
    public long inferences() {
        return inferences.get();
    }

    /** {@code translator}'s result for {@code input}: its input tensor, this model, its output. */
    public <I, O> O predict(Translator<I, O> translator, I input) throws HlaException {
        return predict(translator, input, null);
    }

    /**
     * As {@link #predict(Translator, Object)}, writing the nanoseconds of processInput, the model and processOutput
     * into {@code nanos[0..2]} when it is not null (the caller's array: nothing is allocated for timings).
     *
     * @throws HlaException BAD_IMAGE if the input cannot be converted, INFERENCE_FAILED if the model fails, or what
     *                      the translator throws
     */
    public <I, O> O predict(Translator<I, O> translator, I input, long[] nanos) throws HlaException {
        if (nanos == null) { // the detectors' path: no clock reads
            return translator.processOutput(input, run(input(translator, input)));
        }
        long t0 = System.nanoTime();
        Tensor in = input(translator, input);
        long t1 = System.nanoTime();
        List<Tensor> out = run(in);
        long t2 = System.nanoTime();
        O result = translator.processOutput(input, out);
        nanos[0] = t1 - t0;
        nanos[1] = t2 - t1;
        nanos[2] = System.nanoTime() - t2;
        return result;
    }

    /**
     * {@code translator}'s input tensor for {@code input} without running a model (what {@link #predict} feeds
     * the model; code warm-ups run it alone).
     *
     * @throws HlaException BAD_IMAGE if the input cannot be converted
     */
    public static <I> Tensor input(Translator<I, ?> translator, I input) throws HlaException {
        try {
            return translator.processInput(input);
        } catch (DlException e) {
            throw new HlaException(HlaErrorCode.BAD_IMAGE, translator.badInput(input) + ": " + e.getMessage(), e);
        }
    }

    /** Runs the model on its inputs (by index) and returns every output. */
    public List<Tensor> run(Tensor... inputs) throws HlaException {
        if (closed.get()) {
            throw new IllegalStateException("stage " + id() + " is closed");
        }
        InferRequest r = idle.poll();
        try {
            if (r == null) {
                r = compiled.createRequest();
                synchronized (all) {
                    all.add(r);
                }
            }
            for (int i = 0; i < inputs.length; i++) {
                r.setInput(i, inputs[i]);
            }
            r.infer();
            inferences.incrementAndGet();
            List<Tensor> out = new ArrayList<>(r.outputCount());
            for (int i = 0; i < r.outputCount(); i++) {
                out.add(r.output(i));
            }
            return out;
        } catch (DlException e) {
            throw new HlaException(HlaErrorCode.INFERENCE_FAILED, id() + ": " + e.getMessage(), e);
        } finally {
            if (r != null) {
                idle.add(r);
            }
        }
    }

    /**
     * One inference on zero-filled inputs of the model's static shapes, so that the first-inference costs (memory,
     * kernels) are paid now, e.g. on an init thread while other models still compile. A model with a dynamic input is
     * left alone (its first real input decides the shape).
     */
    public void warmUp() throws HlaException {
        List<dev.vss.dl.PortInfo> ports;
        try {
            ports = compiled.inputs();
        } catch (DlException e) {
            throw new HlaException(HlaErrorCode.MODEL_UNAVAILABLE, id() + ": " + e.getMessage(), e);
        }
        Tensor[] zeros = new Tensor[ports.size()];
        for (int i = 0; i < zeros.length; i++) {
            dev.vss.dl.PortInfo p = ports.get(i);
            if (p.shape().isDynamic()) {
                return;
            }
            zeros[i] = Tensor.allocate(p.type(), p.shape());
        }
        run(zeros);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            synchronized (all) {
                all.forEach(InferRequest::close);
            }
            compiled.close();
        }
    }
}
