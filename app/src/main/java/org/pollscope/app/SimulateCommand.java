package org.pollscope.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.pollscope.kernel.Linux;
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

/**
 * {@code pollscope simulate}: one of the model's built-in servers under a workload, headless,
 * and its measures; {@code --list} names the programs, {@code --listing} prints one's pseudo-C.
 * The output depends only on the options: the same seed gives the same numbers.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Run a built-in server program of the model under a workload and print its measures.")
public final class SimulateCommand implements Callable<Integer> {
    /** The shortest run: a microsecond, a thousand ticks of the simulated clock. */
    static final double MIN_SECONDS = 1e-6;

    @Spec
    CommandSpec spec;

    @Option(names = "--list", description = "List the programs, one a line: name, then what it is.")
    boolean list;

    @Option(names = "--listing", description = "Print the pseudo-C listing of --program, numbered, instead of running it.")
    boolean listing;

    @Option(names = "--program", paramLabel = "NAME", description = "The program (see --list).")
    String program;

    @Option(names = "--clients", defaultValue = "100", paramLabel = "N", description = "Clients that connect (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--active", defaultValue = "10", paramLabel = "K", description = "How many of them send requests (default ${DEFAULT-VALUE}).")
    int active;

    @Option(names = "--seconds", defaultValue = "1", paramLabel = "S", description = "Simulated seconds (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "X", description = "Seed: the same seed, the same run (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"--size", "--request-size"}, defaultValue = "512", paramLabel = "BYTES[-MAX]",
        description = "Request size, or a range to draw from uniformly (default ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--think", defaultValue = "1", paramLabel = "MS", description = "Mean think time between a reply and the next request (default ${DEFAULT-VALUE} ms).")
    double think;

    @Option(names = "--churn", defaultValue = "0", paramLabel = "PER_S", description = "Clients that close and connect again, per simulated second (default ${DEFAULT-VALUE}).")
    double churn;

    @Option(names = "--threads", defaultValue = "4", paramLabel = "T", description = "Worker or acceptor threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--buffer", defaultValue = "0", paramLabel = "BYTES",
        description = "The server's read buffer (default: the program's own, 4096, or 256 for epoll-et-buggy and epoll-et-fair).")
    int buffer;

    @Option(names = "--maxevents", defaultValue = "64", paramLabel = "M", description = "maxevents of epoll_wait (default ${DEFAULT-VALUE}).")
    int maxevents;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            for (Program p : Programs.all()) out.printf("%-20s %s%n", p.name(), p.description());
            out.flush();
            return 0;
        }
        if (program == null) throw bad("--program NAME is needed (or --list); the programs: " + String.join(", ", Programs.names()));
        Programs.Params params;
        try {
            params = new Programs.Params(threads, buffer, maxevents);
        } catch (IllegalArgumentException e) {
            throw bad("--" + e.getMessage());
        }
        Program p = Programs.byName(program, params);
        if (p == null) throw bad("--program: unknown program '" + program + "'; the programs: " + String.join(", ", Programs.names()));
        if (listing) {
            List<String> lines = p.listing();
            for (int i = 0; i < lines.size(); i++) out.printf("%3d  %s%n", i + 1, lines.get(i));
            out.flush();
            return 0;
        }
        Workload w = workload();
        if (p.name().equals("select") && w.clients() >= Linux.FD_SETSIZE) {
            spec.commandLine().getErr().println("pollscope simulate: note: select serves fds below FD_SETSIZE ("
                + Linux.FD_SETSIZE + ") only; it closes the connections past that");
        }
        Measures m = new Simulation(p, w).run();
        out.print(m.text());
        out.flush();
        return 0;
    }

    /** The workload the options describe; a bad one is a one-line error naming the option. */
    private Workload workload() {
        if (clients < 1 || clients > Workload.MAX_CLIENTS) {
            throw bad("--clients must be 1 to " + Workload.MAX_CLIENTS + ", found " + clients);
        }
        if (active < 0 || active > clients) throw bad("--active " + active + " must be from 0 to --clients (" + clients + ")");
        if (!(seconds >= MIN_SECONDS) || seconds > 3600) {
            throw bad("--seconds must be from 0.000001 (the simulated clock counts nanoseconds; a shorter run serves nothing)"
                + " to 3600, found " + seconds);
        }
        if (!(think >= 0) || Double.isInfinite(think)) throw bad("--think must be 0 ms or more, found " + think);
        if (!(churn >= 0) || Double.isInfinite(churn)) throw bad("--churn must be 0 or more per second, found " + churn);
        int min;
        int max;
        try {
            int dash = size.indexOf('-', 1);
            min = Integer.parseInt(dash < 0 ? size.trim() : size.substring(0, dash).trim());
            max = dash < 0 ? min : Integer.parseInt(size.substring(dash + 1).trim());
        } catch (NumberFormatException e) {
            throw bad("--size '" + size + "' is not BYTES or MIN-MAX (say 512, or 100-8000)");
        }
        if (min < 1 || max < min || max > Workload.MAX_REQUEST) {
            throw bad("--size " + size + ": sizes must be 1 to " + Workload.MAX_REQUEST + " bytes, the smallest first");
        }
        return new Workload(clients, active, min, max, think, churn, seconds, seed);
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
