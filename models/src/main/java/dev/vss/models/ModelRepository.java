// SPDX-License-Identifier: Apache-2.0
package dev.vss.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Finds catalogued model files under a models directory and verifies them by size and sha256.
 *
 * <p>Where the directory is ({@link #fromEnvironment()}, from the installed {@link BaseSettings}), first match wins:
 * <ol>
 * <li>{@link BaseSettings#modelsDir()} ({@value #PROP_MODELS_DIR} / {@value #ENV_MODELS_DIR});</li>
 * <li>{@code <root>/../shared/models}, where root is the vss checkout (a directory with {@code pom.xml} and
 *     {@code models/}) found by walking up from {@link BaseSettings#root()} ({@value #PROP_ROOT} /
 *     {@value #ENV_ROOT}), else the working directory. A given root that is not the checkout itself (e.g. a module
 *     directory) is walked up from; if no checkout is found above it, it is used as given.</li>
 * </ol>
 *
 * <p>Thread-safe. Successful verifications are remembered JVM-wide per (file, size, modification time, expected
 * sha256), so repeated {@link #resolve(CatalogEntry)} calls re-hash a file only after it changed on disk.
 *
 * <pre>{@code
 * ModelRepository models = ModelRepository.fromEnvironment();
 * Path xml = models.resolve(ModelCatalog.load().defaultFor(Task.FACE_DETECTION)); // throws ModelException
 * }</pre>
 */
public final class ModelRepository {
    /** Environment variable naming the models directory. */
    public static final String ENV_MODELS_DIR = "VSS_MODELS_DIR";
    /** System property naming the models directory. */
    public static final String PROP_MODELS_DIR = "vss.models.dir";
    /** System property naming the vss checkout (surefire sets it to the reactor root). */
    public static final String PROP_ROOT = "vss.root";
    /** Environment variable naming the vss checkout. */
    public static final String ENV_ROOT = "VSS_ROOT";

    private static final int BUFFER = 1 << 16;
    // JVM-wide: several repositories over the same directory (e.g. one per pipeline) share the work.
    private static final Set<Verified> VERIFIED = ConcurrentHashMap.newKeySet();
    private static final java.util.concurrent.atomic.AtomicBoolean CHANGED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final Path dir;
    private final ModelCatalog catalog;
    private final String origin;
    private final AtomicLong filesHashed = new AtomicLong();

    // changed (ctime) and fileKey (device, inode) cannot be set back by user space the way a modification time can:
    // a key that still matches means the file was not written since it was hashed
    private record Verified(Path file, long size, FileTime modified, FileTime changed, String fileKey, String sha256) {
    }

    /** A repository over {@code dir} with the bundled catalog. */
    public ModelRepository(Path dir) {
        this(dir, ModelCatalog.load());
    }

    /** A repository over {@code dir} with the given catalog. */
    public ModelRepository(Path dir, ModelCatalog catalog) {
        this(dir, catalog, "given directory");
    }

    private ModelRepository(Path dir, ModelCatalog catalog, String origin) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.origin = origin;
    }

    /** The repository the environment points at (see the class comment for the lookup order), bundled catalog. */
    public static ModelRepository fromEnvironment() {
        return fromSettings(BaseSettings.current(), Path.of(""));
    }

    /** The repository {@code s} points at (its models folder, else next to the checkout found from its root). */
    static ModelRepository fromSettings(BaseSettings s, Path workingDir) {
        // the settings are already resolved (property before variable): offer them as properties
        String dir = s.modelsDir() == null ? null : s.modelsDir().toString();
        String root = s.root() == null ? null : s.root().toString();
        return fromEnvironment(k -> null, k -> k.equals(PROP_MODELS_DIR) ? dir : k.equals(PROP_ROOT) ? root : null,
                workingDir);
    }

    static ModelRepository fromEnvironment(UnaryOperator<String> env, UnaryOperator<String> props, Path workingDir) {
        String v = blankToNull(env.apply(ENV_MODELS_DIR));
        if (v != null) {
            return located(Path.of(v), ENV_MODELS_DIR + "=" + v);
        }
        v = blankToNull(props.apply(PROP_MODELS_DIR));
        if (v != null) {
            return located(Path.of(v), "-D" + PROP_MODELS_DIR + "=" + v);
        }
        String how;
        Path start;
        if ((v = blankToNull(props.apply(PROP_ROOT))) != null) {
            start = Path.of(v);
            how = "-D" + PROP_ROOT + "=" + v;
        } else if ((v = blankToNull(env.apply(ENV_ROOT))) != null) {
            start = Path.of(v);
            how = ENV_ROOT + "=" + v;
        } else {
            start = workingDir;
            how = "working directory " + workingDir.toAbsolutePath().normalize();
        }
        Optional<Path> root = findCheckout(start);
        Path base = root.orElse(start.toAbsolutePath().normalize());
        String origin = root.isPresent()
                ? base + "/../shared/models, vss checkout found from " + how
                : "no vss checkout (pom.xml + models/) at or above " + how + "; guessed " + base + "/../shared/models";
        return located(base.resolve("../shared/models"), origin);
    }

    private static ModelRepository located(Path dir, String origin) {
        return new ModelRepository(dir, ModelCatalog.load(), origin);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static Optional<Path> findCheckout(Path start) {
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("models"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The models directory (absolute, normalised). */
    public Path dir() {
        return dir;
    }

    /** How {@link #dir()} was chosen, for diagnostics (e.g. {@code VSS_MODELS_DIR=/models}). */
    public String origin() {
        return origin;
    }

    /** The catalog this repository resolves against. */
    public ModelCatalog catalog() {
        return catalog;
    }

    /** Where the entry's main file (.xml, .onnx or .tflite) is expected; not checked. */
    public Path path(CatalogEntry entry) {
        return file(entry.mainFile());
    }

    /** Where the entry's IR .bin is expected, or {@code null} for single-file formats; not checked. */
    public Path weights(CatalogEntry entry) {
        return entry.weightsFile().map(this::file).orElse(null);
    }

    private Path file(ModelFile f) {
        // ModelFile paths are relative without '..', so this stays under dir.
        return dir.resolve(f.path());
    }

    /** Checks every file of the entry: present, catalogued size, catalogued sha256 (streamed, cached when OK). */
    public VerifyResult verify(CatalogEntry entry) {
        Objects.requireNonNull(entry, "entry");
        List<VerifyResult.Problem> problems = new ArrayList<>();
        for (ModelFile f : entry.files()) {
            VerifyResult.Problem p = check(f);
            if (p != null) {
                problems.add(p);
            }
        }
        return new VerifyResult(entry, problems.isEmpty(), problems);
    }

    /** {@link #verify(CatalogEntry)} for every catalog entry, in catalog order. */
    public List<VerifyResult> verifyAll() {
        return catalog.entries().stream().map(this::verify).toList();
    }

    private VerifyResult.Problem check(ModelFile f) {
        Path p = file(f);
        BasicFileAttributes before;
        try {
            before = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return new VerifyResult.Problem(VerifyResult.Problem.Kind.MISSING, p, null, null);
        } catch (IOException e) {
            return new VerifyResult.Problem(VerifyResult.Problem.Kind.UNREADABLE, p, null, e.toString());
        }
        if (!before.isRegularFile()) {
            return new VerifyResult.Problem(VerifyResult.Problem.Kind.MISSING, p, null, "not a regular file");
        }
        if (before.size() != f.bytes()) {
            return new VerifyResult.Problem(VerifyResult.Problem.Kind.SIZE_MISMATCH, p, Long.toString(f.bytes()),
                    Long.toString(before.size()));
        }
        Verified key = key(p, before, f.sha256());
        if (VERIFIED.contains(key)) {
            return null;
        }
        String actual;
        BasicFileAttributes after;
        try {
            actual = sha256(p);
            after = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            return new VerifyResult.Problem(VerifyResult.Problem.Kind.UNREADABLE, p, null, e.toString());
        }
        if (!actual.equals(f.sha256())) {
            return new VerifyResult.Problem(VerifyResult.Problem.Kind.SHA256_MISMATCH, p, f.sha256(), actual);
        }
        // Remember only if the file did not change while it was hashed; otherwise the key would vouch for bytes
        // we never saw.
        if (key.equals(key(p, after, f.sha256())) && VERIFIED.add(key)) {
            CHANGED.set(true);
        }
        return null;
    }

    private static Verified key(Path p, BasicFileAttributes a, String sha256) {
        FileTime changed = null;
        try {
            changed = (FileTime) Files.getAttribute(p, "unix:ctime");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // not a Unix file system: size, modification time and file key only
        }
        Object fk = a.fileKey();
        return new Verified(p.toAbsolutePath().normalize(), a.size(), a.lastModifiedTime(), changed,
                fk == null ? "" : fk.toString(), sha256);
    }

    /**
     * Adds the verifications recorded in {@code file} by {@link #saveVerified(Path)} (in an earlier process) to this
     * JVM's, so a file whose size, modification and change times and inode are as they were when it was hashed is not
     * hashed again. A missing or unreadable record is ignored (every file is then hashed). The record is as trusted as
     * the folder it is in: keep it beside the compiled-model cache, which has the same trust.
     */
    public static void loadVerified(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (String line : lines) {
            String[] f = line.split("\t", 7);
            if (f.length != 7 || !f[0].equals("v1") || f[1].length() != 64 || f[4].isEmpty()) {
                continue; // not ours, or a record without a change time: hash again
            }
            try {
                VERIFIED.add(new Verified(Path.of(f[6]), Long.parseLong(f[2]),
                        FileTime.from(java.time.Instant.parse(f[3])), FileTime.from(java.time.Instant.parse(f[4])),
                        f[5], f[1]));
            } catch (RuntimeException e) {
                // a malformed line only costs a hash
            }
        }
    }

    /**
     * Writes this JVM's verifications of files still as they were hashed to {@code file}, atomically, when a file was
     * hashed since the last save (or {@code file} is missing); false when nothing was written.
     */
    public static boolean saveVerified(Path file) {
        if (!CHANGED.getAndSet(false) && Files.exists(file)) {
            return false;
        }
        StringBuilder sb = new StringBuilder();
        VERIFIED.stream().filter(v -> v.changed() != null && v.file().toString().indexOf('\n') < 0)
                .filter(ModelRepository::unchanged)
                .map(v -> String.join("\t", "v1", v.sha256(), Long.toString(v.size()),
                        v.modified().toInstant().toString(), v.changed().toInstant().toString(), v.fileKey(),
                        v.file().toString()))
                .sorted().forEach(l -> sb.append(l).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(tmp, sb, java.nio.charset.StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException | RuntimeException ignored) {
                // nothing more to do: the record is an optimisation
            }
            return false; // the next process hashes the files again
        }
    }

    /** Forgets this JVM's verifications, as a new process would start (tests). */
    static void forgetVerified() {
        VERIFIED.clear();
        CHANGED.set(false);
    }

    private static boolean unchanged(Verified v) {
        try {
            return v.equals(key(v.file(), Files.readAttributes(v.file(), BasicFileAttributes.class), v.sha256()));
        } catch (IOException e) {
            return false;
        }
    }

    private String sha256(Path p) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
        }
        filesHashed.incrementAndGet();
        return HexFormat.of().formatHex(md.digest());
    }

    /** Files this instance has hashed so far; lets tests see that the verification cache works. */
    long filesHashed() {
        return filesHashed.get();
    }

    /**
     * Verifies the entry and returns its main file (.xml, .onnx or .tflite); an IR's .bin is beside it.
     *
     * @throws ModelException {@link ModelErrorCode#MODEL_MISSING} if a file is absent or unreadable,
     *                        {@link ModelErrorCode#MODEL_CORRUPT} if a size or sha256 differs; the message names the
     *                        file and says how to fix it
     */
    public Path resolve(CatalogEntry entry) throws ModelException {
        VerifyResult r = verify(entry);
        if (r.ok()) {
            return path(entry);
        }
        // Missing wins over corrupt: the fix (point at / fetch the files) is the same, and "missing" is the cause
        // to address first.
        boolean missing = r.problems().stream().anyMatch(ModelRepository::isMissing);
        Path named = r.problems().stream().filter(p -> isMissing(p) == missing).findFirst().orElseThrow().file();
        String fetch = r.problems().stream()
                .map(p -> entry.sourceUrl(fileOf(entry, p.file())) + " -> " + p.file())
                .collect(Collectors.joining(", "));
        String msg = "model " + entry.id() + (missing ? " is missing" : " is corrupt") + " in " + dir
                + " (models dir from " + origin + "): "
                + r.problems().stream().map(VerifyResult.Problem::message).collect(Collectors.joining("; "))
                + ". Fix: set " + ENV_MODELS_DIR + " (or -D" + PROP_MODELS_DIR + ") to a directory holding intact "
                + "copies under " + entry.mainFile().directory() + "/, or fetch " + fetch
                + " (each file must match the catalogued size and sha256).";
        throw new ModelException(missing ? ModelErrorCode.MODEL_MISSING : ModelErrorCode.MODEL_CORRUPT, msg, named,
                null);
    }

    private static boolean isMissing(VerifyResult.Problem p) {
        return p.kind() == VerifyResult.Problem.Kind.MISSING || p.kind() == VerifyResult.Problem.Kind.UNREADABLE;
    }

    private ModelFile fileOf(CatalogEntry entry, Path p) {
        return entry.files().stream().filter(f -> file(f).equals(p)).findFirst().orElseThrow();
    }

    /**
     * {@link #resolve(CatalogEntry)} by name and precision.
     *
     * @throws ModelException {@link ModelErrorCode#UNKNOWN_MODEL} (listing the valid names or precisions) if not
     *                        catalogued, otherwise as {@link #resolve(CatalogEntry)}
     */
    public Path resolve(String name, String precision) throws ModelException {
        CatalogEntry entry;
        try {
            entry = catalog.get(name, precision);
        } catch (IllegalArgumentException e) {
            throw new ModelException(ModelErrorCode.UNKNOWN_MODEL, e.getMessage(), null, e);
        }
        return resolve(entry);
    }

    @Override
    public String toString() {
        return "ModelRepository[" + dir + " from " + origin + "]";
    }
}
