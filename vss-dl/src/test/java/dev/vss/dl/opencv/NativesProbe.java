// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.opencv;

import dev.vss.dl.internal.OpenCvNatives;
import dev.vss.dl.DlException;
import dev.vss.dl.Engine;
import dev.vss.models.BaseSettings;
import java.nio.file.Path;

/** Run in a fresh JVM by {@link OpenCvNativesTest}: loads the natives once and prints how. */
public final class NativesProbe {
    private NativesProbe() {
    }

    public static void main(String[] args) throws Exception {
        // what vss-bl's settings would install from this JVM's -D flags and environment
        BaseSettings d = BaseSettings.defaults();
        BaseSettings.install(new BaseSettings(path("vss.root", "VSS_ROOT"), null, null, null, d.maxPixels(),
                d.maxJpegScans(), null, path(OpenCvNatives.PROP_LIB, OpenCvNatives.ENV_LIB),
                path(OpenCvNatives.PROP_CACHE, OpenCvNatives.ENV_CACHE), path("-", "XDG_CACHE_HOME"), null, 0, null,
                null));
        try {
            OpenCvNatives.load();
            try (Engine e = Engine.newInstance("opencv")) {
                System.out.println("version=" + e.version());
            }
            System.out.println("from=" + OpenCvNatives.loadedFrom());
            System.out.println("ms=" + OpenCvNatives.loadMillis());
        } catch (DlException e) {
            System.out.println("code=" + e.code());
            System.out.println("message=" + e.getMessage());
            try {
                OpenCvNatives.load(); // the failure is remembered, not retried
            } catch (DlException again) {
                System.out.println("again=" + again.code());
            }
        }
    }

    private static Path path(String property, String env) {
        String v = System.getProperty(property, System.getenv(env));
        return v == null || v.isBlank() ? null : Path.of(v.trim());
    }
}
