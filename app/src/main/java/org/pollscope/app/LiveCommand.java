package org.pollscope.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.pollscope.probe.LinuxSyscalls;
import org.pollscope.probe.live.LiveConfig;
import org.pollscope.probe.live.LiveException;
import org.pollscope.probe.live.LiveLoad;
import org.pollscope.probe.live.LiveServer;
import org.pollscope.probe.live.Mirror;
import org.pollscope.probe.live.Mode;
import org.pollscope.probe.live.Reproducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pollscope live}: PollScope's own live server on 127.0.0.1 (or ::1), every call mirrored
 * into the model. Alone it serves in the foreground until Ctrl-C (or {@code --seconds}), a line
 * per client event; with {@code --clients N} it runs N real clients against it, headless, and
 * prints the calls, events per second, divergences and both interest lists.
 */
@Command(name = "live", mixinStandardHelpOptions = true,
    description = {"Run PollScope's live server on 127.0.0.1 (nc 127.0.0.1 7000, curl, a browser); every real call is mirrored"
        + " into the model and compared.", "With --clients N: N real clients, headless, then the figures."})
public final class LiveCommand implements Callable<Integer> {
    static final int MAX_CLIENTS = 100_000;
    static final double MAX_RATE = 1_000_000;
    static final double MAX_SECONDS = 86_400;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "" + LiveConfig.DEFAULT_PORT, paramLabel = "P", description = "TCP port (default 7000).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR", description = "127.0.0.1 (default) or ::1; nothing else.")
    String bind;

    @Option(names = "--mode", defaultValue = "lt", paramLabel = "lt|et|oneshot|poll|select",
        description = "How the server waits: epoll level-triggered (default), edge-triggered, one-shot, or poll, or select.")
    String mode;

    @Option(names = "--seconds", paramLabel = "S", description = "How long to run (default: until Ctrl-C; with --clients, 10).")
    Double seconds;

    @Option(names = "--clients", paramLabel = "N", description = "Run N real clients in this process against the server, headless.")
    Integer clients;

    @Option(names = "--rate", defaultValue = "1000", paramLabel = "R", description = "Requests per second of all the clients together (default 1000).")
    double rate;

    @Option(names = "--sample", defaultValue = "60", paramLabel = "S",
        description = "With --clients: the process's memory (RSS, heap in use after a GC) and open fds at the start, every S seconds"
            + " (default 60) and at the end.")
    double sample;

    @Option(names = "--aborts", defaultValue = "0", paramLabel = "PERCENT",
        description = "With --clients: the share of the clients, 0 to 100 (default 0), that end with an abort: SO_LINGER 0, so"
            + " that their close sends a RST instead of a FIN, which the mirror must then place.")
    int aborts;

    @Option(names = "--out", defaultValue = "live-divergences", paramLabel = "DIR",
        description = "Where the reproducer of each divergence is written (default live-divergences); made if missing, but only"
            + " when the folder it is in exists. With --clients it is checked before the load; alone, when the server stops.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Mode m = Mode.of(mode);
        if (m == null) throw new ParameterException(spec.commandLine(), "--mode must be " + Mode.words() + ", found " + mode);
        String badBind = LiveConfig.bindProblem(bind);
        if (badBind != null) {
            err.println("pollscope live: " + badBind);
            return 2;
        }
        if (port < 1 || port > 65535) throw new ParameterException(spec.commandLine(), "--port must be 1 to 65535, found " + port);
        if (seconds != null && !(seconds > 0 && seconds <= MAX_SECONDS)) {
            throw new ParameterException(spec.commandLine(), "--seconds must be more than 0 and at most " + (long) MAX_SECONDS + ", found " + seconds);
        }
        if (clients != null && (clients < 1 || clients > MAX_CLIENTS)) {
            throw new ParameterException(spec.commandLine(), "--clients must be 1 to " + MAX_CLIENTS + ", found " + clients);
        }
        if (!(sample > 0 && sample <= MAX_SECONDS)) {
            throw new ParameterException(spec.commandLine(), "--sample must be more than 0 and at most " + (long) MAX_SECONDS + ", found " + sample);
        }
        if (!(rate > 0 && rate <= MAX_RATE)) throw new ParameterException(spec.commandLine(), "--rate must be more than 0 and at most 1000000, found " + rate);
        if (aborts < 0 || aborts > 100) throw new ParameterException(spec.commandLine(), "--aborts must be 0 to 100 (a percentage), found " + aborts);
        if (aborts > 0 && clients == null) throw new ParameterException(spec.commandLine(), "--aborts needs --clients: it is a share of the load's clients");
        if (LinuxSyscalls.UNAVAILABLE != null) {
            err.println("pollscope live: " + LinuxSyscalls.UNAVAILABLE);
            return 2;
        }
        LiveConfig config = LiveConfig.of(port, m).withBind(bind);
        try {
            if (clients != null) return load(config);
            return foreground(config);
        } catch (LiveException e) {
            err.println("pollscope live: " + e.getMessage());
            return 2;
        }
    }

    private int load(LiveConfig config) throws LiveException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // before any work: the divergences found are not to be lost to a wrong path at the end
        Outputs.checkDirectory(spec, "--out", out);
        String room = LiveLoad.makeRoomFor(clients);
        if (room != null) {
            err.println("pollscope live: " + room);
            return 2;
        }
        double s = seconds == null ? 10 : seconds;
        o.println("live: mode " + config.mode().word() + " on " + where(config) + ", " + clients + " clients, "
            + fmt(rate) + " requests/s for " + fmt(s) + " s");
        o.flush();
        LiveLoad.Report r = LiveLoad.run(new LiveLoad.Options(config, clients, rate, s, out, sample).withAborts(aborts), line -> {
            o.println(line);
            o.flush();
        });
        var c = r.clients();
        o.println("clients: " + c.connected() + " connected" + (c.refused() > 0 ? ", " + c.refused() + " could not connect" : "")
            + ", " + c.sent() + " requests sent, " + c.echoed() + " echoed" + (c.allAnswered() ? "" : ", some echoes never came")
            + (c.aborted() > 0 ? "; " + c.aborted() + " ended with an abort (RST)" : ""));
        o.println("server calls: " + r.calls() + " (" + byName(r.callsByName()) + ")");
        o.println("events: " + r.events() + " in " + fmt(r.elapsed()) + " s, " + fmt(r.eventsPerSecond()) + " per second");
        if (config.mode().usesEpoll()) {
            o.println("real interest list peak: " + r.interestPeak() + " registrations");
        } else {
            o.println("real interest list: none (" + config.mode().word() + " passes its fds in on every call)");
        }
        o.println("divergences: " + r.divergenceCount());
        for (int i = 0; i < r.divergences().size(); i++) {
            Mirror.Divergence d = r.divergences().get(i);
            String file = "";
            if (i < r.reproducers().size()) {
                Reproducer.Written w = r.reproducers().get(i);
                file = "  -> " + w.file() + (w.reproduced() ? " (" + w.lines() + " lines, reproduced on both sides)" : " (not reproduced by a scenario)");
            }
            o.println("  " + d.line() + file);
        }
        if (config.mode().usesEpoll()) {
            o.println(lists("with the clients connected", r.loaded()));
            o.println(lists("after the clients closed", r.closed()));
        }
        o.flush();
        return r.clean() ? 0 : 1;
    }

    private static String lists(String when, LiveServer.InterestLists l) {
        if (l.equal()) return "interest list " + when + ": fdinfo shows " + l.real().size() + " registrations, equal to the model's";
        return "interest list " + when + ": fdinfo shows " + l.real().size() + " registrations, the model " + l.model().size()
            + ", they differ: fdinfo " + l.real() + ", model " + l.model();
    }

    private int foreground(LiveConfig config) throws LiveException {
        PrintWriter o = spec.commandLine().getOut();
        LinkedBlockingQueue<Mirror.Event> events = new LinkedBlockingQueue<>(100_000);
        LiveServer server = LiveServer.start(config);
        server.addListener(e -> {
            if (!events.offer(e)) {
                // the terminal is slower than the server: the lines are dropped, the counts stay right
            }
        });
        o.println("live: mode " + config.mode().word() + " on " + where(config) + " (at most " + server.maxClients() + " clients);"
            + " try nc " + (config.bind().equals("::1") ? "::1" : "127.0.0.1") + " " + server.port() + ", or curl http://"
            + (config.bind().equals("::1") ? "[::1]" : "127.0.0.1") + ":" + server.port() + "/" + (seconds == null ? "; Ctrl-C stops" : ""));
        o.flush();
        java.util.concurrent.CountDownLatch summed = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // Ctrl-C: stop the server, and let the summary below be printed before the JVM exits
            server.stop();
            try {
                summed.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, config.threadPrefix() + "-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long end = seconds == null ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9);
        try {
            while (server.running() && System.nanoTime() < end) {
                Mirror.Event e = events.poll(100, TimeUnit.MILLISECONDS);
                while (e != null) {
                    String line = line(server, e);
                    if (line != null) o.println(line);
                    e = events.poll();
                }
                o.flush();
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        LiveServer.InterestLists lists = server.running() ? server.interestLists() : null;
        server.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook has stopped the server
        }
        Mirror mirror = server.mirror();
        o.println("server calls: " + mirror.calls() + " (" + byName(mirror.callsByName()) + "), divergences: " + mirror.divergenceCount());
        if (!mirror.divergences().isEmpty()) {
            String why = Outputs.directoryProblem(out);
            if (why != null) {
                o.println("reproducers not written: --out: cannot write " + out + " (" + why + ")");
            } else {
                Reproducer rep = new Reproducer();
                for (Mirror.Divergence d : mirror.divergences().subList(0, Math.min(10, mirror.divergences().size()))) {
                    try {
                        Reproducer.Written w = rep.write(d, out);
                        o.println("  " + d.line() + "  -> " + w.file() + (w.reproduced() ? " (reproduced on both sides)" : " (not reproduced by a scenario)"));
                    } catch (java.io.IOException e) {
                        o.println("reproducers not written: --out: cannot write " + out + " (" + e.getMessage() + ")");
                        break;
                    }
                }
            }
        }
        if (lists != null && lists.applicable()) o.println(lists("at the end", lists));
        o.flush();
        summed.countDown();
        return mirror.divergenceCount() == 0 && (lists == null || !lists.applicable() || lists.equal()) ? 0 : 1;
    }

    /** A line for a client event (a connection accepted, bytes or end of file read, a close) and for any divergence; null for the rest. */
    private static String line(LiveServer server, Mirror.Event e) {
        String c = e.call();
        boolean connection = e.subject().startsWith("s");
        boolean client = !e.outside().isEmpty()
            || connection && !e.real().equals("-1 EAGAIN") && !c.startsWith("epoll_ctl");
        if (!client && e.agrees()) return null;
        String outside = e.outside().isEmpty() ? "" : "  [outside: " + String.join("; ", e.outside()) + "]";
        return String.format(Locale.ROOT, "%6d  %-48s real %-10s model %-10s %s%s", e.index(), c, e.real(), e.model(),
            e.agrees() ? "agree" : "DIVERGE", outside);
    }

    private static String byName(Map<String, Long> m) {
        StringBuilder sb = new StringBuilder();
        for (var e : new java.util.TreeMap<>(m).entrySet()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(e.getKey()).append(' ').append(e.getValue());
        }
        return sb.toString();
    }

    private static String where(LiveConfig c) {
        return (c.bind().equals("::1") ? "[::1]" : "127.0.0.1") + ":" + c.port();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
