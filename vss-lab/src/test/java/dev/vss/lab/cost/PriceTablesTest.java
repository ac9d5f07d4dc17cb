// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped price tables: every row sourced and dated, every offering buildable. */
class PriceTablesTest {
    @Test
    void everyRowHasASourceADateAndAStatus() {
        PriceTables t = PriceTables.shipped();
        assertThat(t.offeringIds()).contains("aws-lambda-x86_64", "aws-lambda-arm64", "aws-lambda-x86_64-paper-2020",
                "azure-functions-flex", "gcp-cloud-run-functions", "aws-rekognition");
        assertThat(t.rows()).hasSizeGreaterThan(40).allSatisfy(r -> {
            assertThat(r.source()).isNotBlank();
            assertThat(r.asOf()).isNotBlank();
            assertThat(PriceRow.STATUSES).contains(r.status());
        });
        // what could not be confirmed is marked, not hidden
        assertThat(t.offering("azure-functions-flex").unconfirmed()).extracting(PriceRow::item)
                .contains("usd_per_request", "free_gb_seconds_per_month");
    }

    @Test
    void arm64IsCheaperThanX86PerGbSecond() {
        PriceTables t = PriceTables.shipped();
        assertThat(t.offering("aws-lambda-arm64").usdPerGbSecond())
                .isLessThan(t.offering("aws-lambda-x86_64").usdPerGbSecond());
        assertThat(t.offering("aws-lambda-x86_64").initBilled()).isTrue();
        assertThat(t.offering("aws-lambda-x86_64-paper-2020").initBilled()).isFalse();
        assertThat(t.offering("aws-lambda-x86_64-paper-2020").granularityMs()).isEqualTo(100);
    }

    @Test
    void managedServiceCostsTwoCallsPerImage() {
        // detection + search at $0.001 each: $20 per 10,000 images
        assertThat(CostModel.managedUsd(PriceTables.shipped(), 10_000)).isEqualTo(20.0);
    }

    @Test
    void aFolderOfTablesReplacesTheShippedOnes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.json"), """
                {"offerings": [{"id": "mine", "provider": "Me", "service": "fn", "architecture": "x86_64", "region": "here"}],
                 "rows": [{"offering": "mine", "item": "usd_per_gb_second", "value": 0.00001, "unit": "USD/GB-s",
                           "source": "my contract", "as_of": "2026-11-01", "status": "confirmed"}]}""");
        Offering o = PriceTables.read(dir).offering("mine");
        assertThat(o.usdPerGbSecond()).isEqualTo(0.00001);
        assertThat(o.granularityMs()).isEqualTo(1);
        Files.writeString(dir.resolve("bad.json"), """
                {"offerings": [{"id": "bad"}], "rows": [{"offering": "bad", "item": "x", "value": 1, "status": "confirmed"}]}""");
        assertThatThrownBy(() -> PriceTables.read(dir)).hasMessageContaining("needs a source and a date");
        assertThatThrownBy(() -> PriceTables.shipped().offering("nope")).hasMessageContaining("no offering 'nope'");
    }
}
