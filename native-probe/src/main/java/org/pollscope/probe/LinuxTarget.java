package org.pollscope.probe;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.scenario.CallSpec;
import org.pollscope.kernel.scenario.Invocation;
import org.pollscope.kernel.SyscallResult;
import org.pollscope.kernel.scenario.ScenarioRunner;
import org.pollscope.kernel.scenario.Target;

/**
 * The real Linux kernel as a scenario target: what the model ({@code ModelTarget}) simulates,
 * this does, as the C program a student would write. Each invocation is the same system call
 * made through {@link LinuxSyscalls}; every result, errno included, is the kernel's own, and
 * arguments reach the kernel as given (an invalid op or flag is the kernel's to refuse).
 *
 * <p>Threads. The scenario's "main" thread is whichever Java thread calls {@link #start}; its
 * calls run there and complete before {@code start} returns. Every other scenario thread is a
 * real (daemon) thread with a queue of calls; {@link #awaitBlocked} watches its
 * {@code /proc/self/task/TID/syscall} and {@code stat} until it sleeps in the system call its
 * current scenario call makes.
 *
 * <p>Invariants: every fd a call created and the scenario has not closed is in {@link #opened}
 * (so that {@link #close} can release it), and a call reaches the kernel with no other fd of
 * the JVM's (see {@link #ownFdsOnly}); after {@link #close} no call starts and no new fd
 * survives. Files are non-blocking and close-on-exec; listeners bind to 127.0.0.1 only.
 */
