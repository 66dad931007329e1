package org.pollscope.app;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pollscope.probe.proc.InterestReport;
import org.pollscope.probe.proc.ProcException;
import org.pollscope.probe.proc.ProcInspector;
import org.pollscope.probe.proc.ReportJson;
import org.pollscope.probe.proc.ReportText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pollscope inspect PID}: the real interest list of every epoll fd of a process, from /proc. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show each epoll fd of a running process and what it watches, read from /proc/PID/fdinfo"
        + " (the kernel's own list, in its order); each fd resolved to its socket, pipe, eventfd...")
public final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PID", description = "The process.")
    String pid;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format (default text).")
    String format;

    @Override
    public Integer call() {
        checkFormat(spec, format);
        String bad = badPid("PID", pid);
        if (bad != null) {
            spec.commandLine().getErr().println("pollscope inspect: " + bad);
            return 2;
        }
        int p = Integer.parseInt(pid);
        String linux = needsLinux();
        if (linux != null) {
            spec.commandLine().getErr().println("pollscope inspect: " + linux);
            return 2;
        }
        InterestReport r;
        try {
            r = ProcInspector.inspect(p);
        } catch (ProcException e) {
            spec.commandLine().getErr().println("pollscope inspect: " + e.getMessage());
            return 2;
        }
        print(spec, r, format);
        return 0;
    }

    static void checkFormat(CommandSpec spec, String format) {
        if (!List.of("text", "json").contains(format)) {
            throw new ParameterException(spec.commandLine(), "--format: expected text or json, found '" + format + "'");
        }
    }

    /** What is wrong with a PID given on the command line, naming the option, or null when it is a number. */
    static String badPid(String what, String text) {
        if (!text.matches("\\d{1,10}") || Long.parseLong(text) > Integer.MAX_VALUE || Long.parseLong(text) == 0) {
            return what + " must be a process id (a number from 1), found '" + text + "'";
        }
        return null;
    }

    /** Why this system cannot be read as Linux's /proc, or null on Linux. */
    static String needsLinux() {
        String os = System.getProperty("os.name", "");
        return os.toLowerCase(Locale.ROOT).contains("linux") ? null : "needs Linux (its /proc/PID/fdinfo); this is " + os;
    }

    static void print(CommandSpec spec, InterestReport r, String format) {
        var out = spec.commandLine().getOut();
        if (format.equals("json")) out.println(ReportJson.write(r));
        else out.print(ReportText.write(r));
        out.flush();
    }
}
