// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.AzureException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import com.azure.security.keyvault.keys.cryptography.CryptographyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.models.KeyWrapAlgorithm;
import com.azure.security.keyvault.keys.cryptography.models.WrapResult;
import com.azure.security.keyvault.keys.models.KeyVaultKeyIdentifier;
import dev.vss.bl.crypto.KeyWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Wraps the gallery's data key with an Azure Key Vault (or Managed HSM) RSA key: {@link #wrap} is the service's
 * {@code wrapKey}, {@link #unwrap} its {@code unwrapKey}, both RSA-OAEP-256 by default. Every operation runs in
 * the service ({@code disableKeyCaching}): the function needs the {@code wrapKey}/{@code unwrapKey} permissions
 * (role "Key Vault Crypto User") and never the key's material or {@code get}.
 * <p>
 * Key rotation: {@link #keyId()} is the key's URL without a version ({@code https://VAULT/keys/NAME}), and each
 * wrapped key records the version that wrapped it ({@code 0x01, length, version, ciphertext}), so a gallery written
 * before a rotation still unwraps with its own version. A wrapped key naming another vault or key is refused before
 * any request. Credentials: a {@link TokenCredential}; {@link #create} uses {@code DefaultAzureCredential} (the
 * function app's managed identity in Azure, the developer's login elsewhere).
 * <p>
 * Errors: a wrapped key that Key Vault cannot unwrap (altered, another key) is a {@link GeneralSecurityException};
 * an unreachable vault, access denied, a missing or disabled key is an {@link IOException} naming the key. No Key
 * Vault runs locally, so the tests check the requests built and the responses read over a stub HTTP client.
 * Thread-safe; the SDK clients need no closing.
 */
public final class KeyVaultKeyWrapper implements KeyWrapper {
    private static final byte FORMAT = 1;
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9]{1,64}");
    private final KeyVaultKeyIdentifier key;
    private final String keyId;
    private final KeyWrapAlgorithm algorithm;
    private final TokenCredential credential;
    private final HttpClient http;
    private final Map<String, CryptographyClient> clients = new ConcurrentHashMap<>();

    /**
     * @param keyUrl     {@code https://VAULT.vault.azure.net/keys/NAME} (latest version for new wraps) or with
     *                   {@code /VERSION} (that version)
     * @param credential who calls Key Vault
     * @param http       the SDK HTTP client, or null for the default (Netty)
     */
    public KeyVaultKeyWrapper(String keyUrl, KeyWrapAlgorithm algorithm, TokenCredential credential, HttpClient http) {
        if (keyUrl == null || keyUrl.isBlank()) {
            throw new IllegalArgumentException("key: empty; give a Key Vault key URL https://VAULT.vault.azure.net/keys/NAME");
        }
        try {
            this.key = new KeyVaultKeyIdentifier(keyUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key: '" + keyUrl + "' is not a Key Vault key URL "
                    + "(https://VAULT.vault.azure.net/keys/NAME[/VERSION]): " + e.getMessage(), e);
        }
        if (!key.getVaultUrl().startsWith("https://")) {
            throw new IllegalArgumentException("key: '" + keyUrl + "': Key Vault is reached over https only");
        }
        this.keyId = key.getVaultUrl() + "/keys/" + key.getName();
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.credential = Objects.requireNonNull(credential, "credential");
        this.http = http;
    }

    /** The wrapper for a key URL with RSA-OAEP-256 and {@code DefaultAzureCredential}. */
    public static KeyVaultKeyWrapper create(String keyUrl) {
        return new KeyVaultKeyWrapper(keyUrl, KeyWrapAlgorithm.RSA_OAEP_256, new DefaultAzureCredentialBuilder().build(), null);
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public byte[] wrap(byte[] dataKey) throws GeneralSecurityException, IOException {
        String version = key.getVersion() == null || key.getVersion().isEmpty() ? "" : key.getVersion();
        WrapResult r = call("wrapKey", () -> client(version).wrapKey(algorithm, dataKey));
        KeyVaultKeyIdentifier used = new KeyVaultKeyIdentifier(r.getKeyId());
        if (!sameKey(used) || used.getVersion() == null || !VERSION.matcher(used.getVersion()).matches()) {
            throw new IOException("Key Vault wrapKey with " + keyId + " answered for another key: " + r.getKeyId());
        }
        byte[] v = used.getVersion().getBytes(StandardCharsets.US_ASCII);
        byte[] c = r.getEncryptedKey();
        byte[] out = new byte[2 + v.length + c.length];
        out[0] = FORMAT;
        out[1] = (byte) v.length;
        System.arraycopy(v, 0, out, 2, v.length);
        System.arraycopy(c, 0, out, 2 + v.length, c.length);
        return out;
    }

    @Override
    public byte[] unwrap(byte[] wrappedKey) throws GeneralSecurityException, IOException {
        if (wrappedKey.length < 3 || wrappedKey[0] != FORMAT || wrappedKey[1] < 1 || 2 + wrappedKey[1] >= wrappedKey.length) {
            throw new GeneralSecurityException("wrapped key: not made by the Key Vault wrapper (format byte "
                    + (wrappedKey.length == 0 ? "none" : wrappedKey[0]) + ")");
        }
        String version = new String(wrappedKey, 2, wrappedKey[1], StandardCharsets.US_ASCII);
        if (!VERSION.matcher(version).matches()) {
            throw new GeneralSecurityException("wrapped key: key version '" + version + "' is not a Key Vault version");
        }
        byte[] c = Arrays.copyOfRange(wrappedKey, 2 + wrappedKey[1], wrappedKey.length);
        return call("unwrapKey", () -> client(version).unwrapKey(algorithm, c).getKey());
    }

    /** The key's vault and name (the version may differ). */
    private boolean sameKey(KeyVaultKeyIdentifier other) {
        return other.getVaultUrl().equalsIgnoreCase(key.getVaultUrl()) && other.getName().equals(key.getName());
    }

    private CryptographyClient client(String version) {
        return clients.computeIfAbsent(version, v -> {
            CryptographyClientBuilder b = new CryptographyClientBuilder().keyIdentifier(keyId + (v.isEmpty() ? "" : "/" + v))
                    .credential(credential).disableKeyCaching();
            if (http != null) {
                b.httpClient(http);
            }
            return b.buildClient();
        });
    }

    /** One service call: its refusals and failures as the KeyWrapper's checked exceptions. */
    private <T> T call(String op, Supplier<T> c) throws GeneralSecurityException, IOException {
        try {
            return c.get();
        } catch (HttpResponseException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            if (op.equals("unwrapKey") && status == 400) {
                throw new GeneralSecurityException("Key Vault unwrapKey with " + keyId
                        + " refused the wrapped key: it was not made by this key, or was altered (" + e.getMessage() + ")", e);
            }
            throw new IOException("Key Vault " + op + " with " + keyId + " failed (HTTP " + status + "): " + e.getMessage(), e);
        } catch (AzureException | IllegalStateException e) {
            throw new IOException("Key Vault " + op + " with " + keyId + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException io) {
                throw new IOException("Key Vault " + op + " with " + keyId + " failed: " + io.getMessage(), io);
            }
            throw e;
        }
    }
}
