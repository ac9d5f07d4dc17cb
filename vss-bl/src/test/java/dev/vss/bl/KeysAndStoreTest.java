package dev.vss.bl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysAndStoreTest {
    @Test
    void keysAreValidated() {
        assertThat(Keys.check("cam1/2026-11-28T10-00-00.jpg")).isEqualTo("cam1/2026-11-28T10-00-00.jpg");
        assertThatThrownBy(() -> Keys.check("../etc/passwd")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> Keys.check("a/./b")).hasMessageContaining("'.'");
        assertThatThrownBy(() -> Keys.check("/abs")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> Keys.check("a//b")).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> Keys.check("a\u0000b")).hasMessageContaining("character");
        assertThatThrownBy(() -> Keys.check("x".repeat(1025))).hasMessageContaining("1025");
        assertThatThrownBy(() -> Keys.check("")).hasMessageContaining("empty");
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
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).isEmpty();
        }
    }
}
