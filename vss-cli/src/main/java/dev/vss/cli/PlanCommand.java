// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vss.lab.cost.PriceRow;
import dev.vss.lab.cost.PriceTables;
import dev.vss.lab.plan.PlanCharts;
import dev.vss.lab.plan.PlanRow;
import dev.vss.lab.plan.Planner;
import dev.vss.lab.plan.Profile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vss plan}: which memory size, batch, precision, init scope and provider processes images cheapest, from
 * measurements of this pipeline under real function limits ({@link Planner}); writes {@code plan.json} and charts.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Measure the pipeline under real function limits and plan the cheapest deployment: sweeps "
                + "memory 128-10,240 MB x 1/5/10 images per request x precisions x global/local init x providers; "
                + "writes DIR/plan.json and charts (PNG and SVG).")
final class PlanCommand extends PipelineCommand {
    @Option(names = "--images", defaultValue = "10000", description = "Images a month to plan for (default "
            + "${DEFAULT-VALUE}); sets the monthly totals and, with --free-tier, what the free tier covers.")
    long images;

    @Option(names = "--latency-slo", paramLabel = "MS", description = "Longest warm request the recommendation may "
            + "take, ms (default: none).")
    Double latencySlo;

    @Option(names = "--quick", description = "Fewer images, sizes and local-scope runs (about 5 minutes here instead of "
            + "about 15).")
    boolean quick;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where plan.json and the charts go.")
    Path out;

    @Option(names = "--free-tier", description = "Subtract each provider's monthly free tier (default off, as in the "
            + "paper).")
    boolean freeTier;

    @Option(names = "--requests-per-instance", defaultValue = "1000", description = "Requests an instance serves "
            + "before it is replaced: one cold start per this many requests (default ${DEFAULT-VALUE}).")
    int requestsPerInstance;

    @Option(names = "--cost-tolerance", defaultValue = "5", paramLabel = "PERCENT", description = "Recommend the "
            + "fastest configuration costing at most this much more than the cheapest (default ${DEFAULT-VALUE} %%).")
    double costTolerance;

    @Option(names = "--limits", defaultValue = "auto", description = "auto, cgroup or emulated, as for run-local.")
    String limits;

    @Option(names = "--prices", paramLabel = "DIR", description = "Folder of price tables (*.json) to use instead of "
            + "the shipped ones.")
    Path prices;

    @Option(names = "--sample", description = "Use only the first N images of the source.")
    Integer sample;

    @Parameters(paramLabel = "SOURCE", arity = "0..*", description = "Images to measure with (default: the shared "
            + "images folder).")
    List<String> source;

