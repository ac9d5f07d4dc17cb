package dev.vss.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vss} command line. */
@Command(name = "vss", mixinStandardHelpOptions = true, versionProvider = VssCli.Version.class,
        description = "CPU-only deep-learning video surveillance: models, benchmarks, analysis.",
        subcommands = {AnalyzeCommand.class, GalleryCommand.class, DemoCommand.class, ModelsCommand.class, BenchCommand.class,
            TrainCommand.class, RunLocalCommand.class, EvalCommand.class})
public final class VssCli {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs a command line writing to the given streams (tests call this). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return commandLine().setOut(out).setErr(err).execute(args);
    }

    static CommandLine commandLine() {
        return new CommandLine(new VssCli()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = VssCli.class.getPackage().getImplementationVersion();
            return new String[] {"vss " + (v == null ? "dev" : v)};
        }
    }
}
