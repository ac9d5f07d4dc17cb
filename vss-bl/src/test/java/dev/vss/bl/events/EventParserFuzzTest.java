// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vss.bl.image.AnalyzeRequest;
import dev.vss.bl.image.ImageRef;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing (Jazzer) of {@link EventParser} on arbitrary text. Properties: it returns a request or
 * throws IllegalArgumentException, nothing else (no NullPointerException, ClassCastException, StackOverflowError);
 * its message stays short whatever the event holds; every image it returns has a storage URI. Without
 * {@code JAZZER_FUZZ} this replays the committed seeds (the recorded cloud events) in
 * {@code src/test/resources/dev/vss/bl/events/EventParserFuzzTestInputs/}.
 */
class EventParserFuzzTest {
    // JSON keys and values of the event shapes (libFuzzer dictionary entries, inserted without quotes)
    @DictionaryEntries({"Records", "eventSource", "aws:s3", "aws:sqs", "aws:sns", "s3",
        "bucket", "object", "key", "name", "size", "eventName", "ObjectCreated:Put",
        "eventTime", "body", "Sns", "Message", "Type", "Notification", "detail-type",
        "detail", "source", "aws.s3", "Object Created", "specversion", "type", "data",
        "subject", "eventType", "url", "Microsoft.Storage.BlobCreated",
        "google.cloud.storage.object.v1.finalized", "s3:TestEvent", "%2F", "%", "+"})
    @FuzzTest(maxDuration = "30s")
    void parsesOrRefusesWithAShortMessage(byte[] data) {
        String json = new String(data, StandardCharsets.UTF_8); // raw bytes: the seed files are used as they are
        AnalyzeRequest r;
        try {
            r = EventParser.parse(json);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotNull().hasSizeLessThan(2000);
            return;
        }
        assertThat(r).isNotNull();
        for (ImageRef ref : r.images()) {
            assertThat(ref.uri()).isNotBlank();
        }
    }
}
