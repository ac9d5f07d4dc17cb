// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.azure;

import dev.vss.bl.crypto.KeyWrapper;
import dev.vss.bl.crypto.KeyWrapperProvider;

/**
 * {@code VSS_GALLERY_KEY_SERVICE=azure-keyvault:https://VAULT.vault.azure.net/keys/NAME}: the gallery's data keys
 * wrapped by an Azure Key Vault key, called with the function app's managed identity (DefaultAzureCredential).
 */
public final class KeyVaultKeyWrapperProvider implements KeyWrapperProvider {
    @Override
    public String scheme() {
        return "azure-keyvault";
    }

    @Override
    public KeyWrapper open(String key) {
        if (key.isBlank()) {
            throw new IllegalArgumentException("azure-keyvault: no key URL after 'azure-keyvault:' "
                    + "(https://VAULT.vault.azure.net/keys/NAME)");
        }
        return KeyVaultKeyWrapper.create(key);
    }
}
