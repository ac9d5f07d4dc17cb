// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.azure;

import static dev.vss.bl.testing.InitLogs.ms;
import static dev.vss.bl.testing.InitLogs.pipelineInitMs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.image.ResultJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cold starts of the Event Grid function, each a fresh JVM of the worker stand-in loading the built package, models
 * fetched from Azurite, gallery loaded: ready (process start → the stand-in listens; the handler is built in the
 * first invocation, as when the real worker gets its first event without a warmup), the first event (one image), and
 * the total. Not the Functions host: its own start is not in these figures. Not a test (no assertion on time): run by
 * scripts/bench/adapters-cold-start.sh ({@code -Dvss.bench.runs=N}); one JSON line per start in target/cold-start.jsonl.
 */
class AzureColdStartBench {
    @TempDir
    static Path work;

    @Test
    void eventGridFunction() throws Exception {
        int runs = Integer.getInteger("vss.bench.runs", 3);
        AzureFunctionsIT.work = work;
        AzureFunctionsIT.deploy();
        Path out = AzureFunctionsIT.pkg().resolveSibling("cold-start.jsonl");
        Files.deleteIfExists(out);
        byte[] event = ResultJson.mapper().readTree(AzureFunctionsIT.event("eventgrid-blobcreated.json")).get(0).toString()
                .getBytes(StandardCharsets.UTF_8);
        try {
            for (int i = 0; i < runs; i++) {
                stop();
                AzureFunctionsIT.startWorker();
                long sent = System.nanoTime();
                JsonNode a = AzureFunctionsIT.ok(AzureFunctionsIT.invoke("vss-eventgrid", event));
                long done = System.nanoTime();
                assertThat(a.path("error").isNull()).isTrue();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("adapter", "azure");
                m.put("runtime", "worker stand-in (package's function.json, class loader of lib/), not the Functions host");
                m.put("run", i);
                m.put("init_ms", ms(AzureFunctionsIT.listeningNanos - AzureFunctionsIT.startNanos));
                m.put("pipeline_init_ms", pipelineInitMs(Files.readAllLines(AzureFunctionsIT.workerLog).stream()
                        .filter(l -> l.contains("\"event\":\"init\"")).map(l -> l.substring(l.indexOf('{'))).toList()));
                m.put("first_invocation_ms", ms(done - sent));
                m.put("total_ms", ms(done - AzureFunctionsIT.startNanos));
                Files.writeString(out, ResultJson.mapper().writeValueAsString(m) + "\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } finally {
            AzureFunctionsIT.undeploy();
        }
    }

    static void stop() throws InterruptedException {
        if (AzureFunctionsIT.worker != null) {
            AzureFunctionsIT.worker.destroy();
            if (!AzureFunctionsIT.worker.waitFor(10, TimeUnit.SECONDS)) {
                AzureFunctionsIT.worker.destroyForcibly().waitFor();
            }
        }
    }
}
