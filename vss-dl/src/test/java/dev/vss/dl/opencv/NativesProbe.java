// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.opencv;

import dev.vss.dl.internal.OpenCvNatives;
import dev.vss.dl.DlException;
import dev.vss.dl.Engine;
import dev.vss.models.BaseSettings;
import dev.vss.models.testing.EnvironmentSettings;

/** Run in a fresh JVM by {@link OpenCvNativesTest}: loads the natives once and prints how. */
public final class NativesProbe {
    private NativesProbe() {
    }

    public static void main(String[] args) throws Exception {
        BaseSettings.install(EnvironmentSettings.read()); // what vss-bl's settings install from the -D flags
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

}
