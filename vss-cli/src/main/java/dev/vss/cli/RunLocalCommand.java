// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vss.bl.VssSettings;
import dev.vss.bl.runtime.InitStrategy;
import dev.vss.cli.cost.Offering;
import dev.vss.cli.cost.PriceTables;
import dev.vss.cli.faas.Cgroups;
import dev.vss.cli.faas.FunctionSize;
import dev.vss.cli.faas.LocalFaas;
import dev.vss.models.ModelRepository;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vss run-local}: replays a folder as a stream of storage events through function instances that start
 * cold and stay warm, each a child JVM under the limits of its size, and bills them.
 *
 * <p>Limits (Lambda's rules): memory = the function's memory, CPU quota = its vCPU share (1 vCPU per 1,769 MB, capped
 * at this machine's cores), inference threads = ceil(vCPU). Each instance runs in its own cgroup when the cpu and
 * memory controllers can be written (cgroup v1 or v2), entered before the JVM starts, so start-up and init are
 * limited too; an instance that runs out of memory fails its invocation ("out of memory at N MB"). Where no cgroup
 * can be made, the limits are emulated: each phase is billed max(wall time, CPU time / vCPU) and memory is only
 * measured. The summary says which ({@code limits}).
 */
@Command(name = "run-local", mixinStandardHelpOptions = true,
        description = "Replay a folder of images as storage events through function instances (child JVMs under the "
                + "memory and CPU limits of the function size) and print images/s, cold starts, init and per-stage "
                + "times, billed GB-s and cost.")
final class RunLocalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeOptions runtime;

    @Option(names = "--memory", defaultValue = "2048", description = "Function memory, MB (default ${DEFAULT-VALUE}).")
    int memory;

    @Option(names = "--batch", defaultValue = "1", description = "Images per event (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--init", defaultValue = "global", description = "global, local or lazy (default ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--instances", defaultValue = "1", description = "Instances the events are spread over.")
    int instances;

    @Option(names = "--no-prime", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run one priming inference per model at init (default on).")
    boolean prime;

    @Option(names = "--model-source", description = "Folder acting as the deployment bucket that instances fetch "
            + "models from into their own temp dir (default: the models folder).")
    Path modelSource;

    @Option(names = "--gallery", description = "Gallery folder or storage prefix the instances match faces against.")
    String gallery;

    @Mixin
    GalleryCommand.KeyOptions keys;

    @Option(names = "--results", paramLabel = "LOCATION", description = "Folder or storage prefix the instances "
            + "write each result to, as deployed functions do (default: results are not stored).")
    String results;

    @Option(names = "--limit", description = "Use only the first N images.")
    Integer limit;

    @Option(names = "--repeat", defaultValue = "1", description = "Replay the source this many times (more events).")
    int repeat;

    @Option(names = "--vcpu", description = "CPU share in vCPUs instead of Lambda's memory/1769 (e.g. 0.583 for a "
            + "1 GiB Cloud Run function).")
    Double vcpuShare;

    @Option(names = "--limits", defaultValue = "auto", description = "auto (cgroup where writable, else emulated), "
            + "cgroup (fail if no cgroup can be made) or emulated (default ${DEFAULT-VALUE}).")
    String limits;

    @Option(names = "--timeout", defaultValue = "900", description = "Seconds an invocation may take (default "
            + "${DEFAULT-VALUE}, Lambda's maximum).")
    int timeoutS;

    @Option(names = "--init-timeout", defaultValue = "600", description = "Seconds start-up and init may take "
            + "(default ${DEFAULT-VALUE}).")
    int initTimeoutS;

    @Option(names = "--offering", defaultValue = "aws-lambda-x86_64", description = "Price table offering the cost is "
            + "computed with (default ${DEFAULT-VALUE}; see docs/paper-reproduction.md).")
    String offering;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Parameters(paramLabel = "SOURCE", description = "Folder(s) or files of images, or one storage prefix "
            + "(s3://bucket/prefix/, az://account/container/prefix/, gs://bucket/prefix/).")
    List<String> source;

    @Override
    public Integer call() throws Exception {
        InitStrategy strategy = InitStrategy.parse(init);
        if (memory < 128 || batch < 1 || instances < 1 || timeoutS < 1 || initTimeoutS < 1
                || (vcpuShare != null && !(vcpuShare > 0))) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--memory >= 128, --batch >= 1, --instances >= 1, --timeout/--init-timeout >= 1, --vcpu > 0");
        }
        Offering prices = PriceTables.shipped().offering(offering);
        List<String> files = Sources.images(source);
        if (limit != null) {
            files = files.subList(0, Math.min(limit, files.size()));
        }
        List<String> replay = new ArrayList<>();
        for (int i = 0; i < Math.max(1, repeat); i++) {
            replay.addAll(files);
        }
        files = replay;
        int cores = FunctionSize.machineCores();
        int t = runtime.threads != null ? runtime.threads : 0;
        FunctionSize size = vcpuShare == null ? FunctionSize.lambda(memory, cores, t)
                : new FunctionSize(memory, vcpuShare, t > 0 ? t : (int) Math.max(1, Math.min(cores,
                        Math.ceil(vcpuShare - 1e-9))), cores);
        VssSettings.Builder sb = runtime.settings().optInit(strategy).optPrime(prime);
        VssSettings base = sb.build();
        Path models = modelSource != null ? modelSource
                : base.modelsDir() != null ? base.modelsDir() : ModelRepository.fromEnvironment().dir();
        // a new container fetches its models from the deployment bucket into its own temp dir
        sb.optModelsUri(models.toAbsolutePath().toUri());
        if (gallery != null) {
            sb.optGallery(VssSettings.location(gallery));
        }
        if (results != null) {
            sb.optResults(VssSettings.location(results));
        }
        keys.apply(sb);
        // each batch becomes one storage event (an S3 notification for s3:// sources, else a direct invocation),
        // handed to the instance's VssHandler exactly as an adapter hands it over
        List<LocalFaas.Event> events = new ArrayList<>();
        for (int i = 0; i < files.size(); i += batch) {
            List<String> b = files.subList(i, Math.min(files.size(), i + batch));
            events.add(new LocalFaas.Event(Sources.eventJson(b), b.size()));
        }
        LocalFaas faas = faas(size, sb.build(), instances, Duration.ofSeconds(timeoutS),
                Duration.ofSeconds(initTimeoutS), limits, spec);
        LocalFaas.Run run;
        try (ProgressBar bar = Progress.bar("run-local", events.size())) {
            run = faas.run(events, bar::step);
        }
        Map<String, Object> sum = summary(run, strategy, batch, prices);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(sum));
        } else {
            sum.forEach((k, v) -> out.printf("%-26s %s%n", k, v));
        }
        return ((Number) sum.get("failed")).intValue() == 0 ? 0 : 3;
    }

    /** The local FaaS for a size, with cgroup limits where they can be had ({@code mode}: auto, cgroup, emulated). */
    static LocalFaas faas(FunctionSize size, VssSettings settings, int instances, Duration timeout, Duration initTimeout,
            String mode, CommandSpec spec) {
        Cgroups.Detection d = switch (mode) {
            case "emulated" -> new Cgroups.Detection(null, "emulated on request (--limits emulated)");
            case "auto", "cgroup" -> Cgroups.detect();
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--limits: '" + mode + "' is not auto, cgroup or emulated");
        };
        if (mode.equals("cgroup") && !d.usable()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limits cgroup: no cgroup can be "
                    + "made here: " + d.reason());
        }
        return new LocalFaas(size, settings, instances, timeout, initTimeout, d.cgroups(), d.usable() ? null
                : "no writable cgroup (" + d.reason() + "): CPU share emulated, memory measured only");
    }

    /** The run-local summary of a run. */
    static Map<String, Object> summary(LocalFaas.Run run, InitStrategy strategy, int batch, Offering prices) {
        List<Double> inits = new ArrayList<>();
        Map<String, double[]> phases = new LinkedHashMap<>();
        Map<String, double[]> stages = new LinkedHashMap<>();
        List<Map<String, Object>> failures = new ArrayList<>();
        double handlerMs = 0;
        double busyMs = 0;
        double billedInitMs = 0;
        double billedHandlerMs = 0;
        int images = 0;
        int failed = 0;
        int cold = 0;
        int oom = 0;
        double jvmStart = 0;
        for (LocalFaas.Start st : run.starts()) {
            if (!st.ok()) {
                continue;
            }
            jvmStart += st.startedMs();
            if (st.ready().has("init_ms")) {
                addPhases(phases, st.ready().get("init_ms"));
                inits.add(st.readyMs()); // the INIT phase: JVM start + natives, models, compile, priming
            }
            busyMs += st.billedMs();
            billedInitMs += prices.billedMs(st.billedMs());
        }
        for (LocalFaas.Call c : run.calls()) {
            images += c.images();
            if (c.cold()) {
                cold++;
            }
            if (!c.ok()) {
                failed += c.images();
                oom += c.outOfMemory() ? 1 : 0;
                if (failures.size() < 20) {
                    failures.add(Map.of("images", c.images(), "message", c.failure()));
                }
                continue;
            }
            JsonNode r = c.result();
            double initInCall = 0;
            if (r.has("init_ms")) {
                addPhases(phases, r.get("init_ms"));
                initInCall = r.path("init_ms").path("total").asDouble();
                inits.add(initInCall); // local and lazy scope pay init inside the call
            }
            busyMs += c.billedMs();
            billedHandlerMs += prices.billedMs(c.billedMs());
            handlerMs += Math.max(0, c.billedMs() - initInCall * c.billedMs() / Math.max(1e-9, c.wallMs()));
            for (JsonNode im : r.path("images")) {
                if (!im.path("ok").asBoolean()) {
                    failed++;
                    if (failures.size() < 20) {
                        failures.add(Map.of("image", im.path("image").asText(), "message", im.path("code").asText() + ": "
                                + im.path("message").asText()));
                    }
                    continue;
                }
                im.path("stages_ms").fields().forEachRemaining(f -> {
                    double[] a = stages.computeIfAbsent(f.getKey(), x -> new double[2]);
                    a[0] += f.getValue().asDouble();
                    a[1]++;
                });
            }
            for (JsonNode f : r.path("failures")) {
                if (r.path("images").size() == 0) {
                    failed++;
                }
                if (failures.size() < 20) {
                    failures.add(Map.of("image", f.path("image").asText(), "message", f.path("code").asText() + ": "
                            + f.path("message").asText()));
                }
            }
        }
        int mem = run.size().memoryMb();
        double gbs = (billedHandlerMs + (prices.initBilled() ? billedInitMs : 0)) / 1000.0 * mem / 1024.0;
        long requests = run.calls().size();
        double usd = gbs * prices.usdPerGbSecond() + requests * prices.usdPerRequest()
                + (billedHandlerMs + (prices.initBilled() ? billedInitMs : 0)) / 1000.0 * run.size().vcpu()
                        * prices.usdPerVcpuSecond();
        Map<String, Object> sum = new LinkedHashMap<>();
        sum.put("images", images);
        sum.put("failed", failed);
        sum.put("invocations", run.calls().size());
        sum.put("cold_starts", cold);
        double[] in = inits.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        sum.put("init_ms_p50", r(ModelBench.percentile(in, 50)));
        sum.put("init_ms_p99", r(ModelBench.percentile(in, 99)));
        long okStarts = run.starts().stream().filter(LocalFaas.Start::ok).count();
        sum.put("jvm_start_ms_mean", r(okStarts == 0 ? 0 : jvmStart / okStarts));
        sum.put("images_per_s", r(images / (busyMs / 1000.0)));
        sum.put("warm_images_per_s", r(images / (handlerMs / 1000.0)));
        sum.put("billed_gb_s", Math.round(gbs * 1000) / 1000.0);
        sum.put("cost_usd_per_1000_images", Math.round(usd / Math.max(1, images) * 1000 * 1e6) / 1e6);
        sum.put("offering", prices.id());
        Map<String, Object> st = new LinkedHashMap<>();
        stages.forEach((s, a) -> st.put(s, r(a[0] / a[1])));
        sum.put("stage_ms_mean", st);
        Map<String, Object> ph = new LinkedHashMap<>();
        phases.forEach((s2, a) -> ph.put(s2, r(a[0] / a[1])));
        sum.put("init_phases_ms_mean", ph);
        sum.put("memory_mb", mem);
        sum.put("vcpu", r(run.size().vcpu()));
        sum.put("threads", run.size().threads());
        sum.put("batch", batch);
        sum.put("init", strategy.name().toLowerCase(Locale.ROOT));
        sum.put("instances", run.starts().stream().mapToInt(LocalFaas.Start::slot).max().orElse(0) + 1);
        sum.put("limits", run.limits().name().toLowerCase(Locale.ROOT));
        sum.put("limits_detail", run.limitsDetail());
        sum.put("peak_memory_mb", run.peakMb());
        sum.put("out_of_memory", oom);
        sum.put("failures", failures);
        return sum;
    }

    private static void addPhases(Map<String, double[]> acc, JsonNode p) {
        p.fields().forEachRemaining(f -> {
            double[] a = acc.computeIfAbsent(f.getKey(), x -> new double[2]);
            a[0] += f.getValue().asDouble();
            a[1]++;
        });
    }

    private static double r(double v) {
        return Double.isNaN(v) ? 0 : Math.round(v * 100) / 100.0;
    }

}
