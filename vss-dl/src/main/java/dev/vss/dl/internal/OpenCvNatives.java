// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.internal;

import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.models.BaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencv.core.Core;

/**
 * The one place that loads the OpenCV natives ({@code libopencv_java490}) for the OpenCV engine and for
 * {@code dev.vss.dl.image.Images}. Nothing else may call {@code System.load} or {@code nu.pattern.OpenCV} for it
 * (each of those would extract and map another 65 MB copy), and no OpenCV native method may run before
 * {@link #load()} returned (it would fail with {@link UnsatisfiedLinkError}).
 *
 * <p>Order:
 * <ol>
 *   <li>{@link BaseSettings#opencvLib()} (system property {@value #PROP_LIB} or environment variable
 *       {@value #ENV_LIB}, read by vss-bl's settings): the path of an already
 *       extracted {@code libopencv_java490.so} (loaded with {@code System.load}). This skips extracting the
 *       ~65 MB library from the jar on every cold start; extract it once, e.g. into the container image, and point
 *       the variable at it. The library must be the 4.9.0 build matching the {@code org.openpnp:opencv} jar;</li>
 *   <li>{@value #LAYER_LIB}, where the vss Lambda layer unpacks it;</li>
 *   <li>a copy of the library bundled in the {@code org.openpnp:opencv} jar extracted once into a cache folder
 *       ({@link BaseSettings#opencvCache()}: {@value #PROP_CACHE} / {@value #ENV_CACHE}, else
 *       {@code <root>/.vss/opencv} when {@link BaseSettings#root()} names the checkout, else {@code $XDG_CACHE_HOME/vss/opencv} or {@code ~/.cache/vss/opencv})
 *       and loaded from there by every later JVM: extracting 65 MB took ~300 ms of each cold start. The copy is
 *       written under a temporary name and renamed, so concurrent JVMs never load half a file, and is used only if
 *       its size is the jar entry's; a folder that cannot be written falls through to the next step;</li>
 *   <li>the library bundled in the {@code org.openpnp:opencv} jar ({@code nu.pattern.OpenCV.loadLocally()}:
 *       extracts it into {@code java.io.tmpdir} on every start, then loads it);</li>
 *   <li>the system library path ({@code opencv_java490} through {@code java.library.path}).</li>
 * </ol>
 *
 * <p>Thread-safe and idempotent: the first call loads, later calls return at once. A failure is remembered and
 * rethrown by later calls (loading a native library is not retried within one JVM). The time the first load took is
 * kept for cold-start reports ({@link #loadMillis()}).
 */
public final class OpenCvNatives {
    /** System property naming an extracted {@code libopencv_java490.so}. */
    public static final String PROP_LIB = "vss.opencv.lib";
    /** Environment variable naming an extracted {@code libopencv_java490.so}. */
    public static final String ENV_LIB = "VSS_OPENCV_LIB";
    /** Where the vss AWS Lambda layer puts the extracted library (layers unpack under {@code /opt}). */
    public static final String LAYER_LIB = "/opt/opencv/libopencv_java490.so";
    /** System property naming the folder the bundled library is extracted into once. */
    public static final String PROP_CACHE = "vss.opencv.cache";
    /** Environment variable naming the folder the bundled library is extracted into once. */
    public static final String ENV_CACHE = "VSS_OPENCV_CACHE";

    private static final Object LOCK = new Object();
    private static volatile boolean loaded;
    private static volatile double loadMillis = -1;
    private static volatile String loadedFrom;
    private static DlException failure; // guarded by LOCK

    private OpenCvNatives() {
    }

    /**
     * Loads the natives once; later calls return at once.
     *
     * @throws DlException RUNTIME_NOT_FOUND saying which variable fixes it
     */
    public static void load() throws DlException {
        if (loaded) {
            return;
        }
        synchronized (LOCK) {
            if (loaded) {
                return;
            }
            if (failure != null) {
                throw new DlException(failure.code(), stripCode(failure.getMessage()), failure);
            }
            long t0 = System.nanoTime();
            try {
                loadedFrom = loadOnce();
                checkVersion();
            } catch (DlException e) {
                failure = e;
                throw e;
            }
            loadMillis = (System.nanoTime() - t0) / 1e6;
            loaded = true;
        }
    }

    /** True once {@link #load()} succeeded. */
    public static boolean isLoaded() {
        return loaded;
    }

    /** Wall time of the one successful load in milliseconds (extraction + {@code System.load}), or -1 before it. */
    public static double loadMillis() {
        return loadMillis;
    }

    /** Where the library came from (a path, "bundled" or "system"), or null before loading. */
    public static String loadedFrom() {
        return loadedFrom;
    }

