// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.aws;

import dev.vss.bl.crypto.KeyWrapper;
import dev.vss.bl.crypto.NamedKeyWrapperProvider;

/** {@code VSS_GALLERY_KEY_SERVICE=aws-kms:<key id, ARN or alias>}: the gallery's data keys wrapped by AWS KMS. */
public final class KmsKeyWrapperProvider extends NamedKeyWrapperProvider {
    public KmsKeyWrapperProvider() {
        super("aws-kms", "key id, ARN or alias", null);
    }

    @Override
    protected KeyWrapper create(String key) {
        return KmsKeyWrapper.create(key);
    }
}