    @Override
    public Integer call() throws Exception {
        if (images < 1 || requestsPerInstance < 1 || costTolerance < 0 || (latencySlo != null && !(latencySlo > 0))
                || (sample != null && sample < 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--images, --requests-per-instance and --sample >= 1, --latency-slo > 0");
        }
        if (!List.of("auto", "cgroup", "emulated").contains(limits)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--limits: '" + limits + "' is not auto, cgroup or emulated");
        }
        PriceTables tables = prices == null ? PriceTables.shipped() : PriceTables.read(prices);
        List<String> files = Sources.images(source == null || source.isEmpty()
                ? List.of(Inputs.imagesDir().toString()) : source);
        if (sample != null) {
            files = files.subList(0, Math.min(sample, files.size()));
        }
        Files.createDirectories(out);
        PrintWriter err = spec.commandLine().getErr();
        var sb = runtime.settings();
        var base = sb.build();
        // as in run-local: a new instance fetches its models from the deployment bucket into its own temp dir
        Path models = base.modelsDir() != null ? base.modelsDir() : dev.vss.models.ModelRepository.fromEnvironment().dir();
        var settings = sb.optModelsUri(models.toAbsolutePath().toUri()).build();
        var options = new Planner.Options(images, latencySlo, quick, runtime.precision(), freeTier, requestsPerInstance,
                costTolerance / 100.0, limits, files, Sources::eventJson, settings, tables);
        Planner.Plan plan;
        try (ProgressBar bar = Progress.bar("plan", 0)) {
            Planner.Progress p = new Planner.Progress() {
                @Override
                public void step() {
                    bar.step();
                }

                @Override
                public void addMax(long n) {
                    bar.maxHint(Math.max(0, bar.getMax()) + n);
                }

                @Override
                public void message(String text) {
                    bar.setExtraMessage(text);
                }
            };
            plan = new Planner(options, p, line -> {
                err.println(line);
                err.flush();
            }).run();
        }
        Path json = out.resolve("plan.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), toMap(plan, tables));
        List<String> charts = PlanCharts.write(plan, out);
        PrintWriter o = spec.commandLine().getOut();
        PlanRow r = plan.recommended();
        o.printf(Locale.ROOT, "limits: %s (%s)%n", plan.meta().get("limits"), plan.meta().get("limits_detail"));
        o.printf(Locale.ROOT, "precision: %s (%s)%n", plan.precision().chosen(), plan.precision().reason());
        o.printf(Locale.ROOT, "smallest memory that runs the pipeline: %d MB%n", plan.minMemoryMb());
        if (r == null) {
            o.println("recommended: none meets the latency objective");
        } else {
            o.printf(Locale.ROOT, "recommended: %s %s, %d MB, %d image(s) per request, %s, %s init: $%.4f per 10,000 "
                    + "images, %.0f s of compute, cold start %.1f s, request %.0f ms (%s)%n", r.provider(),
                    r.architecture(), r.memoryMb(), r.batch(), r.precision(), r.init(), r.usdPer10kImages(),
                    r.secondsPer10kImages(), r.coldStartMs() / 1000, r.latencyMs(), r.basis());
            o.printf(Locale.ROOT, "managed service (Rekognition face detection + search): $%.2f per 10,000 images (%.0fx)%n",
                    plan.managedUsdPer10k(), plan.managedUsdPer10k() / r.usdPer10kImages());
        }
        o.printf(Locale.ROOT, "wrote %s and %d charts (%s) in %s s%n", json, charts.size(),
                String.join(", ", charts.stream().map(c -> c + ".png/.svg").toList()), plan.meta().get("duration_s"));
        return 0;
    }

    static Map<String, Object> toMap(Planner.Plan plan, PriceTables tables) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("meta", plan.meta());
        m.put("precision", plan.precision().toMap());
        m.put("min_memory_mb", plan.minMemoryMb());
        m.put("memory_probes", plan.probes());
        m.put("calibration", plan.profiles().stream().map(Profile::toMap).toList());
        m.put("validation", plan.validation());
        Map<String, Object> rec = plan.recommended() == null ? null : new LinkedHashMap<>(plan.recommended().toMap());
        if (rec != null) {
            rec.put("managed_usd_per_10k_images", plan.managedUsdPer10k());
        }
        m.put("recommended", rec);
        Map<String, Object> by = new LinkedHashMap<>();
        plan.recommendedByOffering().forEach((k, v) -> by.put(k, v.toMap()));
        m.put("recommended_by_offering", by);
        Map<String, Object> managed = new LinkedHashMap<>();
        managed.put("service", "Amazon Rekognition Image: DetectFaces + SearchFacesByImage per image");
        managed.put("usd_per_10k_images", plan.managedUsdPer10k());
        managed.put("prices", tables.rows("aws-rekognition").stream().map(PlanCommand::row).toList());
        m.put("managed", managed);
        m.put("rows", plan.rows().stream().map(PlanRow::toMap).toList());
        List<Object> used = new ArrayList<>();
        for (String id : Planner.OFFERINGS) {
            tables.rows(id).forEach(x -> used.add(row(x)));
        }
        m.put("prices", used);
        return m;
    }

    static Map<String, Object> row(PriceRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("offering", r.offering());
        m.put("item", r.item());
        m.put("value", r.value());
        m.put("unit", r.unit());
        m.put("source", r.source());
        m.put("as_of", r.asOf());
        m.put("status", r.status());
        return m;
    }
}
