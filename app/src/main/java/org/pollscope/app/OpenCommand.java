package org.pollscope.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pollscope open FILE.scn [--step K]} or {@code open --program NAME ...}: the GUI with it loaded, stepped to K. */
@Command(name = "open", mixinStandardHelpOptions = true,
    description = "Open the GUI with a scenario, or a built-in program under a workload, loaded (and stepped to K).")
public final class OpenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "A scenario file (.scn).")
    Path file;

    @Mixin
    ProgramOptions program;

    @Option(names = "--step", defaultValue = "0", paramLabel = "K", description = "Step to run to (default 0).")
    int step;

    @Option(names = "--bench", description = "Show the Bench tab.")
    boolean bench;

    @Option(names = "--lang", paramLabel = "en|zh", description = "Language of the window (default: the locale's, e.g. LANG=zh_CN.UTF-8).")
    String lang;

    @Override
    public Integer call() {
        checkSource(spec, file, program);
        PollScopeApp.useLanguage(spec.commandLine(), lang);
        PollScopeApp.launchGui(file, program.run(), step, bench);
        return 0;
    }

    /** Exactly one of FILE and --program, and good program options. */
    static void checkSource(CommandSpec spec, Path file, ProgramOptions program) {
        if ((file == null) == (program.program == null)) {
            throw new ParameterException(spec.commandLine(), "give a scenario FILE or --program NAME (one of them)");
        }
        String problem = program.problem();
        if (problem != null) throw new ParameterException(spec.commandLine(), problem);
    }
}
