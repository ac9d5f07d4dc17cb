// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.gcp;

import static dev.vss.bl.testing.InitLogs.ms;
import static dev.vss.bl.testing.InitLogs.pipelineInitMs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.bl.image.ResultJson;
import dev.vss.bl.testing.Emulator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cold starts of the Cloud Storage function, each a fresh java-function-invoker JVM serving the built folder,
 * models fetched from fake-gcs-server, gallery loaded: ready (process start → the port listens), the first
 * CloudEvent (one image), and the total as a caller sees it. Not a test (no assertion on time): run by
 * scripts/bench/adapters-cold-start.sh ({@code -Dvss.bench.runs=N}); one JSON line per start in target/cold-start.jsonl.
 */
class GcpColdStartBench {
    @TempDir
    static Path work;

    @Test
    void storageFunction() throws Exception {
        int runs = Integer.getInteger("vss.bench.runs", 3);
        GcpFunctionsIT.work = work;
        GcpFunctionsIT.deploy();
        GcpFunctionsIT.events.close();
        GcpFunctionsIT.events = null;
        Path out = InvokerProcess.deployFolder().resolveSibling("cold-start.jsonl");
        Files.deleteIfExists(out);
        try {
            for (int i = 0; i < runs; i++) {
                try (InvokerProcess p = new InvokerProcess(Files.createTempDirectory(work, "run"),
                        "dev.vss.adapter.gcp.VssStorageFunction", Emulator.freePort(), GcpFunctionsIT.functionEnv(
                                Map.of("VSS_INPUTS", "gs://vss-cams/incoming/", "VSS_RESULTS", "gs://vss-cams/results/")))
                        .awaitListening(300)) {
                    GcpFunctionsIT.events = p;
                    long sent = System.nanoTime();
                    HttpResponse<String> r = GcpFunctionsIT.binary("vss-cams", "incoming/cam1/2026-11-28T10:00:00Z.jpg");
                    long done = System.nanoTime();
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(p.logEvents("invocation")).singleElement().satisfies(l -> assertThat(l)
                            .contains("\"cold_start\":true").contains("\"failures\":0"));
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("adapter", "gcp");
                    m.put("runtime", "java-function-invoker 2.0.0");
                    m.put("run", i);
                    m.put("init_ms", ms(p.listeningNanos - p.startNanos));
                    m.put("pipeline_init_ms", pipelineInitMs(p.logEvents("init")));
                    m.put("first_invocation_ms", ms(done - sent));
                    m.put("total_ms", ms(done - p.startNanos));
                    Files.writeString(out, ResultJson.mapper().writeValueAsString(m) + "\n", StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                } finally {
                    GcpFunctionsIT.events = null;
                }
            }
        } finally {
            GcpFunctionsIT.undeploy();
        }
    }
}
