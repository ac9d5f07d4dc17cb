// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vss.bl.image.ImageRef;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URIs, the provider registry, prefixed views and the storage image source (file: and a test scheme). */
class StoreTest {
    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void storageUrisEncodeAndDecodeKeys() {
        assertThat(StorageUris.of("s3", "bucket", "cam1/front door.jpg")).isEqualTo("s3://bucket/cam1/front%20door.jpg");
        assertThat(StorageUris.of("s3", "bucket", "cam1/a+b(1).jpg")).isEqualTo("s3://bucket/cam1/a+b(1).jpg");
        assertThat(StorageUris.key(URI.create("s3://bucket/cam1/front%20door.jpg"))).isEqualTo("cam1/front door.jpg");
        assertThat(StorageUris.key(URI.create("s3://bucket"))).isEmpty();
        assertThat(StorageUris.key(URI.create("s3://bucket/"))).isEmpty();
        assertThatThrownBy(() -> StorageUris.of("s3", "bucket", "../x")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> StorageUris.of("s3", "B!", "x")).hasMessageContaining("authority");
        assertThatThrownBy(() -> StorageUris.parse("uri", "s3://b/a b")).hasMessageContaining("not a URI");
    }

    @Test
    void registryFindsFileAndTestProvidersAndNamesTheMissingOnes(@TempDir Path dir) throws Exception {
        assertThat(BlobStores.schemes()).contains("file", "mem");
        BlobStore s = BlobStores.open(dir.toUri());
        assertThat(s).isInstanceOf(LocalBlobStore.class);
        s.put("cam1/a.json", b("1"));
        assertThat(Files.readString(dir.resolve("cam1/a.json"))).isEqualTo("1");
        assertThat(BlobStores.locate(dir.resolve("cam1/a.json").toUri()))
                .isEqualTo(new ObjectLocation(dir.resolve("cam1").toUri(), "a.json"));
        assertThatThrownBy(() -> BlobStores.open("s3://bucket/x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("available schemes").hasMessageContaining("cloud-aws");
        assertThatThrownBy(() -> BlobStores.open("ftp://host/x")).hasMessageContaining("ftp://host/x");
    }

    @Test
    void prefixedStoreStaysBelowItsPrefix() throws Exception {
        MemBlobStore mem = new MemBlobStore();
        mem.put("other/x", b("x"));
        PrefixedBlobStore p = new PrefixedBlobStore(mem, "results");
        assertThat(p.prefix()).isEqualTo("results/");
        p.put("cam1/a.json", b("a"));
        p.put("cam2/b.json", b("b"));
        assertThat(mem.list("")).containsExactly("other/x", "results/cam1/a.json", "results/cam2/b.json");
        assertThat(p.list("")).containsExactly("cam1/a.json", "cam2/b.json");
        assertThat(p.list("cam2/")).containsExactly("cam2/b.json");
        assertThat(p.exists("cam1/a.json")).isTrue();
        assertThat(new String(p.get("cam1/a.json"), StandardCharsets.UTF_8)).isEqualTo("a");
        p.delete("cam1/a.json");
        assertThat(p.exists("cam1/a.json")).isFalse();
        assertThatThrownBy(() -> p.get("../other/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.get("missing")).isInstanceOf(NoSuchFileException.class);
        // open() of a URI with a prefix gives the prefixed view of the container
        BlobStore viaUri = BlobStores.open("mem://bucket1/results/");
        assertThat(viaUri).isInstanceOf(PrefixedBlobStore.class);
        assertThat(((PrefixedBlobStore) viaUri).prefix()).isEqualTo("results/");
    }

    @Test
    void storageImageSourceReadsStorageUrisLocalPathsAndFileUris(@TempDir Path dir) throws Exception {
        MemBlobStore cams = new MemBlobStore();
        cams.put("cam1/front door.jpg", b("jpeg-bytes"));
        StorageImageSource src = new StorageImageSource(Map.of(URI.create("mem://cams/"), cams));
        assertThat(src.read(ImageRef.of("mem://cams/cam1/front%20door.jpg"))).isEqualTo(b("jpeg-bytes"));
        assertThatThrownBy(() -> src.read(ImageRef.of("mem://cams/cam1/missing.jpg"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> src.read(ImageRef.of("mem://cams/cam1/../../x.jpg"))).hasMessageContaining("'..'");
        assertThatThrownBy(() -> src.read(ImageRef.of("mem://cams/cam1/"))).hasMessageContaining("not an object");
        Path f = Files.write(dir.resolve("local.jpg"), b("local"));
        assertThat(src.read(ImageRef.of(f.toString()))).isEqualTo(b("local"));
        assertThat(src.read(ImageRef.of(f.toUri().toString()))).isEqualTo(b("local"));
        // a container not handed in is opened through its provider, once
        StorageImageSource opening = new StorageImageSource();
        MemBlobStoreProvider.store("bucket9").put("k.jpg", b("9"));
        assertThat(opening.read(ImageRef.of("mem://bucket9/k.jpg"))).isEqualTo(b("9"));
    }
}
