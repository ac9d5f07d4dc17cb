// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vss.lab.cost.CostModel.Bill;
import dev.vss.lab.cost.CostModel.Workload;
import org.junit.jupiter.api.Test;

/** The cost model against bills computed by hand (the arithmetic is in each comment). */
class CostModelTest {
    static final PriceTables T = PriceTables.shipped();
    static final Offering X86 = T.offering("aws-lambda-x86_64");
    static final Offering ARM = T.offering("aws-lambda-arm64");
    static final Offering PAPER = T.offering("aws-lambda-x86_64-paper-2020");
    static final Offering AZURE = T.offering("azure-functions-flex");
    static final Offering GCP = T.offering("gcp-cloud-run-functions");

    static Workload w(int mb, long requests, double handlerMs, long cold, double initMs, boolean free) {
        return new Workload(mb, requests, handlerMs, cold, initMs, free);
    }

    @Test
    void paperRoundsUpTo100Ms() {
        // 250 ms -> 300 ms; 10,000 x 0.3 s x 1 GB = 3,000 GB-s x 0.0000166667 = 0.0500001; + 10,000 x 0.0000002 = 0.002
        Bill b = CostModel.bill(PAPER, w(1024, 10_000, 250, 0, 0, false));
        assertThat(b.billedSeconds()).isEqualTo(3000.0, within(1e-9));
        assertThat(b.gbSeconds()).isEqualTo(3000.0, within(1e-9));
        assertThat(b.usd()).isEqualTo(0.0520001, within(1e-12));
        // the same figure from the paper's equation as printed
        assertThat(CostModel.paperEquation(10_000, 1024, 250, 100, 0.0000166667, 0.0000002))
                .isEqualTo(0.0520001, within(1e-12));
        // exactly 300 ms stays 300 ms; 300.5 ms is billed 400 ms
        assertThat(PAPER.billedMs(300)).isEqualTo(300);
        assertThat(PAPER.billedMs(300.5)).isEqualTo(400);
        assertThat(PAPER.billedMs(1)).isEqualTo(100);
    }

    @Test
    void todayBillsTheMillisecond() {
        // 250 ms -> 250 ms: 2,500 GB-s x 0.0000166667 = 0.04166675; + 0.002 = 0.04366675
        assertThat(CostModel.bill(X86, w(1024, 10_000, 250, 0, 0, false)).usd()).isEqualTo(0.04366675, within(1e-12));
        assertThat(X86.billedMs(250.2)).isEqualTo(251);
        // arm64: 2,500 GB-s x 0.0000133334 = 0.0333335; + 0.002 = 0.0353335
        assertThat(CostModel.bill(ARM, w(1024, 10_000, 250, 0, 0, false)).usd()).isEqualTo(0.0353335, within(1e-12));
    }

    @Test
    void batchesDivideTheRequests() {
        assertThat(Workload.requests(10_000, 1)).isEqualTo(10_000);
        assertThat(Workload.requests(10_000, 10)).isEqualTo(1_000);
        assertThat(Workload.requests(10_001, 10)).isEqualTo(1_001);
        assertThat(Workload.requests(3, 10)).isEqualTo(1);
        assertThat(Workload.requests(10_000, 5)).isEqualTo(2_000);
        assertThatThrownBy(() -> Workload.requests(10, 0)).hasMessageContaining("batch");
        // 10,000 images at 10 per request, 2 s each at 2,048 MB: 1,000 x 2 s x 2 GB = 4,000 GB-s x 0.0000166667
        // = 0.0666668; + 1,000 x 0.0000002 = 0.0002 -> 0.0668668
        assertThat(CostModel.bill(X86, w(2048, Workload.requests(10_000, 10), 2000, 0, 0, false)).usd())
                .isEqualTo(0.0668668, within(1e-12));
    }

