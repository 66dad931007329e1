package org.pollscope.kernel.program;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.OpenFile;
import org.pollscope.kernel.SimProcess;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.Syscall;
import org.pollscope.kernel.WaitQueue;
import org.pollscope.kernel.scenario.Outcome;
import org.pollscope.kernel.trace.CostMeter;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * One run of a built-in server {@link Program} under a {@link Workload} on the simulated
 * kernel. The server is a process with a listening socket; the clients live in a second
 * process (forked from the server, so they can connect to its listener) and are driven on
 * the simulated clock: they connect one after the other, the active ones send requests and
 * read the echo when their socket's wait queue says it came. Everything measured is read
 * from the trace (see {@link Measures}).
 */
public final class Simulation {
    /** simulated CPU time of one system call of the server */
    public static final long CPU_PER_CALL_NANOS = 1_000;
    /** simulated CPU time of one fd visited by select or poll */
    public static final long CPU_PER_FD_VISIT_NANOS = 100;

    /** The kernel the run happens in. */
    public final Kernel kernel;
    /** The server's first thread. */
    public final SimThread server;
    /** The listening socket, in the server's fd table. */
    public final int listener;
    private final SimThread clients;
    private final Workload w;
    private final Random rnd;
    private final Program program;
    private final List<Client> all = new ArrayList<>();
    private final Set<Integer> serverTids = new HashSet<>();
    private final List<Double> latencies = new ArrayList<>();
    private long requests;
    private long serverCalls;
    private long connections;
    private long wakesDuringConnect;
    private boolean inConnect;
    private final CostMeter serverWork = new CostMeter();
    private double waitWork;
    private long waitCalls;
    private long end;

    /** One client connection. */
    private final class Client {
        final boolean active;
        int fd = -1;
        long pendingSince = -1;
        long received;

        Client(boolean active) {
            this.active = active;
        }
    }

    public Simulation(Program program, Workload w) {
        this.program = program;
        this.w = w;
        this.rnd = new Random(w.seed());
        // a system call costs 1 µs of CPU and select/poll 100 ns per fd visited, about what
        // pollscope bench measures on a small virtual machine: so scanning shows up as latency
        this.kernel = new Kernel().fdLimit(2 * w.clients() + 256).maxUserWatches(8L * w.clients() + 1024)
            .cpu(CPU_PER_CALL_NANOS, CPU_PER_FD_VISIT_NANOS);
        kernel.trace().setRecording(false);
        this.server = kernel.newProcess(program.name());
        this.listener = (int) kernel.listener(server).ret();
        this.clients = kernel.fork(server, "clients");
        serverTids.add(server.tid());
        kernel.trace().addListener(this::observe);
    }

    /** For programs: a new thread of the server process. */
    public SimThread newThread(String name) {
        SimThread t = kernel.newThread(server.process(), name);
        serverTids.add(t.tid());
        return t;
    }

    /** For programs: a call that never sleeps. */
    public Outcome call(SimThread t, Syscall s) {
        return kernel.call(t, s);
    }

    /** For programs: marks the line of the listing a thread is on. */
    public void line(SimThread t, int line) {
        kernel.record(new TraceEvent.ProgramLine(kernel.now(), t.tid(), program.name(), line));
    }

    /** For programs: read what is there (up to {@code buffer} bytes) and write it back; returns the read's outcome. */
    public Outcome echoOnce(SimThread t, int fd, int buffer) {
        Outcome r = read(t, fd, buffer);
        if (!r.failed() && r.ret() > 0) write(t, fd, r.bytes());
        return r;
    }

    /** For programs: accept every queued connection, handing each new fd to {@code onAccept}. */
    public void acceptAll(SimThread t, java.util.function.IntConsumer onAccept) {
        while (true) {
            Outcome a = accept(t);
            if (a.failed()) return;
            onAccept.accept((int) a.ret());
        }
    }

    // the system calls programs and clients make, each one traced as a system call

    public Outcome read(SimThread t, int fd, int n) {
        return kernel.call(t, Syscall.of("read", () -> fd + ", " + n, th -> kernel.read(th, fd, n)));
    }

    public Outcome write(SimThread t, int fd, byte[] data) {
        return kernel.call(t, Syscall.of("write", () -> fd + ", " + data.length, th -> kernel.write(th, fd, data)));
    }

    /** accept4 on the listening socket; counts the connections accepted. */
    public Outcome accept(SimThread t) {
        Outcome a = kernel.call(t, Syscall.of("accept4", () -> String.valueOf(listener), th -> kernel.accept(th, listener)));
        if (!a.failed()) connections++;
        return a;
    }

    public Outcome close(SimThread t, int fd) {
        return kernel.call(t, Syscall.of("close", () -> String.valueOf(fd), th -> kernel.close(th, fd)));
    }

    public int epollCreate(SimThread t) {
        return (int) kernel.call(t, Syscall.of("epoll_create1", () -> "0", th -> kernel.epollCreate1(th, 0))).ret();
    }

    public Outcome epollCtl(SimThread t, int ep, int op, int fd, int events) {
        return kernel.call(t, Syscall.of("epoll_ctl", () -> ep + ", " + op + ", " + fd + ", " + Linux.epollEvents(events),
            th -> kernel.epollCtl(th, ep, op, fd, events, fd)));
    }

