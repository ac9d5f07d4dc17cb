// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.azure;

import dev.vss.bl.crypto.KeyWrapper;
import dev.vss.bl.crypto.NamedKeyWrapperProvider;

/**
 * {@code VSS_GALLERY_KEY_SERVICE=azure-keyvault:https://VAULT.vault.azure.net/keys/NAME}: the gallery's data keys
 * wrapped by an Azure Key Vault key, called with the function app's managed identity (DefaultAzureCredential).
 */
public final class KeyVaultKeyWrapperProvider extends NamedKeyWrapperProvider {
    public KeyVaultKeyWrapperProvider() {
        super("azure-keyvault", "key URL", "https://VAULT.vault.azure.net/keys/NAME");
    }

    @Override
    protected KeyWrapper create(String key) {
        return KeyVaultKeyWrapper.create(key);
    }
}
