package org.pollscope.app;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code pollscope}: with no command it opens the GUI; commands run headless. Not a JavaFX
 * Application itself, so that the shaded jar can start JavaFX from the class path.
 */
@Command(name = "pollscope", mixinStandardHelpOptions = true, version = "PollScope 0.1.0",
    description = "See how Linux select, poll and epoll work: a model of the kernel, checked against the real one.",
    subcommands = {RunCommand.class, OpenCommand.class, SnapshotCommand.class, SimulateCommand.class, FuzzCommand.class, BenchCommand.class, FrameBenchCommand.class, StepBenchCommand.class,
        LessonsCommand.class, LessonCommand.class, LiveCommand.class, InspectCommand.class, TraceCommand.class})
public final class Main implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Option(names = "--lang", paramLabel = "en|zh",
        description = "Language of the window (default: the locale's, e.g. LANG=zh_CN.UTF-8).")
    String lang;

    @Override
    public Integer call() {
        PollScopeApp.useLanguage(spec.commandLine(), lang);
        PollScopeApp.launchGui();
        return 0;
    }

    /** The command line, with bad input answered in one line and exit status 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("pollscope " + c.getCommandName() + ": " + ex.getMessage());
            c.getErr().println("Try 'pollscope " + (c == cl ? "" : c.getCommandName() + " ") + "--help'.");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            c.getErr().println("pollscope: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            return 2;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
