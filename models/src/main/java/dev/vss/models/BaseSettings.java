// SPDX-License-Identifier: Apache-2.0
package dev.vss.models;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The settings the layers below vss-bl (models, vss-dl, vss-hla) use, in one holder: vss-bl's {@code VssSettings}
 * reads the environment and system properties and {@linkplain #install installs} these before any native library
 * loads. Nothing below vss-bl reads the environment itself. Without an install the {@link #defaults()} apply, which
 * need no environment: every location is searched from the working directory (e.g. {@code .vss/openvino} upward),
 * so a module's own tests run as they are.
 *
 * <pre>{@code
 * BaseSettings d = BaseSettings.defaults();
 * BaseSettings.install(d.with("opencv", d.modelsDir(), d.maxPixels(), d.maxJpegScans())); // before Engine.newInstance()
 * }</pre>
 *
 * Immutable; the holder itself is thread-safe (a volatile reference).
 *
 * @param root           the vss checkout to search from, or null for the working directory
 * @param modelsDir      the models folder, or null for {@code <checkout>/../shared/models}
 * @param imagesDir      the shared images folder, or null for {@code <checkout>/../shared/images}
 * @param engine         engine name, or null for the best-ranked available engine
 * @param maxPixels      largest image decoded by default (width × height)
 * @param maxJpegScans   most scans a progressive JPEG may have
 * @param openvinoHome   OpenVINO runtime folder, or null to search the default places
 * @param opencvLib      an already extracted OpenCV native library, or null
 * @param opencvCache    folder the bundled OpenCV library is extracted into once, or null for the default
 * @param cacheHome      the user's cache base folder ({@code $XDG_CACHE_HOME}), or null for {@code ~/.cache}
 * @param turbojpegLib   libturbojpeg path or name, {@code none} to use OpenCV's decoder, or null for the default
 * @param compileThreads models compiled at once, 0 for the default
 * @param vtestVideo     OpenCV's {@code vtest.avi} for the people evaluation, or null for opencv-doc's path
 * @param ffmpeg         ffmpeg executable, or null to search {@code <root>/.vss/ffmpeg} then the PATH
 */
public record BaseSettings(Path root, Path modelsDir, Path imagesDir, String engine, long maxPixels, int maxJpegScans,
        Path openvinoHome, Path opencvLib, Path opencvCache, Path cacheHome, String turbojpegLib, int compileThreads,
        Path vtestVideo, String ffmpeg) {
    /** Default {@link #maxPixels}: 50 megapixels (a 50 MP BGR image takes 150 MB). */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    /** Default {@link #maxJpegScans}. */
    public static final int DEFAULT_MAX_JPEG_SCANS = 64;

    private static final BaseSettings DEFAULTS = new BaseSettings(null, null, null, null, DEFAULT_MAX_PIXELS,
            DEFAULT_MAX_JPEG_SCANS, null, null, null, null, null, 0, null, null);
    private static volatile BaseSettings current = DEFAULTS;

    public BaseSettings {
        if (maxPixels < 1 || maxJpegScans < 1) {
            throw new IllegalArgumentException("maxPixels/maxJpegScans: must be positive");
        }
        if (compileThreads < 0) {
            throw new IllegalArgumentException("compileThreads: " + compileThreads + " is negative");
        }
    }

    /** Values that need no environment. */
    public static BaseSettings defaults() {
        return DEFAULTS;
    }

    /** The installed settings, else the {@link #defaults()}. */
    public static BaseSettings current() {
        return current;
    }

    /**
     * Makes {@code s} the settings of this process. Call it before the first native library loads: a loaded library
     * stays (the natives' locations are read once).
     */
    public static void install(BaseSettings s) {
        current = Objects.requireNonNull(s, "s");
    }

    /** The vss checkout to search from: {@link #root}, else the working directory. */
    public Path searchStart() {
        return root == null ? Path.of("") : root;
    }

    /**
     * These settings with the values vss-bl and the CLI override (engine, models folder, pixel and scan limits).
     */
    public BaseSettings with(String engine, Path modelsDir, long maxPixels, int maxJpegScans) {
        return new BaseSettings(root, modelsDir, imagesDir, engine, maxPixels, maxJpegScans, openvinoHome, opencvLib,
                opencvCache, cacheHome, turbojpegLib, compileThreads, vtestVideo, ffmpeg);
    }
}
