// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.Storage;
import dev.vss.bl.events.EventParser;
import dev.vss.bl.image.AnalyzeRequest;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.store.BlobStore;
import dev.vss.bl.store.BlobStores;
import dev.vss.bl.store.ObjectLocation;
import dev.vss.bl.store.PrefixedBlobStore;
import dev.vss.bl.store.StorageImageSource;
import dev.vss.bl.testing.BlobStoreContract;
import dev.vss.bl.testing.BlobStoreContractTests;
import dev.vss.bl.testing.Emulator;
import dev.vss.bl.testing.Emulators;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GcsBlobStore and the gs:// provider against fake-gcs-server (built from its Go module by
 * scripts/install/emulators.sh) on 127.0.0.1, started by this test: real HTTP, the real google-cloud-storage client
 * (JSON API). fake-gcs-server evaluates ifGenerationMatch under its lock, as GCS does; gcp-storage-emulator
 * 2026.7.19, used before, ignores it (a create-only write over an existing object succeeded), so it cannot test
 * conditional writes. The emulator checks no credentials, so authentication (ADC, service accounts) is not
 * exercised; nor is the gRPC transport.
 */
class GcsBlobStoreTest extends BlobStoreContractTests {
    static Emulator emulator;
    static String host;
    static Storage storage;

    @BeforeAll
    static void start() throws Exception {
        emulator = Emulators.fakeGcs();
        host = "http://127.0.0.1:" + emulator.port;
        storage = GcsBlobStore.newClient(host, "vss-test", null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (storage != null) {
            storage.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Override
    protected GcsBlobStore store(String name) {
        storage.create(BucketInfo.of(name));
        return GcsBlobStore.builder().setBucket(name).optStorage(storage).build();
    }

    @Override
    protected List<String> longestKeys() {
        // 1024 bytes, GCS's limit; fake-gcs-server answers 400 for a 1024-byte key of two-byte characters
        // (3072 characters once percent-encoded), which real GCS accepts, so the longest key tried here is ASCII
        return List.of("k".repeat(1019), "\u00e9".repeat(200) + ".jpg");
    }

    @Test
    void roundTripListExistsDeleteAndMissing() throws Exception {
        GcsBlobStore s = store("basics");
        BlobStoreContract.roundTrip(s, "gs://basics/", k -> storage.get("basics", k).getContentType());
        assertThatThrownBy(() -> s.get("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.put("a\u0001b", new byte[1])).isInstanceOf(IllegalArgumentException.class);
        BlobStoreContract.legalKeys(s, "odd/", List.of("a//b.jpg", "/lead.jpg", "tail.", "dir/"));
    }

    @Test
    void cloudEventThroughTheProvider() throws Exception {
        GcsBlobStore s = store("vss-cams");
        s.put("cam8/2026-11-28T10:30:00Z.jpg", b("jpeg-8"));
        String event = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"//storage.googleapis.com/projects/_/buckets/vss-cams\","
                + "\"type\":\"google.cloud.storage.object.v1.finalized\",\"time\":\"2026-11-28T10:30:00.930Z\","
                + "\"data\":{\"kind\":\"storage#object\",\"bucket\":\"vss-cams\",\"name\":\"cam8/2026-11-28T10:30:00Z.jpg\"}}";
        AnalyzeRequest req = EventParser.parse(event);
        ImageRef ref = req.images().get(0);
        withProperty("vss.gcs.host", host, () -> {
            assertThat(BlobStores.schemes()).contains("gs");
            assertThat(new StorageImageSource().read(ref)).isEqualTo(b("jpeg-8"));
            BlobStore cam = BlobStores.open("gs://vss-cams/cam8/");
            assertThat(cam).isInstanceOf(PrefixedBlobStore.class);
            assertThat(cam.list("")).containsExactly("2026-11-28T10:30:00Z.jpg");
        });
    }

    @Test
    void uriMappingOffline() {
        GcsBlobStoreProvider p = new GcsBlobStoreProvider();
        assertThat(p.accepts(URI.create("gs://b1/x"))).isTrue();
        assertThat(p.accepts(URI.create("s3://b1/x"))).isFalse();
        assertThat(p.locate(URI.create("gs://vss-cams/cam1/a%20b.jpg")))
                .isEqualTo(new ObjectLocation(URI.create("gs://vss-cams/"), "cam1/a b.jpg"));
        assertThatThrownBy(() -> p.locate(URI.create("gs:///x"))).hasMessageContaining("bucket");
        assertThatThrownBy(() -> p.locate(URI.create("gs://b1/a/../../x"))).hasMessageContaining("'..'");
        assertThat(GcsBlobStore.contentType("a.png")).isEqualTo("image/png");
        assertThatThrownBy(() -> GcsBlobStore.builder().build()).hasMessageContaining("setBucket");
    }
}
