// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vss.bl.image.AnalyzeRequest;
import dev.vss.bl.image.ImageRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event parsers on recorded-format samples (src/test/resources/events) and on malformed input. */
class EventParserTest {
    static String sample(String name) throws IOException {
        try (InputStream in = EventParserTest.class.getResourceAsStream("/events/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void s3PutDecodesTheKeyAndTakesCameraAndTime() throws Exception {
        ParsedEvent e = EventParser.read(sample("s3-put.json"));
        assertThat(e.format()).isEqualTo(EventFormat.S3_NOTIFICATION);
        assertThat(e.images()).containsExactly(
                new ImageRef("s3://vss-cams/cam1/2026-11-28T10:00:00Z.jpg", "cam1", "2026-11-28T10:00:03.512Z"));
        assertThat(e.ignored()).isZero();
    }

    @Test
    void s3BatchKeepsOrderSkipsDeletionsAndDecodesPlusAndPercent() throws Exception {
        ParsedEvent e = EventParser.read(sample("s3-batch.json"));
        assertThat(e.images()).hasSize(3);
        assertThat(e.ignored()).isEqualTo(1); // the ObjectRemoved:Delete record
        // '+' is a space; %20 too; %2B a literal '+'; the URI percent-encodes the space again
        assertThat(e.images().get(0).uri()).isEqualTo("s3://vss-cams/lobby/front%20door%202026-11-28.jpg");
        assertThat(e.images().get(0).camera()).isEqualTo("lobby");
        assertThat(e.images().get(1).uri()).isEqualTo("s3://vss-cams/parking/back%20gate/c++(copy).png");
        assertThat(java.net.URI.create(e.images().get(1).uri()).getPath()).isEqualTo("/parking/back gate/c++(copy).png");
        assertThat(e.images().get(1).camera()).isEqualTo("parking");
        assertThat(e.images().get(1).timestamp()).isEqualTo("2026-11-28T10:05:02.130Z");
        // a key without a folder names no camera
        assertThat(e.images().get(2)).isEqualTo(new ImageRef("s3://vss-cams/snapshot.jpg", null, "2026-11-28T10:05:04.001Z"));
    }

    @Test
    void nKeysGiveNImagesInOrder() throws Exception {
        for (int n : new int[] {1, 5, 10}) {
            AnalyzeRequest r = EventParser.parse(S3Events.notification("vss-cams", keys(n), "2026-11-28T10:00:00.000Z"));
            assertThat(r.images()).hasSize(n);
            assertThat(r.images().get(n - 1).uri()).isEqualTo("s3://vss-cams/cam1/img%20" + (n - 1) + ".jpg");
            assertThat(r.ping()).isFalse();
        }
    }

    static ImageRef noId(ImageRef r) {
        return r.withRecordId(null);
    }

    static List<String> keys(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "cam1/img " + i + ".jpg").toList();
    }

    @Test
    void s3TestEventIsIgnoredCleanly() throws Exception {
        ParsedEvent e = EventParser.read(sample("s3-test-event.json"));
        assertThat(e.format()).isEqualTo(EventFormat.S3_TEST_EVENT);
        assertThat(e.images()).isEmpty();
        assertThat(e.ignored()).isEqualTo(1);
        assertThat(e.request().images()).isEmpty();
    }

    @Test
    void eventBridgeObjectCreated() throws Exception {
        ParsedEvent e = EventParser.read(sample("eventbridge-object-created.json"));
        assertThat(e.format()).isEqualTo(EventFormat.EVENTBRIDGE_S3);
        assertThat(e.images()).containsExactly(new ImageRef("s3://vss-cams/cam2/2026-11-28T10:10:00Z.jpg", "cam2",
                "2026-11-28T10:10:00Z", "2d4eba74-fd51-3966-4bfa-b013c9da8ff1"));
        ParsedEvent deleted = EventParser.read(sample("eventbridge-object-deleted.json"));
        assertThat(deleted.images()).isEmpty();
        assertThat(deleted.ignored()).isEqualTo(1);
    }

    @Test
    void sqsWrappedNotificationsTestEventAndSnsEnvelope() throws Exception {
        ParsedEvent e = EventParser.read(sample("sqs-s3.json"));
        assertThat(e.format()).isEqualTo(EventFormat.SQS);
        assertThat(e.images()).extracting(ImageRef::uri).containsExactly("s3://vss-cams/cam3/2026-11-28T10:15:00Z.jpg",
                "s3://vss-cams/cam3/2026-11-28T10:15:05Z.jpg", "s3://vss-cams/cam4/2026-11-28T10:16:00Z.jpg");
        assertThat(e.images()).extracting(ImageRef::camera).containsExactly("cam3", "cam3", "cam4");
        assertThat(e.images().get(1).timestamp()).isEqualTo("2026-11-28T10:15:05.480Z");
        assertThat(e.ignored()).isEqualTo(1); // the s3:TestEvent message
    }

    @Test
    void snsDelivery() throws Exception {
        ParsedEvent e = EventParser.read(sample("sns-s3.json"));
        assertThat(e.format()).isEqualTo(EventFormat.SNS);
        assertThat(e.images()).extracting(ImageRef::uri).containsExactly("s3://vss-cams/cam4/2026-11-28T10:16:00Z.jpg");
    }

    @Test
    void azureEventGridArraySingleAndValidation() throws Exception {
        ParsedEvent e = EventParser.read(sample("azure-eventgrid-blobcreated.json"));
        assertThat(e.format()).isEqualTo(EventFormat.AZURE_EVENT_GRID);
        assertThat(e.images()).containsExactly(
                new ImageRef("az://vsscams/images/cam5/2026-11-28T10-20-00.jpg", "cam5", "2026-11-28T10:20:00.8273591Z",
                        "831e1650-001e-001b-66ab-eeb76e069631"),
                new ImageRef("az://vsscams/images/cam5/front%20door%2010-20-05.jpg", "cam5",
                        "2026-11-28T10:20:05.1049916Z", "831e1650-001e-001b-66ab-eeb76e069632"));
        assertThat(e.ignored()).isEqualTo(1); // BlobDeleted
        // the Azurite emulator's path-style URL: the account is the first path segment
        ParsedEvent single = EventParser.read(sample("azure-eventgrid-single.json"));
        assertThat(single.images()).extracting(EventParserTest::noId).containsExactly(
                new ImageRef("az://devstoreaccount1/images/cam6/2026-11-28T10-21-00.png", "cam6", "2026-11-28T10:21:00.5000000Z"));
        ParsedEvent validation = EventParser.read(sample("azure-eventgrid-validation.json"));
        assertThat(validation.images()).isEmpty();
        assertThat(validation.ignored()).isEqualTo(1);
    }

    @Test
    void azureCloudEvent() throws Exception {
        ParsedEvent e = EventParser.read(sample("azure-cloudevent-blobcreated.json"));
        assertThat(e.format()).isEqualTo(EventFormat.AZURE_CLOUDEVENT);
        assertThat(e.images()).containsExactly(new ImageRef("az://vsscams/images/cam7/night.jpg", "cam7",
                "2026-11-28T23:59:59.4589254Z", "9aeb0fdf-c01e-0131-0922-9eb54906e209"));
        // a CloudEvents JSON batch (array) of the same
        ParsedEvent batch = EventParser.read("[" + sample("azure-cloudevent-blobcreated.json") + ","
                + sample("gcs-cloudevent-finalized.json") + "]");
        assertThat(batch.format()).isEqualTo(EventFormat.CLOUDEVENT_BATCH);
        assertThat(batch.images()).extracting(ImageRef::uri).containsExactly("az://vsscams/images/cam7/night.jpg",
                "gs://vss-cams/cam8/2026-11-28T10:30:00Z.jpg");
    }

    @Test
    void gcsCloudEventAndLegacyShapes() throws Exception {
        ParsedEvent e = EventParser.read(sample("gcs-cloudevent-finalized.json"));
        assertThat(e.format()).isEqualTo(EventFormat.GCS_CLOUDEVENT);
        assertThat(e.images()).containsExactly(new ImageRef("gs://vss-cams/cam8/2026-11-28T10:30:00Z.jpg", "cam8",
                "2026-11-28T10:30:00.930Z", "9425720190919226"));
        assertThat(EventParser.read(sample("gcs-cloudevent-deleted.json")).ignored()).isEqualTo(1);
        ParsedEvent legacy = EventParser.read(sample("gcs-legacy-finalize.json"));
        assertThat(legacy.format()).isEqualTo(EventFormat.GCS_LEGACY);
        assertThat(legacy.images()).extracting(EventParserTest::noId).containsExactly(
                new ImageRef("gs://vss-cams/cam9/2026-11-28T10-40-00.jpg", "cam9", "2026-11-28T10:40:00.128Z"));
        ParsedEvent bare = EventParser.read(sample("gcs-object-resource.json"));
        assertThat(bare.images()).extracting(EventParserTest::noId).containsExactly(
                new ImageRef("gs://vss-cams/cam9/2026-11-28T10-41-00.jpg", "cam9", "2026-11-28T10:41:00.001Z"));
    }

    @Test
    void garbageAndUnknownShapesAreRejectedWithWhatWasExpected() {
        assertThatThrownBy(() -> EventParser.parse("{not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON").hasMessageContaining("expected");
        assertThatThrownBy(() -> EventParser.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> EventParser.parse("42")).hasMessageContaining("unrecognised").hasMessageContaining("S3 notification");
        assertThatThrownBy(() -> EventParser.parse("{\"hello\":\"world\"}")).hasMessageContaining("[hello]")
                .hasMessageContaining("EventBridge").hasMessageContaining("GCS");
        assertThatThrownBy(() -> EventParser.parse("{\"Records\":[]}")).hasMessageContaining("Records");
        assertThatThrownBy(() -> EventParser.parse("{\"Records\":[{\"eventSource\":\"aws:dynamodb\"}]}"))
                .hasMessageContaining("aws:dynamodb");
        assertThatThrownBy(() -> EventParser.parse("{\"source\":\"aws.ec2\",\"detail-type\":\"x\",\"detail\":{}}"))
                .hasMessageContaining("aws.ec2");
        assertThatThrownBy(() -> EventParser.parse("{\"specversion\":\"1.0\",\"type\":\"com.example.other\"}"))
                .hasMessageContaining("com.example.other");
        // trailing data after the event
        assertThatThrownBy(() -> EventParser.parse(S3Events.rawNotification("b1", "cam1/a.jpg") + "{\"x\":1}"))
                .hasMessageContaining("not JSON").hasMessageContaining("trailing");
        // record-level faults fail that record only, and name it
        assertThat(rejected("{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"bucket\":{\"name\":\"b1\"},\"object\":{}}}]}")).contains("Records[0].s3.object.key");
        assertThat(rejected("{\"Records\":[{\"eventSource\":\"aws:sqs\",\"body\":\"hello\"}]}"))
                .contains("Records[0].body").contains("not JSON");
        assertThat(rejected(S3Events.rawNotification("b1", "cam1/%zz.jpg"))).contains("not URL-encoded");
    }

    /** The one rejected record's message; the request then holds no image. */
    static String rejected(String json) {
        ParsedEvent e = EventParser.read(json);
        assertThat(e.images()).as(json).isEmpty();
        assertThat(e.rejected()).as(json).hasSize(1);
        return e.rejected().get(0).message();
    }

    @Test
    void oneBadRecordFailsAloneUnderItsMessageId() throws Exception {
        String good = S3Events.rawNotification("vss-cams", "cam1/a.jpg");
        String bad = S3Events.rawNotification("vss-cams", "cam1/../../etc/passwd");
        String sqs = "{\"Records\":[" + sqsRecord("m-1", good) + "," + sqsRecord("m-2", bad) + ","
                + sqsRecord("m-3", "not json at all") + "," + sqsRecord("m-4", good) + "]}";
        ParsedEvent e = EventParser.read(sqs);
        assertThat(e.images()).extracting(ImageRef::recordId).containsExactly("m-1", "m-4");
        assertThat(e.rejected()).extracting(RecordError::recordId).containsExactly("m-2", "m-3");
        assertThat(e.rejected().get(0).path()).isEqualTo("Records[1] > Records[0]");
        assertThat(e.rejected().get(0).message()).contains("key").contains("'..'");
        assertThat(e.rejected().get(1).path()).isEqualTo("Records[2]");
        // an SQS-wrapped SNS envelope: the SQS messageId is the one SQS needs back
        ParsedEvent viaSns = EventParser.read(sample("sqs-s3.json"));
        assertThat(viaSns.images()).extracting(ImageRef::recordId).containsExactly(
                "19dd0b57-b21e-4ac1-bd88-01bbb068cb71", "19dd0b57-b21e-4ac1-bd88-01bbb068cb71",
                "19dd0b57-b21e-4ac1-bd88-01bbb068cb73");
    }

    static String sqsRecord(String id, String body) {
        return "{\"messageId\":\"" + id + "\",\"eventSource\":\"aws:sqs\",\"body\":"
                + EventFields.MAPPER.valueToTree(body) + "}";
    }

    @Test
    void hostileFieldsAreClippedInMessages() {
        String huge = "x".repeat(1_000_000);
        assertThatThrownBy(() -> EventParser.parse("{\"Records\":[{\"eventSource\":\"" + huge + "\"}]}"))
                .satisfies(t -> assertThat(t.getMessage().length()).isLessThan(2_000));
        String key = S3Events.rawNotification("vss-cams", "cam1/%zz" + huge);
        assertThat(rejected(key).length()).isLessThan(2_000);
    }

    @Test
    void keepWarmAndDirectInvocations() {
        assertThat(EventParser.read("{\"keep_warm\": true}").request().ping()).isTrue();
        ParsedEvent sched = EventParser.read("{\"id\":\"cdc73f9d\",\"detail-type\":\"Scheduled Event\","
                + "\"source\":\"aws.events\",\"time\":\"2026-11-28T10:00:00Z\",\"detail\":{}}");
        assertThat(sched.format()).isEqualTo(EventFormat.KEEP_WARM);
        assertThat(sched.request().ping()).isTrue();
        ParsedEvent d = EventParser.read("{\"images\":[\"s3://b1/cam1/a.jpg\", 7, \"file:///tmp/x.png\"],\"camera\":\"lobby\"}");
        assertThat(d.format()).isEqualTo(EventFormat.DIRECT);
        assertThat(d.images()).extracting(ImageRef::uri).containsExactly("s3://b1/cam1/a.jpg", "file:///tmp/x.png");
        assertThat(d.images()).extracting(ImageRef::camera).containsOnly("lobby");
        assertThat(d.rejected()).singleElement().extracting(RecordError::path).isEqualTo("images[1]");
    }

    @Test
    void keysAreValidatedTraversalIsRejected() {
        // ("/abs.jpg" and "cam1//x.jpg" are legal S3 keys, read as such: see KeyDecodingTest)
        for (String bad : List.of("cam1/../../etc/passwd", "%2E%2E/secret.jpg", "a%00b.jpg")) {
            assertThat(rejected(S3Events.rawNotification("vss-cams", bad))).as(bad).contains("key");
        }
        assertThat(rejected(S3Events.rawNotification("Bad_Bucket!", "cam1/a.jpg"))).contains("Bad_Bucket!");
        assertThat(rejected("{\"kind\":\"storage#object\",\"bucket\":\"b1\",\"name\":\"../x.jpg\"}")).contains("'..'");
        assertThat(rejected("{\"eventType\":\"Microsoft.Storage.BlobCreated\",\"subject\":\"s\","
                + "\"data\":{\"url\":\"https://acct1.blob.core.windows.net/images/a/%2E%2E/%2E%2E/x.jpg\"}}")).contains("'..'");
    }

    @Test
    void nestingIsBounded() {
        String s = S3Events.rawNotification("b1", "cam1/a.jpg");
        for (int i = 0; i < 6; i++) {
            s = "{\"Records\":[{\"eventSource\":\"aws:sqs\",\"body\":" + EventFields.MAPPER.valueToTree(s) + "}]}";
        }
        assertThat(rejected(s)).contains("nested");
    }
}
