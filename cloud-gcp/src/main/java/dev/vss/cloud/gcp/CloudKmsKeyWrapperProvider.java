// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.gcp;

import dev.vss.bl.crypto.KeyWrapper;
import dev.vss.bl.crypto.KeyWrapperProvider;
import java.io.IOException;

/**
 * {@code VSS_GALLERY_KEY_SERVICE=gcp-kms:projects/P/locations/L/keyRings/R/cryptoKeys/K}: the gallery's data keys
 * wrapped by Google Cloud KMS, called with the function's service account (Application Default Credentials).
 */
public final class CloudKmsKeyWrapperProvider implements KeyWrapperProvider {
    @Override
    public String scheme() {
        return "gcp-kms";
    }

    @Override
    public KeyWrapper open(String key) throws IOException {
        if (key.isBlank()) {
            throw new IllegalArgumentException("gcp-kms: no key name after 'gcp-kms:' "
                    + "(projects/PROJECT/locations/LOCATION/keyRings/RING/cryptoKeys/KEY)");
        }
        return CloudKmsKeyWrapper.create(key);
    }
}
