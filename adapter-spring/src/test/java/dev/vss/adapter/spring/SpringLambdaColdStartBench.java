// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.spring;

import static dev.vss.bl.testing.InitLogs.ms;
import static dev.vss.bl.testing.InitLogs.pipelineInitMs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.adapter.aws.LambdaHarness;
import dev.vss.adapter.aws.RuntimeApi;
import dev.vss.bl.image.ResultJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cold starts of the plain Lambda handler and of the Spring route side by side (alternating, so that both see the
 * same machine load), each a fresh runtime-interface-client JVM with the built zip and layers, models fetched from
 * s3proxy, gallery loaded: init (process start → the runtime's first request for work), the first invocation (one
 * S3 notification, one image), and the total as a caller sees it. Not a test (no assertion on time): run by
 * scripts/bench/adapters-cold-start.sh ({@code -Dvss.bench.runs=N}); one JSON line per start in target/cold-start.jsonl.
 */
class SpringLambdaColdStartBench {
    @TempDir
    static Path work;

    @Test
    void plainAndSpringSideBySide() throws Exception {
        int runs = Integer.getInteger("vss.bench.runs", 3);
        SpringLambdaIT.work = work;
        SpringLambdaIT.deploy(); // storage, models, gallery; its own Spring instance is closed right away
        SpringLambdaIT.lambda.close();
        SpringLambdaIT.lambda = null;
        String event = dev.vss.adapter.aws.LocalDeployment.event("s3-put.json");
        Path out = SpringLambdaIT.zip().resolveSibling("cold-start.jsonl");
        Files.deleteIfExists(out);
        try {
            for (int i = 0; i < runs; i++) {
                for (String route : List.of("aws-plain", "aws-spring")) {
                    Files.writeString(out, measure(route, i, event) + "\n", StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                }
            }
        } finally {
            SpringLambdaIT.undeploy();
        }
    }

    static String measure(String route, int run, String event) throws Exception {
        Path work = Files.createTempDirectory(SpringLambdaIT.work, route);
        boolean spring = route.equals("aws-spring");
        try (RuntimeApi api = new RuntimeApi();
                LambdaHarness h = spring
                        ? new LambdaHarness(work, api, SpringLambdaIT.zip(), SpringLambdaIT.HANDLER, SpringLambdaIT.functionEnv(), List.of("-Xmx512m"))
                        : new LambdaHarness(work, api, LambdaHarness.target().resolve("vss-lambda-function.zip"),
                                LambdaHarness.HANDLER, SpringLambdaIT.functionEnv(), List.of("-Xmx512m"))) {
            long sent = System.nanoTime();
            RuntimeApi.Answer a = api.invoke(event, Duration.ofMinutes(5));
            long done = System.nanoTime();
            assertThat(a.error()).as(a.body()).isFalse();
            assertThat(ResultJson.mapper().readTree(a.body()).path("cold_start").asBoolean()).isTrue();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("adapter", route);
            m.put("runtime", "aws-lambda-java-runtime-interface-client 2.10.1");
            m.put("run", run);
            m.put("init_ms", ms(api.firstNextNanos - h.startNanos));
            m.put("pipeline_init_ms", pipelineInitMs(h.logEvents("init")));
            m.put("first_invocation_ms", ms(done - Math.max(sent, api.firstNextNanos)));
            m.put("total_ms", ms(done - h.startNanos));
            return ResultJson.mapper().writeValueAsString(m);
        }
    }
}