    private static String loadOnce() throws DlException {
        Path explicit = BaseSettings.current().opencvLib();
        String source = ENV_LIB + " / -D" + PROP_LIB;
        if (explicit != null) {
            Path lib = explicit.toAbsolutePath();
            if (!Files.isRegularFile(lib)) {
                throw new DlException(DlErrorCode.RUNTIME_NOT_FOUND, "OpenCV library " + lib + " (set by " + source
                        + ") does not exist; point " + ENV_LIB + " / -D" + PROP_LIB + " at an extracted "
                        + "libopencv_java490.so of org.openpnp:opencv 4.9.0, or unset it to use the bundled copy");
            }
            try {
                System.load(lib.toString());
                return lib.toString();
            } catch (UnsatisfiedLinkError | SecurityException e) {
                throw new DlException(DlErrorCode.RUNTIME_NOT_FOUND, "cannot load OpenCV library " + lib + " (set by "
                        + source + "): " + e.getMessage() + "; fix or unset " + ENV_LIB + " / -D" + PROP_LIB, e);
            }
        }
        Path layer = Path.of(LAYER_LIB);
        if (Files.isRegularFile(layer)) {
            try {
                System.load(layer.toString()); // the vss Lambda layer: already extracted, nothing to copy
                return layer.toString();
            } catch (UnsatisfiedLinkError | SecurityException e) {
                // not loadable here (another architecture): fall back to the bundled copy
            }
        }
        Path cached = extractedOnce();
        if (cached != null) {
            try {
                System.load(cached.toString());
                return cached.toString();
            } catch (UnsatisfiedLinkError | SecurityException e) {
                // e.g. a noexec folder: the bundled loader extracts into java.io.tmpdir instead
            }
        }
        Throwable bundled;
        try {
            nu.pattern.OpenCV.loadLocally();
            return "bundled";
        } catch (LinkageError | RuntimeException e) {
            // e.g. no writable java.io.tmpdir, or an unsupported OS/architecture: try the system path next
            bundled = e;
        }
        try {
            System.loadLibrary(Core.NATIVE_LIBRARY_NAME); // Core's static initializer is pure Java
            return "system";
        } catch (UnsatisfiedLinkError | SecurityException e) {
            DlException ex = new DlException(DlErrorCode.RUNTIME_NOT_FOUND, "OpenCV natives could not be loaded: the "
                    + "copy bundled in org.openpnp:opencv failed (" + bundled + ") and " + Core.NATIVE_LIBRARY_NAME
                    + " is not on java.library.path. Make java.io.tmpdir writable, or extract libopencv_java490.so "
                    + "from the org.openpnp:opencv jar and set " + ENV_LIB + " (or -D" + PROP_LIB + ") to its path",
                    bundled);
            ex.addSuppressed(e);
            throw ex;
        }
    }

    /**
     * The bundled library for this OS and architecture, extracted into the cache folder unless a complete copy is
     * already there; null when there is no bundled library for this platform or no writable cache folder.
     */
    static Path extractedOnce() {
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "ARMv8";
            default -> null;
        };
        if (arch == null || !System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
            return null;
        }
        String name = "lib" + Core.NATIVE_LIBRARY_NAME + ".so"; // Core's constants are pure Java
        java.net.URL res = OpenCvNatives.class.getResource("/nu/pattern/opencv/linux/" + arch + "/" + name);
        Path dir = cacheDir();
        if (res == null || dir == null) {
            return null;
        }
        try {
            java.net.URLConnection conn = res.openConnection();
            conn.setUseCaches(false); // the class loader's own jar handle must not be closed with this stream
            long size = conn.getContentLengthLong();
            // the size in the name: another build of the same version never passes for this one
            Path lib = dir.resolve(arch + "-" + size).resolve(name);
            if (size > 0 && Files.isRegularFile(lib) && Files.size(lib) == size) {
                conn.getInputStream().close();
                return lib;
            }
            Files.createDirectories(lib.getParent());
            Path tmp = Files.createTempFile(lib.getParent(), ".extract-", ".part");
            try (java.io.InputStream in = conn.getInputStream()) {
                long n = Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                if (size > 0 && n != size) {
                    return null;
                }
                Files.move(tmp, lib, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return lib;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null; // read-only or full disk: the bundled loader's own extraction still works
        }
    }

    /** The folder of {@link #extractedOnce()}, or null when none is known. */
    static Path cacheDir() {
        BaseSettings s = BaseSettings.current();
        if (s.opencvCache() != null) {
            return s.opencvCache();
        }
        if (s.root() != null && Files.isDirectory(s.root().resolve(".vss"))) {
            return s.root().resolve(".vss").resolve("opencv");
        }
        if (s.cacheHome() != null) {
            return s.cacheHome().resolve("vss").resolve("opencv");
        }
        String home = System.getProperty("user.home");
        return home == null || home.isBlank() || home.equals("?") ? null
                : Path.of(home).resolve(".cache").resolve("vss").resolve("opencv");
    }

    /** A library from an explicit path or the system may be another build than the Java classes expect. */
    private static void checkVersion() throws DlException {
        try {
            int major = Core.getVersionMajor();
            int minor = Core.getVersionMinor();
            if (major != Core.VERSION_MAJOR || minor != Core.VERSION_MINOR) {
                throw new DlException(DlErrorCode.RUNTIME_NOT_FOUND, "OpenCV library " + loadedFrom + " is " + major
                        + "." + minor + ", the Java API is " + Core.VERSION_MAJOR + "." + Core.VERSION_MINOR
                        + "; point " + ENV_LIB + " at the libopencv_java490.so of org.openpnp:opencv 4.9.0");
            }
        } catch (LinkageError e) {
            throw new DlException(DlErrorCode.RUNTIME_NOT_FOUND, "OpenCV library " + loadedFrom + " loaded but does "
                    + "not provide the Java API's natives (" + e + "); point " + ENV_LIB
                    + " at the libopencv_java490.so of org.openpnp:opencv 4.9.0", e);
        }
    }

    private static String stripCode(String message) {
        int i = message.indexOf(": ");
        return i < 0 ? message : message.substring(i + 2);
    }
}
