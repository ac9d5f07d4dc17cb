// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobServiceClient;
import dev.vss.bl.store.BlobStore;
import dev.vss.bl.VssSettings;
import dev.vss.bl.store.BlobStoreProvider;
import dev.vss.bl.store.ObjectLocation;
import dev.vss.bl.store.StorageSettings;
import dev.vss.bl.store.StorageUris;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Azure Blob Storage provider: {@code az://account/container/prefix}, and the service's own URL form
 * {@code https://account.blob.core.windows.net/container/prefix} (mapped to the same container). Settings, system
 * property first, then environment variable:
 * <ul>
 * <li>{@code vss.azure.connectionString} / {@code AZURE_STORAGE_CONNECTION_STRING};</li>
 * <li>{@code vss.azure.accountKey} / {@code AZURE_STORAGE_KEY}, or {@code vss.azure.sasToken} /
 * {@code AZURE_STORAGE_SAS_TOKEN};</li>
 * <li>{@code vss.azure.blobEndpoint} / {@code VSS_AZURE_BLOB_ENDPOINT}: the account's blob endpoint when it is not
 * {@code https://<account>.blob.core.windows.net} (e.g. Azurite's {@code http://127.0.0.1:10000/devstoreaccount1}).</li>
 * <li>{@code vss.azure.credential} / {@code VSS_AZURE_CREDENTIAL}: {@code default} for Entra ID tokens from
 * DefaultAzureCredential (a function app's managed identity), used when no key or SAS is set.</li>
 * </ul>
 * With none of the credentials set, access is anonymous. One service client per account and settings is kept.
 * Thread-safe.
 */
public final class AzureBlobStoreProvider implements BlobStoreProvider {
    private static final Pattern HOST = Pattern.compile("([a-z0-9]{3,24})\\.blob\\.core\\..+");
    private final Map<List<String>, BlobServiceClient> clients = new ConcurrentHashMap<>();

    @Override
    public Set<String> schemes() {
        return Set.of("az");
    }

    @Override
    public boolean accepts(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("az") || (scheme.equals("https") && uri.getHost() != null
                && HOST.matcher(uri.getHost().toLowerCase(Locale.ROOT)).matches());
    }

    @Override
    public ObjectLocation locate(URI uri) {
        String account;
        if ("az".equalsIgnoreCase(uri.getScheme())) {
            account = uri.getAuthority();
        } else {
            Matcher m = HOST.matcher(uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("uri: '" + uri + "' is not an Azure blob URL (https://ACCOUNT.blob.core.windows.net/...)");
            }
            account = m.group(1);
        }
        StorageUris.checkContainer("account", account);
        String path = StorageUris.key(uri);
        int slash = path.indexOf('/');
        String container = slash < 0 ? path : path.substring(0, slash);
        if (container.isEmpty()) {
            throw new IllegalArgumentException("uri: '" + uri + "' names no container (az://ACCOUNT/CONTAINER/...)");
        }
        StorageUris.checkContainer("container", container);
        return new ObjectLocation(URI.create("az://" + account + "/" + container + "/"), slash < 0 ? "" : path.substring(slash + 1));
    }

    @Override
    public BlobStore openContainer(URI container) {
        return openContainer(container, VssSettings.storageFromEnvironment());
    }

    @Override
    public BlobStore openContainer(URI container, StorageSettings settings) {
        ObjectLocation l = locate(container);
        String account = container.getAuthority();
        String name = StorageUris.key(l.container()).replace("/", "");
        return new AzureBlobStore(service(account, settings).getBlobContainerClient(name));
    }

    private BlobServiceClient service(String account, StorageSettings st) {
        String cs = st.azureConnectionString();
        String key = st.azureAccountKey();
        String sas = st.azureSasToken();
        String endpoint = st.azureBlobEndpoint();
        String identity = st.azureCredential();
        TokenCredential credential = credential(identity);
        List<String> settings = java.util.Arrays.asList(account, cs, key, sas, endpoint, identity);
        return clients.computeIfAbsent(settings, s -> AzureBlobStore.builder().setAccount(account).optConnectionString(cs)
                .optAccountKey(key).optSasToken(sas).optCredential(credential).optEndpoint(endpoint).serviceClient());
    }

    /**
     * {@code VSS_AZURE_CREDENTIAL=default}: Entra ID tokens from azure-identity's DefaultAzureCredential (the function
     * app's managed identity on Azure, a developer's Azure CLI login elsewhere), one per process; unset: none.
     */
    static TokenCredential credential(String setting) {
        if (setting == null) {
            return null;
        }
        if (!setting.equalsIgnoreCase("default")) {
            throw new IllegalArgumentException("VSS_AZURE_CREDENTIAL: '" + setting + "' is not known; use 'default' "
                    + "(DefaultAzureCredential: the managed identity on Azure, else the environment or an Azure CLI login)");
        }
        return DefaultCredential.INSTANCE;
    }

    /** Built on first use only: it caches tokens, so one serves every store of the process. */
    private static final class DefaultCredential {
        static final TokenCredential INSTANCE = new DefaultAzureCredentialBuilder().build();
    }
}
