// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.image.BatchResult;
import dev.vss.bl.image.ErrorCode;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ImageResult;
import dev.vss.bl.image.ResultJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Result keys (camera / date / name) and the JSON written; the analysed case runs in cloud-aws against s3proxy. */
class ResultWriterTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC);

    static ImageResult failed(ImageRef ref) {
        return ImageResult.failed(ref, ErrorCode.DECODE_FAILED, "truncated", true);
    }

    @Test
    void keysComeFromCameraTimestampAndName() {
        ResultWriter w = new ResultWriter(new MemBlobStore(), "results", CLOCK);
        // camera and timestamp from the event; the UTC date of a timestamp with an offset
        assertThat(w.keyFor(failed(new ImageRef("mem://b1/cam1/x.jpg", "gate", "2026-11-28T23:30:00-02:00"))))
                .isEqualTo("results/gate/2026-11-29/x.jpg.json");
        // camera from the key's first segment, date from an Azure-style 7-digit fraction
        assertThat(w.keyFor(failed(new ImageRef("mem://b1/cam2/sub/y.png", null, "2026-11-28T10:20:00.8273591Z"))))
                .isEqualTo("results/cam2/2026-11-28/sub/y.png.json");
        // a camera below an input prefix: the rest of the key after it
        assertThat(w.keyFor(failed(new ImageRef("mem://b1/incoming/cam1/sub/x.jpg", "cam1", "2026-11-28T10:00:00Z"))))
                .isEqualTo("results/cam1/2026-11-28/sub/x.jpg.json");
        // no folder, no timestamp: unknown camera, the clock's date
        assertThat(w.keyFor(failed(ImageRef.of("mem://b1/z.jpg")))).isEqualTo("results/unknown/2026-12-01/z.jpg.json");
        // an unparseable timestamp dates by the clock too; a decoded space stays a space (allowed in keys)
        assertThat(w.keyFor(failed(new ImageRef("mem://b1/cam3/front%20door.jpg", null, "yesterday"))))
                .isEqualTo("results/cam3/2026-12-01/front door.jpg.json");
        // a local file: its directory is the camera
        assertThat(w.keyFor(failed(ImageRef.of("/data/images/cam4/0001.jpg")))).isEqualTo("results/cam4/2026-12-01/0001.jpg.json");
        // a scheme with no provider here still maps (Azure's container is skipped)
        assertThat(w.keyFor(failed(ImageRef.of("az://acct1/images/cam5/a.jpg")))).isEqualTo("results/cam5/2026-12-01/a.jpg.json");
        // a '/' or a control character in the camera is replaced, never passed into the key
        assertThat(w.keyFor(failed(new ImageRef("mem://b1/a.jpg", "../../etc#\n", null))))
                .isEqualTo("results/.._.._etc#_/2026-12-01/a.jpg.json");
    }

    @Test
    void distinctImagesNeverShareAResult() {
        ResultWriter w = new ResultWriter(new MemBlobStore(), "results", CLOCK);
        List<String> uris = List.of("cam1/a%231.jpg", "cam1/a&1.jpg", "cam1/a%201.jpg", "cam1/a+1.jpg", "cam1/a%251.jpg",
                "cam1/x/a.jpg", "cam1/y/a.jpg", "cam1/a.jpg", "cam1/%C3%A9.jpg", "cam1/e%CC%81.jpg",
                "cam1/" + "k".repeat(1000) + "1.jpg", "cam1/" + "k".repeat(1000) + "2.jpg");
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (String u : uris) {
            String k = w.keyFor(failed(new ImageRef("mem://b1/" + u, null, "2026-11-28T10:00:00Z")));
            assertThat(dev.vss.bl.store.Keys.utf8Length(k)).as(k).isLessThanOrEqualTo(1024);
            keys.add(k);
        }
        assertThat(keys).hasSameSizeAs(uris);
        assertThat(keys).contains("results/cam1/2026-11-28/a#1.jpg.json", "results/cam1/2026-11-28/a%1.jpg.json",
                "results/cam1/2026-11-28/x/a.jpg.json");
    }

    @Test
    void aRedeliveredBatchRewritesTheSameObjects() throws Exception {
        MemBlobStore store = new MemBlobStore();
        ResultWriter w = new ResultWriter(store, "results/", CLOCK);
        BatchResult batch = new BatchResult(List.of(failed(new ImageRef("mem://b1/cam1/a.jpg", null, "2026-11-28T10:00:00Z")),
                failed(new ImageRef("mem://b1/cam1/b.jpg", null, "2026-11-28T10:00:01Z"))), false, false);
        List<String> first = w.write(batch);
        List<String> again = w.write(batch);
        assertThat(again).isEqualTo(first);
        assertThat(store.list("results/")).containsExactlyInAnyOrderElementsOf(first);
    }

    @Test
    void writesOneObjectPerResultAndJsonLines() throws Exception {
        MemBlobStore store = new MemBlobStore();
        ResultWriter w = new ResultWriter(store, "results/", CLOCK);
        BatchResult batch = new BatchResult(List.of(failed(new ImageRef("mem://b1/cam1/a.jpg", null, "2026-11-28T10:00:00Z")),
                ImageResult.failed(ImageRef.of("mem://b1/cam1/b.jpg"), ErrorCode.NOT_FOUND, "no such image", true)), true, false);
        List<String> keys = w.write(batch);
        assertThat(keys).containsExactly("results/cam1/2026-11-28/a.jpg.json", "results/cam1/2026-12-01/b.jpg.json");
        JsonNode a = ResultJson.mapper().readTree(store.get(keys.get(0)));
        assertThat(a.path("image").asText()).isEqualTo("mem://b1/cam1/a.jpg");
        assertThat(a.path("ok").asBoolean()).isFalse();
        assertThat(a.path("error").path("code").asText()).isEqualTo("DECODE_FAILED");
        String jsonl = new String(store.get(w.writeJsonLines(batch, "batch-0001.jsonl")), StandardCharsets.UTF_8);
        assertThat(jsonl.split("\n")).hasSize(2);
        assertThat(jsonl).endsWith("\n").isEqualTo(ResultWriter.jsonLines(batch));
        assertThat(ResultJson.mapper().readTree(jsonl.split("\n")[1]).path("error").path("code").asText()).isEqualTo("NOT_FOUND");
    }
}
