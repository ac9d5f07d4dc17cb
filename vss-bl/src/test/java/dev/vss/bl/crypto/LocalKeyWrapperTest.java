// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key sources, their order, the owner-only key file, and wrapping. Never touches the home directory. */
class LocalKeyWrapperTest {
    @Test
    void theKeyFileIsCreatedOwnerOnlyOnceAndReused(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("cfg/vss/gallery.key");
        List<String> notices = new ArrayList<>();
        LocalKeyWrapper first = LocalKeyWrapper.createOrLoad(file, notices::add);
        assertThat(file).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(notices).singleElement().asString().contains(file.toAbsolutePath().toString());

        LocalKeyWrapper again = LocalKeyWrapper.createOrLoad(file, notices::add);
        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(notices).hasSize(1); // nothing new created
        assertThat(again.unwrap(first.wrap(new byte[32]))).isEqualTo(new byte[32]);
        // and a fresh process resolving the same file through the environment gets the same key
        assertThat(LocalKeyWrapper.fromEnvironment(Map.of("VSS_GALLERY_KEY_FILE", file.toString()), false, s -> { })
                .keyId()).isEqualTo(first.keyId());
    }

    @Test
    void aKeyFileOthersCanReadIsRefused(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("gallery.key");
        Files.writeString(file, LocalKeyWrapper.newKeyBase64());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> LocalKeyWrapper.fromFile(file)).hasMessageContaining("rw-r--r--")
                .hasMessageContaining("chmod 600 " + file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(LocalKeyWrapper.fromFile(file).source()).contains(file.toString());
    }

    @Test
    void sourcesAreTriedInOrder(@TempDir Path tmp) throws Exception {
        String inline = LocalKeyWrapper.newKeyBase64();
        Path named = tmp.resolve("named.key");
        LocalKeyWrapper fromNamed = LocalKeyWrapper.createOrLoad(named, s -> { });
        Path xdg = tmp.resolve("xdg");
        LocalKeyWrapper fromDefault = LocalKeyWrapper.createOrLoad(xdg.resolve("vss/gallery.key"), s -> { });

        LocalKeyWrapper a = LocalKeyWrapper.fromEnvironment(Map.of("VSS_GALLERY_KEY", inline,
                "VSS_GALLERY_KEY_FILE", named.toString(), "XDG_CONFIG_HOME", xdg.toString()), false, s -> { });
        assertThat(a.keyId()).isEqualTo(LocalKeyWrapper.fromBase64(inline, "x").keyId());
        assertThat(a.source()).isEqualTo("environment variable VSS_GALLERY_KEY");
        LocalKeyWrapper b = LocalKeyWrapper.fromEnvironment(Map.of("VSS_GALLERY_KEY_FILE", named.toString(),
                "XDG_CONFIG_HOME", xdg.toString()), false, s -> { });
        assertThat(b.keyId()).isEqualTo(fromNamed.keyId());
        LocalKeyWrapper c = LocalKeyWrapper.fromEnvironment(Map.of("XDG_CONFIG_HOME", xdg.toString()), false, s -> { });
        assertThat(c.keyId()).isEqualTo(fromDefault.keyId());
        assertThat(LocalKeyWrapper.defaultKeyFile(Map.of("XDG_CONFIG_HOME", xdg.toString())))
                .isEqualTo(xdg.resolve("vss/gallery.key"));
        assertThat(LocalKeyWrapper.defaultKeyFile(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "vss", "gallery.key"));
    }

    @Test
    void noConfiguredKeyIsAClearErrorUnlessCreationIsAllowed(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", tmp.toString());
        assertThatThrownBy(() -> LocalKeyWrapper.fromEnvironment(env, false, s -> { }))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("VSS_GALLERY_KEY")
                .hasMessageContaining("VSS_GALLERY_KEY_FILE").hasMessageContaining(tmp.resolve("vss/gallery.key").toString());
        assertThat(tmp.resolve("vss/gallery.key")).doesNotExist();
        List<String> notices = new ArrayList<>();
        LocalKeyWrapper made = LocalKeyWrapper.fromEnvironment(env, true, notices::add);
        assertThat(tmp.resolve("vss/gallery.key")).isRegularFile();
        assertThat(notices).hasSize(1);
        assertThat(LocalKeyWrapper.fromEnvironment(env, false, s -> { }).keyId()).isEqualTo(made.keyId());
    }

    @Test
    void badKeysAreRefusedWithoutEchoingThem(@TempDir Path tmp) throws Exception {
        String notBase64 = "secret-material-!!";
        assertThatThrownBy(() -> LocalKeyWrapper.fromEnvironment(Map.of("VSS_GALLERY_KEY", notBase64), false, s -> { }))
                .hasMessageContaining("VSS_GALLERY_KEY").hasMessageNotContaining(notBase64);
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> LocalKeyWrapper.fromBase64(shortKey, "VSS_GALLERY_KEY"))
                .hasMessageContaining("16 bytes").hasMessageNotContaining(shortKey);
        Path empty = Files.createFile(tmp.resolve("empty.key"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        assertThatThrownBy(() -> LocalKeyWrapper.fromFile(empty)).hasMessageContaining(empty.toString());
        assertThatThrownBy(() -> new LocalKeyWrapper(new byte[31], "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wrappingIsAuthenticatedAndKeyBound() throws Exception {
        LocalKeyWrapper k1 = LocalKeyWrapper.fromBase64(LocalKeyWrapper.newKeyBase64(), "k1");
        LocalKeyWrapper k2 = LocalKeyWrapper.fromBase64(LocalKeyWrapper.newKeyBase64(), "k2");
        assertThat(k1.keyId()).isNotEqualTo(k2.keyId()).matches("local:[0-9a-f]{16}");
        byte[] dk = new byte[32];
        dk[0] = 7;
        byte[] w = k1.wrap(dk);
        assertThat(w).hasSize(60);
        assertThat(k1.wrap(dk)).isNotEqualTo(w); // random IV
        assertThat(k1.unwrap(w)).isEqualTo(dk);
        assertThatThrownBy(() -> k2.unwrap(w)).isInstanceOf(AEADBadTagException.class);
        for (int i = 0; i < w.length; i++) {
            byte[] bad = w.clone();
            bad[i] ^= 1;
            assertThatThrownBy(() -> k1.unwrap(bad)).isInstanceOf(AEADBadTagException.class);
        }
        assertThatThrownBy(() -> k1.unwrap(new byte[59])).hasMessageContaining("59 bytes");
    }

    @Test
    void toStringNeverShowsTheKey() throws Exception {
        String b64 = LocalKeyWrapper.newKeyBase64();
        LocalKeyWrapper k = LocalKeyWrapper.fromBase64(b64, "VSS_GALLERY_KEY");
        assertThat(k.toString()).contains(k.keyId()).doesNotContain(b64).doesNotContain(b64.substring(0, 8));
    }

    @Test
    void concurrentCreatorsAllGetTheOneKeyThatWasWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/gallery.key");
        int n = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<String>> ids = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger created = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < n; i++) {
            ids.add(pool.submit(() -> {
                go.await();
                return LocalKeyWrapper.createOrLoad(file, m -> created.incrementAndGet()).keyId();
            }));
        }
        go.countDown();
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (var f : ids) {
            distinct.add(f.get()); // none failed reading a key file still being written
        }
        pool.shutdown();
        assertThat(distinct).hasSize(1).contains(LocalKeyWrapper.fromFile(file).keyId());
        assertThat(created.get()).as("one creator").isEqualTo(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("gallery.key");
        }
    }
}