    @Test
    void initIsBilledTodayButNotInThePaper() {
        // one request of 100 ms after a 1,500 ms init at 1,769 MB: 1.6 s x 1769/1024 GB = 2.7640625 GB-s
        // x 0.0000166667 = 0.0000460678... + 0.0000002
        Bill today = CostModel.bill(X86, w(1769, 1, 100, 1, 1500, false));
        assertThat(today.gbSeconds()).isEqualTo(2.7640625, within(1e-12));
        assertThat(today.usd()).isEqualTo(2.7640625 * 0.0000166667 + 0.0000002, within(1e-15));
        // 2020 rules: init free, only the 100 ms handler: 0.1 s x 1.727539... GB
        Bill paper = CostModel.bill(PAPER, w(1769, 1, 100, 1, 1500, false));
        assertThat(paper.gbSeconds()).isEqualTo(0.1 * 1769 / 1024, within(1e-12));
        assertThat(paper.usd()).isLessThan(today.usd() / 10);
        // init is rounded on its own: 1,500.2 ms -> 1,501 ms
        assertThat(CostModel.bill(X86, w(1024, 0, 0, 1, 1500.2, false)).billedSeconds()).isEqualTo(1.501, within(1e-12));
    }

    @Test
    void freeTierIsOffUnlessAsked() {
        // 1M requests of 100 ms at 1 GB = 100,000 GB-s: within 400,000 GB-s and 1M requests free
        Workload small = w(1024, 1_000_000, 100, 0, 0, false);
        assertThat(CostModel.bill(X86, small).usd()).isEqualTo(100_000 * 0.0000166667 + 0.2, within(1e-9));
        assertThat(CostModel.bill(X86, w(1024, 1_000_000, 100, 0, 0, true)).usd()).isZero();
        // 5M requests: 500,000 GB-s - 400,000 free = 100,000 x 0.0000166667 = 1.66667; 4M requests x 0.0000002 = 0.8
        assertThat(CostModel.bill(X86, w(1024, 5_000_000, 100, 0, 0, true)).usd()).isEqualTo(2.46667, within(1e-9));
    }

    @Test
    void azureBillsAtLeastOneSecondInWholeInstanceSizes() {
        assertThat(AZURE.billedMs(250)).isEqualTo(1000);
        assertThat(AZURE.billedMs(1050)).isEqualTo(1100);
        assertThat(AZURE.billedMemoryMb(704)).isEqualTo(2048);
        assertThat(AZURE.billedMemoryMb(2049)).isEqualTo(4096);
        assertThat(AZURE.billedMemoryMb(5000)).isEqualTo(-1);
        // 250 ms -> 1 s x 2 GB = 2 GB-s x 0.000026 = 0.000052; + 0.0000004
        assertThat(CostModel.bill(AZURE, w(2048, 1, 250, 0, 0, false)).usd()).isEqualTo(0.0000524, within(1e-15));
        assertThatThrownBy(() -> CostModel.bill(AZURE, w(8192, 1, 250, 0, 0, false))).hasMessageContaining(
                "no memory size >= 8192");
    }

    @Test
    void googleBillsCpuAndMemorySeparately() {
        assertThat(GCP.vcpu(512)).isEqualTo(0.333);
        assertThat(GCP.vcpu(704)).isEqualTo(0.583); // between rows: the 1 GiB row
        assertThat(GCP.vcpu(2048)).isEqualTo(1.0);
        // 250 ms -> 300 ms at 512 MiB: 0.3 x 0.333 x 0.000024 = 0.0000023976; 0.3 x 0.5 x 0.0000025 = 0.000000375;
        // + 0.0000004
        assertThat(CostModel.bill(GCP, w(512, 1, 250, 0, 0, false)).usd()).isEqualTo(0.0000031726, within(1e-15));
    }

    @Test
    void lambdaCpuShareFollowsMemory() {
        assertThat(X86.vcpu(1769)).isEqualTo(1.0);
        assertThat(X86.vcpu(704)).isEqualTo(704 / 1769.0);
        assertThat(X86.vcpu(10240)).isEqualTo(10240 / 1769.0);
        assertThat(X86.billedMemoryMb(10241)).isEqualTo(-1);
    }
}
