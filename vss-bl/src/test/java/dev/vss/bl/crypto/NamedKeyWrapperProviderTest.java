// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamedKeyWrapperProviderTest {
    private static NamedKeyWrapperProvider provider(String scheme, String what, String example) {
        return new NamedKeyWrapperProvider(scheme, what, example) {
            @Override
            protected KeyWrapper create(String key) {
                return new LocalKeyWrapper(new byte[32], key);
            }
        };
    }

    @Test
    void aBlankKeyIsRefusedWithWhatBelongsAfterTheScheme() {
        assertThatThrownBy(() -> provider("aws-kms", "key id, ARN or alias", null).open(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aws-kms: no key id, ARN or alias after 'aws-kms:'");
        assertThatThrownBy(() -> provider("azure-keyvault", "key URL", "https://VAULT.vault.azure.net/keys/NAME").open(""))
                .hasMessage("azure-keyvault: no key URL after 'azure-keyvault:' (https://VAULT.vault.azure.net/keys/NAME)");
    }

    @Test
    void aKeyReachesTheCloudsWrapper() throws Exception {
        NamedKeyWrapperProvider p = provider("test-kms", "key", null);
        assertThat(p.scheme()).isEqualTo("test-kms");
        assertThat(p.open("k1")).isInstanceOf(LocalKeyWrapper.class);
    }
}
