// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.aws;

import static dev.vss.adapter.aws.LocalDeployment.event;
import static dev.vss.bl.testing.ResultJsons.identities;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.image.ResultJson;
import dev.vss.cloud.aws.S3BlobStore;
import dev.vss.models.Workspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BUILT function and layer zips in the real Lambda runtime interface client (child JVM, task root as working
 * directory) against a Runtime API on 127.0.0.1; images, models, gallery and results in s3proxy on 127.0.0.1.
 * Recorded event shapes: S3 notification, SQS batch of 5 with a truncated JPEG, EventBridge, API Gateway v2 with an
 * image body, a bucket that is not configured, a malformed event — and the same JSON as {@code vss analyze}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VssLambdaIT {
    @TempDir
    static Path work;
    static LocalDeployment deployment;
    static RuntimeApi api;
    static LambdaHarness lambda;
    static S3BlobStore cams;

    @BeforeAll
    static void deploy() throws Exception {
        deployment = new LocalDeployment(work);
        cams = deployment.cams;
        api = new RuntimeApi();
        lambda = new LambdaHarness(work.resolve("lambda"), api, deployment.functionEnv(), List.of("-Xmx512m"));
    }

    @AfterAll
    static void undeploy() throws Exception {
        // kept for reading after the run: the function's own log (init phases, invocations)
        LocalDeployment.undeploy(lambda, api, deployment, LambdaHarness.target().resolve("lambda-function.log"));
    }

    static JsonNode invoke(String event) throws Exception {
        return LocalDeployment.invoke(api, lambda, event);
    }

    @Test
    @Order(1)
    void s3NotificationAnalysedMatchedAndStored() throws Exception {
        JsonNode r = invoke(event("s3-put.json"));
        assertThat(r.path("cold_start").asBoolean()).isTrue();
        JsonNode result = r.path("results").get(0);
        assertThat(result.path("ok").asBoolean()).isTrue();
        assertThat(result.path("image").asText()).isEqualTo("s3://vss-cams/incoming/cam1/2026-11-28T10:00:00Z.jpg");
        assertThat(result.path("camera").asText()).isEqualTo("cam1");
        assertThat(result.path("people")).hasSize(2);
        assertThat(identities(result)).containsExactlyInAnyOrder("obama", "biden");
        assertThat(r.path("failures")).isEmpty();
        // stored below results/, outside the input prefix, dated by the event
        String where = r.path("locations").get(0).asText();
        assertThat(where).isEqualTo("s3://vss-cams/results/cam1/2026-11-28/2026-11-28T10:00:00Z.jpg.json");
        JsonNode stored = ResultJson.mapper().readTree(cams.get("results/cam1/2026-11-28/2026-11-28T10:00:00Z.jpg.json"));
        assertThat(identities(stored)).containsExactlyInAnyOrder("obama", "biden");
        // init happened before the first request (global scope), with models fetched from the bucket
        assertThat(lambda.logEvents("init")).anySatisfy(l -> assertThat(l).contains("\"phase\":\"model_fetch\""));
    }

    @Test
    @Order(2)
    void sqsBatchReportsExactlyTheTruncatedImage() throws Exception {
        JsonNode r = invoke(event("sqs-batch-5.json"));
        deployment.assertSqsBatchOfFive(r);
        JsonNode d = ResultJson.mapper().readTree(cams.get("results/cam2/2026-11-28/d.png.json"));
        assertThat(d.path("people")).hasSize(2);
        assertThat(ResultJson.mapper().readTree(cams.get("results/cam2/2026-11-28/b.jpg.json")).path("people")).isEmpty();
    }

    @Test
    @Order(3)
    void eventBridgeObjectCreated() throws Exception {
        JsonNode r = invoke(event("eventbridge-object-created.json"));
        assertThat(r.path("cold_start").asBoolean()).isFalse();
        assertThat(identities(r.path("results").get(0))).containsExactly("obama");
    }

    @Test
    @Order(4)
    void apiGatewayImageBodyAndANonImage() throws Exception {
        byte[] img = Files.readAllBytes(Workspace.imagesDir().resolve("faces/two_people.jpg"));
        JsonNode r = invoke(event("apigw-v2-image.json").replace("__BODY__", Base64.getEncoder().encodeToString(img)));
        assertThat(r.path("statusCode").asInt()).isEqualTo(200);
        JsonNode body = ResultJson.mapper().readTree(r.path("body").asText());
        assertThat(body.path("image").asText()).isEqualTo("/analyze");
        assertThat(identities(body)).containsExactlyInAnyOrder("obama", "biden");
        String text = Base64.getEncoder().encodeToString("this is a text file, not a picture".getBytes());
        JsonNode bad = invoke(event("apigw-v2-image.json").replace("__BODY__", text));
        assertThat(bad.path("statusCode").asInt()).isEqualTo(400);
        JsonNode err = ResultJson.mapper().readTree(bad.path("body").asText());
        assertThat(err.path("ok").asBoolean()).isFalse();
        assertThat(err.path("error").path("code").asText()).isEqualTo("DECODE_FAILED");
    }

    @Test
    @Order(5)
    void aBucketThatIsNotConfiguredIsNeverRead() throws Exception {
        LocalDeployment.assertNotAllowed(invoke(event("s3-put-other-bucket.json")));
    }

    @Test
    @Order(6)
    void malformedEventIsAClearErrorAndTheFunctionStillAnswers() throws Exception {
        // the one bad-event policy (docs/cloud.md): acknowledged (a retry could not help) and answered with why
        RuntimeApi.Answer a = api.invoke(event("malformed.json"), LocalDeployment.WAIT);
        assertThat(a.error()).isFalse();
        JsonNode err = ResultJson.mapper().readTree(a.body());
        assertThat(err.path("error").path("code").asText()).isEqualTo("BAD_EVENT");
        assertThat(err.path("error").path("message").asText()).contains("unrecognised shape").contains("[hello, note]");
        assertThat(lambda.alive()).isTrue();
        JsonNode again = invoke(event("eventbridge-object-created.json"));
        assertThat(identities(again.path("results").get(0))).containsExactly("obama");
    }

    @Test
    @Order(7)
    void theSameJsonAsVssAnalyze() throws Exception {
        deployment.assertSameAsVssAnalyze(invoke(event("s3-put.json")));
    }

    @Test
    @Order(8)
    void theHostileCorpusThroughTheFunctionEachCaseItsOutcome() throws Exception {
        List<dev.vss.dl.testing.HostileCorpus.Case> cases = dev.vss.dl.testing.HostileCorpus.cases(Workspace.imagesDir())
                .stream().filter(c -> c.bytes() != null).toList(); // sparse multi-GB files: see below
        assertThat(cases).hasSizeGreaterThan(240);
        byte[] control = Files.readAllBytes(Workspace.imagesDir().resolve("faces/two_people.jpg"));
        List<String> keys = new ArrayList<>();
        java.util.Map<String, dev.vss.dl.testing.HostileCorpus.Case> byKey = new java.util.HashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            if (i % 20 == 0) { // a good image between the bad ones: nothing may leak into it
                String k = "incoming/hostile/control-" + i + ".jpg";
                cams.put(k, control);
                keys.add(k);
            }
            String k = "incoming/hostile/" + cases.get(i).name();
            cams.put(k, cases.get(i).bytes());
            keys.add(k);
            byKey.put(k, cases.get(i));
        }
        // an object over the byte limit, refused from its size without being read
        cams.put("incoming/hostile/huge.jpg", new byte[21 << 20]);
        keys.add("incoming/hostile/huge.jpg");
        List<String> wrong = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += 10) { // SQS batches of 10, one message per object
            List<String> batch = keys.subList(from, Math.min(keys.size(), from + 10));
            StringBuilder sqs = new StringBuilder("{\"Records\":[");
            for (int j = 0; j < batch.size(); j++) {
                String body = "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
                        + "\"eventTime\":\"2026-11-29T00:00:00.000Z\",\"s3\":{\"bucket\":{\"name\":\"vss-cams\"},"
                        + "\"object\":{\"key\":\"" + java.net.URLEncoder.encode(batch.get(j), StandardCharsets.UTF_8)
                        .replace("%2F", "/") + "\"}}}]}";
                sqs.append(j == 0 ? "" : ",").append("{\"messageId\":\"").append(batch.get(j))
                        .append("\",\"eventSource\":\"aws:sqs\",\"body\":")
                        .append(ResultJson.mapper().writeValueAsString(body)).append("}");
            }
            JsonNode r = invoke(sqs.append("]}").toString());
            java.util.Set<String> failed = new java.util.HashSet<>();
            r.path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
            for (String k : batch) {
                String name = k.substring(k.lastIndexOf('/') + 1);
                JsonNode res = ResultJson.mapper().readTree(cams.get("results/hostile/2026-11-29/" + name + ".json"));
                boolean ok = res.path("ok").asBoolean();
                String code = ok ? null : res.path("error").path("code").asText();
                if (ok == failed.contains(k)) {
                    wrong.add(k + ": batchItemFailures disagrees with the stored result");
                }
                if (k.contains("/control-")) {
                    if (!ok || res.path("faces").size() != 2 || res.path("people").size() != 2) {
                        wrong.add(k + ": control image disturbed: " + res);
                    }
                } else if (k.endsWith("/huge.jpg")) {
                    if (!"IMAGE_TOO_LARGE".equals(code)) {
                        wrong.add(k + ": " + code);
                    }
                } else if (!byKey.get(k).expected().matches(ok, code)) {
                    wrong.add(k + ": expected " + byKey.get(k).expected() + ", got " + (ok ? "ok" : code));
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(lambda.alive()).as("no crash of the function's JVM").isTrue();
    }

    /** A result without what legitimately differs between runs and paths: timings, cold start, event metadata. */
}
