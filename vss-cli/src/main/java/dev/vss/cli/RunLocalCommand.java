// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vss.bl.VssSettings;
import dev.vss.lab.cost.Offering;
import dev.vss.lab.cost.PriceTables;
import dev.vss.lab.faas.FunctionSize;
import dev.vss.lab.faas.LocalFaas;
import dev.vss.lab.faas.RunSummary;
import dev.vss.bl.runtime.InitStrategy;
import dev.vss.lab.faas.Cgroups;
import dev.vss.models.ModelRepository;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
final class RunLocalCommand extends PipelineCommand {
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
        int t = runtime.threads() != null ? runtime.threads() : 0;
        FunctionSize size = vcpuShare == null ? FunctionSize.lambda(memory, cores, t)
                : FunctionSize.withShare(memory, vcpuShare, cores, t);
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
        LocalFaas faas;
        try {
            faas = LocalFaas.withLimits(size, sb.build(), instances, Duration.ofSeconds(timeoutS),
                    Duration.ofSeconds(initTimeoutS), limits);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        LocalFaas.Run run;
        try (ProgressBar bar = Progress.bar("run-local", events.size())) {
            run = faas.run(events, bar::step);
        }
        Map<String, Object> sum = RunSummary.of(run, strategy, batch, prices);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(sum));
        } else {
            sum.forEach((k, v) -> out.printf("%-26s %s%n", k, v));
        }
        return ((Number) sum.get("failed")).intValue() == 0 ? 0 : 3;
    }
}
