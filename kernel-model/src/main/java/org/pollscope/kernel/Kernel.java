package org.pollscope.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.pollscope.kernel.trace.Trace;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * The simulated kernel: processes and their fd tables, a simulated clock with timers, a
 * scheduler of simulated threads, and the system calls. It follows mainline Linux 6.x
 * ({@code fs/eventpoll.c} with {@code ovflist}, {@code fs/select.c}, {@code fs/pipe.c},
 * {@code net/unix/af_unix.c}, {@code fs/eventfd.c}).
 *
 * <p>Invariants: nothing reads the wall clock and nothing spawns a Java thread; the same
 * calls in the same order give the same trace. Only one simulated thread runs at a time
 * ({@link #currentTid}); a thread woken by another's call runs when {@link #runPending}
 * is called, after the waker's call returned, as on a busy CPU.
 */
public final class Kernel {
    private final Trace trace = new Trace();
    private long now;              // nanoseconds
    private long timerSeq;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final ArrayDeque<SimThread> runQueue = new ArrayDeque<>();
    private final List<SimProcess> processes = new ArrayList<>();
    private int nextPid = 100;
    private int nextTid = 100;
    private long nextFileAddress = 1;
    private int current;           // tid of the thread in a system call, 0 outside

    /** RLIMIT_NOFILE of every process. */
    int fdLimit = 1024;
    /** /proc/sys/fs/epoll/max_user_watches (one user here). */
    long maxUserWatches = 4L << 20;
    /** epoll_watches of the one user */
    long userWatches;
    /** loop_check_gen of fs/eventpoll.c */
    long loopCheckGen;
    /** simulated CPU time of one system call, and of one fd visited by select/poll (0: time stands still) */
    long cpuPerCall;
    long cpuPerFdVisit;

    /** A timer on the simulated clock. */
    public static final class Timer implements Comparable<Timer> {
        final long at;
        final long seq;
        final Runnable action;
        boolean cancelled;

        Timer(long at, long seq, Runnable action) {
            this.at = at;
            this.seq = seq;
            this.action = action;
        }

        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }

    // ---- configuration ----

    public Kernel fdLimit(int limit) {
        this.fdLimit = limit;
        return this;
    }

    public Kernel maxUserWatches(long max) {
        this.maxUserWatches = max;
        return this;
    }

    /**
     * Gives system calls a CPU cost in simulated time: {@code perCall} for each call and
     * {@code perFdVisit} for each fd select or poll visits. A thread pays what it spent before
     * the callback of its next {@link #submit}ted call runs, so a server that scans many fds
     * answers later. Scenarios keep the default, 0: time moves only with timeouts and sleeps.
     */
    public Kernel cpu(long perCallNanos, long perFdVisitNanos) {
        this.cpuPerCall = perCallNanos;
        this.cpuPerFdVisit = perFdVisitNanos;
        return this;
    }

    /** select/poll visited one fd for {@code t}. */
    void chargeFdVisit(SimThread t) {
        t.cpuDebt += cpuPerFdVisit;
    }

    public int fdLimit() {
        return fdLimit;
    }

    public long maxUserWatches() {
        return maxUserWatches;
    }

    public long userWatches() {
        return userWatches;
    }

    // ---- trace, clock, scheduler ----

    public Trace trace() {
        return trace;
    }

    /** Appends an event made outside the kernel (a program's current line). */
    public void record(TraceEvent e) {
        if (tracing()) trace.append(e);
    }

    void emit(TraceEvent e) {
        trace.append(e);
    }

    /** Whether building a trace event is worth it (someone records or listens). */
    boolean tracing() {
        return trace.wanted();
    }

    /** Simulated time in nanoseconds. */
    public long now() {
        return now;
    }

    int currentTid() {
        return current;
    }

    long nextFileAddress() {
        return nextFileAddress++;
    }

    /** Runs {@code action} on the simulated clock after {@code delayNanos} (workloads use this). */
    public Timer schedule(long delayNanos, Runnable action) {
        return addTimer(now + Math.max(0, delayNanos), action);
    }

    Timer addTimer(long at, Runnable action) {
        Timer t = new Timer(at, timerSeq++, action);
        timers.add(t);
        return t;
    }

    /** Runs every runnable thread until none is left. */
    public void runPending() {
        SimThread t;
        while ((t = runQueue.poll()) != null) {
            if (t.state != SimThread.State.RUNNABLE || t.pending == null) {
                continue;
            }
            resume(t);
        }
    }

    /** Attempts t's pending call as t: it returns now, or t stays asleep until woken. */
    private void resume(SimThread t) {
        int saved = current;
        current = t.tid;
        try {
            SyscallResult o = t.pending.attempt(t);
            if (o != null) {
                finish(t, o);
            } else if (t.state != SimThread.State.RUNNABLE) {
                t.state = SimThread.State.SLEEPING;
            }
        } finally {
            current = saved;
        }
    }

    /** Fires the earliest pending timer, moving the clock; false when there is none. */
    public boolean advanceClock() {
        Timer t;
        while ((t = timers.poll()) != null && t.cancelled) {
            // skip cancelled timers
        }
        if (t == null) {
            return false;
        }
        long from = now;
        if (t.at > now) {
            now = t.at;
            if (tracing()) emit(new TraceEvent.ClockAdvance(now, 0, from));
        }
        t.action.run();
        return true;
    }

    /** Runs threads and timers until {@code done} holds; false when nothing more can happen. */
    public boolean settle(BooleanSupplier done) {
        while (true) {
            runPending();
            if (done.getAsBoolean()) {
                return true;
            }
            if (!advanceClock()) {
                return false;
            }
        }
    }

    /**
     * {@code default_wake_function}/{@code try_to_wake_up}: makes a sleeping thread runnable.
     * Returns 1 when it woke it, 0 when it was not asleep.
     */
    int wake(SimThread t, String why) {
        if (t.state != SimThread.State.SLEEPING) {
            return 0;
        }
        t.state = SimThread.State.RUNNABLE;
        runQueue.add(t);
        if (tracing()) emit(new TraceEvent.Wake(now, t.tid, why));
        return 1;
    }

    /** Marks the current thread as going to sleep in its call, on {@code on}. */
    void sleep(SimThread t, String on) {
        t.sleepingOn = on;
        if (tracing()) emit(new TraceEvent.Sleep(now, t.tid, t.pending == null ? "?" : t.pending.name(), on));
        t.state = SimThread.State.SLEEPING;
    }

    // ---- processes and threads ----

    /** A new process with an empty fd table and one thread. */
    public SimThread newProcess(String threadName) {
        SimProcess p = new SimProcess(nextPid++, new FdTable());
        processes.add(p);
        return newThread(p, threadName);
    }

    /** A new thread in {@code p}. */
    public SimThread newThread(SimProcess p, String name) {
        SimThread t = new SimThread(nextTid++, p, name);
        p.threads.add(t);
        return t;
    }

    /** fork(2): a child process whose fd table shares the parent's open files. */
    public SimThread fork(SimThread parent, String threadName) {
        SimProcess child = new SimProcess(nextPid++, parent.process.fds.copyForFork());
        processes.add(child);
        if (tracing()) emit(new TraceEvent.FileChange(now, parent.tid, "P" + child.pid, "forked from P" + parent.process.pid
            + ": shares " + child.fds.openCount() + " open files"));
        return newThread(child, threadName);
    }

    public List<SimProcess> processes() {
        return List.copyOf(processes);
    }

    /**
     * Runs {@code call} on {@code t}: enters, attempts, and either finishes at once or leaves the
     * thread asleep; {@code done} gets the outcome when the call returns.
     */
    public void submit(SimThread t, Syscall call, Consumer<SyscallResult> done) {
        enter(t, call, done, true);
    }

    private void enter(SimThread t, Syscall call, Consumer<SyscallResult> done, boolean deferrable) {
        if (t.pending != null) {
            throw new IllegalStateException(t + " is already in " + t.pending.name());
        }
        t.pending = call;
        t.done = done;
        t.deferrable = deferrable;
        if (tracing()) emit(new TraceEvent.SyscallEnter(now, t.tid, t.process.pid, call.name(), call.args()));
        resume(t);
    }

    /** Runs a call that never sleeps and returns its outcome. */
    public SyscallResult call(SimThread t, Syscall call) {
        SyscallResult[] box = new SyscallResult[1];
        enter(t, call, o -> box[0] = o, false);
        if (box[0] == null) {
            throw new IllegalStateException(call.name() + " went to sleep; use submit()");
        }
        return box[0];
    }

    private void finish(SimThread t, SyscallResult o) {
        Syscall call = t.pending;
        Consumer<SyscallResult> done = t.done;
        t.pending = null;
        t.done = null;
        t.state = SimThread.State.IDLE;
        t.sleepingOn = null;
        if (tracing()) emit(new TraceEvent.SyscallExit(now, t.tid, t.process.pid, call.name(), o.ret(),
            o.failed() ? Linux.errnoName(o.errno()) : null, detail(call.name(), o)));
        t.cpuDebt += cpuPerCall;
        if (done != null) {
            if (t.deferrable && t.cpuDebt > 0) {
                // the thread is on a CPU for what it spent: its program goes on after that
                long cost = t.cpuDebt;
                t.cpuDebt = 0;
                t.state = SimThread.State.RUNNABLE;
                addTimer(now + cost, () -> {
                    t.state = SimThread.State.IDLE;
                    done.accept(o);
                });
            } else {
                done.accept(o);
            }
        }
    }

    /** The strace-style rest of a return: the events in the notation of the call that reports them. */
    private static String detail(String call, SyscallResult o) {
        if (o.failed()) return "";
        if (o.bytes() != null) return '"' + new String(o.bytes(), 0, Math.min(o.bytes().length, 32), StandardCharsets.ISO_8859_1)
            .replace("\n", "\\n") + (o.bytes().length > 32 ? "\"..." : "\"");
        if (!o.events().isEmpty()) {
            StringBuilder sb = new StringBuilder("[");
            for (SyscallResult.Ready r : o.events()) {
                if (sb.length() > 1) sb.append(", ");
                String mask = switch (call) {
                    case "select" -> Linux.selectSets(r.mask());
                    case "poll" -> Linux.pollEvents(r.mask());
                    default -> Linux.epollEvents(r.mask());
                };
                sb.append('{').append(mask).append(", ").append(r.key()).append('}');
            }
            return sb.append(']').toString();
        }
        if (o.fds().length == 2) return "[" + o.fds()[0] + ", " + o.fds()[1] + "]";
        return "";
    }

    // ---- fd helpers ----

    /** fdget: the file at fd in t's process, or null. */
    public OpenFile file(SimThread t, int fd) {
        return t.process.fds.get(fd);
    }

    /** fd_install of a new file; on EMFILE the file is dropped. */
    int install(SimThread t, OpenFile f) {
        int fd = t.process.fds.alloc(f, fdLimit);
        if (fd < 0) {
            f.put();
            return fd;
        }
        if (tracing()) emit(new TraceEvent.FdChange(now, t.tid, t.process.pid, fd, f.label, true));
        return fd;
    }

    private SyscallResult installPair(SimThread t, OpenFile a, OpenFile b) {
        int fa = install(t, a);
        if (fa < 0) {
            b.put();
            return SyscallResult.error(-fa);
        }
        int fb = install(t, b);
        if (fb < 0) {
            closeFd(t, fa);
            return SyscallResult.error(-fb);
        }
        return SyscallResult.twoFds(fa, fb);
    }

    private SyscallResult installOne(SimThread t, OpenFile f) {
        int fd = install(t, f);
        return fd < 0 ? SyscallResult.error(-fd) : SyscallResult.fd(fd);
    }

    private SyscallResult closeFd(SimThread t, int fd) {
        OpenFile f = t.process.fds.remove(fd);
        if (f == null) {
            return SyscallResult.error(Linux.EBADF);
        }
        if (tracing()) emit(new TraceEvent.FdChange(now, t.tid, t.process.pid, fd, f.label, false));
        f.put();
        return SyscallResult.ok(0);
    }

    // ---- system calls on files ----

    /** socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK). */
    public SyscallResult socketpair(SimThread t) {
        Socket[] pair = Socket.unixPair(this);
        return installPair(t, pair[0], pair[1]);
    }

    /** pipe2(O_NONBLOCK): read end, write end. */
    public SyscallResult pipe(SimThread t) {
        Pipe p = new Pipe(this);
        return installPair(t, p.readEnd(), p.writeEnd());
    }

    /** eventfd(initval, EFD_NONBLOCK). */
    public SyscallResult eventfd(SimThread t, long initval) {
        if (initval < 0 || initval > 0xffffffffL) {
            // the syscall's argument is an unsigned int: larger values are truncated
            initval &= 0xffffffffL;
        }
        return installOne(t, new EventFd(this, initval));
    }

    /** open(2) of a new regular file. */
    public SyscallResult regularFile(SimThread t) {
        return installOne(t, new RegularFile(this));
    }

    /** socket + bind(127.0.0.1:0) + listen. */
    public SyscallResult listener(SimThread t) {
        return installOne(t, new Listener(this));
    }

    /**
     * A TCP client connected to listener fd {@code l}; the server end waits in l's backlog. A
     * call that never sleeps: when the accept queue is full it says ECONNREFUSED (the built-in
     * programs' clients); the scenario language's connect is {@link #connect(int)}.
     */
    public SyscallResult connect(SimThread t, int l) {
        OpenFile f = file(t, l);
        if (f == null) return SyscallResult.error(Linux.EBADF);
        if (!(f instanceof Listener listener)) {
            return SyscallResult.error(f instanceof Socket ? Linux.ECONNREFUSED : Linux.ENOTSOCK);
        }
        Socket client = listener.connectClient();
        if (client == null) return SyscallResult.error(Linux.ECONNREFUSED);
        return installOne(t, client);
    }

    /** how long the scenario language's connect waits for its handshake (SO_SNDTIMEO of the client) */
    public static final long CONNECT_PATIENCE_MS = 5000;
    /** when a dropped SYN is sent again: TCP_TIMEOUT_INIT (1 s), doubled each time (tcp_retransmit_timer) */
    static final long[] SYN_RETRIES_MS = {1000, 3000};

    /**
     * connect(2) to listener fd {@code l} as a scenario makes it: a blocking connect bounded by
     * SO_SNDTIMEO ({@link #CONNECT_PATIENCE_MS}). When the accept queue is full
     * ({@code sk_acceptq_is_full}: more than the backlog waiting) {@code tcp_conn_request} drops
     * the SYN; the client sends it again 1 s and 3 s later, and connects at the first retry that
     * finds room (a thread may accept meanwhile). With no room by then, {@code inet_stream_connect}
     * times out: EINPROGRESS. A listener that stopped listening meanwhile answers with a RST:
     * ECONNREFUSED. The waiting is simulated time.
     */
    public Syscall connect(int l) {
        return new Syscall() {
            Listener target;
            long start;
            int retry;
            boolean timedOut;

            public String name() {
                return "connect";
            }

            public String args() {
                return l + ", 127.0.0.1";
            }

            public SyscallResult attempt(SimThread t) {
                if (target == null) {
                    OpenFile f = file(t, l);
                    if (!(f instanceof Listener listener) || !listener.acceptQueueFull()) return connect(t, l);
                    target = listener;
                    start = now;
                } else if (target.released || target.stopped()) {
                    return SyscallResult.error(Linux.ECONNREFUSED);
                } else if (!target.acceptQueueFull()) {
                    Socket client = target.connectClient();
                    return client == null ? SyscallResult.error(Linux.ECONNREFUSED) : installOne(t, client);
                } else if (timedOut) {
                    return SyscallResult.error(Linux.EINPROGRESS);
                }
                // tcp_conn_request: the SYN is dropped (LINUX_MIB_LISTENOVERFLOWS)
                target.changed("accept queue full: SYN dropped");
                boolean last = retry == SYN_RETRIES_MS.length;
                long at = start + 1_000_000L * (last ? CONNECT_PATIENCE_MS : SYN_RETRIES_MS[retry]);
                retry++;
                addTimer(at, () -> {
                    if (last) timedOut = true;
                    // SO_SNDTIMEO runs out, or tcp_retransmit_timer sends the SYN again
                    wake(t, last ? "connect timeout" : "timer of tcp_retransmit_timer");
                });
                sleep(t, "timer");
                return null;
            }
        };
    }

    /** accept4(l, NULL, NULL, SOCK_NONBLOCK). */
    public SyscallResult accept(SimThread t, int l) {
        OpenFile f = file(t, l);
        if (f == null) return SyscallResult.error(Linux.EBADF);
        if (f instanceof Socket) return SyscallResult.error(Linux.EINVAL);
        if (!(f instanceof Listener listener)) return SyscallResult.error(Linux.ENOTSOCK);
        if (listener.stopped()) return SyscallResult.error(Linux.EINVAL);
        Socket s = listener.acceptOne();
        if (s == null) return SyscallResult.error(Linux.EAGAIN);
        return installOne(t, s);
    }

    public SyscallResult read(SimThread t, int fd, long n) {
        OpenFile f = file(t, fd);
        if (f == null) return SyscallResult.error(Linux.EBADF);
        if (n < 0) return SyscallResult.error(Linux.EFAULT);
        SyscallResult o = f.read((int) Math.min(n, Integer.MAX_VALUE));
        if (!o.failed() && o.bytes() != null && o.bytes().length > 0) {
            if (tracing()) emit(new TraceEvent.Copy(now, t.tid, true, o.bytes().length, "read " + f.label));
        }
        return o;
    }

    public SyscallResult write(SimThread t, int fd, byte[] data) {
        OpenFile f = file(t, fd);
        if (f == null) return SyscallResult.error(Linux.EBADF);
        SyscallResult o = f.write(data);
        if (!o.failed() && o.ret() > 0) {
            if (tracing()) emit(new TraceEvent.Copy(now, t.tid, false, o.ret(), "write " + f.label));
        }
        return o;
    }

    /** fill stops here even without EAGAIN (a regular file never says EAGAIN). */
    public static final long FILL_LIMIT = 32L << 20;

    /** Writes until EAGAIN (or {@link #FILL_LIMIT} bytes): 64 KiB chunks, then halving down to one byte. */
    public SyscallResult fill(SimThread t, int fd) {
        long total = 0;
        int chunk = 65536;
        while (chunk >= 1 && total < FILL_LIMIT) {
            SyscallResult o = write(t, fd, filler(chunk));
            if (o.failed()) {
                if (o.errno() != Linux.EAGAIN) return total > 0 ? SyscallResult.ok(total) : o;
                chunk /= 2;
            } else {
                total += o.ret();
                if (o.ret() < chunk) chunk /= 2;
            }
        }
        return SyscallResult.ok(total);
    }

    /** Reads until EAGAIN or end of file. */
    public SyscallResult drain(SimThread t, int fd) {
        long total = 0;
        while (true) {
            SyscallResult o = read(t, fd, 65536);
            if (o.failed()) return total > 0 || o.errno() == Linux.EAGAIN ? SyscallResult.ok(total) : o;
            if (o.ret() == 0) return SyscallResult.ok(total);
            total += o.ret();
        }
    }

    static byte[] filler(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    public SyscallResult shutdown(SimThread t, int fd, int how) {
        OpenFile f = file(t, fd);
        if (f == null) return SyscallResult.error(Linux.EBADF);
        return f.shutdown(how);
    }

    /**
     * setsockopt(fd, SOL_SOCKET, SO_LINGER, {l_onoff = 1, l_linger = seconds}) ({@code sk_setsockopt}):
     * any socket takes it; with 0 a later close of a TCP connection aborts it ({@code __tcp_close}
     * calls {@code tcp_disconnect}: a RST instead of a FIN).
     */
    public SyscallResult setLinger(SimThread t, int fd, int seconds) {
        OpenFile f = file(t, fd);
        if (f == null) return SyscallResult.error(Linux.EBADF);
        if (f instanceof Socket s) {
            s.lingerSeconds = seconds;
        } else if (f instanceof Listener l) {
            l.lingerSeconds = seconds;
        } else {
            return SyscallResult.error(Linux.ENOTSOCK);
        }
        f.changed("SO_LINGER on, " + seconds + " s");
        return SyscallResult.ok(0);
    }

    public SyscallResult close(SimThread t, int fd) {
        return closeFd(t, fd);
    }

    public SyscallResult dup(SimThread t, int fd) {
        OpenFile f = file(t, fd);
        if (f == null) return SyscallResult.error(Linux.EBADF);
        f.get();
        return installOne(t, f);
    }

    // ---- epoll ----

    /** epoll_create1(flags): EINVAL for any flag but EPOLL_CLOEXEC (do_epoll_create). */
    public SyscallResult epollCreate1(SimThread t, long flags) {
        if ((flags & ~(long) Linux.EPOLL_CLOEXEC) != 0) return SyscallResult.error(Linux.EINVAL);
        return installOne(t, new EventPoll(this));
    }

    /** epoll_create(size): EINVAL for size <= 0, then as epoll_create1(0). */
    public SyscallResult epollCreate(SimThread t, long size) {
        if ((int) size <= 0) return SyscallResult.error(Linux.EINVAL);
        return epollCreate1(t, 0);
    }

    public SyscallResult epollCtl(SimThread t, int epfd, int op, int fd, int events, long data) {
        return EventPoll.doEpollCtl(this, t, epfd, op, fd, events, data);
    }

    /** epoll_wait: a call that may sleep. */
    public Syscall epollWait(int epfd, int maxevents, int timeoutMs) {
        return EventPoll.epollWait(this, epfd, maxevents, timeoutMs);
    }

    /**
     * read(2) on a blocking socket: a call that may sleep on the socket's wait queue, as
     * {@code sk_wait_data} does (no poll table, no fd visited); see {@link Blocking}.
     */
    public Syscall readBlocking(int fd, long n) {
        return Blocking.read(this, fd, n);
    }

    /**
     * accept(2) on a blocking listening socket: a call that may sleep, an exclusive waiter on the
     * listener's wait queue, as {@code inet_csk_wait_for_connect} does; see {@link Blocking}.
     */
    public Syscall acceptBlocking(int l) {
        return Blocking.accept(this, l);
    }

    /** poll(2). */
    public Syscall poll(int[] fds, short[] events, int timeoutMs) {
        return Select.poll(this, fds, events, timeoutMs);
    }

    /** select(2). */
    public Syscall select(long nfds, int[] read, int[] write, int[] except, long timeoutMs) {
        return Select.select(this, nfds, read, write, except, timeoutMs);
    }

    /** nanosleep: sleeps {@code ms} of simulated time. */
    public Syscall nanosleep(long ms) {
        return new Syscall() {
            Timer timer;
            boolean expired;

            public String name() {
                return "nanosleep";
            }

            public String args() {
                return "{" + ms / 1000 + ", " + (ms % 1000) * 1_000_000 + "}";
            }

            public SyscallResult attempt(SimThread th) {
                if (expired || ms <= 0) return SyscallResult.ok(0);
                if (timer == null) {
                    timer = addTimer(now + ms * 1_000_000L, () -> {
                        expired = true;
                        wake(th, "timer of nanosleep");
                    });
                }
                sleep(th, "timer");
                return null;
            }
        };
    }

    // ---- state for views and tests ----

    /** Every live epoll instance reachable from a process's fds. */
    public List<EventPoll> eventPolls() {
        List<EventPoll> out = new ArrayList<>();
        for (SimProcess p : processes) {
            for (int fd = 0, hw = p.fds.highWater(); fd < hw; fd++) {
                OpenFile f = p.fds.get(fd);
                if (f instanceof EventPoll ep && !out.contains(ep)) out.add(ep);
            }
        }
        return out;
    }

    /** The threads that sleep in a system call. */
    public List<SimThread> sleepers() {
        List<SimThread> out = new ArrayList<>();
        for (SimProcess p : processes) {
            for (SimThread t : p.threads) {
                if (t.state == SimThread.State.SLEEPING) out.add(t);
            }
        }
        return out;
    }

    /**
     * A deterministic text dump of the whole state (processes, fds, files, interest lists, ready
     * lists, wait queues, threads), to compare states after stepping back and forth.
     */
    public String describeState() {
        StringBuilder sb = new StringBuilder();
        sb.append("time ").append(now).append('\n');
        List<OpenFile> files = new ArrayList<>();
        for (SimProcess p : processes) {
            sb.append("P").append(p.pid).append('\n');
            for (int fd = 0, hw = p.fds.highWater(); fd < hw; fd++) {
                OpenFile f = p.fds.get(fd);
                if (f != null) {
                    sb.append("  fd ").append(fd).append(" -> ").append(f.label).append('\n');
                    if (!files.contains(f)) files.add(f);
                }
            }
            for (SimThread t : p.threads) {
                sb.append("  ").append(t).append(' ').append(t.state)
                    .append(t.pending != null ? " in " + t.pending.name() : "")
                    .append(t.sleepingOn() != null ? " on " + t.sleepingOn() : "").append('\n');
            }
        }
        for (OpenFile f : files) {
            sb.append(f.label).append(" refs=").append(f.refs).append(' ').append(f.describeState()).append('\n');
            for (WaitQueue q : f.waitQueues()) {
                sb.append("  ").append(q.name()).append(':');
                for (WaitQueue.Entry e : q.entries()) sb.append(' ').append(e.label).append(e.exclusive ? "(x)" : "");
                sb.append('\n');
            }
            if (f instanceof EventPoll ep) {
                sb.append("  rbr:");
                for (EpItem it : ep.items()) sb.append(' ').append(it.describe());
                sb.append("\n  rdllist:");
                for (EpItem it : ep.readyList()) sb.append(' ').append(it.key());
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
