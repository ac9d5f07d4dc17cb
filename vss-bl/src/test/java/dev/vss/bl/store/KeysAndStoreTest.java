// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysAndStoreTest {
    /** Keys the clouds allow that older builds refused. */
    static final List<String> LEGAL = List.of("cam1/caf\u00e9.jpg", "cam1/a#1.jpg", "cam1/a&b.jpg", "cam1/$x.jpg",
            "cam1/[0].jpg", "cam1/front door.jpg", "cam1/a+b.jpg", "cam1/100%.jpg", "cam1/%41.jpg",
            "cam1/\u6771\u4eac/\u5199\u771f.jpg", "cam1/\ud83d\udcf7.jpg", "cam1/a?b=c.jpg", "cam1/x'y\"z.jpg",
            "cam1/back\\slash.jpg", "cam1/{}|^`<>.jpg", "-leading-dash.jpg", "cam1//double.jpg", "cam1/tail.");

    @Test
    void keysAreValidated() {
        assertThat(Keys.check("cam1/2026-11-28T10-00-00.jpg")).isEqualTo("cam1/2026-11-28T10-00-00.jpg");
        LEGAL.forEach(k -> assertThat(Keys.check(k)).isEqualTo(k));
        assertThatThrownBy(() -> Keys.check("../etc/passwd")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> Keys.check("a/./b")).hasMessageContaining("'.'");
        assertThatThrownBy(() -> Keys.check("a/..")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> Keys.check("a\u0000b")).hasMessageContaining("control character U+0000");
        assertThatThrownBy(() -> Keys.check("a\nb")).hasMessageContaining("U+000A").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Keys.check("a\ud800b")).hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> Keys.check("x".repeat(1025))).hasMessageContaining("1025").hasMessageContaining("...");
        assertThatThrownBy(() -> Keys.check("")).hasMessageContaining("empty");
        assertThat(Keys.check("..a/.b/c..")).isEqualTo("..a/.b/c..");
        // providers' limits: 1024 bytes of UTF-8 for S3 and GCS, 1024 characters and 254 segments for Azure
        String ascii = "k".repeat(1024);
        String twoByte = "\u00e9".repeat(512);
        assertThat(Keys.checkUtf8Length(ascii)).isEqualTo(ascii);
        assertThat(Keys.checkUtf8Length(twoByte)).isEqualTo(twoByte);
        assertThatThrownBy(() -> Keys.checkUtf8Length(twoByte + "x")).hasMessageContaining("1025 bytes");
        assertThat(Keys.checkAzure("\u00e9".repeat(1024))).hasSize(1024);
        assertThat(Keys.checkAzure("a/".repeat(253) + "b")).isNotEmpty();
        assertThatThrownBy(() -> Keys.checkAzure("a/".repeat(254) + "b")).hasMessageContaining("255 path segments");
    }

    @Test
    void localStoreRoundTripsListsAndDeletes(@TempDir Path dir) throws Exception {
        LocalBlobStore s = new LocalBlobStore(dir);
        s.put("results/cam1/a.json", "1".getBytes(StandardCharsets.UTF_8));
        s.put("results/cam1/b.json", "2".getBytes(StandardCharsets.UTF_8));
        s.put("results/cam1/a.json", "3".getBytes(StandardCharsets.UTF_8)); // replaced
        s.put("other/c.json", "4".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(s.get("results/cam1/a.json"), StandardCharsets.UTF_8)).isEqualTo("3");
        assertThat(s.list("results/")).containsExactly("results/cam1/a.json", "results/cam1/b.json");
        assertThat(s.exists("other/c.json")).isTrue();
        s.delete("other/c.json");
        assertThat(s.exists("other/c.json")).isFalse();
        assertThatThrownBy(() -> s.get("missing.json")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> s.put("../escape", new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.put("/abs", new byte[1])).hasMessageContaining("absolute");
        assertThatThrownBy(() -> s.put("a/.vss-lock", new byte[1])).hasMessageContaining("uses itself");
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).isEmpty();
        }
    }

    @Test
    void localStoreHoldsEveryLegalKey(@TempDir Path dir) throws Exception {
        LocalBlobStore s = new LocalBlobStore(dir);
        for (String k : LEGAL) {
            s.put(k, k.getBytes(StandardCharsets.UTF_8));
        }
        for (String k : LEGAL) {
            assertThat(new String(s.get(k), StandardCharsets.UTF_8)).isEqualTo(k);
        }
        // a//b is the file a/b on a file system: the listing names it once, by its path
        assertThat(s.list("")).hasSize(LEGAL.size()).contains("cam1/double.jpg", "cam1/caf\u00e9.jpg", "cam1/100%.jpg");
    }

    @Test
    void conditionalWritesRefuseAStaleVersion(@TempDir Path dir) throws Exception {
        LocalBlobStore s = new LocalBlobStore(dir);
        String v1 = s.putIf("g.bin", new byte[] {1}, null);
        BlobConflictException exists = catchThrowableOfType(BlobConflictException.class,
                () -> s.putIf("g.bin", new byte[] {9}, null));
        assertThat(exists).hasMessageContaining("CONFLICT").hasMessageContaining("already exists");
        BlobStore.Blob b = s.getVersioned("g.bin");
        assertThat(b.version()).isEqualTo(v1);
        String v2 = s.putIf("g.bin", new byte[] {2}, v1);
        assertThat(v2).isNotEqualTo(v1);
        assertThatThrownBy(() -> s.putIf("g.bin", new byte[] {3}, v1)).isInstanceOf(BlobConflictException.class)
                .hasMessageContaining("changed by another writer");
        assertThat(s.get("g.bin")).containsExactly(2);
        s.delete("g.bin");
        assertThatThrownBy(() -> s.putIf("g.bin", new byte[] {4}, v2)).isInstanceOf(BlobConflictException.class)
                .hasMessageContaining("does not exist");
        assertThat(s.exists("g.bin")).isFalse();
        assertThat(s.list("")).isEmpty(); // lock and temporary files are not objects
    }

    @Test
    void theByteLimitIsCheckedBeforeReading(@TempDir Path dir) throws Exception {
        LocalBlobStore s = new LocalBlobStore(dir);
        s.put("small.jpg", new byte[1000]);
        assertThat(s.size("small.jpg")).isEqualTo(1000);
        assertThat(s.get("small.jpg", 1000)).hasSize(1000);
        ObjectTooLargeException e = catchThrowableOfType(ObjectTooLargeException.class, () -> s.get("small.jpg", 999));
        assertThat(e.size()).isEqualTo(1000);
        assertThat(e.limit()).isEqualTo(999);
        // a 3 GB sparse file: refused from its size, nothing read (this JVM's heap could not hold it)
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("huge.jpg").toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        ObjectTooLargeException huge = catchThrowableOfType(ObjectTooLargeException.class,
                () -> s.get("huge.jpg", 20L << 20));
        assertThat(huge.size()).isEqualTo(3L << 30);
        assertThat(huge).hasMessageContaining("3221225472 bytes").hasMessageContaining("20971520");
        assertThat(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory() - before)
                .as("heap growth while refusing").isLessThan(16L << 20);
        assertThatThrownBy(() -> s.get("missing.jpg", 10)).isInstanceOf(NoSuchFileException.class);
    }
}
