// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.gcp;

import dev.vss.bl.VssException;
import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;

/**
 * The handler of this instance, built once when the Functions Framework loads the function class (global scope).
 * A storage-event function must name its buckets ({@code VSS_INPUTS}); an HTTP function, which only analyses the
 * image in its request body, needs none. Configuration: environment variables ({@code VSS_*}, see the README).
 */
final class GcpHandlers {
    private GcpHandlers() {
    }

    /** For the CloudEvents function: inputs required, results stored. */
    static final class Events {
        static final VssHandler HANDLER = build(true);
    }

    /** For the HTTP function: image bodies only. */
    static final class Http {
        static final VssHandler HANDLER = build(false);
    }

    private static VssHandler build(boolean requireInputs) {
        try {
            return VssHandler.builder(VssSettings.fromEnvironment()).optRequireInputs(requireInputs)
                    .optLog(System.out::println).build(); // one JSON line each: Cloud Logging reads them as structured
        } catch (VssException e) {
            throw new IllegalStateException("vss init failed: " + e.getMessage(), e); // the instance fails to start
        }
    }
}
