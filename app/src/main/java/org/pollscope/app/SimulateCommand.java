package org.pollscope.app;

import java.util.concurrent.Callable;
import org.pollscope.kernel.program.Measures;
import org.pollscope.kernel.program.Program;
import org.pollscope.kernel.program.Programs;
import org.pollscope.kernel.program.Simulation;
import org.pollscope.kernel.program.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pollscope simulate}: a built-in server under a workload, headless, with its measures. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Run a built-in server program of the model under a workload and print its measures.")
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--list", description = "List the programs, one a line: name, then what it is.")
    boolean list;

    @Option(names = "--program", paramLabel = "NAME", description = "The program (see --list).")
    String program;

    @Option(names = "--clients", defaultValue = "100", paramLabel = "N", description = "Clients connected (default 100).")
    int clients;

    @Option(names = "--active", defaultValue = "10", paramLabel = "K", description = "Clients sending requests (default 10).")
    int active;

    @Option(names = "--seconds", defaultValue = "1", paramLabel = "S", description = "Simulated seconds (default 1).")
    double seconds;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "X", description = "Seed: the same seed, the same run (default 1).")
    long seed;

    @Option(names = "--size", defaultValue = "512", paramLabel = "BYTES", description = "Request size (default 512).")
    int size;

    @Option(names = "--think", defaultValue = "1", paramLabel = "MS", description = "Mean think time between requests (default 1 ms).")
    double think;

    @Option(names = "--churn", defaultValue = "0", paramLabel = "PER_S", description = "Active clients that reconnect each second (default 0).")
    int churn;

    @Option(names = "--threads", defaultValue = "4", paramLabel = "T", description = "Worker or acceptor threads (default 4).")
    int threads;

    @Option(names = "--buffer", defaultValue = "0", paramLabel = "BYTES",
        description = "Read buffer of the server (default: the program's own, 4096, or 256 for the one-read-a-pass servers).")
    int buffer;

    @Option(names = "--maxevents", defaultValue = "64", paramLabel = "M", description = "maxevents of epoll_wait (default 64).")
    int maxevents;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (list) {
            for (Program p : Programs.all()) out.printf("%-20s %s%n", p.name(), p.description());
            out.flush();
            return 0;
        }
        if (program == null) throw new ParameterException(spec.commandLine(), "--program NAME is needed (or --list)");
        Programs.Params params;
        try {
            params = new Programs.Params(threads, buffer, maxevents);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Program p = Programs.byName(program, params);
        if (p == null) throw new ParameterException(spec.commandLine(), "--program: unknown program '" + program + "' (see --list)");
        if (clients < 1) throw new ParameterException(spec.commandLine(), "--clients must be at least 1, found " + clients);
        if (active < 0 || active > clients) {
            throw new ParameterException(spec.commandLine(), "--active " + active + " must be from 0 to --clients (" + clients + ")");
        }
        if (!(seconds > 0)) throw new ParameterException(spec.commandLine(), "--seconds must be above 0, found " + seconds);
        if (size < 1) throw new ParameterException(spec.commandLine(), "--size must be at least 1, found " + size);
        if (think < 0) throw new ParameterException(spec.commandLine(), "--think must be 0 or more, found " + think);
        Measures m = new Simulation(p, new Workload(clients, active, size, think, churn, seconds, seed)).run();
        out.print(m.text());
        out.flush();
        return 0;
    }
}
