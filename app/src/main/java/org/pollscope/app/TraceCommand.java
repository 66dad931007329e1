package org.pollscope.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pollscope.probe.proc.InterestReport;
import org.pollscope.probe.proc.ProcException;
import org.pollscope.probe.proc.StraceImport;
import org.pollscope.probe.proc.StraceLogException;
import org.pollscope.probe.proc.StraceTracer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pollscope trace --strace FILE} reads a saved strace log back into interest lists and
 * ready events; {@code pollscope trace --pid PID [--seconds S]} follows a running process with
 * strace for S seconds, from a /proc snapshot taken first, and prints the same report.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
    description = "The interest list each epoll fd has at the end of a strace log (or of S seconds of a running process"
        + " under strace), per process, and what was ready over time.")
public final class TraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--strace", paramLabel = "FILE", description = "A saved strace log (strace -f -tt -yy -o FILE ... is best; any is read).")
    Path file;

    @Option(names = "--pid", paramLabel = "PID", description = "A running process to follow with strace -f -tt -yy -p PID.")
    String pid;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "S", description = "How long to follow --pid (default 10, at most 600).")
    double seconds;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format (default text).")
    String format;

    /** Where strace is looked for (tests give a PATH without it). */
    java.util.Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws IOException, InterruptedException {
        InspectCommand.checkFormat(spec, format);
        if ((file == null) == (pid == null)) throw new ParameterException(spec.commandLine(), "give one of --strace FILE or --pid PID");
        var err = spec.commandLine().getErr();
        InterestReport r;
        if (file != null) {
            if (!Files.exists(file)) {
                err.println("pollscope trace: " + file + ": no such file");
                return 2;
            }
            if (Files.isDirectory(file)) {
                err.println("pollscope trace: " + file + ": cannot be read (it is a directory)");
                return 2;
            }
            try {
                r = StraceImport.parse(file);
            } catch (StraceLogException e) {
                err.println(e.getMessage());
                return 2;
            } catch (IOException e) {
                err.println("pollscope trace: " + file + ": cannot be read (" + e.getMessage() + ")");
                return 2;
            }
        } else {
            String bad = InspectCommand.badPid("--pid", pid);
            if (bad != null) {
                err.println("pollscope trace: " + bad);
                return 2;
            }
            int p = Integer.parseInt(pid);
            if (!(seconds > 0 && seconds <= StraceTracer.MAX_SECONDS)) {
                throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "--seconds must be above 0 and at most %.0f, found %s", StraceTracer.MAX_SECONDS, seconds));
            }
            String linux = InspectCommand.needsLinux();
            if (linux != null) {
                err.println("pollscope trace: " + linux);
                return 2;
            }
            try {
                r = new StraceTracer(env, Path.of("/proc")).trace(p, seconds);
            } catch (ProcException e) {
                err.println("pollscope trace: " + e.getMessage());
                return 2;
            }
        }
        InspectCommand.print(spec, r, format);
        return 0;
    }
}
