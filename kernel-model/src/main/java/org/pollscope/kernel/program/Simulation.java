package org.pollscope.kernel.program;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SimProcess;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.Syscall;
import org.pollscope.kernel.SyscallResult;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * One run of a built-in server {@link Program} under a {@link Workload} on a simulated kernel
 * of its own. The server is a process with a listening socket (fd 0 of its table); the clients
 * are threads of a second process, forked from the server so that they can connect to it, and
 * driven by {@link Clients}. Everything measured is read from the kernel's trace by a
 * {@link RunMeter}.
 *
 * <p>System calls cost simulated CPU time ({@link Kernel#cpu}): {@link #CPU_PER_CALL_NANOS}
 * each and {@link #CPU_PER_FD_VISIT_NANOS} per fd that select or poll visits, about what
 * {@code pollscope bench} measures on a small virtual machine; so a server that scans many fds
 * answers later, and latency shows it.
 *
 * <p>Headless runs (the default) do not record the trace, only measure it; and the system
 * calls made here carry no argument text then ({@code SyscallEnter.args} is empty), because
 * nothing reads it and spelling it out for every call would cost more than the call. A view
 * that wants the whole trace, arguments and {@link TraceEvent.ProgramLine} events included,
 * passes {@code recordTrace = true}.
 *
 * <p>Use: {@link #run()} once; or {@link #start()}, {@link #runUntil} as often as wanted (a view
 * stepping through time), and {@link #measures()}.
 */
public final class Simulation {
    /** simulated CPU time of one system call */
    public static final long CPU_PER_CALL_NANOS = 1_000;
    /** simulated CPU time of one fd visited by select or poll */
    public static final long CPU_PER_FD_VISIT_NANOS = 100;
    /** the clients connect one after the other, this far apart */
    public static final long CONNECT_INTERVAL_NANOS = 20_000;

    /** The kernel the run happens in. */
    public final Kernel kernel;
    /** The server's first thread. */
    public final SimThread server;
    /** The listening socket, in the server's fd table (and the clients'). */
    public final int listener;

    private final Program program;
    private final Workload workload;
    private final boolean recordTrace;
    private final long end;
    private final RunMeter meter;
    private final Clients clients;
    private final SimProcess clientProcess;
    private ProgramListener programListener;
    /** the listing line of each thread, by tid (0: none yet) */
    private int[] lines = new int[256];
    private boolean started;

    /** A headless run: the trace is measured, not recorded. */
    public Simulation(Program program, Workload workload) {
        this(program, workload, false);
    }

    /** A run that records the whole trace when {@code recordTrace} (for views; memory grows with the run). */
    public Simulation(Program program, Workload workload, boolean recordTrace) {
        this.program = program;
        this.workload = workload;
        this.recordTrace = recordTrace;
        this.end = (long) (workload.seconds() * 1e9);
        int n = workload.clients();
        this.kernel = new Kernel().fdLimit(2 * n + 256).maxUserWatches(8L * n + 1024)
            .cpu(CPU_PER_CALL_NANOS, CPU_PER_FD_VISIT_NANOS);
        kernel.trace().setRecording(recordTrace);
        this.server = kernel.newProcess(program.name());
        this.listener = (int) kernel.listener(server).ret();
        SimThread firstClient = kernel.fork(server, "client-0");
        this.clientProcess = firstClient.process();
        this.meter = new RunMeter(server.process().pid(), firstClient.process().pid());
        kernel.trace().addListener(meter);
        this.clients = new Clients(this, firstClient, workload, end);
    }

    /**
     * Stops measuring the run (before {@link #start()}): a view stepping through it reads no
     * {@link #measures()}, and the meter keeps a latency a request, which grows with the run.
     */
    public Simulation withoutMeasures() {
        if (started) throw new IllegalStateException("this simulation has started already");
        kernel.trace().removeListener(meter);
        return this;
    }

    /** The program that runs. */
    public Program program() {
        return program;
    }

    /** The workload it runs under. */
    public Workload workload() {
        return workload;
    }

    /** Runs the workload for its seconds of simulated time and returns the measures. */
    public Measures run() {
        start();
        runUntil(end);
        return measures();
    }

    /** Starts the server's threads and schedules the clients; nothing runs until {@link #runUntil}. */
    public void start() {
        if (started) throw new IllegalStateException("this simulation has started already");
        started = true;
        program.start(this);
        clients.start();
        kernel.schedule(end, () -> { });   // the clock reaches the end even when every client is stuck
    }

    /**
     * Runs threads and timers until the simulated clock reaches {@code nanos} (at most the end of
     * the run), and stops there: what is due later has not happened yet.
     */
    public void runUntil(long nanos) {
        if (!started) start();
        long until = Math.min(nanos, end);
        // settle fires the earliest timer even when it is due after until: give it one due at until
        if (until > kernel.now()) kernel.schedule(until - kernel.now(), () -> { });
        kernel.settle(() -> kernel.now() >= until);
    }

    /** The measures of the run so far (requests still out have waited until now). */
    public Measures measures() {
        return meter.measures(program.name(), Math.min(kernel.now(), end));
    }

    /** The server's process, for views. */
    public SimProcess serverProcess() {
        return server.process();
    }

    /** The clients' process: a thread per client. */
    public SimProcess clientProcess() {
        return clientProcess;
    }

    // ---- the listing line of each thread ----

    /** Sets the one listener told of every listing line a thread reaches (null: none). */
    public void setProgramListener(ProgramListener l) {
        this.programListener = l;
    }

    /** The listing line thread {@code tid} of the server is on (from 1), or 0 when it has not run. */
    public int lineOf(int tid) {
        return tid >= 0 && tid < lines.length ? lines[tid] : 0;
    }

    /** For programs: thread {@code t} reached line {@code line} of the listing. */
    public void line(SimThread t, int line) {
        int tid = t.tid();
        if (tid >= lines.length) lines = Arrays.copyOf(lines, Math.max(lines.length * 2, tid + 1));
        lines[tid] = line;
        if (programListener != null) programListener.onLine(tid, line);
        if (recordTrace) kernel.record(new TraceEvent.ProgramLine(kernel.now(), tid, program.name(), line));
    }

    // ---- for programs: threads and the calls that never sleep, each traced as a system call ----

    /** A new thread of the server process. */
    public SimThread newThread(String name) {
        return kernel.newThread(server.process(), name);
    }

    /** A call that never sleeps. */
    public SyscallResult call(SimThread t, Syscall s) {
        return kernel.call(t, s);
    }

    public SyscallResult read(SimThread t, int fd, int n) {
        return kernel.call(t, Syscall.of("read", () -> recordTrace ? fd + ", " + n : "", th -> kernel.read(th, fd, n)));
    }

    public SyscallResult write(SimThread t, int fd, byte[] data) {
        return kernel.call(t, Syscall.of("write", () -> recordTrace ? fd + ", " + data.length : "",
            th -> kernel.write(th, fd, data)));
    }

    /** accept4 on the listening socket. */
    public SyscallResult accept(SimThread t) {
        return kernel.call(t, Syscall.of("accept4", () -> recordTrace ? listener + ", NULL, NULL, SOCK_NONBLOCK" : "",
            th -> kernel.accept(th, listener)));
    }

    /** connect to the listening socket. */
    public SyscallResult connect(SimThread t) {
        return kernel.call(t, Syscall.of("connect", () -> recordTrace ? String.valueOf(listener) : "",
            th -> kernel.connect(th, listener)));
    }

    public SyscallResult close(SimThread t, int fd) {
        return kernel.call(t, Syscall.of("close", () -> recordTrace ? String.valueOf(fd) : "", th -> kernel.close(th, fd)));
    }

    /** epoll_create1(0); the new fd. */
    public int epollCreate(SimThread t) {
        SyscallResult o = kernel.call(t, Syscall.of("epoll_create1", "0", th -> kernel.epollCreate1(th, 0)));
        if (o.failed()) throw new IllegalStateException("epoll_create1 failed: " + Linux.errnoName(o.errno()));
        return (int) o.ret();
    }

    /** epoll_ctl with {@code data} = the fd, as servers do. */
    public SyscallResult epollCtl(SimThread t, int ep, int op, int fd, int events) {
        return kernel.call(t, Syscall.of("epoll_ctl",
            () -> recordTrace ? ep + ", " + opName(op) + ", " + fd + ", {" + Linux.epollEvents(events) + ", " + fd + "}" : "",
            th -> kernel.epollCtl(th, ep, op, fd, events, fd)));
    }

    // ---- for programs: the calls of a blocking socket ----

    /**
     * read(2) on a blocking socket, one system call that may sleep: the kernel's
     * {@link Kernel#readBlocking}, the thread asleep on the socket's wait queue until data (or
     * the end) comes, as {@code tcp_recvmsg_locked} sleeps in {@code sk_wait_data}: no poll
     * table, no fd visited.
     */
    public void readBlocking(SimThread t, int fd, int n, Consumer<SyscallResult> done) {
        kernel.submit(t, withArgs(kernel.readBlocking(fd, n), () -> recordTrace ? fd + ", " + n : ""), done);
    }

    /**
     * accept(2) on a blocking listening socket: {@link Kernel#acceptBlocking}, an exclusive
     * waiter on the listener's wait queue until a connection is queued
     * ({@code inet_csk_wait_for_connect}); one connection wakes one sleeping acceptor.
     */
    public void acceptBlocking(SimThread t, Consumer<SyscallResult> done) {
        kernel.submit(t, withArgs(kernel.acceptBlocking(listener), () -> recordTrace ? listener + ", NULL, NULL, 0" : ""), done);
    }

    /** {@code call} with its arguments spelt out only when the trace is recorded (see the class comment). */
    private static Syscall withArgs(Syscall call, Supplier<String> args) {
        return new Syscall() {
            public String name() {
                return call.name();
            }

            public String args() {
                return args.get();
            }

            public SyscallResult attempt(SimThread th) {
                return call.attempt(th);
            }
        };
    }

    /** Accepts every queued connection, handing each new fd to {@code onAccept}. */
    public void acceptAll(SimThread t, IntConsumer onAccept) {
        while (true) {
            SyscallResult a = accept(t);
            if (a.failed()) return;
            onAccept.accept((int) a.ret());
        }
    }

    private static String opName(int op) {
        return switch (op) {
            case Linux.EPOLL_CTL_ADD -> "EPOLL_CTL_ADD";
            case Linux.EPOLL_CTL_MOD -> "EPOLL_CTL_MOD";
            case Linux.EPOLL_CTL_DEL -> "EPOLL_CTL_DEL";
            default -> String.valueOf(op);
        };
    }
}
