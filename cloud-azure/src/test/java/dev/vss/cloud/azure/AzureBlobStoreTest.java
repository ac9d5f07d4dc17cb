// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.models.ListBlobsOptions;
import dev.vss.bl.events.EventParser;
import dev.vss.bl.image.AnalyzeRequest;
import dev.vss.bl.image.BatchResult;
import dev.vss.bl.image.ErrorCode;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ImageResult;
import dev.vss.bl.store.BlobStore;
import dev.vss.bl.store.BlobStores;
import dev.vss.bl.store.ObjectLocation;
import dev.vss.bl.store.PrefixedBlobStore;
import dev.vss.bl.store.ResultWriter;
import dev.vss.bl.store.StorageImageSource;
import dev.vss.bl.testing.BlobStoreContract;
import dev.vss.bl.testing.BlobStoreContractTests;
import dev.vss.bl.testing.Emulator;
import dev.vss.bl.testing.Emulators;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AzureBlobStore and the az:// provider against Azurite (the Azure Storage emulator from npm) on 127.0.0.1, started
 * by this test: real HTTP, real azure-storage-blob client, shared-key authentication with Azurite's documented
 * development account. Not exercised: Entra ID/managed-identity credentials, SAS tokens, HTTPS.
 */
class AzureBlobStoreTest extends BlobStoreContractTests {
    /** Azurite's well-known development account and key (published in its documentation; not a secret). */
    static final String ACCOUNT = "devstoreaccount1";
    static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    static Emulator azurite;
    static String endpoint;
    static String connectionString;

    @BeforeAll
    static void start() throws Exception {
        azurite = Emulators.azurite();
        endpoint = "http://127.0.0.1:" + azurite.port + "/" + ACCOUNT;
        connectionString = "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY + ";BlobEndpoint="
                + endpoint + ";";
    }

    @AfterAll
    static void stop() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Override
    protected AzureBlobStore store(String name) {
        AzureBlobStore s = AzureBlobStore.builder().setContainer(name).optConnectionString(connectionString).build();
        s.client().createIfNotExists();
        return s;
    }

    @Override
    protected List<String> longestKeys() {
        return List.of("\u00e9".repeat(1018));
    }

