// SPDX-License-Identifier: Apache-2.0
package dev.vss.adapter.azure;

import dev.vss.bl.testing.AdapterRules;
import org.junit.jupiter.api.Test;

/** No package cycles; vss-bl's public API only (see {@link AdapterRules}). */
class AzureLayerRulesTest {
    @Test
    void usesVssBlPublicApiOnly() {
        AdapterRules.check("dev.vss.adapter.azure");
    }
}
