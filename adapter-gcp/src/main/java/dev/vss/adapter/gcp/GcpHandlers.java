// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.gcp;

import dev.vss.bl.VssHandler;

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
        static final VssHandler HANDLER = VssHandler.forFunction();
    }

    /** For the HTTP function: image bodies only. */
    static final class Http {
        static final VssHandler HANDLER = VssHandler.forHttpFunction();
    }
}