    private void observe(TraceEvent e) {
        if (e instanceof TraceEvent.SyscallEnter s) {
            if (serverTids.contains(s.tid())) serverCalls++;
            if (s.tid() == clients.tid() && s.call().equals("connect")) inConnect = true;
        } else if (e instanceof TraceEvent.SyscallExit x) {
            if (x.tid() == clients.tid() && x.call().equals("connect")) inConnect = false;
        } else if (e instanceof TraceEvent.Wake wk && inConnect && serverTids.contains(wk.tid())) {
            wakesDuringConnect++;
        }
        if (serverTids.contains(e.tid())) serverWork.accept(e);
    }

    /** Runs the workload for its seconds of simulated time and returns the measures. */
    public Measures run() {
        serverWork.onCall(c -> {
            if (c.call().equals("epoll_wait") || c.call().equals("poll") || c.call().equals("select")) {
                waitWork += c.cost().total();
                waitCalls++;
            }
        });
        program.start(this);
        int[] order = new int[w.clients()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        // the active clients are a random K of the N
        for (int i = order.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        boolean[] isActive = new boolean[w.clients()];
        for (int i = 0; i < w.active(); i++) isActive[order[i]] = true;
        for (int i = 0; i < w.clients(); i++) {
            Client c = new Client(isActive[i]);
            all.add(c);
            kernel.schedule(i * 20_000L, () -> connect(c));
        }
        if (w.churnPerSecond() > 0) kernel.schedule(1_000_000_000L, this::churn);
        end = (long) (w.seconds() * 1e9);
        kernel.schedule(end, () -> { });   // the clock reaches the end even when every client is stuck
        kernel.settle(() -> kernel.now() >= end);
        return measures();
    }

    private void connect(Client c) {
        Outcome o = kernel.call(clients, Syscall.of("connect", () -> String.valueOf(listener), th -> kernel.connect(th, listener)));
        if (o.failed()) {
            kernel.schedule(1_000_000L, () -> connect(c)); // backlog full: try again in a millisecond
            return;
        }
        c.fd = (int) o.ret();
        c.received = 0;
        OpenFile f = kernel.file(clients, c.fd);
        // the client notices the echo when its socket's wait queue is woken
        int fdAtHook = c.fd;
        f.waitQueues().get(0).add(new WaitQueue.Entry("client", (entry, key) -> {
            if (key == 0 || (key & Linux.EPOLLIN) != 0) kernel.schedule(0, () -> {
                if (c.fd == fdAtHook) readEcho(c);
            });
            return 0;
        }));
        if (c.active) kernel.schedule(think(), () -> send(c));
    }

    private long think() {
        return (long) (-Math.log(1 - rnd.nextDouble()) * w.thinkMs() * 1e6);
    }

    private void send(Client c) {
        if (c.fd < 0 || c.pendingSince >= 0 || kernel.now() >= end) return;
        byte[] req = new byte[w.requestSize()];
        Arrays.fill(req, (byte) 'q');
        Outcome o = write(clients, c.fd, req);
        if (o.failed()) return;
        c.pendingSince = kernel.now();
        c.received = 0;
    }

    private void readEcho(Client c) {
        while (true) {
            Outcome o = read(clients, c.fd, 65536);
            if (o.failed() || o.ret() == 0) break;
            c.received += o.ret();
        }
        if (c.pendingSince >= 0 && c.received >= w.requestSize()) {
            latencies.add((kernel.now() - c.pendingSince) / 1e6);
            requests++;
            c.pendingSince = -1;
            c.received = 0;
            kernel.schedule(think(), () -> send(c));
        }
    }

    private void churn() {
        if (kernel.now() >= end) return;
        List<Client> act = all.stream().filter(c -> c.active && c.fd >= 0).toList();
        for (int i = 0; i < Math.min(w.churnPerSecond(), act.size()); i++) {
            Client c = act.get(rnd.nextInt(act.size()));
            close(clients, c.fd);
            c.fd = -1;
            c.pendingSince = -1;
            kernel.schedule(0, () -> connect(c));
        }
        kernel.schedule(1_000_000_000L, this::churn);
    }

    private Measures measures() {
        double[] lat = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double starvation = lat.length == 0 ? 0 : lat[lat.length - 1];
        int unserved = 0;
        for (Client c : all) {
            if (c.pendingSince >= 0) {
                double waited = (kernel.now() - c.pendingSince) / 1e6;
                starvation = Math.max(starvation, waited);
                if (waited > 100) unserved++;
            }
        }
        double perReq = requests == 0 ? Double.NaN : 1.0 / requests;
        return new Measures(program.name(), requests, serverCalls * perReq, serverWork.total().total() * perReq,
            waitCalls == 0 ? 0 : waitWork / waitCalls, pct(lat, 0.5), pct(lat, 0.99), lat.length == 0 ? 0 : lat[lat.length - 1],
            connections == 0 ? 0 : wakesDuringConnect / (double) connections, starvation, unserved, connections);
    }

    private static double pct(double[] sorted, double q) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * (sorted.length - 1)))];
    }

    /** The server's process, for views. */
    public SimProcess serverProcess() {
        return server.process();
    }
}
