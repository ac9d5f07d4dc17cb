// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.aws;

import dev.vss.bl.crypto.KeyWrapper;
import dev.vss.bl.crypto.KeyWrapperProvider;

/** {@code VSS_GALLERY_KEY_SERVICE=aws-kms:<key id, ARN or alias>}: the gallery's data keys wrapped by AWS KMS. */
public final class KmsKeyWrapperProvider implements KeyWrapperProvider {
    @Override
    public String scheme() {
        return "aws-kms";
    }

    @Override
    public KeyWrapper open(String key) {
        if (key.isBlank()) {
            throw new IllegalArgumentException("aws-kms: no key id, ARN or alias after 'aws-kms:'");
        }
        return KmsKeyWrapper.create(key);
    }
}
