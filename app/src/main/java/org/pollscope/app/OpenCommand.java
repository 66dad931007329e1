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

    @Option(names = "--play", description = "Play from step K on, as the Play button does (a projector left running).")
    boolean play;

    @Option(names = "--speed", defaultValue = "2", paramLabel = "STEPS_PER_SECOND", description = "Steps a second when playing, 0.5 to 10 (default 2).")
    double speed;

    @Option(names = "--lang", paramLabel = "en|zh", description = "Language of the window (default: the locale's, e.g. LANG=zh_CN.UTF-8).")
    String lang;

    @Override
    public Integer call() {
        checkSource(spec, file, program);
        if (step < 0) throw new ParameterException(spec.commandLine(), "--step must be 0 or more, found " + step);
        if (!(speed >= 0.5 && speed <= 10)) {
            throw new ParameterException(spec.commandLine(), "--speed: expected 0.5 to 10 steps a second, found " + speed);
        }
        // the file's own problem comes first, before JavaFX looks for a display
        if (file != null) {
            String problem = scenarioProblem(file);
            if (problem != null) {
                spec.commandLine().getErr().println("pollscope open: " + problem);
                return 2;
            }
        }
        PollScopeApp.useLanguage(spec.commandLine(), lang);
        PollScopeApp.launchGui(file, program.run(), step, bench, play ? speed : 0);
        return 0;
    }

    /** What is wrong with a scenario file (it is missing, unreadable, not UTF-8, or its syntax), in one line; null when it reads. */
    static String scenarioProblem(Path file) {
        try {
            org.pollscope.kernel.scenario.ScenarioParser.parse(file);
            return null;
        } catch (org.pollscope.kernel.scenario.ScenarioSyntaxException e) {
            return e.getMessage();
        } catch (java.nio.file.NoSuchFileException e) {
            return file + ": no such file";
        } catch (org.pollscope.kernel.text.Utf8.TooLarge e) {
            return file + ": " + e.getMessage();
        } catch (java.io.IOException e) {
            return file + ": cannot be read (" + (java.nio.file.Files.isDirectory(file) ? "it is a directory" : e.getMessage()) + ")";
        }
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
