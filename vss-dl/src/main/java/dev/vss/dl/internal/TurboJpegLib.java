// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * libjpeg-turbo's TurboJPEG C API through JNA (for {@code dev.vss.dl.image}). Errors come back as return codes, never
 * as the libjpeg default of exiting the process. Library lookup, first match wins:
 * {@link dev.vss.models.BaseSettings#turbojpegLib()} ({@value #PROP_LIB} / {@value #ENV_LIB}: a path, or {@code none} to turn it off); {@value #LAYER_LIB} (the vss
 * Lambda layer); the system's {@code libturbojpeg} (Debian/Ubuntu package {@code libturbojpeg0}, Amazon Linux
 * {@code turbojpeg}). Thread-safe: one decompressor per call.
 */
public final class TurboJpegLib {
    public static final String PROP_LIB = "vss.turbojpeg.lib";
    public static final String ENV_LIB = "VSS_TURBOJPEG_LIB";
    public static final String LAYER_LIB = "/opt/opencv/libturbojpeg.so.0";
    private static final System.Logger LOG = System.getLogger("dev.vss.dl.image");
    private static final int TJPF_BGR = 1;
    private static final int TJCS_YCBCR = 1;
    private static final int TJCS_GRAY = 2;
    private static volatile Boolean available;
    private static volatile String loadedFrom;

    private TurboJpegLib() {
    }

    private static native Pointer tjInitDecompress();

    private static native int tjDecompressHeader3(Pointer handle, byte[] jpeg, NativeLong size, IntByReference width,
            IntByReference height, IntByReference subsamp, IntByReference colorspace);

    private static native int tjDecompress2(Pointer handle, byte[] jpeg, NativeLong size, ByteBuffer dst, int width,
            int pitch, int height, int pixelFormat, int flags);

    private static native int tjDestroy(Pointer handle);

    /** True when the library was found and bound (looked up once per JVM). */
    public static boolean available() {
        Boolean a = available;
        if (a == null) {
            synchronized (TurboJpegLib.class) {
                a = available;
                if (a == null) {
                    a = load();
                    available = a;
                }
            }
        }
        return a;
    }

    /** Where the library was loaded from, or null. */
    public static String loadedFrom() {
        return available() ? loadedFrom : null;
    }

    private static boolean load() {
        String configured = dev.vss.models.BaseSettings.current().turbojpegLib();
        String name;
        if (configured != null && !configured.isBlank()) {
            if (configured.trim().equalsIgnoreCase("none")) {
                return false;
            }
            name = configured.trim();
        } else if (Files.isRegularFile(Path.of(LAYER_LIB))) {
            name = LAYER_LIB;
        } else {
            name = "turbojpeg";
        }
        try {
            NativeLibrary lib = NativeLibrary.getInstance(name);
            Native.register(TurboJpegLib.class, lib);
            loadedFrom = lib.getFile() == null ? name : lib.getFile().toString();
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // OpenCV decodes JPEGs too, only slower: a warning only when a path was given explicitly
            LOG.log(configured != null && !configured.isBlank() ? Level.WARNING : Level.DEBUG,
                    "libturbojpeg not loaded (" + name + "): JPEGs are decoded by OpenCV's slower build");
            return false;
        }
    }

    /**
     * Decodes a YCbCr or gray JPEG of exactly {@code width} × {@code height} into {@code dst} as BGR (direct, at
     * least width × height × 3 bytes). False, with {@code dst} unspecified, when the library is absent, the header
     * differs, the colour space is another, or TurboJPEG reports any error or warning.
     */
    public static boolean decodeBgr(byte[] jpeg, int width, int height, ByteBuffer dst) {
        if (!available() || !dst.isDirect() || dst.capacity() < (long) width * height * 3) {
            return false;
        }
        Pointer h = tjInitDecompress();
        if (h == null) {
            return false;
        }
        try {
            NativeLong size = new NativeLong(jpeg.length);
            IntByReference w = new IntByReference();
            IntByReference ht = new IntByReference();
            IntByReference sub = new IntByReference();
            IntByReference cs = new IntByReference();
            if (tjDecompressHeader3(h, jpeg, size, w, ht, sub, cs) != 0 || w.getValue() != width
                    || ht.getValue() != height || (cs.getValue() != TJCS_YCBCR && cs.getValue() != TJCS_GRAY)) {
                return false;
            }
            return tjDecompress2(h, jpeg, size, dst, width, width * 3, height, TJPF_BGR, 0) == 0;
        } finally {
            tjDestroy(h);
        }
    }
}
