package dev.vss.dl.openvino;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.models.BaseSettings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that loads {@code libopenvino_c}. Order:
 * <ol>
 *   <li>{@link BaseSettings#openvinoHome()} (system property {@code vss.openvino.home} or environment variable
 *       {@code VSS_OPENVINO_HOME}, read by vss-bl's settings): a folder that
 *       holds the library, or an install folder with {@code openvino/libs} inside (what
 *       {@code scripts/install/openvino.sh} writes);</li>
 *   <li>the project's install folder {@code .vss/openvino}, searched upward from the working directory, from
 *       {@link BaseSettings#root()} ({@code VSS_ROOT}), and from the location of this jar;</li>
 *   <li>{@value #LAYER_HOME}: where the vss Lambda layer unpacks (layers unpack under {@code /opt});</li>
 *   <li>the system library path ({@code openvino_c} through {@code jna.library.path} / {@code LD_LIBRARY_PATH}).</li>
 * </ol>
 */
final class OvNatives {
    static final String PROP_HOME = "vss.openvino.home";
    static final String ENV_HOME = "VSS_OPENVINO_HOME";
    static final String PINNED_VERSION = "2026.4.1";
    /** The OpenVINO folder of the vss AWS Lambda layer. */
    static final String LAYER_HOME = "/opt/openvino";

    private static volatile OvLib lib;
    private static volatile Path loadedFrom;

    private OvNatives() {
    }

    static OvLib lib() throws DlException {
        OvLib l = lib;
        if (l == null) {
            synchronized (OvNatives.class) {
                if (lib == null) {
                    lib = load();
                }
                l = lib;
            }
        }
        return l;
    }

    /** Where the library was loaded from, or null if from the system path. */
    static Path loadedFrom() {
        return loadedFrom;
    }

    private static OvLib load() throws DlException {
        List<String> tried = new ArrayList<>();
        Path explicit = BaseSettings.current().openvinoHome();
        if (explicit != null) {
            Path lib = findLib(explicit);
            if (lib == null) {
                throw new DlException(DlErrorCode.RUNTIME_NOT_FOUND, "no libopenvino_c.so in " + explicit
                        + " (set by " + PROP_HOME + " / " + ENV_HOME + "); point it at the folder made by "
                        + "scripts/install/openvino.sh or at openvino/libs inside it");
            }
            return loadPath(lib);
        }
        for (Path start : startDirs()) {
            for (Path d = start; d != null; d = d.getParent()) {
                Path home = d.resolve(".vss").resolve("openvino");
                tried.add(home.toString());
                Path lib = findLib(home);
                if (lib != null) {
                    return loadPath(lib);
                }
            }
        }
        tried.add(LAYER_HOME);
        Path layer = findLib(Path.of(LAYER_HOME));
        if (layer != null) {
            return loadPath(layer);
        }
        try {
            OvLib l = Native.load("openvino_c", OvLib.class);
            OvDirect.register(NativeLibrary.getInstance("openvino_c"));
            loadedFrom = null;
            return l;
        } catch (UnsatisfiedLinkError e) {
            throw new DlException(DlErrorCode.RUNTIME_NOT_FOUND, "OpenVINO runtime not found. Run "
                    + "scripts/install/openvino.sh (installs openvino==" + PINNED_VERSION + " into .vss/openvino), "
                    + "or set " + ENV_HOME + " (or -D" + PROP_HOME + ") to a folder holding libopenvino_c.so. "
                    + "Looked in: " + String.join(", ", tried.subList(0, Math.min(6, tried.size())))
                    + " and the system library path (" + e.getMessage() + ")", e);
        }
    }

    private static OvLib loadPath(Path lib) throws DlException {
        try {
            OvLib l = Native.load(lib.toAbsolutePath().toString(), OvLib.class);
            OvDirect.register(NativeLibrary.getInstance(lib.toAbsolutePath().toString()));
            loadedFrom = lib.toAbsolutePath();
            return l;
        } catch (UnsatisfiedLinkError e) {
            throw new DlException(DlErrorCode.RUNTIME_NOT_FOUND, "cannot load " + lib + ": " + e.getMessage()
                    + " (re-run scripts/install/openvino.sh, or set " + ENV_HOME + ")", e);
        }
    }

    private static List<Path> startDirs() {
        List<Path> dirs = new ArrayList<>();
        Path root = BaseSettings.current().root();
        if (root != null) {
            dirs.add(root.toAbsolutePath());
        }
        dirs.add(Path.of("").toAbsolutePath());
        try {
            var src = OvNatives.class.getProtectionDomain().getCodeSource();
            if (src != null) {
                dirs.add(Path.of(src.getLocation().toURI()).toAbsolutePath());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no usable code source (e.g. a custom class loader): skip it
        }
        return dirs;
    }

    /** The libopenvino_c shared object in {@code dir} or {@code dir/openvino/libs}, or null. */
    static Path findLib(Path dir) {
        for (Path d : List.of(dir, dir.resolve("openvino").resolve("libs"), dir.resolve("libs"))) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "libopenvino_c.so*")) {
                for (Path p : s) {
                    return p;
                }
            } catch (IOException e) {
                // unreadable folder: try the next
            }
        }
        return null;
    }
}