    @Test
    void roundTripListExistsDeleteAndMissing() throws Exception {
        AzureBlobStore s = store("basics");
        assertThat(s.uri()).isEqualTo("az://devstoreaccount1/basics/");
        BlobStoreContract.roundTrip(s, "az://devstoreaccount1/basics/",
                k -> s.client().getBlobClient(k).getProperties().getContentType());
        for (int i = 0; i < 7; i++) {
            s.put("many/" + i + ".json", b("x"));
        }
        // pages of 2 from the server; list() follows the continuation markers
        assertThat(s.client().listBlobs(new ListBlobsOptions().setPrefix("many/").setMaxResultsPerPage(2), null)
                .streamByPage().count()).isEqualTo(4);
        assertThat(s.list("many/")).hasSize(7);
        assertThatThrownBy(() -> s.get("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.put("a\u0001b", new byte[1])).isInstanceOf(IllegalArgumentException.class);
        BlobStoreContract.legalKeys(s, "odd/", List.of("a//b.jpg", "/lead.jpg", "tail.", "dir/"));
    }

    @Test
    void sharedKeyAndEndpointWithoutConnectionString() throws Exception {
        AzureBlobStore s = AzureBlobStore.builder().setAccount(ACCOUNT).setContainer("sharedkey").optEndpoint(endpoint)
                .optAccountKey(KEY).build();
        s.client().createIfNotExists();
        s.put("a.json", b("1"));
        assertThat(s.get("a.json")).isEqualTo(b("1"));
        // a wrong key is refused by the server (authentication is real)
        AzureBlobStore wrong = AzureBlobStore.builder().setAccount(ACCOUNT).setContainer("sharedkey").optEndpoint(endpoint)
                .optAccountKey(java.util.Base64.getEncoder().encodeToString(new byte[64])).build();
        assertThatThrownBy(() -> wrong.get("a.json")).isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> AzureBlobStore.builder().setAccount("otheraccount").setContainer("images")
                .optConnectionString(connectionString).build()).hasMessageContaining("otheraccount");
    }

    @Test
    void eventGridEventThroughTheProviderToResultsInTheContainer() throws Exception {
        AzureBlobStore images = store("images");
        images.put("cam6/2026-11-28T10-21-00.png", b("png-bytes"));
        // an Event Grid event as Azurite-backed storage would announce it (path-style URL with the account)
        String event = "{\"topic\":\"/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/"
                + ACCOUNT + "\",\"subject\":\"/blobServices/default/containers/images/blobs/cam6/2026-11-28T10-21-00.png\","
                + "\"eventType\":\"Microsoft.Storage.BlobCreated\",\"id\":\"1\",\"eventTime\":\"2026-11-28T10:21:00.5Z\","
                + "\"data\":{\"api\":\"PutBlob\",\"url\":\"" + endpoint + "/images/cam6/2026-11-28T10-21-00.png\"},"
                + "\"dataVersion\":\"\",\"metadataVersion\":\"1\"}";
        AnalyzeRequest req = EventParser.parse(event);
        ImageRef ref = req.images().get(0);
        assertThat(ref).isEqualTo(new ImageRef("az://devstoreaccount1/images/cam6/2026-11-28T10-21-00.png", "cam6",
                "2026-11-28T10:21:00.5Z", "1")); // the Event Grid event's id: failures are reported under it
        withProperty("vss.azure.connectionString", connectionString, () -> {
            assertThat(BlobStores.schemes()).contains("az", "file");
            assertThat(new StorageImageSource().read(ref)).isEqualTo(b("png-bytes"));
            BlobStore results = BlobStores.open("az://devstoreaccount1/images/results/");
            assertThat(results).isInstanceOf(PrefixedBlobStore.class);
            BatchResult batch = new BatchResult(List.of(ImageResult.failed(ref, ErrorCode.DECODE_FAILED, "not a PNG", true)),
                    true, false);
            List<String> keys = new ResultWriter(results, "", java.time.Clock.systemUTC()).write(batch);
            assertThat(keys).containsExactly("cam6/2026-11-28/2026-11-28T10-21-00.png.json");
            assertThat(new String(images.get("results/cam6/2026-11-28/2026-11-28T10-21-00.png.json"), StandardCharsets.UTF_8))
                    .contains("\"DECODE_FAILED\"").contains("az://devstoreaccount1/images/cam6/");
            // the https form of the same account reaches the same container
            assertThat(BlobStores.open("https://devstoreaccount1.blob.core.windows.net/images/cam6/").list(""))
                    .containsExactly("2026-11-28T10-21-00.png");
        });
    }

    @Test
    void uriMappingOffline() {
        AzureBlobStoreProvider p = new AzureBlobStoreProvider();
        assertThat(p.accepts(URI.create("az://acct1/c1/x"))).isTrue();
        assertThat(p.accepts(URI.create("https://acct1.blob.core.windows.net/c1/x"))).isTrue();
        assertThat(p.accepts(URI.create("https://acct1.blob.core.chinacloudapi.cn/c1/x"))).isTrue();
        assertThat(p.accepts(URI.create("https://example.com/c1/x"))).isFalse();
        assertThat(p.accepts(URI.create("s3://b/x"))).isFalse();
        assertThat(p.locate(URI.create("az://acct1/images/cam1/front%20door.jpg")))
                .isEqualTo(new ObjectLocation(URI.create("az://acct1/images/"), "cam1/front door.jpg"));
        assertThat(p.locate(URI.create("https://acct1.blob.core.windows.net/images/cam1/a.jpg")))
                .isEqualTo(new ObjectLocation(URI.create("az://acct1/images/"), "cam1/a.jpg"));
        assertThat(p.locate(URI.create("az://acct1/images"))).isEqualTo(new ObjectLocation(URI.create("az://acct1/images/"), ""));
        assertThatThrownBy(() -> p.locate(URI.create("az://acct1/"))).hasMessageContaining("no container");
        assertThatThrownBy(() -> p.locate(URI.create("az://acct1/Images/x"))).hasMessageContaining("container");
        assertThatThrownBy(() -> p.locate(URI.create("az://acct1/images/a/../../b"))).hasMessageContaining("'..'");
        assertThat(AzureBlobStore.contentType("r.JSON")).isEqualTo("application/json");
    }
}
