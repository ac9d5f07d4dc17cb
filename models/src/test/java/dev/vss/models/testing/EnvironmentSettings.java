// SPDX-License-Identifier: Apache-2.0
package dev.vss.models.testing;

import dev.vss.models.BaseSettings;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Tests of the layers below vss-bl run without vss-bl's {@code VssSettings}, which installs {@link BaseSettings} at
 * every real entry point. This listener (registered in {@code META-INF/services}, shipped in this module's test-jar)
 * does it for them at the start of a test run, from the same variables and properties (property first), so that
 * e.g. {@code VSS_MODELS_DIR} or {@code -Dvss.root} on a test run still apply.
 */
public final class EnvironmentSettings implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        BaseSettings.install(read());
    }

    /** {@link BaseSettings} from this JVM's system properties and environment. */
    public static BaseSettings read() {
        BaseSettings d = BaseSettings.defaults();
        String engine = text("vss.engine", "VSS_ENGINE");
        String pixels = text("vss.image.max-pixels", "VSS_MAX_PIXELS");
        String scans = text("vss.image.max-jpeg-scans", "VSS_MAX_JPEG_SCANS");
        String compile = text("vss.compile.threads", "VSS_COMPILE_THREADS");
        return new BaseSettings(path("vss.root", "VSS_ROOT"), path("vss.models.dir", "VSS_MODELS_DIR"),
                path("vss.images.dir", "VSS_IMAGES_DIR"), engine, pixels == null ? d.maxPixels() : Long.parseLong(pixels),
                scans == null ? d.maxJpegScans() : Integer.parseInt(scans), path("vss.openvino.home", "VSS_OPENVINO_HOME"),
                path("vss.opencv.lib", "VSS_OPENCV_LIB"), path("vss.opencv.cache", "VSS_OPENCV_CACHE"),
                path(null, "XDG_CACHE_HOME"), text("vss.turbojpeg.lib", "VSS_TURBOJPEG_LIB"),
                compile == null ? 0 : Integer.parseInt(compile), path("vss.vtest.video", "VSS_VTEST_VIDEO"),
                text("vss.ffmpeg", "VSS_FFMPEG"));
    }

    private static String text(String property, String env) {
        String v = property == null ? null : System.getProperty(property);
        v = v == null || v.isBlank() ? System.getenv(env) : v;
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static Path path(String property, String env) {
        String v = text(property, env);
        return v == null ? null : Path.of(v);
    }
}
