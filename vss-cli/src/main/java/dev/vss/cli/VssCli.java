// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import dev.vss.bl.ops.NativesPrefetch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vss} command line. */
@Command(name = "vss", mixinStandardHelpOptions = true, versionProvider = VssCli.Version.class,
        description = "CPU-only deep-learning video surveillance: models, benchmarks, analysis.",
        subcommands = {AnalyzeCommand.class, GalleryCommand.class, DemoCommand.class, ModelsCommand.class, BenchCommand.class,
            TrainCommand.class, RunLocalCommand.class, EvalCommand.class, PlanCommand.class})
public final class VssCli {
    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors (default: one line naming the error) and, when the "
                    + "pipeline is built, its init phases as JSON lines on stderr.")
    static boolean verbose;

    public static void main(String[] args) {
        installSettings(); // before any native library loads: their locations are settings
        Class<?> sub = subcommand(args);
        if (sub == AnalyzeCommand.class || sub == DemoCommand.class) {
            // the pipeline's natives load while the command line is parsed; --engine opencv needs no OpenVINO
            NativesPrefetch.start(!java.util.Arrays.asList(args).contains("opencv"));
        }
        System.exit(commandLine(args).execute(args));
    }

    /** Runs a command line and returns its exit code. */
    public static int run(String... args) {
        installSettings();
        return commandLine(args).execute(args);
    }

    /** Runs a command line writing to the given streams (tests call this). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        installSettings();
        return commandLine(args).setOut(out).setErr(err).execute(args);
    }

    /**
     * The environment's settings installed for the layers below vss-bl (natives, models and images folders); the flags
     * of {@link RuntimeOptions} install again over them. An invalid value is left for the commands that use settings to
     * report (a command that needs none, e.g. {@code models list}, still runs with the defaults below).
     */
    static void installSettings() {
        try {
            dev.vss.bl.VssSettings.fromEnvironment();
        } catch (IllegalArgumentException e) {
            // reported by the command that reads the settings
        }
    }

    /** The whole command tree (help, completion). */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: when they name a subcommand, only that one is built (picocli builds every
     * command's model by reflection up front, ~0.1-0.3 s of a cold start for all of them), else the whole tree.
     */
    static CommandLine commandLine(String... args) {
        verbose = false;
        Class<?> sub = subcommand(args);
        CommandLine cl;
        if (sub == null) {
            cl = new CommandLine(new VssCli());
        } else {
            try {
                java.lang.reflect.Constructor<?> c = sub.getDeclaredConstructor();
                c.setAccessible(true);
                cl = new CommandLine(new Single()).addSubcommand(c.newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create the command " + sub.getName(), e);
            }
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler(VssCli::onError);
        CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
        return cl.setParameterExceptionHandler((e, argv) -> {
            // a file named like an option (-x.jpg): say how to pass it, rather than only "unknown option"
            for (String a : argv) {
                if ("--".equals(a)) {
                    break;
                }
                if (a.startsWith("-") && a.length() > 1 && !a.contains("=")) {
                    boolean file;
                    try {
                        file = java.nio.file.Files.exists(java.nio.file.Path.of(a));
                    } catch (java.nio.file.InvalidPathException x) {
                        file = false;
                    }
                    if (file) {
                        e.getCommandLine().getErr().println("vss: '" + dev.vss.dl.Untrusted.clip(a) + "' is a file; to "
                                + "analyse a file whose name starts with '-', put -- before it (vss analyze -- "
                                + dev.vss.dl.Untrusted.clip(a) + ") or write ./" + dev.vss.dl.Untrusted.clip(a));
                    }
                }
            }
            return usage.handleParseException(e, argv);
        });
    }

    /** The subcommand class the first non-option argument names (from this class's list), or null. */
    static Class<?> subcommand(String... args) {
        for (String a : args) {
            if (a.startsWith("-")) {
                continue; // root options take no values
            }
            for (Class<?> c : VssCli.class.getAnnotation(Command.class).subcommands()) {
                Command cmd = c.getAnnotation(Command.class);
                if (cmd != null && (cmd.name().equals(a) || java.util.Arrays.asList(cmd.aliases()).contains(a))) {
                    return c;
                }
            }
            return null;
        }
        return null;
    }

    /** The root command with its options but only the subcommand that runs (see {@link #commandLine(String...)}). */
    @Command(name = "vss", mixinStandardHelpOptions = true, versionProvider = VssCli.Version.class,
            description = "CPU-only deep-learning video surveillance: models, benchmarks, analysis.")
    static final class Single {
        @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
                description = "Print stack traces of errors (default: one line naming the error) and, when the "
                        + "pipeline is built, its init phases as JSON lines on stderr.")
        void verbose(boolean v) {
            verbose = v;
        }
    }

    /**
     * An error of a command: one line with what went wrong (and its causes' messages), exit status 2 for bad input
     * or settings, 1 otherwise; the stack trace only with --verbose.
     */
    static int onError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        java.io.PrintWriter err = cl.getErr();
        StringBuilder sb = new StringBuilder("vss ").append(cl.getCommandName()).append(": ").append(message(e));
        java.util.Set<Throwable> seen = new java.util.HashSet<>();
        for (Throwable c = e.getCause(); c != null && seen.add(c); c = c.getCause()) {
            String m = message(c);
            if (!sb.toString().contains(m)) {
                sb.append(" (").append(m).append(")");
            }
        }
        err.println(sb);
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return e instanceof IllegalArgumentException || e instanceof IllegalStateException ? 2 : 1;
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = VssCli.class.getPackage().getImplementationVersion();
            return new String[] {"vss " + (v == null ? "dev" : v)};
        }
    }
}
