package dev.vss.bl.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.image.AnalyzeRequest;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ResultJson;
import dev.vss.bl.store.ImageSource;
import dev.vss.bl.store.LocalBlobStore;
import dev.vss.hla.pipeline.AnalyzerOptions;
import dev.vss.models.CatalogEntry;
import dev.vss.models.ModelException;
import dev.vss.models.ModelRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Init strategies, keep-warm, model delivery and init logs on the real runtime. */
class FunctionInstanceTest {
    static AnalyzeRequest one() {
        return AnalyzeRequest.of(List.of(ImageRef.of(InstanceAnalysisTest.images().resolve("faces/obama.jpg").toString())));
    }

    static RuntimeConfig config(List<String> log) {
        return RuntimeConfig.builder().optThreads(2).optLog(log::add).build();
    }

    @Test
    void globalBuildsBeforeTheFirstRequestAndLogsEveryPhase() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (FunctionInstance f = new FunctionInstance(config(log), InitStrategy.GLOBAL)) {
            assertThat(f.instanceInit()).isNotNull();
            assertThat(f.instanceInit().natives()).isPositive();
            assertThat(f.instanceInit().readCompile()).isPositive();
            assertThat(f.instanceInit().warmup()).isPositive(); // priming is on by default
            assertThat(log).hasSize(5);
            List<String> phases = new ArrayList<>();
            for (String l : log) {
                JsonNode j = ResultJson.mapper().readTree(l);
                assertThat(j.path("event").asText()).isEqualTo("init");
                assertThat(j.path("ms").isNumber()).isTrue();
                phases.add(j.path("phase").asText());
            }
            assertThat(phases).containsExactly("natives", "model_fetch", "read_compile", "warmup", "total");
            FunctionInstance.Invocation a = f.invoke(one(), ImageSource.localFiles());
            assertThat(a.coldStart()).isTrue();
            assertThat(a.init()).isNull(); // nothing built inside the handler
            assertThat(a.result().results().get(0).ok()).isTrue();
            FunctionInstance.Invocation b = f.invoke(one(), ImageSource.localFiles());
            assertThat(b.coldStart()).isFalse();
            assertThat(b.result().coldStart()).isFalse();
        }
    }

    @Test
    void localBuildsInEveryCallLazyOnlyInTheFirst() throws Exception {
        try (FunctionInstance local = new FunctionInstance(config(new ArrayList<>()), InitStrategy.LOCAL)) {
            assertThat(local.instanceInit()).isNull();
            assertThat(local.invoke(one(), ImageSource.localFiles()).init()).isNotNull();
            FunctionInstance.Invocation second = local.invoke(one(), ImageSource.localFiles());
            assertThat(second.init()).isNotNull();
            assertThat(second.coldStart()).isFalse();
            assertThat(second.durationMs()).isGreaterThan(second.init().total());
        }
        try (FunctionInstance lazy = new FunctionInstance(config(new ArrayList<>()), InitStrategy.LAZY)) {
            FunctionInstance.Invocation ping = lazy.invoke(AnalyzeRequest.keepWarm(), ImageSource.localFiles());
            assertThat(ping.init()).isNull(); // a keep-warm ping builds nothing and runs no inference
            assertThat(ping.result().ping()).isTrue();
            assertThat(ping.coldStart()).isTrue();
            FunctionInstance.Invocation first = lazy.invoke(one(), ImageSource.localFiles());
            assertThat(first.init()).isNotNull();
            assertThat(first.coldStart()).isFalse(); // the ping was this instance's first call
            assertThat(lazy.invoke(one(), ImageSource.localFiles()).init()).isNull();
        }
        assertThatThrownBy(() -> InitStrategy.parse("eager")).hasMessageContaining("global, local, lazy");
    }

    @Test
    void modelsAreDeliveredVerifiedAndReused(@TempDir Path tmp) throws Exception {
        LocalBlobStore bucket = new LocalBlobStore(ModelRepository.fromEnvironment().dir());
        Path dir = tmp.resolve("models");
        List<CatalogEntry> needed = VssRuntime.needed(AnalyzerOptions.defaults());
        // coverage, pose, the people stage's two person detectors, face detection, landmarks, re-id
        assertThat(needed).hasSize(7);
        ModelRepository repo = ModelDelivery.fetch(bucket, "", dir, needed);
        for (CatalogEntry e : needed) {
            assertThat(repo.verify(e).ok()).as(e.id()).isTrue();
        }
        Path xml = repo.path(needed.get(1));
        FileTime before = Files.getLastModifiedTime(xml);
        Thread.sleep(20);
        ModelDelivery.fetch(bucket, "", dir, needed);
        assertThat(Files.getLastModifiedTime(xml)).isEqualTo(before); // warm: reused, not fetched again
        // a corrupted file (same size) on the instance is detected and fetched again
        byte[] b = Files.readAllBytes(xml);
        b[b.length / 2] ^= 1;
        Files.write(xml, b);
        ModelDelivery.fetch(bucket, "", dir, needed);
        assertThat(repo.verify(needed.get(1)).ok()).isTrue();
        // a store holding a corrupt copy fails with the file named
        Path badStore = tmp.resolve("bad");
        for (CatalogEntry e : needed.subList(0, 1)) {
            for (var f : e.files()) {
                Path t = badStore.resolve(f.path());
                Files.createDirectories(t.getParent());
                Files.write(t, new byte[(int) f.bytes()]);
            }
        }
        assertThatThrownBy(() -> ModelDelivery.fetch(new LocalBlobStore(badStore), "", tmp.resolve("m2"), needed.subList(0, 1)))
                .isInstanceOf(ModelException.class).hasMessageContaining(needed.get(0).mainFile().fileName());
    }
}
