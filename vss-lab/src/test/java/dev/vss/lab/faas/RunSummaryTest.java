// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.faas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vss.bl.runtime.InitStrategy;
import dev.vss.lab.cost.CostModel;
import dev.vss.lab.cost.Offering;
import dev.vss.lab.cost.PriceTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** run-local bills through the planner's formula: the same figures cost the same. */
class RunSummaryTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A run of one cold start ({@code initMs}) and {@code calls} warm calls of {@code handlerMs}, one image each. */
    static LocalFaas.Run run(FunctionSize size, int calls, double handlerMs, double initMs) throws Exception {
        JsonNode ready = JSON.readTree("{\"type\":\"ready\",\"init_ms\":{\"total\":" + initMs + "}}");
        JsonNode result = JSON.readTree("{\"images\":[{\"image\":\"a.jpg\",\"ok\":true,\"stages_ms\":{\"decode\":2}}]}");
        List<LocalFaas.Call> cs = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            cs.add(new LocalFaas.Call(0, i == 0, 1, handlerMs, handlerMs, handlerMs, result, null, false));
        }
        return new LocalFaas.Run(LocalFaas.Limits.CGROUP, "test", size, List.of(new LocalFaas.Start(0, 150, initMs, 100,
                initMs, initMs, ready, null, false)), cs, 300);
    }

    @Test
    void runLocalCostIsCostModelBillOfTheSameFigures() throws Exception {
        PriceTables tables = PriceTables.shipped();
        for (String id : List.of("aws-lambda-x86_64", "aws-lambda-x86_64-paper-2020")) {
            Offering o = tables.offering(id);
            // at 1,769 MB Lambda's share is 1 vCPU: the size that ran is the size billed
            FunctionSize size = FunctionSize.lambda(1769, 2, 0);
            Map<String, Object> sum = RunSummary.of(run(size, 10, 250.4, 1200.2), InitStrategy.GLOBAL, 1, o);
            CostModel.Bill bill = CostModel.bill(o, new CostModel.Workload(1769, 10, 250.4, 1, 1200.2, false));
            assertThat(sum.get("images")).isEqualTo(10);
            assertThat((double) sum.get("billed_gb_s")).isEqualTo(Math.round(bill.gbSeconds() * 1000) / 1000.0);
            assertThat((double) sum.get("cost_usd_per_1000_images"))
                    .isEqualTo(Math.round(bill.usd() / 10 * 1000 * 1e6) / 1e6);
            assertThat(bill.usd()).isPositive();
        }
    }

    @Test
    void usageAndWorkloadAreOneFormula() {
        Offering o = PriceTables.shipped().offering("gcp-cloud-run-functions");
        CostModel.Workload w = new CostModel.Workload(1024, 1000, 180, 3, 900, false);
        int mem = o.billedMemoryMb(1024);
        double billed = 1000.0 * o.billedMs(180) + (o.initBilled() ? 3.0 * o.billedMs(900) : 0);
        assertThat(CostModel.bill(o, new CostModel.Usage(mem, o.vcpu(mem), 1000, billed, false)))
                .isEqualTo(CostModel.bill(o, w));
    }
}
