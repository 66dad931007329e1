package org.pollscope.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pollscope.probe.Bench;
import org.pollscope.probe.LinuxSyscalls;
import org.pollscope.probe.OwnFileTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pollscope bench}: real select, poll and epoll, measured as libevent's bench.c measures them. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure real select, poll and epoll: N descriptors watched, A active, W writes passed along (libevent's bench.c).")
public final class BenchCommand implements Callable<Integer> {
    /** The largest N: two fds each must fit under Linux's default fs.nr_open, 1048576 (fs/file.c, sysctl_nr_open). */
    static final int MAX_FDS = 1 << 19;
    /** The most writes passed along in one run. */
    static final int MAX_WRITES = 100_000_000;
    /** The most runs per method and N. */
    static final int MAX_RUNS = 100_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--fds", split = ",", defaultValue = "100,1000,10000", paramLabel = "N[,N...]",
        description = "Descriptors watched (default 100,1000,10000), each capped by the fd limit.")
    List<Integer> fds;

    @Option(names = "--active", defaultValue = "1", paramLabel = "A", description = "Descriptors made active at the start (default 1).")
    int active;

    @Option(names = "--writes", defaultValue = "1000", paramLabel = "W", description = "Writes passed along (default 1000).")
    int writes;

    @Option(names = "--runs", defaultValue = "25", paramLabel = "R", description = "Runs per method and N (default 25).")
    int runs;

    @Option(names = "--methods", split = ",", defaultValue = "select,poll,epoll-lt,epoll-et", paramLabel = "M[,M...]",
        description = "select, poll, epoll-lt, epoll-et (default all).")
    List<String> methods;

    @Option(names = "--pipes", description = "Pipes instead of socketpairs.")
    boolean pipes;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|json", description = "Output format (default table).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the results to FILE instead of standard output.")
    Path out;

    @Option(names = "--chart", paramLabel = "FILE.png",
        description = "Also draw real µs per event and the model's work units per event against N (log axes) to a PNG.")
    Path chart;

    @Option(names = "--c", description = "Also run the C twin of each loop (bench.c, built with gcc) on the same N, A and W"
        + " after the Java rows: rows c-select, c-poll, c-epoll-lt and c-epoll-et, to see what the JNA binding adds.")
    boolean c;

    @Option(names = "--shared-fd-table", description = "Run the Java loops on the JVM's shared file table. By default"
        + " they run on a thread that has a file table of its own (unshare(CLONE_FILES)), as a one-threaded C program has:"
        + " the kernel's fdget takes a reference on every fd it looks up when the table is shared (fs/file.c, __fget_light),"
        + " and a JVM's table always is, by its GC and JIT threads. With this option the rows include that price.")
    boolean sharedFdTable;

    @Override
    public Integer call() throws Exception {
        List<Bench.Method> ms = new ArrayList<>();
        for (String m : methods) {
            Bench.Method bm = Bench.Method.of(m);
            if (bm == null) throw new ParameterException(spec.commandLine(), "--methods: unknown method '" + m + "' (known: select, poll, epoll-lt, epoll-et)");
            ms.add(bm);
        }
        for (int n : fds) {
            if (n < 1 || n > MAX_FDS) throw new ParameterException(spec.commandLine(), "--fds: N must be 1 to " + MAX_FDS
                + " (two fds each, and Linux lets a process open at most fs.nr_open = 1048576 by default), found " + n);
            if (active > n) throw new ParameterException(spec.commandLine(), "--active " + active + " is greater than N=" + n + " in --fds");
        }
        if (active < 1) throw new ParameterException(spec.commandLine(), "--active must be at least 1, found " + active);
        if (writes < 0) throw new ParameterException(spec.commandLine(), "--writes must be 0 or more, found " + writes);
        if (runs < 1) throw new ParameterException(spec.commandLine(), "--runs must be at least 1, found " + runs);
        if (!List.of("table", "csv", "json").contains(format)) {
            throw new ParameterException(spec.commandLine(), "--format: expected table, csv or json, found '" + format + "'");
        }
        if (writes > MAX_WRITES) throw new ParameterException(spec.commandLine(), "--writes must be 0 to " + MAX_WRITES + ", found " + writes);
        if (runs > MAX_RUNS) throw new ParameterException(spec.commandLine(), "--runs must be 1 to " + MAX_RUNS + ", found " + runs);
        // before any work: the measurements are not to be lost to a wrong path at the end
        if (out != null) Outputs.checkFile(spec, "--out", out);
        if (chart != null) Outputs.checkFile(spec, "--chart", chart);
        PrintWriter err = spec.commandLine().getErr();
        if (LinuxSyscalls.UNAVAILABLE != null) {
            err.println("pollscope bench: " + LinuxSyscalls.UNAVAILABLE);
            return 2;
        }
        long[] limit = Bench.raiseFdLimit();
        if (limit[0] >= 0 && limit[0] < limit[1]) {
            err.println("fd limit raised from " + limit[0] + " (soft) to " + limit[1] + " (hard)");
        }
        boolean tty = System.console() != null;
        List<Bench.Row> rows = new ArrayList<>();
        List<org.pollscope.app.ui.bench.BenchViewModel.LeftOut> leftOut = new ArrayList<>();
        int steps = fds.size() * ms.size() * runs;
        int[] done = {0};
        boolean toldShared = false;
        for (int n : fds) {
            long room = (limit[1] - Bench.openFds() - 16) / 2;
            int use = n;
            if (limit[1] > 0 && n > room) {
                use = (int) Math.max(0, room);
                err.println("N=" + n + " needs " + 2L * n + " fds but the hard limit is " + limit[1]
                    + ": running N=" + use + " (raise the hard limit, e.g. 'ulimit -Hn " + (2L * n + 256) + "' as root, for more)");
                if (use < active) {
                    err.println("pollscope bench: no room for N with " + active + " active descriptors; raise the fd limit");
                    return 2;
                }
            }
            int useN = use;
            OwnFileTable.Outcome<List<Bench.Row>> measured;
            try {
                measured = OwnFileTable.call("pollscope-bench", !sharedFdTable, () -> {
                    List<Bench.Row> got = new ArrayList<>();
                    Bench b = new Bench(useN, pipes);
                    try {
                        for (String note : Bench.notes(ms, b)) err.println(note);
                        for (Bench.Method m : ms) {
                            if (m == Bench.Method.SELECT && b.maxFd() >= org.pollscope.kernel.Linux.FD_SETSIZE) {
                                done[0] += runs;
                                leftOut.add(new org.pollscope.app.ui.bench.BenchViewModel.LeftOut(m.label, n, b.maxFd()));
                                continue;
                            }
                            got.add(b.measure(m, active, writes, runs, r -> {
                                done[0]++;
                                if (tty) {
                                    int width = 30;
                                    int filled = done[0] * width / steps;
                                    err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + m.label + " N=" + b.maxFd());
                                    err.flush();
                                }
                            }));
                        }
                    } finally {
                        b.close();
                    }
                    return got;
                });
            } catch (IllegalStateException e) {
                err.println("pollscope bench: " + e.getMessage());
                return 2;
            }
            if (!measured.own() && !sharedFdTable && !toldShared) {
                err.println("note: the Java loops share the JVM's file table (" + measured.why()
                    + "), so every fd they pass to the kernel costs fdget a reference count that bench.c's one thread does not pay");
                toldShared = true;
            }
            rows.addAll(measured.value());
        }
        if (tty) err.println();
        if (c) {
            org.pollscope.probe.CBench cb;
            try {
                cb = org.pollscope.probe.CBench.compile();
            } catch (java.io.IOException e) {
                err.println("pollscope bench --c: " + e.getMessage());
                return 2;
            }
            List<Bench.Row> withC = new ArrayList<>(rows);
            for (Bench.Row r : rows) {
                double[] t = cb.run(r.fds(), active, writes, runs, r.method());
                withC.add(new Bench.Row(r.method(), r.fds(), active, writes, runs, t[0], t[1], t[2]).asC());
            }
            rows = withC;
        }
        // the model's prediction for the same workloads
        java.util.Map<String, Double> model = new java.util.HashMap<>();
        for (Bench.Row r : rows) {
            if (!r.c()) {
                model.put(r.method().label + "/" + r.fds(),
                    org.pollscope.kernel.ModelBench.unitsPerEvent(r.method().label, r.fds(), active, writes));
            }
        }
        if (chart != null) {
            List<BenchChart.Point> pts = new ArrayList<>();
            for (Bench.Row r : rows) {
                if (!r.c()) pts.add(new BenchChart.Point(r.method().label, r.fds(), r.perEventMedian(), model.get(r.method().label + "/" + r.fds())));
            }
            BenchChart.write(pts, leftOut, "select, poll and epoll: A=" + active + " active, W=" + writes + " writes", chart);
            err.println("chart written to " + chart);
        }
        StringBuilder sb = new StringBuilder();
        switch (format) {
            case "csv" -> {
                sb.append("method,fds,active,writes,runs,per_event_us_median,per_event_us_p95,setup_us_median\n");
                for (Bench.Row r : rows) sb.append(r.csv()).append('\n');
            }
            case "json" -> {
                sb.append("[\n");
                for (int i = 0; i < rows.size(); i++) {
                    Bench.Row r = rows.get(i);
                    sb.append(String.format(java.util.Locale.ROOT,
                        "  {\"method\": \"%s\", \"fds\": %d, \"active\": %d, \"writes\": %d, \"runs\": %d, "
                            + "\"per_event_us_median\": %.4f, \"per_event_us_p95\": %.4f, \"setup_us_median\": %.2f, "
                            + "\"model_units_per_event\": %s}%s%n",
                        r.label(), r.fds(), r.active(), r.writes(), r.runs(), r.perEventMedian(), r.perEventP95(),
                        r.setupMedian(), r.c() ? "null" : String.format(java.util.Locale.ROOT, "%.2f", model.get(r.method().label + "/" + r.fds())),
                        i + 1 < rows.size() ? "," : ""));
                }
                sb.append("]\n");
            }
            default -> {
                sb.append(String.format("%-10s %7s %6s %6s %5s %14s %14s %12s %16s%n", "method", "N", "A", "W", "runs",
                    "µs/event med", "µs/event p95", "setup µs", "model units/ev"));
                for (Bench.Row r : rows) {
                    Double mu = r.c() ? null : model.get(r.method().label + "/" + r.fds());
                    sb.append(String.format(java.util.Locale.ROOT, "%-10s %7d %6d %6d %5d %14.3f %14.3f %12.1f %16s%n", r.label(),
                        r.fds(), r.active(), r.writes(), r.runs(), r.perEventMedian(), r.perEventP95(), r.setupMedian(),
                        mu == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f", mu)));
                }
            }
        }
        if (out != null) {
            Files.writeString(out, sb.toString());
            err.println("results written to " + out);
        } else {
            spec.commandLine().getOut().print(sb);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