public final class LinuxTarget implements Target {
    /** how long awaitBlocked watches a thread before it says "never blocked" */
    private static final long BLOCK_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** how long settle waits for scenario threads before it gives up */
    private static final long SETTLE_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** how long close lets woken threads leave */
    private static final long CLOSE_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * How long connect(l) may sleep: when l's accept queue is full, Linux drops the SYN and the
     * client retries after 1 s and 3 s (tcp_conn_request, TCP_TIMEOUT_INIT); SO_SNDTIMEO bounds
     * the wait, and connect then says EINPROGRESS (inet_stream_connect).
     */
    private static final int CONNECT_PATIENCE_SECONDS = 5;
    /** how long shutdown waits for the peer's delayed ACK of its FIN (TCP_DELACK_MAX is 200 ms) */
    private static final long FIN_ACK_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * The longest wait of main's that is waited out on the real kernel: a sleep or a timeout up
     * to this runs in full; a longer sleep is refused at once, and a wait with no timeout (or a
     * longer one) is given up on after {@link #MAIN_PATIENCE_NANOS}, or sooner when nothing is
     * left that could wake it (see {@link #waitForMain}).
     */
    static final long MAIN_WAIT_CAP_MS = 60_000;
    /** how long main may sleep in a wait with no timeout while another thread still has a call out */
    static final long MAIN_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** how long main must be seen asleep, with no other thread holding a call, before nothing can wake it */
    static final long MAIN_ALONE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** a wait longer than this is made in slices of it, so that close() can end it (a sleep, or a poll of no fds, has nothing to wake) */
    private static final int SLICE_MS = 1000;
    /** read(fd, n) reads at most this much (the model's write(fd, n) writes at most this much too) */
    private static final long IO_CAP = 64L << 20;
    /** epoll_wait's buffer holds at least this many events, and more only as RLIMIT_NOFILE allows */
    private static final int EVENTS_MIN = 4096;

    /** What kind of file an fd this target made names: close uses it to wake sleepers. */
    private enum Kind { SOCKET, PIPE, EVENTFD, REGULAR, EPOLL, UNKNOWN }

    /** fds this target made and the scenario has not closed; guarded by itself with {@link #closed} */
    private final Map<Integer, Kind> opened = new HashMap<>();
    /** set once by close(); guarded by {@link #opened} for writes, read anywhere */
    private volatile boolean closed;
    private final Map<String, ScenarioThread> threads = new ConcurrentHashMap<>();
    /** notified after every call a scenario thread completes: settle waits on it */
    private final Object progress = new Object();
    /** a bug met on a scenario thread, rethrown on the caller's thread by settle and awaitBlocked */
    private volatile RuntimeException crash;
    /** the thread main's waits run on (so that one which never ends can be given up on), made when first needed */
    private ScenarioThread mainWorker;
    /** why main was given up on, or null: after it, main runs nothing and {@link #settle} fails at once */
    private volatile String mainStuck;
    private final Buffers mainBuffers;
    private final String release;
    /** epoll_wait's buffer never needs more entries: one event per registration, one registration per open fd */
    private final int eventsCap;
    /** fd_set never needs more bits: select scans at most the fd table's max_fds, at most fs.nr_open */
    private final long fdSetBitsCap;

    /** Preallocated native memory for one scenario thread, grown when a call needs more, never shrunk. */
    private static final class Buffers {
        Memory io = new Memory(65536);
        /** 64 KiB of 'x', for fill and write(fd, n) */
        final Memory xs = new Memory(65536);
        Memory events = new Memory(64L * LinuxSyscalls.EPOLL_EVENT_SIZE);
        Memory pollfds = new Memory(64L * LinuxSyscalls.POLLFD_SIZE);
        final Memory[] fdsets = {new Memory(128), new Memory(128), new Memory(128)};
        final Memory event = new Memory(LinuxSyscalls.EPOLL_EVENT_SIZE);
        final Memory sockaddr = new Memory(LinuxSyscalls.SOCKADDR_IN_SIZE);
        final Memory socklen = new Memory(4);
        /** an int socket option's value */
        final Memory option = new Memory(4);
        /** struct linger: l_onoff at 0, l_linger at 4 */
        final Memory linger = new Memory(8);
        /** the first bytes of a struct tcp_info (tcpi_state, tcpi_ca_state, ...) */
        final Memory tcpInfo = new Memory(8);
        final Memory timeval = new Memory(LinuxSyscalls.TIMEVAL_SIZE);
        final Memory request = new Memory(LinuxSyscalls.TIMESPEC_SIZE);
        final Memory remain = new Memory(LinuxSyscalls.TIMESPEC_SIZE);

        Buffers() {
            xs.setMemory(0, xs.size(), (byte) 'x');
        }

        Memory io(long n) {
            if (io.size() < n) io = new Memory(Math.max(n, io.size() * 2));
            return io;
        }

        Memory events(int n) {
            long need = (long) n * LinuxSyscalls.EPOLL_EVENT_SIZE;
            if (events.size() < need) events = new Memory(need);
            return events;
        }

        Memory pollfds(int n) {
            long need = (long) Math.max(1, n) * LinuxSyscalls.POLLFD_SIZE;
            if (pollfds.size() < need) pollfds = new Memory(need);
            return pollfds;
        }

        /** Set {@code which} (0 read, 1 write, 2 except), zeroed, at least {@code words} longs. */
        Memory fdset(int which, int words) {
            long need = (long) words * LinuxSyscalls.FD_SET_WORD_BYTES;
            if (fdsets[which].size() < need) fdsets[which] = new Memory(need);
            fdsets[which].clear();
            return fdsets[which];
        }
    }

    /** A scenario thread from {@code thread t { ... }}: a real thread running the calls queued for it. */
    private final class ScenarioThread extends Thread {
        final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        final CountDownLatch started = new CountDownLatch(1);
        final Buffers buffers = new Buffers();
        /** the kernel's id of this thread, set when it starts */
        volatile int tid;
        /** the call running now, null between calls */
        volatile Invocation current;
        /** calls completed, so that awaitBlocked notices one ending while it reads /proc */
        volatile long completed;
        /** calls started and not yet completed (queued or running): 0 means there is nothing to block in */
        final AtomicInteger pending = new AtomicInteger();

        ScenarioThread(String name) {
            super("pollscope-scenario-" + name);
            // a thread asleep forever in the kernel must not keep the JVM alive
            setDaemon(true);
        }

        @Override
        public void run() {
            tid = LinuxSyscalls.gettid();
            started.countDown();
            while (!closed) {
                Runnable call;
                try {
                    call = queue.take();
                } catch (InterruptedException e) {
                    return; // close() interrupts idle threads
                }
                if (closed) {
                    return;
                }
                call.run();
            }
        }
    }

    /** Throws {@link ScenarioRunner.Unavailable}, saying why, when this system cannot run it. */
    public LinuxTarget() {
        String why;
        try {
            why = LinuxSyscalls.UNAVAILABLE;
        } catch (LinkageError e) {
            // JNA missing from the class path, or its native part refused to load
            why = "JNA could not be loaded (" + e + ")";
        }
        if (why != null) {
            throw new ScenarioRunner.Unavailable(why);
        }
        try {
            release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (IOException e) {
            throw new ScenarioRunner.Unavailable("/proc/sys/kernel/osrelease cannot be read (" + e.getMessage()
                + "); the real-kernel side needs /proc");
        }
        mainBuffers = new Buffers();
        Memory rl = new Memory(LinuxSyscalls.RLIMIT_SIZE);
        long soft = LinuxSyscalls.getrlimit(LinuxSyscalls.RLIMIT_NOFILE, rl) == 0 ? rl.getLong(LinuxSyscalls.RLIMIT_CUR) : 0;
        eventsCap = (int) Math.max(EVENTS_MIN, Math.min(soft, 1 << 20));
        long nrOpen;
        try {
            nrOpen = Long.parseLong(Files.readString(Path.of("/proc/sys/fs/nr_open")).trim());
        } catch (IOException | NumberFormatException e) {
            nrOpen = 1 << 20; // the kernel's default (fs/file.c: sysctl_nr_open)
        }
        // alloc_fdtable rounds max_fds up to a whole word of bits
        fdSetBitsCap = (nrOpen + LinuxSyscalls.FD_SET_WORD_BITS - 1) / LinuxSyscalls.FD_SET_WORD_BITS * LinuxSyscalls.FD_SET_WORD_BITS;
    }

    @Override
    public String side() {
        return "linux";
    }

    @Override
    public String kernelRelease() {
        return release;
    }

    @Override
    public boolean canFork() {
        return false;
    }

    @Override
    public void spawn(String thread, boolean forkProcess) {
        if (forkProcess) {
            throw new IllegalStateException("fork { ... } cannot run on linux: a JVM cannot fork (canFork() is false)");
        }
        ScenarioThread t = new ScenarioThread(thread);
        if (threads.putIfAbsent(thread, t) != null) {
            throw new IllegalStateException("scenario thread " + thread + " already exists");
        }
        t.start();
        try {
            if (!t.started.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("scenario thread " + thread + " did not start within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scenario thread " + thread + " was starting");
        }
    }

    @Override
    public String skipReason(Invocation call) {
        return switch (call.call()) {
            case "set_fd_limit" -> "model only: the JVM's RLIMIT_NOFILE would count the JVM's own files too,"
                + " and lowering it could break the JVM";
            case "set_max_user_watches" -> "model only: fs.epoll.max_user_watches is a system-wide sysctl that needs root";
            default -> null;
        };
    }

    @Override
    public void start(String thread, Invocation call, Consumer<SyscallResult> done) {
        if (closed) {
            // only a thread woken by close() can get here, and its scenario is over
            return;
        }
        if (thread.equals("main")) {
            if (mainStuck != null) {
                return; // main is still asleep in an earlier call
            }
            if (!mayWait(call)) {
                done.accept(execute(mainBuffers, call));
                return;
            }
            SyscallResult r = waitForMain(call);
            if (r != null) done.accept(r);
            return;
        }
        ScenarioThread t = threads.get(thread);
        if (t == null) {
            throw new IllegalStateException("no scenario thread named " + thread + " (spawn it first)");
        }
        queue(t, call, done);
    }

    /** Why main was given up on in a wait that did not end ("blocked for 1 s with nothing to wake it"), or null. */
    @Override
    public String whyBlocked() {
        return mainStuck;
    }

    /** The calls that can sleep: main runs them on {@link #mainWorker}, bounded. */
    private static boolean mayWait(Invocation call) {
        return switch (call.call()) {
            case "epoll_wait", "poll", "select", "sleep" -> true;
            default -> false;
        };
    }

    /** The timeout of a waiting call in ms (a sleep's length); -1 for none (a negative timeout is none, as the kernel reads it). */
    private static long timeoutOf(Invocation call) {
        long t = switch (call.call()) {
            case "epoll_wait" -> (int) call.num(2);
            case "poll" -> (int) call.num(1);
            case "select" -> call.select().timeoutMs();
            case "sleep" -> call.num(0);
            default -> 0;
        };
        return t < 0 ? -1 : t;
    }

    /**
     * Runs a wait of main's on the main worker and waits for it, bounded: the call's own timeout
     * (up to {@link #MAIN_WAIT_CAP_MS}) and the settle patience, or, for a wait with no timeout,
     * until it has slept {@link #MAIN_ALONE_NANOS} with no other scenario thread holding a call
     * (nothing is left in the scenario to wake it: the model's "blocks forever") or
     * {@link #MAIN_PATIENCE_NANOS} in all. Returns the result, or null when main was given up on:
     * then {@link #mainStuck} says why, and {@link #close} ends the real call (it wakes or
     * closes what the call sleeps on; a sleep or a poll of no fds ends at its next slice).
     */
    private SyscallResult waitForMain(Invocation call) {
        long own = timeoutOf(call);
        if (call.call().equals("sleep") && own > MAIN_WAIT_CAP_MS) {
            mainStuck = "of " + own + " ms was not waited out: the real kernel is waited on " + MAIN_WAIT_CAP_MS / 1000
                + " s at most";
            return null;
        }
        ScenarioThread w;
        synchronized (opened) {
            if (mainWorker == null) {
                mainWorker = new ScenarioThread("main");
                mainWorker.start();
            }
            w = mainWorker;
        }
        AtomicReference<SyscallResult> box = new AtomicReference<>();
        queue(w, call, box::set);
        boolean forever = own < 0 || own > MAIN_WAIT_CAP_MS;
        long start = System.nanoTime();
        long deadline = start + (forever ? MAIN_PATIENCE_NANOS : TimeUnit.MILLISECONDS.toNanos(own) + SETTLE_PATIENCE_NANOS);
        long aloneSince = -1;
        synchronized (progress) {
            while (box.get() == null) {
                rethrowCrash();
                long now = System.nanoTime();
                if (now >= deadline) break;
                if (forever) {
                    boolean alone = threads.values().stream().allMatch(t -> t.pending.get() == 0) && asleepIn(w, call);
                    if (!alone) {
                        aloneSince = -1;
                    } else if (aloneSince < 0) {
                        aloneSince = now;
                    } else if (now - aloneSince >= MAIN_ALONE_NANOS) {
                        break;
                    }
                }
                try {
                    progress.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(deadline - now), 20)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (box.get() != null) return box.get();
        rethrowCrash();
        long secs = Math.max(1, Math.round((System.nanoTime() - start) / 1e9));
        mainStuck = "blocked for " + secs + " s on linux with nothing to wake it"
            + (aloneSince >= 0 ? " (no other thread had a call out)" : "") + "; the real call was given up on";
        return null;
    }

    /** Queues a call on a scenario thread; {@code done} gets its result on that thread. */
    private void queue(ScenarioThread t, Invocation call, Consumer<SyscallResult> done) {
        t.pending.incrementAndGet();
        t.queue.add(() -> {
            t.current = call;
            try {
                SyscallResult o = execute(t.buffers, call);
                if (!closed) {
                    // may start this thread's next call: pending stays above 0 throughout
                    done.accept(o);
                }
            } catch (RuntimeException e) {
                crash = e;
            } finally {
                t.current = null;
                t.completed++;
                t.pending.decrementAndGet();
                synchronized (progress) {
                    progress.notifyAll();
                }
            }
        });
    }

    @Override
    public boolean settle(BooleanSupplier condition) {
        if (mainStuck != null && !condition.getAsBoolean()) {
            return false; // main sleeps in a call that was given up on: nothing after it runs
        }
        long deadline = System.nanoTime() + SETTLE_PATIENCE_NANOS;
        synchronized (progress) {
            while (!condition.getAsBoolean()) {
                rethrowCrash();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    // every completion notifies; the cap only bounds a wait on anything else
                    progress.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public boolean awaitBlocked(String thread) {
        ScenarioThread t = threads.get(thread);
        if (t == null) {
            return false;
        }
        long deadline = System.nanoTime() + BLOCK_PATIENCE_NANOS;
        while (System.nanoTime() < deadline) {
            rethrowCrash();
            if (t.pending.get() == 0) {
                return false; // every call it was given has completed: it cannot be asleep in one
            }
            Invocation call = t.current;
            if (call != null) {
                Boolean asleep = asleepOrGone(t, call);
                if (asleep == null) return false; // the thread has gone, or /proc cannot say
                if (asleep) return true;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Whether {@code t} sleeps in the kernel in the system call {@code call} makes (false when /proc cannot say). */
    private boolean asleepIn(ScenarioThread t, Invocation call) {
        return Boolean.TRUE.equals(asleepOrGone(t, call));
    }

    /** True when {@code t} sleeps in {@code call}'s system call, false when not (yet), null when it has gone or /proc cannot say. */
    private static Boolean asleepOrGone(ScenarioThread t, Invocation call) {
        long completed = t.completed;
        try {
            // "running", or the number and arguments of the call the task sleeps in (proc_pid_syscall)
            String first = Files.readString(Path.of("/proc/self/task/" + t.tid + "/syscall")).trim().split(" ", 2)[0];
            return !first.equals("running") && sleepsIn(call.call()).contains(Integer.parseInt(first))
                && stateOf(Files.readString(Path.of("/proc/self/task/" + t.tid + "/stat"))) == 'S'
                && t.current == call && t.completed == completed;
        } catch (IOException | NumberFormatException e) {
            return null; // NoSuchFileException: the thread has gone
        }
    }

    /** The task state letter of a /proc/.../stat line; the name before it may hold spaces and ')'. */
    private static char stateOf(String stat) {
        int close = stat.lastIndexOf(')');
        return close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
    }

    /** The system calls a scenario call can sleep in (glibc may use the p- or _pwait form). */
    private static Set<Integer> sleepsIn(String call) {
        return switch (call) {
            case "epoll_wait" -> known(LinuxSyscalls.SYS_EPOLL_WAIT, LinuxSyscalls.SYS_EPOLL_PWAIT, LinuxSyscalls.SYS_EPOLL_PWAIT2);
            case "poll" -> known(LinuxSyscalls.SYS_POLL, LinuxSyscalls.SYS_PPOLL);
            case "select" -> known(LinuxSyscalls.SYS_SELECT, LinuxSyscalls.SYS_PSELECT6);
            case "read", "drain" -> known(LinuxSyscalls.SYS_READ);
            case "write", "fill" -> known(LinuxSyscalls.SYS_WRITE);
            case "accept" -> known(LinuxSyscalls.SYS_ACCEPT4, LinuxSyscalls.SYS_ACCEPT);
            case "connect" -> known(LinuxSyscalls.SYS_CONNECT);
            case "sleep" -> known(LinuxSyscalls.SYS_NANOSLEEP, LinuxSyscalls.SYS_CLOCK_NANOSLEEP);
            default -> Set.of();
        };
    }

    private static Set<Integer> known(int... numbers) {
        Set<Integer> s = new HashSet<>();
        for (int n : numbers) {
            if (n >= 0) s.add(n);
        }
        return s;
    }

    private void rethrowCrash() {
        RuntimeException e = crash;
        if (e != null) {
            throw new IllegalStateException("a scenario thread failed inside the Linux target: " + e, e);
        }
    }

    /**
     * Closes every fd the scenario left open. A scenario thread still asleep in the kernel is
     * woken first where that can be done from outside, and then let go: it is a daemon, it runs
     * no further call, and whatever fd it gets back is closed at once.
     *
     * <p>The order matters. The fds stay open until the woken threads have left (or a second
     * has passed): a thread woken in epoll_wait whose ready item is removed before it collects
     * it (closing the item's file unlinks it, eventpoll_release) finds the ready list empty and
     * sleeps again (ep_poll retries); one woken in poll or select would meet a closed fd.
     */
    @Override
    public void close() {
        Map<Integer, Kind> left;
        synchronized (opened) {
            if (closed) {
                return;
            }
            closed = true;
            left = new HashMap<>(opened);
            opened.clear();
        }
        boolean asleep = false;
        List<ScenarioThread> all = new ArrayList<>(threads.values());
        if (mainWorker != null) all.add(mainWorker);
        for (ScenarioThread t : all) {
            asleep |= t.current != null;
            t.interrupt(); // an idle thread leaves queue.take() at once
        }
        int kick = asleep ? wakeSleepers(left) : -1;
        long deadline = System.nanoTime() + CLOSE_PATIENCE_NANOS;
        for (ScenarioThread t : all) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (int fd : left.keySet()) {
            LinuxSyscalls.close(fd);
        }
        if (kick >= 0) {
            LinuxSyscalls.close(kick);
        }
    }

    /**
     * Makes something happen for every call a scenario thread can be asleep in: a ready
     * eventfd joins each epoll instance (ep_insert wakes ep->wq), sockets are shut down (their
     * sk_state_change wakes poll, select, read and accept), eventfds are emptied and made
     * readable, and pipes are closed (the other end sees POLLHUP or POLLERR). Returns the
     * eventfd, which must stay open until the sleepers have collected it.
     */
    private int wakeSleepers(Map<Integer, Kind> fds) {
        Buffers b = mainBuffers;
        int kick = LinuxSyscalls.eventfd(1, LinuxSyscalls.EFD_NONBLOCK | LinuxSyscalls.EFD_CLOEXEC);
        for (Map.Entry<Integer, Kind> e : fds.entrySet()) {
            int fd = e.getKey();
            switch (e.getValue()) {
                case EPOLL -> {
                    if (kick >= 0) {
                        b.event.setInt(LinuxSyscalls.EPOLL_EVENT_EVENTS, Linux.EPOLLIN);
                        b.event.setLong(LinuxSyscalls.EPOLL_EVENT_DATA, -1);
                        LinuxSyscalls.epoll_ctl(fd, LinuxSyscalls.EPOLL_CTL_ADD, kick, b.event);
                    }
                }
                case SOCKET -> LinuxSyscalls.shutdown(fd, LinuxSyscalls.SHUT_RDWR);
                case EVENTFD -> {
                    // empty it (wakes writers), then make it readable (wakes readers)
                    LinuxSyscalls.read(fd, b.io, 8);
                    b.io.setLong(0, 1);
                    LinuxSyscalls.write(fd, b.io, 8);
                }
                case PIPE -> LinuxSyscalls.close(fd);
                default -> {
                    // regular files never sleep; an fd of unknown kind is closed with the rest
                }
            }
        }
        fds.values().removeIf(k -> k == Kind.PIPE);
        return kick;
    }

    // ---- the calls ----

    private static SyscallResult fail() {
        return SyscallResult.error(LinuxSyscalls.errno());
    }

    private static SyscallResult status(int r) {
        return r < 0 ? fail() : SyscallResult.ok(r);
    }

    /** Tracks a new fd, or closes it at once when the target has been closed meanwhile. */
    private SyscallResult newFd(int fd, Kind kind) {
        if (fd < 0) return fail();
        synchronized (opened) {
            if (closed) {
                LinuxSyscalls.close(fd);
                return SyscallResult.error(Linux.EBADF);
            }
            opened.put(fd, kind);
        }
        return SyscallResult.fd(fd);
    }

    private SyscallResult newPair(int r, int[] fds, Kind kind) {
        if (r < 0) return fail();
        synchronized (opened) {
            if (closed) {
                LinuxSyscalls.close(fds[0]);
                LinuxSyscalls.close(fds[1]);
                return SyscallResult.error(Linux.EBADF);
            }
            opened.put(fds[0], kind);
            opened.put(fds[1], kind);
        }
        return SyscallResult.twoFds(fds[0], fds[1]);
    }

    private Kind kindOf(int fd) {
        synchronized (opened) {
            return opened.getOrDefault(fd, Kind.UNKNOWN);
        }
    }

    /**
     * An fd number no process can have open: fd_install never hands out one at or above
     * fs.nr_open, whose largest value is below INT_MAX, so fdget() finds nothing there and the
     * kernel answers exactly as for a closed fd, in its own order of checks.
     */
    static final int NEVER_OPEN_FD = Integer.MAX_VALUE;

    /**
     * The invocation with every fd argument that is not one of this target's open fds replaced
     * by {@link #NEVER_OPEN_FD}. The scenario runs inside a JVM whose own files (jars, pipes,
     * its selectors' epoll fds) have numbers too: a raw number, or a name whose fd the scenario
     * closed and the JVM has since reused, must not read, write, close or re-register them. To
     * the scenario every such fd is closed, and so it is to the kernel now. Negative numbers are
     * never open and go as given; select's sets are left alone (a bit's place is its number,
     * and select only looks).
     */
    private Invocation ownFdsOnly(Invocation c) {
        CallSpec spec = CallSpec.of(c.call());
        if (spec == null) return c;
        List<Object> args = null;
        synchronized (opened) {
            for (int i = 0; i < c.argCount(); i++) {
                Object a = c.args().get(i);
                Object safe = a;
                CallSpec.Kind kind = i < spec.args().length ? spec.args()[i] : null;
                if (kind == CallSpec.Kind.FD && a instanceof Long fd) {
                    safe = owned(fd) ? a : (Object) (long) NEVER_OPEN_FD;
                } else if (kind == CallSpec.Kind.LIST && a instanceof List<?> list) {
                    List<Invocation.PollFd> entries = new ArrayList<>();
                    boolean changed = false;
                    for (Object o : list) {
                        Invocation.PollFd p = (Invocation.PollFd) o;
                        boolean ok = owned(p.fd());
                        entries.add(ok ? p : new Invocation.PollFd(NEVER_OPEN_FD, p.events()));
                        changed |= !ok;
                    }
                    safe = changed ? entries : a;
                }
                if (safe != a && args == null) args = new ArrayList<>(c.args());
                if (args != null) args.set(i, safe);
            }
        }
        return args == null ? c : new Invocation(c.call(), args, c.pos());
    }

    /** Negative (never open) or one of ours; call with {@link #opened} held. */
    private boolean owned(long fd) {
        assert Thread.holdsLock(opened);
        return fd < 0 || (fd <= Integer.MAX_VALUE && opened.containsKey((int) fd));
    }

    /** Runs one invocation on the calling thread, with that thread's buffers. */
    private SyscallResult execute(Buffers b, Invocation given) {
        Invocation c = ownFdsOnly(given);
        switch (c.call()) {
            case "socketpair": {
                int[] sv = new int[2];
                return newPair(LinuxSyscalls.socketpair(LinuxSyscalls.AF_UNIX,
                    LinuxSyscalls.SOCK_STREAM | LinuxSyscalls.SOCK_NONBLOCK | LinuxSyscalls.SOCK_CLOEXEC, 0, sv), sv, Kind.SOCKET);
            }
            case "pipe": {
                int[] fds = new int[2];
                return newPair(LinuxSyscalls.pipe2(fds, LinuxSyscalls.O_NONBLOCK | LinuxSyscalls.O_CLOEXEC), fds, Kind.PIPE);
            }
            case "eventfd":
                return newFd(LinuxSyscalls.eventfd((int) c.num(0), LinuxSyscalls.EFD_NONBLOCK | LinuxSyscalls.EFD_CLOEXEC), Kind.EVENTFD);
            case "file":
                return regularFile();
            case "listener":
                return listener(b);
            case "connect":
                return connect(b, c.fd(0));
            case "accept":
                return accept(b, c.fd(0));
            case "read":
                return read(b, c.fd(0), c.num(1));
            case "write":
                return c.isText(1) ? writeText(b, c.fd(0), c.text(1)) : writeXs(b, c.fd(0), c.num(1));
            case "fill":
                return fill(b, c.fd(0));
            case "drain":
                return drain(b, c.fd(0));
            case "shutdown":
                return shutdown(b, c.fd(0), (int) c.num(1));
            case "linger":
                b.linger.setInt(0, 1);
                b.linger.setInt(4, (int) c.num(1));
                return status(LinuxSyscalls.setsockopt(c.fd(0), LinuxSyscalls.SOL_SOCKET, LinuxSyscalls.SO_LINGER, b.linger, 8));
            case "close":
                return close(c.fd(0));
            case "dup":
                return newFd(LinuxSyscalls.dup(c.fd(0)), kindOf(c.fd(0)));
            case "epoll_create1":
                return newFd(LinuxSyscalls.epoll_create1((int) c.num(0)), Kind.EPOLL);
            case "epoll_create":
                return newFd(LinuxSyscalls.epoll_create((int) c.num(0)), Kind.EPOLL);
            case "epoll_ctl":
                b.event.setInt(LinuxSyscalls.EPOLL_EVENT_EVENTS, (int) c.num(3));
                b.event.setLong(LinuxSyscalls.EPOLL_EVENT_DATA, c.num(4));
                return status(LinuxSyscalls.epoll_ctl(c.fd(0), (int) c.num(1), c.fd(2), b.event));
            case "epoll_wait":
                return epollWait(b, c.fd(0), (int) c.num(1), (int) c.num(2));
            case "poll":
                return poll(b, c.pollFds(0), given.pollFds(0), (int) c.num(1));
            case "select":
                return select(b, c.select());
            case "sleep":
                return sleep(b, c.num(0));
            default:
                throw new IllegalArgumentException("the Linux target has no call '" + c.call() + "' (at " + c.pos()
                    + "); the calls are those of CallSpec");
        }
    }

    /** A regular file: mkstemp in the temp dir (O_RDWR|O_CREAT|O_EXCL), unlinked at once so that nothing is left behind. */
    private SyscallResult regularFile() {
        byte[] template = (System.getProperty("java.io.tmpdir") + "/pollscope-XXXXXX\0").getBytes(StandardCharsets.UTF_8);
        int fd = LinuxSyscalls.mkstemp(template);
        if (fd < 0) return fail();
        LinuxSyscalls.unlink(new String(template, 0, template.length - 1, StandardCharsets.UTF_8));
        return newFd(fd, Kind.REGULAR);
    }

    private SyscallResult close(int fd) {
        int r = LinuxSyscalls.close(fd);
        int e = r < 0 ? LinuxSyscalls.errno() : 0;
        // Linux frees the fd even when close reports EINTR or EIO; only EBADF means it was not open
        if (r == 0 || e != Linux.EBADF) {
            synchronized (opened) {
                opened.remove(fd);
            }
        }
        return r < 0 ? SyscallResult.error(e) : SyscallResult.ok(r);
    }

    /**
     * read(fd, buf, n). A negative n goes to the kernel as the huge size_t it is in C, which
     * vfs_read refuses (access_ok: EFAULT) before it reads anything; a positive n above
     * {@link #IO_CAP} reads at most IO_CAP bytes.
     */
    private static SyscallResult read(Buffers b, int fd, long n) {
        long count = n < 0 ? n : Math.min(n, IO_CAP);
        Memory buf = b.io(Math.max(1, count));
        long r = LinuxSyscalls.read(fd, buf, count);
        return r < 0 ? fail() : SyscallResult.bytes(buf.getByteArray(0, (int) r));
    }

    /** write(fd, "text"): one byte per character, as the model does. */
    private static SyscallResult writeText(Buffers b, int fd, String text) {
        byte[] data = text.getBytes(StandardCharsets.ISO_8859_1);
        Memory buf = b.io(Math.max(1, data.length));
        buf.write(0, data, 0, data.length);
        long r = LinuxSyscalls.write(fd, buf, data.length);
        return r < 0 ? fail() : SyscallResult.ok(r);
    }

    /** write(fd, n): n bytes of 'x' (n clamped to 0..IO_CAP, as the model clamps it). */
    private static SyscallResult writeXs(Buffers b, int fd, long n) {
        long count = Math.max(0, Math.min(n, IO_CAP));
        Memory buf = b.xs;
        if (count > buf.size()) {
            buf = b.io(count);
            buf.setMemory(0, count, (byte) 'x');
        }
        long r = LinuxSyscalls.write(fd, buf, count);
        return r < 0 ? fail() : SyscallResult.ok(r);
    }

    /**
     * Writes 64 KiB chunks, then halving down to one byte, until EAGAIN (or {@link Kernel#FILL_LIMIT}
     * bytes, for a regular file); the same loop as the model's, so that the totals compare.
     */
    private static SyscallResult fill(Buffers b, int fd) {
        long total = 0;
        int chunk = 65536;
        while (chunk >= 1 && total < Kernel.FILL_LIMIT) {
            long r = LinuxSyscalls.write(fd, b.xs, chunk);
            if (r < 0) {
                int e = LinuxSyscalls.errno();
                if (e != Linux.EAGAIN) return total > 0 ? SyscallResult.ok(total) : SyscallResult.error(e);
                chunk /= 2;
            } else {
                total += r;
                if (r < chunk) chunk /= 2;
            }
        }
        return SyscallResult.ok(total);
    }

    /** Reads 64 KiB at a time until EAGAIN or end of file. */
    private static SyscallResult drain(Buffers b, int fd) {
        long total = 0;
        Memory buf = b.io(65536);
        while (true) {
            long r = LinuxSyscalls.read(fd, buf, 65536);
            if (r < 0) {
                int e = LinuxSyscalls.errno();
                return total > 0 || e == Linux.EAGAIN ? SyscallResult.ok(total) : SyscallResult.error(e);
            }
            if (r == 0) return SyscallResult.ok(total);
            total += r;
        }
    }

    /** socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK), bind 127.0.0.1 port 0 (any free port; loopback only), listen 128. */
    private SyscallResult listener(Buffers b) {
        int fd = LinuxSyscalls.socket(LinuxSyscalls.AF_INET,
            LinuxSyscalls.SOCK_STREAM | LinuxSyscalls.SOCK_NONBLOCK | LinuxSyscalls.SOCK_CLOEXEC, 0);
        if (fd < 0) return fail();
        Memory sa = b.sockaddr;
        sa.clear();
        sa.setShort(LinuxSyscalls.SOCKADDR_IN_FAMILY, (short) LinuxSyscalls.AF_INET);
        sa.setShort(LinuxSyscalls.SOCKADDR_IN_PORT, (short) 0);
        sa.write(LinuxSyscalls.SOCKADDR_IN_ADDR, new byte[] {127, 0, 0, 1}, 0, 4);
        if (noDelay(b, fd) < 0 || LinuxSyscalls.bind(fd, sa, LinuxSyscalls.SOCKADDR_IN_SIZE) < 0
            || LinuxSyscalls.listen(fd, 128) < 0) {
            int e = LinuxSyscalls.errno();
            LinuxSyscalls.close(fd);
            return SyscallResult.error(e);
        }
        return newFd(fd, Kind.SOCKET);
    }

    /**
     * A client of the port listener {@code l} is bound to: a blocking connect (so that a refusal
     * is the kernel's own errno), bounded by SO_SNDTIMEO, then O_NONBLOCK like every other fd.
     */
    private SyscallResult connect(Buffers b, int l) {
        Memory sa = b.sockaddr;
        sa.clear();
        b.socklen.setInt(0, LinuxSyscalls.SOCKADDR_IN_SIZE);
        if (LinuxSyscalls.getsockname(l, sa, b.socklen) < 0) return fail();
        if (sa.getShort(LinuxSyscalls.SOCKADDR_IN_FAMILY) != LinuxSyscalls.AF_INET) {
            // a unix socket: nothing listens at an address a TCP client could reach (the model says the same)
            return SyscallResult.error(Linux.ECONNREFUSED);
        }
        int fd = LinuxSyscalls.socket(LinuxSyscalls.AF_INET, LinuxSyscalls.SOCK_STREAM | LinuxSyscalls.SOCK_CLOEXEC, 0);
        if (fd < 0) return fail();
        setSendTimeout(b, fd, CONNECT_PATIENCE_SECONDS);
        if (noDelay(b, fd) < 0 || LinuxSyscalls.connect(fd, sa, LinuxSyscalls.SOCKADDR_IN_SIZE) < 0) {
            int e = LinuxSyscalls.errno();
            LinuxSyscalls.close(fd);
            return SyscallResult.error(e);
        }
        setSendTimeout(b, fd, 0);
        int flags = LinuxSyscalls.fcntl(fd, LinuxSyscalls.F_GETFL, 0);
        if (flags < 0 || LinuxSyscalls.fcntl(fd, LinuxSyscalls.F_SETFL, flags | LinuxSyscalls.O_NONBLOCK) < 0) {
            int e = LinuxSyscalls.errno();
            LinuxSyscalls.close(fd);
            return SyscallResult.error(e);
        }
        return newFd(fd, Kind.SOCKET);
    }

    /**
     * shutdown(fd, how); for a TCP socket that sent a FIN, it returns once the FIN is acknowledged.
     * The peer does not acknowledge a FIN at once: {@code tcp_fin} puts it in pingpong mode, so
     * {@code __tcp_ack_snd_check} delays the ACK (from a few ms on a fresh connection to
     * TCP_DELACK_MIN, 40 ms, once data came), and the ACK, when it comes, moves this socket from
     * FIN_WAIT1 to FIN_WAIT2 with an {@code sk_state_change} that wakes its waiters again. So that
     * wakeup comes at a moment that depends on time; waiting for it here makes it part of the
     * shutdown, as the model has it (docs/scenario-language.md). The wait is bounded: a FIN held
     * behind data the peer has no room for stays unacknowledged.
     */
    private SyscallResult shutdown(Buffers b, int fd, int how) {
        int r = LinuxSyscalls.shutdown(fd, how);
        if (r < 0) return fail();
        if (how == LinuxSyscalls.SHUT_WR || how == LinuxSyscalls.SHUT_RDWR) {
            long deadline = System.nanoTime() + FIN_ACK_PATIENCE_NANOS;
            while (tcpState(b, fd) == LinuxSyscalls.TCP_FIN_WAIT1 && System.nanoTime() - deadline < 0) {
                b.request.setLong(LinuxSyscalls.TIMESPEC_SEC, 0);
                b.request.setLong(LinuxSyscalls.TIMESPEC_NSEC, 200_000);
                LinuxSyscalls.nanosleep(b.request, b.remain);
            }
        }
        return SyscallResult.ok(r);
    }

    /** tcpi_state of TCP_INFO, or -1 when fd is not a TCP socket. */
    private static int tcpState(Buffers b, int fd) {
        b.tcpInfo.setByte(0, (byte) -1);
        b.socklen.setInt(0, 8);
        if (LinuxSyscalls.getsockopt(fd, LinuxSyscalls.IPPROTO_TCP, LinuxSyscalls.TCP_INFO, b.tcpInfo, b.socklen) < 0) return -1;
        return b.tcpInfo.getByte(0) & 0xff;
    }

    /**
     * accept4(l, NULL, NULL, SOCK_NONBLOCK|SOCK_CLOEXEC). The new socket is a clone of the
     * listener (sk_clone_lock copies tp->nonagle), so it has TCP_NODELAY already; it is set
     * again so that the scenario's promise does not rest on that.
     */
    private SyscallResult accept(Buffers b, int l) {
        int fd = LinuxSyscalls.accept4(l, Pointer.NULL, Pointer.NULL, LinuxSyscalls.SOCK_NONBLOCK | LinuxSyscalls.SOCK_CLOEXEC);
        if (fd < 0) return fail();
        if (noDelay(b, fd) < 0) {
            int e = LinuxSyscalls.errno();
            LinuxSyscalls.close(fd);
            return SyscallResult.error(e);
        }
        return newFd(fd, Kind.SOCKET);
    }

    /**
     * TCP_NODELAY: Nagle's algorithm off (tcp_nagle_test passes at once), so a small write goes
     * out even while an earlier small segment waits for a delayed ACK, as the model sends it.
     * Every TCP socket of a scenario has it (docs/scenario-language.md).
     */
    private static int noDelay(Buffers b, int fd) {
        b.option.setInt(0, 1);
        return LinuxSyscalls.setsockopt(fd, LinuxSyscalls.IPPROTO_TCP, LinuxSyscalls.TCP_NODELAY, b.option, 4);
    }

    private static void setSendTimeout(Buffers b, int fd, int seconds) {
        b.timeval.setLong(LinuxSyscalls.TIMEVAL_SEC, seconds);
        b.timeval.setLong(LinuxSyscalls.TIMEVAL_USEC, 0);
        LinuxSyscalls.setsockopt(fd, LinuxSyscalls.SOL_SOCKET, LinuxSyscalls.SO_SNDTIMEO, b.timeval, LinuxSyscalls.TIMEVAL_SIZE);
    }

    /**
     * epoll_wait with maxevents as given, so that the kernel judges it (EINVAL for 0, negative or
     * above EP_MAX_EVENTS), into a buffer of at least one entry and at most {@link #eventsCap}:
     * the kernel writes one entry per ready registration, never more than there are.
     */
    private SyscallResult epollWait(Buffers b, int ep, int maxevents, int timeout) {
        int entries = Math.max(1, Math.min(maxevents, eventsCap));
        Memory ev = b.events(entries);
        int n;
        long end = endOf(timeout);
        do {
            n = LinuxSyscalls.epoll_wait(ep, ev, maxevents, slice(timeout, end));
        } while (n == 0 && more(timeout, end));
        if (n < 0) return fail();
        assert n <= entries : "epoll_wait wrote " + n + " events into a buffer of " + entries;
        List<SyscallResult.Ready> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long off = (long) i * LinuxSyscalls.EPOLL_EVENT_SIZE;
            out.add(new SyscallResult.Ready(ev.getLong(off + LinuxSyscalls.EPOLL_EVENT_DATA),
                ev.getInt(off + LinuxSyscalls.EPOLL_EVENT_EVENTS)));
        }
        return SyscallResult.events(out);
    }

    /**
     * poll: one Ready(fd, revents) per entry with revents, in the order of the list, keyed by
     * the fd the scenario gave ({@code asGiven}), whatever {@code list} passed instead.
     */
    private SyscallResult poll(Buffers b, List<Invocation.PollFd> list, List<Invocation.PollFd> asGiven, int timeout) {
        Memory p = b.pollfds(list.size());
        for (int i = 0; i < list.size(); i++) {
            long off = (long) i * LinuxSyscalls.POLLFD_SIZE;
            p.setInt(off + LinuxSyscalls.POLLFD_FD, list.get(i).fd());
            p.setShort(off + LinuxSyscalls.POLLFD_EVENTS, list.get(i).events());
            p.setShort(off + LinuxSyscalls.POLLFD_REVENTS, (short) 0);
        }
        int n;
        long end = endOf(timeout);
        do {
            n = LinuxSyscalls.poll(p, list.size(), slice(timeout, end)); // revents are the kernel's to write on each call
        } while (n == 0 && more(timeout, end));
        if (n < 0) return fail();
        List<SyscallResult.Ready> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            short rev = p.getShort((long) i * LinuxSyscalls.POLLFD_SIZE + LinuxSyscalls.POLLFD_REVENTS);
            if (rev != 0) out.add(new SyscallResult.Ready(asGiven.get(i).fd(), rev & 0xffff));
        }
        return SyscallResult.events(n, out);
    }

    /**
     * select: nfds as given, or the highest fd in the sets + 1 (0 when they are empty); a
     * timeout of -1 is NULL, any other value a timeval (a negative one is the kernel's to
     * refuse). The result counts set bits; the events are one Ready(fd, READ|WRITE|EXCEPT) per
     * fd with any bit, by ascending fd.
     */
    private SyscallResult select(Buffers b, Invocation.SelectSets s) {
        int[][] sets = {s.read(), s.write(), s.except()};
        int max = -1;
        for (int[] set : sets) {
            for (int fd : set) max = Math.max(max, fd);
        }
        long nfds = s.nfds() == Invocation.SelectSets.DEFAULT_NFDS ? max + 1 : s.nfds();
        // room for every fd in the sets and for every bit the kernel may read or write back
        long bits = Math.max(Linux.FD_SETSIZE, Math.max(max + 1L, Math.min(nfds, fdSetBitsCap)));
        int words = (int) ((bits + LinuxSyscalls.FD_SET_WORD_BITS - 1) / LinuxSyscalls.FD_SET_WORD_BITS);
        Memory[] mem = {b.fdset(0, words), b.fdset(1, words), b.fdset(2, words)};
        long end = endOf(s.timeoutMs());
        int n;
        do {
            // on a timeout the kernel clears the sets: each slice fills them again
            for (int k = 0; k < 3; k++) {
                mem[k].clear();
                for (int fd : sets[k]) {
                    if (fd >= 0) { // an fd_set has no place for a negative fd (FD_SET would write outside it)
                        long off = (long) (fd / LinuxSyscalls.FD_SET_WORD_BITS) * LinuxSyscalls.FD_SET_WORD_BYTES;
                        mem[k].setLong(off, mem[k].getLong(off) | (1L << (fd % LinuxSyscalls.FD_SET_WORD_BITS)));
                    }
                }
            }
            Pointer tv = Pointer.NULL;
            long ms = s.timeoutMs() < -1 ? s.timeoutMs() : slice(s.timeoutMs(), end); // below -1: the kernel's EINVAL
            if (ms != -1) {
                b.timeval.setLong(LinuxSyscalls.TIMEVAL_SEC, ms / 1000);
                b.timeval.setLong(LinuxSyscalls.TIMEVAL_USEC, (ms % 1000) * 1000);
                tv = b.timeval;
            }
            n = LinuxSyscalls.select((int) nfds, mem[0], mem[1], mem[2], tv);
        } while (n == 0 && s.timeoutMs() >= -1 && more(s.timeoutMs(), end));
        if (n < 0) return fail();
        // the kernel writes back the bits below nfds only; bits above it are still our input
        long top = Math.min(nfds, (long) words * LinuxSyscalls.FD_SET_WORD_BITS);
        int[] masks = {Linux.SELECT_READ, Linux.SELECT_WRITE, Linux.SELECT_EXCEPT};
        List<SyscallResult.Ready> out = new ArrayList<>();
        for (int fd = 0; fd < top; fd++) {
            long off = (long) (fd / LinuxSyscalls.FD_SET_WORD_BITS) * LinuxSyscalls.FD_SET_WORD_BYTES;
            long bit = 1L << (fd % LinuxSyscalls.FD_SET_WORD_BITS);
            int m = 0;
            for (int k = 0; k < 3; k++) {
                if ((mem[k].getLong(off) & bit) != 0) m |= masks[k];
            }
            if (m != 0) out.add(new SyscallResult.Ready(fd, m));
        }
        return SyscallResult.events(n, out);
    }

    /**
     * sleep(ms): nanosleep, resumed with the time left when a signal interrupts it; a sleep over
     * {@link #SLICE_MS} is made in slices, and ends early once the target is closed.
     */
    private SyscallResult sleep(Buffers b, long ms) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        long left = ms;
        while (left > 0 && !closed) {
            long now = Math.min(left, SLICE_MS);
            b.request.setLong(LinuxSyscalls.TIMESPEC_SEC, now / 1000);
            b.request.setLong(LinuxSyscalls.TIMESPEC_NSEC, (now % 1000) * 1_000_000);
            while (LinuxSyscalls.nanosleep(b.request, b.remain) < 0) {
                int e = LinuxSyscalls.errno();
                if (e != Linux.EINTR) return SyscallResult.error(e);
                b.request.write(0, b.remain.getByteArray(0, LinuxSyscalls.TIMESPEC_SIZE), 0, LinuxSyscalls.TIMESPEC_SIZE);
            }
            left = left <= SLICE_MS ? 0 : TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
        }
        return SyscallResult.ok(0);
    }

    // A wait over SLICE_MS (or with no timeout) is made as waits of SLICE_MS at most, each made
    // again while it times out with time left: poll, select and a level-triggered epoll report
    // the same readiness again, and an edge stays on the ready list until collected
    // (ep_poll only removes what it reports), so a slice loses nothing, and close() ends it.

    /** When a wait of {@code timeoutMs} ends, in System.nanoTime; unused when it has none. */
    private static long endOf(long timeoutMs) {
        return timeoutMs > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs) : 0;
    }

    /** The timeout of the next slice: a slice for none (a negative one), the whole timeout when short, else a slice or what is left. */
    private static int slice(long timeoutMs, long end) {
        if (timeoutMs < 0) return SLICE_MS;
        if (timeoutMs <= SLICE_MS) return (int) timeoutMs;
        long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
        return (int) Math.max(0, Math.min(SLICE_MS, left));
    }

    /** Whether a wait whose slice timed out goes on: it had no timeout or time is left, and the target is open. */
    private boolean more(long timeoutMs, long end) {
        if (closed) return false;
        if (timeoutMs < 0) return true;
        return timeoutMs > SLICE_MS && end - System.nanoTime() > 0;
    }
}
