package org.pollscope.probe.live;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.pollscope.probe.LinuxSyscalls;

/**
 * A bounded load on a live server, headless: the server in one mode, N real clients in this
 * process ({@link LoadClients}) sending R requests per second in all for S seconds; then, with
 * every echo home and the server idle, the real interest list (fdinfo) beside the model's; then
 * the clients close, and the two lists again once the server has closed their sockets.
 */
public final class LiveLoad {
    /** fds the process needs beyond two per client: the JVM's own, the server's, slack */
    static final int FD_SLACK = 256;

    /**
     * What to run.
     *
     * @param out where reproducers are written, or null for none
     */
    public record Options(LiveConfig server, int clients, double rate, double seconds, Path out, double sampleSeconds,
                          int abortPercent) {
        public Options(LiveConfig server, int clients, double rate, double seconds, Path out) {
            this(server, clients, rate, seconds, out, 0, 0);
        }

        public Options(LiveConfig server, int clients, double rate, double seconds, Path out, double sampleSeconds) {
            this(server, clients, rate, seconds, out, sampleSeconds, 0);
        }

        /** The same, with {@code percent} of the clients ending with an abort (SO_LINGER 0: a RST, not a FIN). */
        public Options withAborts(int percent) {
            return new Options(server, clients, rate, seconds, out, sampleSeconds, percent);
        }
    }

    /**
     * The process at one moment: resident memory ({@code VmRSS} of {@code /proc/self/status}),
     * the heap in use after a {@code System.gc()}, the open fds ({@code /proc/self/fd}).
     */
    public record Sample(double at, long rssKiB, long heapBytes, long fds, long calls) {
        public String line() {
            return String.format(java.util.Locale.ROOT, "at %.0f s: RSS %.1f MiB, heap in use %.1f MiB, %d fds open, %d calls mirrored",
                at, rssKiB / 1024.0, heapBytes / 1048576.0, fds, calls);
        }
    }

