// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vss.bl.image.ImageRef;
import dev.vss.bl.store.StorageUris;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Object keys with every legal character, decoded by each provider's rules: S3 events form-URL-encode keys ({@code +}
 * is a space), Event Grid carries the blob name as is in its subject (and some characters unencoded in its url),
 * GCS events carry the name as is. One record with a key vss refuses fails alone.
 */
class KeyDecodingTest {
    static final List<String> KEYS = List.of("cam1/caf\u00e9.jpg", "cam1/a#1.jpg", "cam1/a&b $x [0].jpg",
            "cam1/a+b.jpg", "cam1/100%.jpg", "cam1/%41.jpg", "cam1/\u6771\u4eac \ud83d\udcf7.jpg", "cam1/a?b=c.jpg",
            "cam1//double.jpg", "cam1/" + "k".repeat(1000) + ".jpg");

    /** The key an image reference names, decoded back from its URI. */
    static String key(ImageRef r) {
        return StorageUris.key(URI.create(r.uri()));
    }

    static String s3Event(List<String> keys) {
        StringBuilder b = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < keys.size(); i++) {
            b.append(i == 0 ? "" : ",").append("{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
                    + "\"eventTime\":\"2026-11-28T10:00:00.000Z\",\"s3\":{\"bucket\":{\"name\":\"cams\"},\"object\":"
                    + "{\"key\":\"").append(URLEncoder.encode(keys.get(i), StandardCharsets.UTF_8)).append("\"}}}");
        }
        return b.append("]}").toString();
    }

    @Test
    void s3KeysAreFormUrlDecoded() {
        ParsedEvent e = EventParser.read(s3Event(KEYS));
        assertThat(e.rejected()).isEmpty();
        assertThat(e.images().stream().map(KeyDecodingTest::key).toList()).containsExactlyElementsOf(KEYS);
        assertThat(e.images()).allSatisfy(r -> assertThat(r.uri()).startsWith("s3://cams/cam1/"));
    }

    @Test
    void oneBadKeyFailsOnlyItsRecord() {
        // legal in S3, refused by vss: a control character and a '..' segment
        ParsedEvent e = EventParser.read(s3Event(List.of("cam1/a.jpg", "cam1/line\nbreak.jpg", "cam1/../b.jpg",
                "cam1/c.jpg")));
        assertThat(e.images().stream().map(KeyDecodingTest::key).toList()).containsExactly("cam1/a.jpg", "cam1/c.jpg");
        assertThat(e.rejected()).hasSize(2);
        assertThat(e.rejected().get(0).message()).contains("U+000A").doesNotContain("\n");
        assertThat(e.rejected().get(1).message()).contains("'..'");
    }

    static String eventGrid(String url, String subject) {
        return "{\"topic\":\"/subscriptions/0/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/acct1\","
                + (subject == null ? "" : "\"subject\":" + quote(subject) + ",")
                + "\"eventType\":\"Microsoft.Storage.BlobCreated\",\"id\":\"1\",\"eventTime\":\"2026-11-28T10:00:00Z\","
                + "\"data\":{\"url\":" + quote(url) + "}}";
    }

    static String quote(String s) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
    }

    @Test
    void azureNamesComeFromTheSubject() {
        for (String k : KEYS) {
            // Event Grid leaves '#' (among others) unencoded in data.url: the subject is the reliable name
            String url = "https://acct1.blob.core.windows.net/images/" + k;
            ParsedEvent e = EventParser.read(eventGrid(url, "/blobServices/default/containers/images/blobs/" + k));
            assertThat(e.rejected()).as(k).isEmpty();
            assertThat(e.images().get(0).uri()).startsWith("az://acct1/images/");
            assertThat(key(e.images().get(0))).isEqualTo("images/" + k);
        }
    }

    @Test
    void azureUrlsWithoutASubjectArePercentDecoded() {
        StorageUris.AzureBlob b = StorageUris.azureBlob(
                "https://acct1.blob.core.windows.net/images/cam1/caf%C3%A9%20%231+2%25.jpg", null);
        assertThat(b).isEqualTo(new StorageUris.AzureBlob("acct1", "images", "cam1/caf\u00e9 #1+2%.jpg"));
        // Azurite's path-style url: the account is the first segment
        assertThat(StorageUris.azureBlob("http://127.0.0.1:10000/devstoreaccount1/images/a#b?c.jpg", null))
                .isEqualTo(new StorageUris.AzureBlob("devstoreaccount1", "images", "a#b?c.jpg"));
        assertThat(StorageUris.azureBlob("https://acct1.blob.core.windows.net/x/y",
                "blobServices/default/containers/images/blobs/cam 1/y.jpg").blob()).isEqualTo("cam 1/y.jpg");
        assertThatThrownBy(() -> StorageUris.azureBlob("https://acct1.blob.core.windows.net/images/%C3%28.jpg", null))
                .hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> StorageUris.azureBlob("ftp://x/y/z", null)).hasMessageContaining("not an http(s)");
    }

    @Test
    void gcsNamesAreTakenAsTheyAre() {
        for (String k : KEYS) {
            String event = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"//storage.googleapis.com/projects/_/buckets/"
                    + "b1\",\"type\":\"google.cloud.storage.object.v1.finalized\",\"time\":\"2026-11-28T10:00:00Z\","
                    + "\"data\":{\"bucket\":\"b1\",\"name\":" + quote(k) + "}}";
            ParsedEvent e = EventParser.read(event);
            assertThat(e.rejected()).as(k).isEmpty();
            assertThat(key(e.images().get(0))).isEqualTo(k);
        }
    }

    @Test
    void typedLocationsAndListedKeys() {
        assertThat(StorageUris.key(StorageUris.parseLocation("source", "s3://b/front door/caf\u00e9 #1/")))
                .isEqualTo("front door/caf\u00e9 #1/");
        assertThat(StorageUris.key(StorageUris.parseLocation("source", "s3://b/100%/a%20b?/")))
                .isEqualTo("100%/a b?/");
        assertThat(StorageUris.parseLocation("source", "s3://b/cam1/")).isEqualTo(URI.create("s3://b/cam1/"));
        // a listed key vss refuses still gets a URI (it then fails alone when read)
        String u = StorageUris.ofListed("s3", "b1", "cam1/line\nbreak#.jpg");
        assertThat(u).isEqualTo("s3://b1/cam1/line%0Abreak%23.jpg");
        assertThat(StorageUris.key(URI.create(u))).isEqualTo("cam1/line\nbreak#.jpg");
        for (String k : KEYS) {
            assertThat(StorageUris.key(URI.create(StorageUris.ofListed("gs", "b1", k)))).isEqualTo(k);
            assertThat(StorageUris.ofListed("gs", "b1", k)).isEqualTo(StorageUris.of("gs", "b1", k));
        }
    }
}
