// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpPipeline;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.identity.DefaultAzureCredential;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code VSS_AZURE_CREDENTIAL=default} wires DefaultAzureCredential (a function app's managed identity) into the
 * az:// provider's clients: checked on the built client's HTTP pipeline, offline — Entra ID and a real account are
 * not reachable here (bearer tokens also need https, which Azurite does not serve in the tests).
 */
class AzureCredentialSettingTest {
    @AfterEach
    void clear() {
        System.clearProperty("vss.azure.credential");
    }

    static List<String> policies(AzureBlobStore s) {
        HttpPipeline p = s.client().getHttpPipeline();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < p.getPolicyCount(); i++) {
            names.add(p.getPolicy(i).getClass().getName());
        }
        return names;
    }

    static boolean bearer(AzureBlobStore s) {
        HttpPipeline p = s.client().getHttpPipeline();
        for (int i = 0; i < p.getPolicyCount(); i++) {
            if (p.getPolicy(i) instanceof BearerTokenAuthenticationPolicy) {
                return true;
            }
        }
        return false;
    }

    @Test
    void defaultCredentialGivesBearerTokensAndNothingGivesAnonymousAccess() throws Exception {
        AzureBlobStore anonymous = (AzureBlobStore) new AzureBlobStoreProvider().openContainer(URI.create("az://vsscams/incoming/"));
        assertThat(bearer(anonymous)).as("%s", policies(anonymous)).isFalse();

        System.setProperty("vss.azure.credential", "default");
        assertThat(AzureBlobStoreProvider.credential("default")).isInstanceOf(DefaultAzureCredential.class)
                .isSameAs(AzureBlobStoreProvider.credential("DEFAULT")); // one per process: it caches tokens
        AzureBlobStore withIdentity = (AzureBlobStore) new AzureBlobStoreProvider()
                .openContainer(URI.create("az://vsscams/incoming/"));
        assertThat(bearer(withIdentity)).as("%s", policies(withIdentity)).isTrue();
        assertThat(withIdentity.uri()).isEqualTo("az://vsscams/incoming/");
        assertThat(withIdentity.client().getBlobContainerUrl()).isEqualTo("https://vsscams.blob.core.windows.net/incoming");
    }

    @Test
    void anUnknownValueIsRefusedByName() {
        assertThatThrownBy(() -> AzureBlobStoreProvider.credential("managed")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VSS_AZURE_CREDENTIAL").hasMessageContaining("'managed'").hasMessageContaining("default");
        assertThat(AzureBlobStoreProvider.credential(null)).isNull();
    }
}
