package org.pollscope.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pollscope.probe.DifferentialFuzzer;
import org.pollscope.probe.LinuxSyscalls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code pollscope fuzz --count N [--seed S]}: random scenarios on the model and the kernel, compared. */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
    description = "Run random scenarios on the model and on the real kernel; shrink and save every divergence.")
public final class FuzzCommand implements Callable<Integer> {
    /** The most scenarios of one run. */
    static final int MAX_COUNT = 100_000_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--count", required = true, paramLabel = "N", description = "How many scenarios.")
    int count;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the run (default 1): the same seed, the same scenarios.")
    long seed;

    @Option(names = "--length", defaultValue = "30", paramLabel = "L", description = "Statements per scenario (default 30).")
    int length;

    @Option(names = "--tcp", description = "Also make TCP listeners and loopback connections.")
    boolean tcp;

    @Option(names = "--out", defaultValue = "fuzz-divergences", paramLabel = "DIR",
        description = "Where minimal scenarios of divergences are written (default fuzz-divergences); made if missing,"
            + " but only when the folder it is in exists.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (count < 1) throw new ParameterException(spec.commandLine(), "--count must be at least 1, found " + count);
        if (length < 1 || length > 10_000) throw new ParameterException(spec.commandLine(), "--length must be 1 to 10000, found " + length);
        if (count > MAX_COUNT) throw new ParameterException(spec.commandLine(), "--count must be 1 to " + MAX_COUNT + ", found " + count);
        if (LinuxSyscalls.UNAVAILABLE != null) {
            spec.commandLine().getErr().println("pollscope fuzz: " + LinuxSyscalls.UNAVAILABLE);
            return 2;
        }
        // before any work: the divergences found are not to be lost to a wrong path at the end
        Outputs.checkDirectory(spec, "--out", out);
        var err = spec.commandLine().getErr();
        boolean tty = System.console() != null;
        DifferentialFuzzer.Report r = new DifferentialFuzzer(length).withTcp(tcp).run(seed, count, out, p -> {
            if (tty) {
                err.print("\r" + p);
                err.flush();
            }
        });
        if (tty) err.println();
        var o = spec.commandLine().getOut();
        for (DifferentialFuzzer.Divergence d : r.divergences()) {
            o.println("divergence (scenario seed " + d.seed() + ") at " + d.statement() + ": model " + d.model() + ", linux " + d.linux());
        }
        if (!r.divergences().isEmpty()) o.println("minimal scenarios written to " + out);
        if (r.unrepeatable() > 0) o.println(r.unrepeatable() + (r.unrepeatable() == 1 ? " difference did not happen again on a second run and is not counted"
                : " differences did not happen again on a second run and are not counted"));
        o.println(r.line());
        o.flush();
        return r.divergences().isEmpty() ? 0 : 1;
    }
}
