// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wraps data keys with a local 256-bit key (AES-256-GCM, random 96-bit IV; wrapped form {@code IV || ciphertext ||
 * tag}, 60 bytes). The key comes from, in this order:
 * <ol>
 *   <li>{@code VSS_GALLERY_KEY}: the key itself, base64 (how a function receives it from its secret store);</li>
 *   <li>{@code VSS_GALLERY_KEY_FILE}: a file holding the base64 key;</li>
 *   <li>the default key file {@code $XDG_CONFIG_HOME/vss/gallery.key}, else {@code ~/.config/vss/gallery.key}.</li>
 * </ol>
 * Key files must be readable by their owner only ({@code rw-------}). The default file lives in the user's
 * configuration folder, never beside the gallery: a key stored next to the ciphertext travels with every copy,
 * backup or sync of the gallery and would protect nothing. {@link #createOrLoad} makes a new key file with
 * owner-only permissions (the CLI calls it when it starts a new gallery and no key exists).
 *
 * <pre>{@code
 * KeyWrapper keys = LocalKeyWrapper.fromEnvironment();          // never creates a key
 * GalleryStore store = new GalleryStore(new LocalBlobStore(dir), keys);
 * }</pre>
 *
 * <p>Immutable and thread-safe. Neither the key nor anything derived from it except the key id (a 64-bit
 * fingerprint) appears in {@link #toString()} or in any message.
 */
public final class LocalKeyWrapper implements KeyWrapper {
    /** Environment variable holding the base64 key. */
    public static final String ENV_KEY = "VSS_GALLERY_KEY";
    /** Environment variable naming the key file. */
    public static final String ENV_KEY_FILE = "VSS_GALLERY_KEY_FILE";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final byte[] WRAP_AAD = "vss-local-key-wrap-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int WRAPPED_BYTES = Envelope.IV_BYTES + Envelope.KEY_BYTES + Envelope.TAG_BITS / 8;

    private final SecretKeySpec key;
    private final String keyId;
    private final String source;

    /**
     * @param key    the 32-byte key (copied)
     * @param source where it came from, for messages (a file path or an environment variable's name)
     */
    public LocalKeyWrapper(byte[] key, String source) {
        if (key == null || key.length != Envelope.KEY_BYTES) {
            throw new IllegalArgumentException("key: " + (key == null ? "null" : key.length + " bytes")
                    + ", must be 32 bytes (256 bits)");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = "local:" + fingerprint(key);
        this.source = Objects.requireNonNull(source, "source");
    }

    /** A new random 256-bit key, base64-encoded as key files and {@code VSS_GALLERY_KEY} hold it. */
    public static String newKeyBase64() {
        byte[] k = new byte[Envelope.KEY_BYTES];
        Entropy.random().nextBytes(k);
        try {
            return Base64.getEncoder().encodeToString(k);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    /** The key from its base64 text. @throws IOException naming {@code source} if it is not base64 of 32 bytes */
    public static LocalKeyWrapper fromBase64(String base64, String source) throws IOException {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IOException(source + " is not base64 (expected a base64 256-bit key)");
        }
        try {
            if (k.length != Envelope.KEY_BYTES) {
                throw new IOException(source + " holds " + k.length + " bytes; a gallery key is 32 bytes (256 bits), base64");
            }
            return new LocalKeyWrapper(k, source);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    /**
     * The key in {@code file}.
     *
     * @throws NoSuchFileException if it does not exist
     * @throws IOException         if group or others may access it, or it does not hold a base64 256-bit key
     */
    public static LocalKeyWrapper fromFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no gallery key file");
        }
        if (posix(file)) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(q -> q.name().startsWith("GROUP_") || q.name().startsWith("OTHERS_"))) {
                throw new IOException("gallery key file " + file + " has permissions " + PosixFilePermissions.toString(perms)
                        + "; it must be readable by its owner only: chmod 600 " + file);
            }
        }
        byte[] text = Files.readAllBytes(file);
        try {
            return fromBase64(new String(text, StandardCharsets.US_ASCII), "gallery key file " + file);
        } finally {
            Arrays.fill(text, (byte) 0);
        }
    }

    /**
     * The key in {@code file}, creating the file with a new random key and owner-only permissions (and its folder,
     * {@code rwx------}) if it does not exist. Safe against a concurrent creator: the file is created exclusively.
     *
     * @param notice told where a new key file was created (the CLI prints it on stderr)
     */
    public static LocalKeyWrapper createOrLoad(Path file, Consumer<String> notice) throws IOException {
        if (Files.exists(file)) {
            return fromFile(file);
        }
        Path abs = file.toAbsolutePath();
        boolean posix = posix(abs);
        if (abs.getParent() != null && !Files.isDirectory(abs.getParent())) {
            if (posix) {
                Files.createDirectories(abs.getParent(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(abs.getParent());
            }
        }
        // The key is written whole to a temporary file (owner-only from its creation: there is no moment when it
        // is readable by others), then linked into place, which fails if the file exists: a concurrent creator
        // never reads a key file that is still empty or half written, and the first one to link wins.
        FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path dir = abs.getParent() != null ? abs.getParent() : abs.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".tmp-key-", ".part", attrs);
        byte[] text = (newKeyBase64() + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            try (FileChannel ch = FileChannel.open(tmp, Set.<OpenOption>of(StandardOpenOption.WRITE))) {
                ch.write(ByteBuffer.wrap(text));
                ch.force(true);
            }
            try {
                Files.createLink(abs, tmp);
            } catch (FileAlreadyExistsException e) {
                return fromFile(file); // another process created it first: use theirs
            } catch (UnsupportedOperationException e) {
                // no hard links here: an exclusive move is the next best (may replace on some platforms)
                Files.move(tmp, abs);
            }
        } finally {
            Arrays.fill(text, (byte) 0);
            Files.deleteIfExists(tmp);
        }
        notice.accept("vss: created a new gallery key in " + abs + " (owner-only, rw-------). Back it up and keep it "
                + "apart from the gallery: without it the gallery cannot be read.");
        return fromFile(abs);
    }

    /**
     * The key from {@code VSS_GALLERY_KEY}, else the file named by {@code VSS_GALLERY_KEY_FILE}, else the
     * {@linkplain #defaultKeyFile default key file}.
     *
     * @param create make the key file (see {@link #createOrLoad}) if no key is configured and the file is missing
     * @throws NoSuchFileException if no key is configured and {@code create} is false; the message names the
     *                             variables that fix it
     */
    public static LocalKeyWrapper fromEnvironment(Map<String, String> env, boolean create, Consumer<String> notice)
            throws IOException {
        String inline = env.get(ENV_KEY);
        if (inline != null && !inline.isBlank()) {
            return fromBase64(inline, "environment variable " + ENV_KEY);
        }
        String named = env.get(ENV_KEY_FILE);
        Path file = named != null && !named.isBlank() ? Path.of(named) : defaultKeyFile(env);
        if (Files.exists(file)) {
            return fromFile(file);
        }
        if (create) {
            return createOrLoad(file, notice);
        }
        throw new NoSuchFileException(file.toString(), null, "no gallery key: " + ENV_KEY + " is not set and this key "
                + "file does not exist; set " + ENV_KEY + " (a base64 256-bit key) or " + ENV_KEY_FILE
                + " (a file holding one), or let `vss gallery add` create the file");
    }

    /** {@code $XDG_CONFIG_HOME/vss/gallery.key} if that variable holds an absolute path, else {@code ~/.config/vss/gallery.key}. */
    public static Path defaultKeyFile(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        return defaultKeyFile(xdg == null || xdg.isBlank() ? null : Path.of(xdg));
    }

    /** {@code <configHome>/vss/gallery.key} if {@code configHome} is absolute, else {@code ~/.config/vss/gallery.key}. */
    public static Path defaultKeyFile(Path configHome) {
        Path base = configHome != null && configHome.isAbsolute() ? configHome
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("vss").resolve("gallery.key");
    }

    /** Where the key came from (a file path or an environment variable's name). */
    public String source() {
        return source;
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public byte[] wrap(byte[] dataKey) throws GeneralSecurityException {
        byte[] iv = new byte[Envelope.IV_BYTES];
        Entropy.random().nextBytes(iv);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(Envelope.TAG_BITS, iv));
        c.updateAAD(WRAP_AAD);
        byte[] out = Arrays.copyOf(iv, Envelope.IV_BYTES + c.getOutputSize(dataKey.length));
        c.doFinal(dataKey, 0, dataKey.length, out, Envelope.IV_BYTES);
        return out;
    }

    @Override
    public byte[] unwrap(byte[] wrappedKey) throws GeneralSecurityException {
        if (wrappedKey.length != WRAPPED_BYTES) {
            throw new GeneralSecurityException("wrapped key has " + wrappedKey.length + " bytes, expected " + WRAPPED_BYTES);
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(Envelope.TAG_BITS, wrappedKey, 0, Envelope.IV_BYTES));
        c.updateAAD(WRAP_AAD);
        return c.doFinal(wrappedKey, Envelope.IV_BYTES, wrappedKey.length - Envelope.IV_BYTES); // AEADBadTagException if altered
    }

    @Override
    public String toString() {
        return "LocalKeyWrapper{" + keyId + " from " + source + "}";
    }

    /** A 64-bit fingerprint; SHA-256 of a random 256-bit key reveals nothing usable about it. */
    private static String fingerprint(byte[] key) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update("vss-gallery-key-id-v1".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d.digest(key), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
