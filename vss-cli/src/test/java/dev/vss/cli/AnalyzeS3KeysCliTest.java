// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.store.StorageUris;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * `vss analyze s3://bucket/prefix/` over a prefix whose keys hold every kind of character S3 allows (on s3proxy on
 * 127.0.0.1, real models): each image is analysed, a key vss refuses and an object over the byte limit fail alone,
 * every object gets exactly one line.
 */
class AnalyzeS3KeysCliTest {
    static final String ACCESS = "vss-cli-test";
    static final String SECRET = "vss-cli-secret";

    @Test
    void everyKeyOfAPrefixIsAnalysedAndABadOneFailsAlone() throws Exception {
        S3Proxy proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(20);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        Map<String, String> props = Map.of("vss.s3.endpoint", endpoint.toString(), "vss.s3.pathStyle", "true",
                "vss.s3.region", "us-east-1", "aws.accessKeyId", ACCESS, "aws.secretAccessKey", SECRET);
        props.forEach(System::setProperty);
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
            s3.createBucket(b -> b.bucket("cams"));
            byte[] people = Files.readAllBytes(CliTest.images().resolve("people/messi5.jpg"));
            byte[] fruits = Files.readAllBytes(CliTest.images().resolve("no_people/fruits.jpg"));
            Map<String, String> expected = new LinkedHashMap<>(); // key -> expected error code, or "ok"
            List<String> good = List.of("caf\u00e9.jpg", "a#1.jpg", "a&b.jpg", "$x.jpg", "[0].jpg", "front door.jpg",
                    "a+b.jpg", "100%.jpg", "%41.jpg", "\u6771\u4eac/\u5199\u771f.jpg", "\ud83d\udcf7.jpg", "a?b=c.jpg",
                    "-dash.jpg", "k".repeat(300) + ".jpg");
            for (String k : good) {
                s3.putObject(b -> b.bucket("cams").key("cam1/" + k), RequestBody.fromBytes(k.startsWith("a") ? people : fruits));
                expected.put("cam1/" + k, "ok");
            }
            // legal in S3, refused by vss (a control character): its own line with an error, nothing else affected
            s3.putObject(b -> b.bucket("cams").key("cam1/bad\u0001name.jpg"), RequestBody.fromBytes(fruits));
            expected.put("cam1/bad\u0001name.jpg", "READ_FAILED");
            s3.putObject(b -> b.bucket("cams").key("cam1/big.jpg"), RequestBody.fromBytes(new byte[300_000]));
            expected.put("cam1/big.jpg", "IMAGE_TOO_LARGE");

            CliTest.Run r = CliTest.vss("analyze", "--max-image-bytes", "250000", "s3://cams/cam1/");
            List<JsonNode> lines = CliTest.lines(r.out());
            assertThat(lines).as(r.err()).hasSize(expected.size());
            Map<String, String> seen = new LinkedHashMap<>();
            List<String> people2 = new ArrayList<>();
            for (JsonNode l : lines) {
                String key = StorageUris.key(URI.create(l.path("image").asText()));
                seen.put(key, l.path("ok").asBoolean() ? "ok" : l.path("error").path("code").asText());
                if (l.path("ok").asBoolean() && l.path("people").size() > 0) {
                    people2.add(key);
                }
            }
            assertThat(seen).isEqualTo(expected);
            assertThat(people2).as("the images of people were analysed as such")
                    .containsExactlyInAnyOrder("cam1/a#1.jpg", "cam1/a&b.jpg", "cam1/a+b.jpg", "cam1/a?b=c.jpg");
            JsonNode bad = lines.stream().filter(l -> l.path("image").asText().contains("%01")).findFirst().orElseThrow();
            assertThat(bad.path("error").path("message").asText()).contains("U+0001");
            assertThat(r.code()).as("some images failed").isEqualTo(3);
        } finally {
            props.keySet().forEach(System::clearProperty);
            proxy.stop();
        }
    }
}
