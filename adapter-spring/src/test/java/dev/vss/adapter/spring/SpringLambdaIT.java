// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.spring;

import static dev.vss.adapter.aws.LocalDeployment.event;
import static dev.vss.bl.testing.ResultJsons.identities;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.adapter.aws.LambdaHarness;
import dev.vss.adapter.aws.LocalDeployment;
import dev.vss.adapter.aws.RuntimeApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BUILT Spring route zip with adapter-aws's BUILT layers in the real Lambda runtime interface client, handler
 * Spring Cloud Function's {@code FunctionInvoker}, against adapter-aws's Runtime API on 127.0.0.1 and s3proxy: the
 * recorded events of adapter-aws's tests (its test jar) give the same answers as the plain handler, and the same
 * JSON as {@code vss analyze}. Also checks that neither Lambda zip carries another cloud's SDK.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpringLambdaIT {
    static final String HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";
    @TempDir
    static Path work;
    static LocalDeployment deployment;
    static RuntimeApi api;
    static LambdaHarness lambda;

    static Path zip() {
        Path z = Path.of(System.getProperty("vss.root", "..")).resolve("adapter-spring/target/vss-spring-lambda-function.zip");
        assertThat(z).as("built zip; run `mvn package`").isRegularFile();
        return z;
    }

    /** Invokes the Spring route with one of adapter-aws's recorded events (its test jar). */
    static JsonNode invoke(String event) throws Exception {
        return LocalDeployment.invoke(api, lambda, event);
    }

    /** adapter-aws's stack (s3proxy buckets, models, encrypted gallery) with the Spring route on top. */
    @BeforeAll
    static void deploy() throws Exception {
        deployment = new LocalDeployment(work);
        api = new RuntimeApi();
        lambda = new LambdaHarness(work.resolve("lambda"), api, zip(), HANDLER, functionEnv(), List.of("-Xmx512m"));
    }

    /** The plain function's environment, plus the Spring application class FunctionInvoker starts. */
    static Map<String, String> functionEnv() throws Exception {
        Map<String, String> env = new LinkedHashMap<>(deployment.functionEnv());
        env.put("MAIN_CLASS", VssSpringApplication.class.getName());
        return env;
    }

    @AfterAll
    static void undeploy() throws Exception {
        LocalDeployment.undeploy(lambda, api, deployment, zip().resolveSibling("spring-function.log"));
    }

    @Test
    @Order(1)
    void s3NotificationThroughSpring() throws Exception {
        JsonNode r = invoke(event("s3-put.json"));
        assertThat(r.path("format").asText()).isEqualTo("S3_NOTIFICATION");
        assertThat(r.path("cold_start").asBoolean()).isTrue();
        JsonNode result = r.path("results").get(0);
        assertThat(result.path("image").asText()).isEqualTo("s3://vss-cams/incoming/cam1/2026-11-28T10:00:00Z.jpg");
        assertThat(result.path("people")).hasSize(2);
        assertThat(identities(result)).containsExactlyInAnyOrder("obama", "biden");
        assertThat(r.path("locations").get(0).asText())
                .isEqualTo("s3://vss-cams/results/cam1/2026-11-28/2026-11-28T10:00:00Z.jpg.json");
        // the Spring context, and the handler in it, were built in the init phase
        assertThat(lambda.logEvents("init")).anySatisfy(l -> assertThat(l).contains("\"phase\":\"model_fetch\""));
    }

    @Test
    @Order(2)
    void sqsBatchReportsExactlyTheTruncatedImage() throws Exception {
        deployment.assertSqsBatchOfFive(invoke(event("sqs-batch-5.json")));
    }

    @Test
    @Order(3)
    void aBucketThatIsNotConfiguredIsNeverRead() throws Exception {
        LocalDeployment.assertNotAllowed(invoke(event("s3-put-other-bucket.json")));
    }

    @Test
    @Order(4)
    void theSameJsonAsVssAnalyze() throws Exception {
        deployment.assertSameAsVssAnalyze(invoke(event("s3-put.json")));
    }

    @Test
    void lambdaZipsCarryOnlyAwsSdk() throws Exception {
        for (Path z : List.of(zip(), LambdaHarness.target().resolve("vss-lambda-function.zip"))) {
            List<String> classes = new ArrayList<>();
            Path dir = Files.createTempDirectory(work, "zip");
            LambdaHarness.unzip(z, dir);
            try (var jars = Files.walk(dir)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    try (ZipFile j = new ZipFile(jar.toFile())) {
                        j.stream().map(ZipEntry::getName).forEach(classes::add);
                    }
                }
            }
            assertThat(classes).as(z.toString()).anyMatch(n -> n.startsWith("software/amazon/awssdk/services/s3/"));
            assertThat(classes).as(z.toString()).filteredOn(n -> n.startsWith("com/azure/")
                    || n.startsWith("com/microsoft/azure/") || n.startsWith("com/google/cloud/")
                    || n.startsWith("com/google/api/gax/")).isEmpty();
            boolean spring = z.equals(zip());
            assertThat(classes.stream().anyMatch(n -> n.startsWith("org/springframework/"))).as(z.toString())
                    .isEqualTo(spring); // Spring only in the Spring route
        }
    }

    /** A result without what legitimately differs between runs and paths: timings, cold start, event metadata. */
}