    /** Takes a {@link Sample} now. */
    public static Sample sample(double at, long calls) {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heap = rt.totalMemory() - rt.freeMemory();
        long rss = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | NumberFormatException e) {
            rss = -1;
        }
        long fds;
        try (var st = Files.list(Path.of("/proc/self/fd"))) {
            fds = st.count();
        } catch (IOException e) {
            fds = -1;
        }
        return new Sample(at, rss, heap, fds, calls);
    }

    /** What happened. */
    public record Report(Options options, int port, LoadClients.Result clients, double elapsed, long calls, Map<String, Long> callsByName,
                         long events, int interestPeak, long divergenceCount, List<Mirror.Divergence> divergences,
                         List<Reproducer.Written> reproducers, LiveServer.InterestLists loaded, LiveServer.InterestLists closed,
                         long refused, List<Sample> samples) {
        public double eventsPerSecond() {
            return elapsed > 0 ? events / elapsed : 0;
        }

        /** No divergence, and the interest lists equal where there are some. */
        public boolean clean() {
            return divergenceCount == 0 && (!loaded.applicable() || loaded.equal() && closed.equal());
        }
    }

    private LiveLoad() {}

    /**
     * Makes room for {@code clients} clients and their server sockets: raises the soft fd limit to
     * the hard one when it is too low (setrlimit RLIMIT_NOFILE). Returns why even that is too few,
     * or null.
     */
    public static String makeRoomFor(int clients) {
        long open;
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            open = s.count();
        } catch (IOException e) {
            open = FD_SLACK;
        }
        long need = 2L * clients + open + FD_SLACK;
        Memory rl = new Memory(LinuxSyscalls.RLIMIT_SIZE);
        if (LinuxSyscalls.getrlimit(LinuxSyscalls.RLIMIT_NOFILE, rl) != 0) return "getrlimit(RLIMIT_NOFILE) failed";
        long soft = rl.getLong(LinuxSyscalls.RLIMIT_CUR);
        long hard = rl.getLong(LinuxSyscalls.RLIMIT_MAX);
        if (soft >= need) return null;
        if (hard < need && hard >= 0) {
            return clients + " clients need " + need + " fds (two per client, " + open + " open now, " + FD_SLACK
                + " to spare), but the hard limit of open files is " + hard + "; ask for at most " + Math.max(0, (hard - open - FD_SLACK) / 2)
                + " clients, or raise the hard limit (ulimit -Hn, limits.conf)";
        }
        rl.setLong(LinuxSyscalls.RLIMIT_CUR, hard);
        if (LinuxSyscalls.setrlimit(LinuxSyscalls.RLIMIT_NOFILE, rl) != 0) {
            return "setrlimit(RLIMIT_NOFILE) to the hard limit " + hard + " failed";
        }
        return null;
    }

    /** Runs the load; {@code progress} gets a line now and then (or null). */
    public static Report run(Options o, Consumer<String> progress) throws LiveException {
        List<Sample> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        long tStart = System.nanoTime();
        if (o.sampleSeconds() > 0) samples.add(report(sample(0, 0), progress));
        LiveServer server = LiveServer.start(o.server().withMaxClients(Math.max(o.clients(), 1)));
        LoadClients clients = new LoadClients(o.server().bind(), server.port(), o.clients());
        LiveServer.InterestLists loaded;
        LiveServer.InterestLists closed;
        long t0 = System.nanoTime();
        double elapsed;
        try {
            RuntimeException[] crash = new RuntimeException[1];
            Thread t = new Thread(() -> {
                try {
                    long c0 = System.nanoTime();
                    clients.connectAll();
                    if (progress != null) progress.accept(String.format(java.util.Locale.ROOT, "%d clients connected in %.2f s",
                        clients.result().connected(), (System.nanoTime() - c0) / 1e9));
                    clients.send(o.rate(), o.seconds(), Math.max(1, (long) Math.ceil(o.rate() * o.seconds())));
                } catch (RuntimeException e) {
                    crash[0] = e;
                }
            }, o.server().threadPrefix() + "-clients");
            t.setDaemon(true);
            t.start();
            try {
                if (o.sampleSeconds() > 0) {
                    long every = (long) (o.sampleSeconds() * 1000);
                    while (true) {
                        t.join(every);
                        if (!t.isAlive()) break;
                        samples.add(report(sample((System.nanoTime() - tStart) / 1e9, server.mirror().calls()), progress));
                    }
                }
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LiveException("interrupted");
            }
            if (crash[0] != null) throw new LiveException(crash[0].getMessage());
            elapsed = (System.nanoTime() - t0) / 1e9;
            awaitQuiet(server, clients.result().connected() - clients.result().closedByServer());
            loaded = server.interestLists();
            clients.closeAll(o.abortPercent());
            awaitQuiet(server, 0);
            closed = server.interestLists();
        } finally {
            clients.closeAll();
            server.stop();
        }
        Mirror m = server.mirror();
        if (o.sampleSeconds() > 0) samples.add(report(sample((System.nanoTime() - tStart) / 1e9, m.calls()), progress));
        List<Reproducer.Written> written = new ArrayList<>();
        if (o.out() != null && !m.divergences().isEmpty()) {
            Reproducer rep = new Reproducer();
            for (Mirror.Divergence d : m.divergences().subList(0, Math.min(10, m.divergences().size()))) {
                try {
                    written.add(rep.write(d, o.out()));
                } catch (IOException e) {
                    throw new LiveException("--out: cannot write " + o.out() + " (" + e.getMessage() + ")");
                }
            }
        }
        return new Report(o, server.port(), clients.result(), elapsed, m.calls(), m.callsByName(), m.eventsReported(), m.interestPeak(),
            m.divergenceCount(), m.divergences(), written, loaded, closed, server.stats().refused(), List.copyOf(samples));
    }

    private static Sample report(Sample s, Consumer<String> progress) {
        if (progress != null) progress.accept("memory " + s.line());
        return s;
    }

    /** Waits (up to 10 s) until the server serves {@code clients} connections and its calls have stopped for a moment. */
    private static void awaitQuiet(LiveServer server, long clients) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long lastCalls = -1;
        while (System.nanoTime() < end) {
            LiveServer.Stats s = server.stats();
            if (s.clients() == clients && s.calls() == lastCalls) return;
            lastCalls = s.calls();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
