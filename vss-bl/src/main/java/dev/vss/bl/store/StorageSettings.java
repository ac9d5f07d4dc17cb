// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

/**
 * What the storage providers of cloud-aws, cloud-azure and cloud-gcp are configured with: endpoints, emulators and
 * credentials, each a {@code Setting} read by {@code VssSettings} (null = not set, the SDK's own default applies). A
 * provider receives it in {@link BlobStoreProvider#openContainer(java.net.URI, StorageSettings)}; the SDKs may still
 * read their own standard variables (e.g. {@code AWS_REGION}) internally. {@link #toString()} hides the secrets.
 *
 * @param s3Region              {@code Setting.S3_REGION}
 * @param s3Endpoint            {@code Setting.S3_ENDPOINT}
 * @param s3PathStyle           {@code Setting.S3_PATH_STYLE}
 * @param s3SseKmsKeyId         {@code Setting.S3_SSE_KMS_KEY_ID}
 * @param azureConnectionString {@code Setting.AZURE_CONNECTION_STRING} (secret)
 * @param azureAccountKey       {@code Setting.AZURE_ACCOUNT_KEY} (secret)
 * @param azureSasToken         {@code Setting.AZURE_SAS_TOKEN} (secret)
 * @param azureBlobEndpoint     {@code Setting.AZURE_BLOB_ENDPOINT}
 * @param azureCredential       {@code Setting.AZURE_CREDENTIAL}
 * @param gcsHost               {@code Setting.GCS_HOST}
 * @param gcsProject            {@code Setting.GCS_PROJECT}
 */
public record StorageSettings(String s3Region, String s3Endpoint, boolean s3PathStyle, String s3SseKmsKeyId,
        String azureConnectionString, String azureAccountKey, String azureSasToken, String azureBlobEndpoint,
        String azureCredential, String gcsHost, String gcsProject) {
    private static final StorageSettings NONE = new StorageSettings(null, null, false, null, null, null, null, null,
            null, null, null);

    /** Nothing set: every SDK default. */
    public static StorageSettings none() {
        return NONE;
    }

    @Override
    public String toString() {
        return "StorageSettings[s3Region=" + s3Region + ", s3Endpoint=" + s3Endpoint + ", s3PathStyle=" + s3PathStyle
                + ", s3SseKmsKeyId=" + s3SseKmsKeyId + ", azureConnectionString=" + hidden(azureConnectionString)
                + ", azureAccountKey=" + hidden(azureAccountKey) + ", azureSasToken=" + hidden(azureSasToken)
                + ", azureBlobEndpoint=" + azureBlobEndpoint + ", azureCredential=" + azureCredential + ", gcsHost="
                + gcsHost + ", gcsProject=" + gcsProject + "]";
    }

    private static String hidden(String secret) {
        return secret == null ? "none" : "(set)";
    }
}
