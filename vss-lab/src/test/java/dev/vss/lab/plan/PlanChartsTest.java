// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.lab.cost.CostModel;
import dev.vss.lab.cost.Offering;
import dev.vss.lab.cost.PriceTables;
import dev.vss.lab.plan.Profile.Phase;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charts render as PNG and SVG with titled axes and legends, from a plan priced by the cost model. */
class PlanChartsTest {
    /** A plan whose rows are priced from the derivation of two hand-made profiles (no measurement needed). */
    static Planner.Plan plan() {
        TreeMap<Integer, Phase> req = new TreeMap<>(Map.of(1, new Phase(40, 40), 5, new Phase(190, 190),
                10, new Phase(370, 370)));
        Map<String, Phase> init = new LinkedHashMap<>(Map.of("read_compile", new Phase(1200, 1500)));
        Profile p = new Profile("FP16", 1, new Phase(500, 400), init, req, Phase.ZERO, new Phase(1500, 1800),
                new Phase(1100, 1300), 300);
        Derivation d = new Derivation(p, p, 2);
        PriceTables t = PriceTables.shipped();
        List<PlanRow> rows = new ArrayList<>();
        for (String id : Planner.OFFERINGS) {
            Offering o = t.offering(id);
            for (int m : o.sizesMb().isEmpty() ? Planner.SWEEP : o.sizesMb()) {
                int billed = o.billedMemoryMb(m);
                if (billed < 0) {
                    continue;
                }
                for (int b : Planner.BATCHES) {
                    for (String init2 : List.of("global", "local")) {
                        double v = o.vcpu(billed);
                        boolean ok = m >= 256;
                        double req2 = d.requestMs(v, b) + (init2.equals("local") ? d.localInitMs(v) : 0);
                        double ini = init2.equals("global") ? d.initMs(v) : d.jvmMs(v);
                        long r = CostModel.Workload.requests(10_000, b);
                        double usd = CostModel.bill(o, new CostModel.Workload(billed, r, req2, 10, ini, false)).usd();
                        rows.add(new PlanRow(id, o.provider(), o.architecture(), m, billed, v, Derivation.threads(v), b,
                                "FP16", init2, d.extrapolated(v) ? "extrapolated" : "derived", ok ? "ok" : "out_of_memory",
                                usd, (r * req2 + 10 * ini) / 1000, ini + req2, ini, req2, r, 10, 0, ""));
                    }
                }
            }
        }
        PrecisionChoice c = PrecisionChoice.choose(new Capabilities("cpu", "cpu", List.of("FP32", "INT8"), "f32",
                java.util.Set.of()), Map.of("FP16", 40.0, "FP32", 45.0), null);
        Map<String, PlanRow> best = new LinkedHashMap<>();
        for (String id : Planner.OFFERINGS) {
            rows.stream().filter(r -> r.offering().equals(id) && r.ok() && r.init().equals("global"))
                    .min(java.util.Comparator.comparingDouble(PlanRow::usdPer10kImages)).ifPresent(r -> best.put(id, r));
        }
        return new Planner.Plan(Map.of("machine", Map.of("cores", 2, "cpu", "test")), c, List.of(p), List.of(), 256,
                List.of(), rows, best.get("aws-lambda-x86_64"), best, CostModel.managedUsd(t, 10_000));
    }

    static java.util.List<String> names(org.knowm.xchart.CategoryChart c) {
        return c.getSeriesCollection().stream().map(x -> x.getName()).toList();
    }

    @Test
    void everyChartIsAReadablePngAndAnSvgWithAxesAndLegend(@TempDir Path dir) throws Exception {
        List<String> names = PlanCharts.write(plan(), dir);
        assertThat(names).hasSizeGreaterThanOrEqualTo(4).contains("cost_per_10k_vs_memory", "cold_start_vs_memory",
                "time_per_10k_vs_memory", "cost_vs_managed_service");
        for (String n : names) {
            BufferedImage png = ImageIO.read(dir.resolve(n + ".png").toFile());
            assertThat(png.getWidth()).isEqualTo(1100);
            assertThat(png.getHeight()).isEqualTo(640);
            assertThat(Files.size(dir.resolve(n + ".svg"))).isGreaterThan(5_000);
        }
        assertThat(Files.readString(dir.resolve("cost_vs_managed_service.svg"))).startsWith("<?xml").contains("<svg");
        // XChart draws text as outlines, so the titles and legends are checked on the charts themselves
        var plan = plan();
        var cost = PlanCharts.cost(plan);
        assertThat(cost.getXAxisTitle()).startsWith("Function memory (MB)");
        assertThat(cost.getYAxisTitle()).isEqualTo("USD per 10,000 images");
        assertThat(cost.getStyler().isLegendVisible()).isTrue();
        assertThat(names(cost)).contains("1 img/request, today's rules (1 ms, init billed)",
                "10 img/request, the paper's 2020 rules (100 ms, init free)").hasSize(6);
        // below the smallest working size the x label says OOM; above this machine's cores, extrapolated
        assertThat(cost.getSeries("1 img/request, today's rules (1 ms, init billed)").getXData())
                .first().isEqualTo("128 OOM");
        assertThat(cost.getSeries("1 img/request, today's rules (1 ms, init billed)").getXData())
                .last().isEqualTo("10240*");
        var cold = PlanCharts.coldStart(plan);
        assertThat(cold.getYAxisTitle()).isEqualTo("Seconds");
        assertThat(names(cold)).anyMatch(k -> k.startsWith("local scope"))
                .anyMatch(k -> k.startsWith("global scope"));
        assertThat(PlanCharts.time(plan).getYAxisTitle()).startsWith("Minutes");
        var managed = PlanCharts.managed(plan);
        assertThat(managed.getSeries("USD per 10,000 images").getXData()).last()
                .isEqualTo("Rekognition (2 calls/image)");
        assertThat(managed.getYAxisTitle()).contains("USD per 10,000 images");
    }
}
