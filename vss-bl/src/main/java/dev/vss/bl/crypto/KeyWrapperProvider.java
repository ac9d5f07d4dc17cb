// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.crypto;

import java.io.IOException;

/**
 * Makes the {@link KeyWrapper} of a key service named in the settings ({@code VSS_GALLERY_KEY_SERVICE}), found
 * through {@link java.util.ServiceLoader}: {@code aws-kms} comes with cloud-aws, {@code azure-keyvault} with
 * cloud-azure, {@code gcp-kms} with cloud-gcp, so a function carries only its own cloud's SDK.
 */
public interface KeyWrapperProvider {
    /** The scheme before the first ':' of the key service, e.g. {@code aws-kms}. */
    String scheme();

    /**
     * The wrapper for {@code key}, the part after the scheme (a key id, ARN, URL or resource name).
     *
     * @throws IOException if the key service cannot be reached to set up the client
     */
    KeyWrapper open(String key) throws IOException;
}
