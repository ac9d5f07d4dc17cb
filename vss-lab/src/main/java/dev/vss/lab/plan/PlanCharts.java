// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.plan;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The plan's charts, each as PNG and SVG, drawn with XChart: the paper's Figs. 2 (cost per 10K images vs memory by
 * batch), 3/4 (cold start vs memory, global vs local init) and 5 (time for 10K images vs memory by batch), our best
 * cost per provider next to the managed service's, and CPU time per image by precision. Memory sizes are categories
 * (equally spaced); sizes that ran out of memory are labelled "OOM", extrapolated ones marked "*". Stateless.
 */
public final class PlanCharts {
    private static final String OFFERING = "aws-lambda-x86_64";
    private static final Color[] BATCH_COLORS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44)};

    private PlanCharts() {
    }

    /** Writes every chart into {@code dir}; returns the base names written (each as .png and .svg). */
    public static List<String> write(Planner.Plan plan, Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        names.add(save(cost(plan), dir, "cost_per_10k_vs_memory"));
        names.add(save(coldStart(plan), dir, "cold_start_vs_memory"));
        names.add(save(time(plan), dir, "time_per_10k_vs_memory"));
        names.add(save(managed(plan), dir, "cost_vs_managed_service"));
        names.add(save(precision(plan), dir, "cpu_per_image_by_precision"));
        return names;
    }

    private static String save(CategoryChart c, Path dir, String name) throws IOException {
        BitmapEncoder.saveBitmap(c, dir.resolve(name + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(c, dir.resolve(name + ".svg").toString(),
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return name;
    }

    private static CategoryChart chart(String title, String x, String y) {
        CategoryChart c = new CategoryChartBuilder().width(1100).height(640).title(title).xAxisTitle(x).yAxisTitle(y)
                .build();
        Styler s = c.getStyler();
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        s.setMarkerSize(8);
        c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        c.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line);
        c.getStyler().setOverlapped(true); // lines share the category's centre (bar charts set it back)
        return c;
    }

    /** The memory sizes of the sweep as x categories: "OOM" below the minimum, "*" when extrapolated. */
    private static List<String> memoryCategories(Planner.Plan plan, String offering) {
        List<String> cats = new ArrayList<>();
        for (int m : Planner.SWEEP) {
            PlanRow r = find(plan, offering, m, 1, plan.precision().chosen(), "global");
            if (r == null) {
                continue;
            }
            cats.add(label(r));
        }
        return cats;
    }

    private static String label(PlanRow r) {
        return r.memoryMb() + (r.ok() ? r.basis().equals("extrapolated") ? "*" : "" : " OOM");
    }

    private static PlanRow find(Planner.Plan plan, String offering, int memory, int batch, String precision, String init) {
        return plan.rows().stream().filter(r -> r.offering().equals(offering) && r.memoryMb() == memory
                && r.batch() == batch && r.precision().equals(precision) && r.init().equals(init)).findFirst().orElse(null);
    }

    /** One series over the sweep's sizes: the value where the row ran, null (a gap) where it did not. */
    private static List<Number> values(Planner.Plan plan, String offering, int batch, String init,
            ToDoubleFunction<PlanRow> f, Predicate<PlanRow> keep) {
        List<Number> ys = new ArrayList<>();
        for (int m : Planner.SWEEP) {
            PlanRow r = find(plan, offering, m, batch, plan.precision().chosen(), init);
            if (r == null) {
                continue;
            }
            ys.add(r.ok() && keep.test(r) ? f.applyAsDouble(r) : null);
        }
        return ys;
    }

    private static String xTitle(Planner.Plan plan) {
        return "Function memory (MB)   [OOM = ran out of memory; * = extrapolated: vCPU share above this machine's "
                + ((Map<?, ?>) plan.meta().get("machine")).get("cores") + " cores]";
    }

    static CategoryChart cost(Planner.Plan plan) {
        CategoryChart c = chart("Cost per 10,000 images vs memory, by images per request (AWS Lambda x86_64, "
                + plan.precision().chosen() + ", global init)", xTitle(plan), "USD per 10,000 images");
        List<String> cats = memoryCategories(plan, OFFERING);
        batchLines(c, plan, cats, ", today's rules (1 ms, init billed)", PlanRow::usdPer10kImages);
        for (int i = 0; i < Planner.BATCHES.size(); i++) {
            int b = Planner.BATCHES.get(i);
            List<Number> ys = new ArrayList<>();
            for (int m : Planner.SWEEP) {
                if (find(plan, OFFERING, m, b, plan.precision().chosen(), "global") == null) {
                    continue;
                }
                PlanRow p = find(plan, Planner.PAPER, m, b, plan.precision().chosen(), "global");
                ys.add(p != null && p.ok() ? p.usdPer10kImages() : null);
            }
            line(c, b + " img/request, the paper's 2020 rules (100 ms, init free)", cats, ys, SeriesLines.DASH_DASH)
                    .setLineColor(BATCH_COLORS[i]);
        }
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setYAxisDecimalPattern("$0.000");
        return c;
    }

    static CategoryChart coldStart(Planner.Plan plan) {
        CategoryChart c = chart("Cold start vs memory: global vs local initialization (AWS Lambda share, "
                + plan.precision().chosen() + ", 1 img/request)", xTitle(plan), "Seconds");
        List<String> cats = memoryCategories(plan, OFFERING);
        CategorySeries g = c.addSeries("global scope: first response (JVM start + init + first request)", cats,
                values(plan, OFFERING, 1, "global", r -> r.coldStartMs() / 1000, r -> true));
        g.setMarker(SeriesMarkers.CIRCLE);
        line(c, "global scope: INIT phase (JVM start + init)", cats,
                values(plan, OFFERING, 1, "global", r -> r.initMs() / 1000, r -> true), SeriesLines.DASH_DASH);
        CategorySeries l = c.addSeries("local scope: first response (init inside the handler)", cats,
                values(plan, OFFERING, 1, "local", r -> r.coldStartMs() / 1000, r -> true));
        l.setMarker(SeriesMarkers.SQUARE);
        line(c, "local scope: every warm request (init again each time)", cats,
                values(plan, OFFERING, 1, "local", r -> r.latencyMs() / 1000, r -> true), SeriesLines.DOT_DOT);
        points(c, "measured under real limits (global)", cats, measuredColdStarts(plan, "global", false),
                SeriesMarkers.DIAMOND, Color.BLACK);
        points(c, "measured under real limits (local)", cats, measuredColdStarts(plan, "local", false),
                SeriesMarkers.TRIANGLE_UP, Color.BLACK);
        List<Number> busy = measuredColdStarts(plan, "global", true);
        List<Number> busyLocal = measuredColdStarts(plan, "local", true);
        for (int i = 0; i < busy.size(); i++) {
            busy.set(i, busy.get(i) != null ? busy.get(i) : busyLocal.get(i));
        }
        if (busy.stream().anyMatch(java.util.Objects::nonNull)) {
            points(c, "measured, but this machine gave < 80 % of the share (not used)", cats, busy, SeriesMarkers.CROSS,
                    Color.GRAY);
        }
        c.getStyler().setYAxisDecimalPattern("0.0");
        return c;
    }

    /** One line with circles per batch size (global init, {@link #OFFERING}), in that batch's colour. */
    private static void batchLines(CategoryChart c, Planner.Plan plan, List<String> cats, String nameSuffix,
            ToDoubleFunction<PlanRow> f) {
        for (int i = 0; i < Planner.BATCHES.size(); i++) {
            int b = Planner.BATCHES.get(i);
            CategorySeries s = c.addSeries(b + " img/request" + nameSuffix, cats,
                    values(plan, OFFERING, b, "global", f, r -> true));
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(BATCH_COLORS[i]);
            s.setMarkerColor(BATCH_COLORS[i]);
        }
    }

    /** A line without markers, in a dash style. */
    private static CategorySeries line(CategoryChart c, String name, List<String> cats, List<Number> ys,
            java.awt.BasicStroke style) {
        CategorySeries s = c.addSeries(name, cats, ys);
        s.setLineStyle(style);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }

    /** Points only (measurements), no line. */
    private static void points(CategoryChart c, String name, List<String> cats, List<Number> ys,
            org.knowm.xchart.style.markers.Marker marker, Color color) {
        CategorySeries s = c.addSeries(name, cats, ys);
        s.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
    }

    /** The cold starts measured under real limits at batch 1, seconds, at their memory size (null elsewhere). */
    private static List<Number> measuredColdStarts(Planner.Plan plan, String init, boolean contended) {
        List<Number> ys = new ArrayList<>();
        for (int m : Planner.SWEEP) {
            if (find(plan, OFFERING, m, 1, plan.precision().chosen(), "global") == null) {
                continue;
            }
            ys.add(plan.validation().stream().filter(v -> v.get("memory_mb").equals(m) && v.get("batch").equals(1)
                    && v.get("init").equals(init) && Boolean.valueOf(contended).equals(v.get("contended"))).map(v -> ((Number) v.get("measured_cold_start_ms")).doubleValue() / 1000)
                    .findFirst().orElse(null));
        }
        return ys;
    }

    static CategoryChart time(Planner.Plan plan) {
        CategoryChart c = chart("Time to process 10,000 images vs memory, by images per request (one instance, "
                + plan.precision().chosen() + ", global init)", xTitle(plan), "Minutes (sum of billed durations)");
        List<String> cats = memoryCategories(plan, OFFERING);
        batchLines(c, plan, cats, "", r -> r.secondsPer10kImages() / 60);
        c.getStyler().setYAxisDecimalPattern("0.0");
        return c;
    }

    static CategoryChart managed(Planner.Plan plan) {
        CategoryChart c = chart("Cheapest configuration per provider vs the managed service (Rekognition face "
                + "detection + search)", "Offering (best memory / batch; " + plan.precision().chosen() + ")",
                "USD per 10,000 images (log scale)");
        Map<String, Double> bars = new LinkedHashMap<>();
        for (var e : plan.recommendedByOffering().entrySet()) {
            PlanRow r = e.getValue();
            bars.put(shortName(e.getKey()) + " (" + r.memoryMb() + " MB, b" + r.batch() + ")", r.usdPer10kImages());
        }
        bars.put("Rekognition (2 calls/image)", plan.managedUsdPer10k());
        CategorySeries s = c.addSeries("USD per 10,000 images", new ArrayList<>(bars.keySet()),
                new ArrayList<>(bars.values()));
        s.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Bar);
        c.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Bar);
        c.getStyler().setOverlapped(false);
        c.getStyler().setYAxisLogarithmic(true);
        // bars on a log axis start at the axis minimum: the decade below the cheapest
        double min = bars.values().stream().mapToDouble(Double::doubleValue).min().orElse(0.01);
        c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        c.getStyler().setLabelsVisible(true);
        c.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        c.getStyler().setYAxisDecimalPattern("$#,##0.####");
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(12);
        return c;
    }

    static CategoryChart precision(Planner.Plan plan) {
        CategoryChart c = chart("CPU time per image by model precision (warm, 1 img/request, no CPU limit)",
                "Model precision (chosen: " + plan.precision().chosen() + ")", "CPU ms per image");
        Map<Integer, Map<String, Double>> byThreads = new LinkedHashMap<>();
        for (Profile p : plan.profiles()) {
            byThreads.computeIfAbsent(p.threads(), t -> new LinkedHashMap<>()).put(p.precision(), p.cpuMsPerImage());
        }
        for (var e : byThreads.entrySet()) {
            CategorySeries s = c.addSeries(e.getKey() + " inference thread" + (e.getKey() == 1 ? "" : "s"),
                    new ArrayList<>(e.getValue().keySet()), new ArrayList<>(e.getValue().values()));
            s.setChartCategorySeriesRenderStyle(CategorySeriesRenderStyle.Bar);
        }
        c.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Bar);
        c.getStyler().setOverlapped(false);
        c.getStyler().setLabelsVisible(true);
        c.getStyler().setYAxisDecimalPattern("0");
        c.getStyler().setYAxisMin(0.0);
        return c;
    }

    static String shortName(String offering) {
        return switch (offering) {
            case "aws-lambda-x86_64" -> "Lambda x86_64";
            case "aws-lambda-arm64" -> "Lambda arm64";
            case "azure-functions-flex" -> "Azure Flex Consumption";
            case "gcp-cloud-run-functions" -> "Cloud Run functions";
            case "aws-lambda-x86_64-paper-2020" -> "Lambda, 2020 rules";
            default -> offering.toLowerCase(Locale.ROOT);
        };
    }
}
