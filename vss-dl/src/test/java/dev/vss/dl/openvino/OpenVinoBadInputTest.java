// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.openvino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vss.dl.*;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs must end in clear Java exceptions, never in a JVM crash. */
class OpenVinoBadInputTest extends OpenVinoEngineTestBase {
    static final String FD = "intel/face-detection-retail-0004/FP32/face-detection-retail-0004";
    static final String LM = "intel/landmarks-regression-retail-0009/FP32/landmarks-regression-retail-0009";

    /** {@code call} throws a DlException of {@code code} whose message contains {@code text}. */
    private static void assertDl(ThrowingCallable call, DlErrorCode code, String text) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DlException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(text);
    }

    @Test
    void missingModelFileNamesIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.xml");
        assertDl(() -> engine.readModel(missing), DlErrorCode.MODEL_NOT_FOUND, "nope.xml");
    }

    @Test
    void missingBinNamesIt(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("m.xml");
        Files.copy(TestData.model(FD + ".xml"), xml);
        assertDl(() -> engine.readModel(xml), DlErrorCode.MODEL_NOT_FOUND, "m.bin");
    }

    @Test
    void truncatedBinIsInvalid(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("m.xml");
        Files.copy(TestData.model(FD + ".xml"), xml);
        byte[] bin = Files.readAllBytes(TestData.model(FD + ".bin"));
        Files.write(dir.resolve("m.bin"), java.util.Arrays.copyOf(bin, bin.length / 2));
        assertThatThrownBy(() -> {
            try (Model m = engine.readModel(xml); CompiledModel c = m.compile(CompileOptions.defaults())) {
                // reaching here means OpenVINO did not notice
            }
        }).isInstanceOfSatisfying(DlException.class, e -> {
            assertThat(e.code()).isEqualTo(DlErrorCode.MODEL_INVALID);
            assertThat(e.nativeStatus()).isNotZero();
        });
    }

    @Test
    void xmlWithAnotherModelsBinIsInvalid() {
        assertThatThrownBy(() -> {
            try (Model m = engine.readModel(TestData.model(FD + ".xml"), TestData.model(LM + ".bin"));
                 CompiledModel c = m.compile(CompileOptions.defaults())) {
                // reaching here means OpenVINO did not notice
            }
        }).isInstanceOfSatisfying(DlException.class, e -> assertThat(e.code()).isEqualTo(DlErrorCode.MODEL_INVALID));
    }

    @Test
    void garbageXmlIsInvalid(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("g.xml");
        Files.writeString(xml, "<net><layers><oops");
        Files.write(dir.resolve("g.bin"), new byte[16]);
        assertDl(() -> engine.readModel(xml), DlErrorCode.MODEL_INVALID, "OpenVINO");
    }

    @Test
    void wrongShapeAndTypeAreRejectedBeforeNativeCode() throws Exception {
        try (Model m = engine.readModel(TestData.model(FD + ".xml"));
             CompiledModel c = m.compile(CompileOptions.defaults());
             InferRequest r = c.createRequest()) {
            assertDl(() -> r.setInput(0, Tensor.allocate(ElementType.F32, Shape.of(1, 3, 200, 300))),
                    DlErrorCode.SHAPE_MISMATCH, "[1,3,300,300]");
            assertThatThrownBy(() -> r.setInput(0, Tensor.allocate(ElementType.U8, Shape.of(1, 3, 300, 300))))
                    .isInstanceOfSatisfying(DlException.class, e -> assertThat(e.code()).isEqualTo(DlErrorCode.TYPE_MISMATCH));
            assertThatThrownBy(() -> r.setInput(1, Tensor.allocate(ElementType.F32, Shape.of(1, 3, 300, 300))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 input");
            assertThatThrownBy(r::infer).isInstanceOfSatisfying(DlException.class,
                    e -> assertThat(e.getMessage()).contains("was not set"));
            assertThatThrownBy(() -> r.output(3)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void useAfterCloseThrowsIllegalState() throws Exception {
        Model m = engine.readModel(TestData.model(FD + ".xml"));
        CompiledModel c = m.compile(CompileOptions.defaults());
        InferRequest r = c.createRequest();
        r.close();
        r.close(); // idempotent
        c.close();
        m.close();
        assertThatThrownBy(() -> r.setInput(0, Tensor.allocate(ElementType.F32, Shape.of(1, 3, 300, 300))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(r::infer).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(c::createRequest).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(m::inputs).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> m.compile(CompileOptions.defaults())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrentCallsOnOneRequestFailCleanly() throws Exception {
        try (Model m = engine.readModel(TestData.model(FD + ".xml"));
             CompiledModel c = m.compile(CompileOptions.builder().optThreads(1).build());
             InferRequest r = c.createRequest()) {
            r.setInput(0, Tensor.allocate(ElementType.F32, Shape.of(1, 3, 300, 300)));
            int threads = 4;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger busy = new AtomicInteger();
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20; i++) {
                        try {
                            r.infer();
                            ok.incrementAndGet();
                        } catch (IllegalStateException e) {
                            assertThat(e).hasMessageContaining("another thread");
                            busy.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : fs) {
                f.get();
            }
            pool.shutdown();
            assertThat(ok.get() + busy.get()).isEqualTo(threads * 20);
            assertThat(ok.get()).isPositive();
            assertThat(busy.get()).isPositive();
        }
    }

    @Test
    void unknownEngineListsTheAvailableOnes() {
        assertDl(() -> Engine.newInstance("tensorflow"), DlErrorCode.ENGINE_NOT_FOUND, "openvino");
    }

    @Test
    void badCompilePropertyIsAClearError() throws Exception {
        try (Model m = engine.readModel(TestData.model(FD + ".xml"))) {
            assertThatThrownBy(() -> m.compile(CompileOptions.builder().optProperty("NO_SUCH_KEY", "1").build()))
                    .isInstanceOf(DlException.class).hasMessageContaining("NO_SUCH_KEY");
            assertThatThrownBy(() -> m.compile(CompileOptions.builder().optDevice("NPU9").build()))
                    .isInstanceOf(DlException.class).hasMessageContaining("NPU9");
        }
    }
}
