// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.gcp;

import dev.vss.bl.crypto.KeyWrapper;
import dev.vss.bl.crypto.NamedKeyWrapperProvider;
import java.io.IOException;

/**
 * {@code VSS_GALLERY_KEY_SERVICE=gcp-kms:projects/P/locations/L/keyRings/R/cryptoKeys/K}: the gallery's data keys
 * wrapped by Google Cloud KMS, called with the function's service account (Application Default Credentials).
 */
public final class CloudKmsKeyWrapperProvider extends NamedKeyWrapperProvider {
    public CloudKmsKeyWrapperProvider() {
        super("gcp-kms", "key name", "projects/PROJECT/locations/LOCATION/keyRings/RING/cryptoKeys/KEY");
    }

    @Override
    protected KeyWrapper create(String key) throws IOException {
        return CloudKmsKeyWrapper.create(key);
    }
}
