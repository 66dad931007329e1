package org.pollscope.probe;

import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.pollscope.kernel.Linux;

/**
 * The benchmark of libevent's {@code test/bench.c} on the real kernel: N socketpairs (or
 * pipes) are watched for reading, A of them are made active by one byte each, and every
 * byte read passes one more write on to the next descriptor until W writes have been made.
 * The timed loop runs until every byte written has been read; its time divided by A + W is
 * the per-event time. Setup (registering with epoll_ctl, or building the fd_set / pollfd
 * array) is timed apart, since epoll pays it once where select and poll pay it on every call.
 *
 * <p>Buffers are preallocated native memory; the same JNA binding the scenarios use. The timed
 * loop makes no native call but the system calls themselves: the struct arrays (epoll_event,
 * pollfd, fd_set) are read and written through {@link LinuxSyscalls#view direct buffer views}
 * of that memory (a JNA {@code Memory.getShort} would be one JNI call per pollfd, 8,000 per
 * poll at N = 8,000), and every buffer is passed to the kernel by its address, taken once, so
 * that JNA converts nothing per call. Nothing is allocated in the loop. This is what keeps the
 * Java loop close to bench.c's ({@link CBench}, {@code pollscope bench --c}).
 */
public final class Bench {

    /** The four ways of waiting. */
    public enum Method {
        SELECT("select"), POLL("poll"), EPOLL_LT("epoll-lt"), EPOLL_ET("epoll-et");

        public final String label;

        Method(String label) {
            this.label = label;
        }

        public static Method of(String label) {
            for (Method m : values()) if (m.label.equals(label)) return m;
            return null;
        }
    }

    /** One row of results: per-event times in microseconds over the runs. */
    public record Row(Method method, int fds, int active, int writes, int runs,
                      double perEventMedian, double perEventP95, double setupMedian, boolean c) {
        public Row(Method method, int fds, int active, int writes, int runs, double perEventMedian, double perEventP95,
                   double setupMedian) {
            this(method, fds, active, writes, runs, perEventMedian, perEventP95, setupMedian, false);
        }

        /** The same row, measured by the C twin. */
        public Row asC() {
            return new Row(method, fds, active, writes, runs, perEventMedian, perEventP95, setupMedian, true);
        }

        /** The method's name, "c-" in front for the C twin. */
        public String label() {
            return (c ? "c-" : "") + method.label;
        }

        public String csv() {
            return String.format(java.util.Locale.ROOT, "%s,%d,%d,%d,%d,%.4f,%.4f,%.2f", label(), fds, active, writes,
                runs, perEventMedian, perEventP95, setupMedian);
        }
    }

    /** The most epoll events taken by one epoll_wait (bench.c's array, which grows to it from 64). */
    private static final int MAX_EVENTS = 4096;

    private final boolean pipes;
    private final int[] readFd;
    private final int[] writeFd;
    private final int n;
    /** The highest read fd: select's nfds is one more. */
    private final int maxFd;
    // native memory, each with its address (passed to the kernel) and, for struct arrays, a view (read by the loop)
    private final Memory one = new Memory(1);
    private final long oneAddress = LinuxSyscalls.address(one);
    private final Memory sink = new Memory(64);
    private final long sinkAddress = LinuxSyscalls.address(sink);
    private final Memory events = new Memory((long) MAX_EVENTS * LinuxSyscalls.EPOLL_EVENT_SIZE);
    private final long eventsAddress = LinuxSyscalls.address(events);
    private final ByteBuffer eventsView = LinuxSyscalls.view(events);
    /** How many events epoll_wait may return now: doubled each time it fills them all, up to MAX_EVENTS. */
    private int maxEvents = 64;
    private final Memory pfds;
    private final long pfdsAddress;
    private final ByteBuffer pfdsView;
    private final int fdsetBytes;
    private final ByteBuffer fdsetTemplateView;
    private final Memory fdset;
    private final long fdsetAddress;
    private final ByteBuffer fdsetView;
    private final Memory timeval = new Memory(LinuxSyscalls.TIMEVAL_SIZE);
    private final long timevalAddress = LinuxSyscalls.address(timeval);
    private final ByteBuffer timevalView = LinuxSyscalls.view(timeval);
    private final Memory ctlEvent = new Memory(16);
    private final long ctlEventAddress = LinuxSyscalls.address(ctlEvent);
    private final ByteBuffer ctlEventView = LinuxSyscalls.view(ctlEvent);
    // the state of one timed loop
    private long count;
    private long fired;
    private long writesLeft;

    /** Opens N socketpairs (or pipes), non-blocking. */
    public Bench(int n, boolean pipes) {
        if (LinuxSyscalls.UNAVAILABLE != null) throw new IllegalStateException(LinuxSyscalls.UNAVAILABLE);
        this.n = n;
        this.pipes = pipes;
        readFd = new int[n];
        writeFd = new int[n];
        int[] two = new int[2];
        for (int i = 0; i < n; i++) {
            int r = pipes ? LinuxSyscalls.pipe2(two, LinuxSyscalls.O_NONBLOCK | LinuxSyscalls.O_CLOEXEC)
                : LinuxSyscalls.socketpair(LinuxSyscalls.AF_UNIX,
                LinuxSyscalls.SOCK_STREAM | LinuxSyscalls.SOCK_NONBLOCK | LinuxSyscalls.SOCK_CLOEXEC, 0, two);
            if (r < 0) {
                int e = LinuxSyscalls.errno();
                close(i);
                throw new IllegalStateException((pipes ? "pipe2" : "socketpair") + " number " + (i + 1) + " of " + n
                    + " failed: " + Linux.errnoName(e) + (e == Linux.EMFILE ? " (the fd limit is too low: raise 'ulimit -n')" : ""));
            }
            readFd[i] = two[0];
            writeFd[i] = two[1];
        }
        one.setByte(0, (byte) 'e');
        pfds = new Memory((long) n * LinuxSyscalls.POLLFD_SIZE);
        pfdsAddress = LinuxSyscalls.address(pfds);
        pfdsView = LinuxSyscalls.view(pfds);
        maxFd = Arrays.stream(readFd).max().orElse(0);
        fdsetBytes = (maxFd / LinuxSyscalls.FD_SET_WORD_BITS + 1) * LinuxSyscalls.FD_SET_WORD_BYTES;
        fdsetTemplateView = LinuxSyscalls.view(new Memory(fdsetBytes));
        fdset = new Memory(fdsetBytes);
        fdsetAddress = LinuxSyscalls.address(fdset);
        fdsetView = LinuxSyscalls.view(fdset);
    }

    private void close(int upTo) {
        for (int i = 0; i < upTo; i++) {
            LinuxSyscalls.close(readFd[i]);
            LinuxSyscalls.close(writeFd[i]);
        }
    }

    /** Closes every descriptor. */
    public void close() {
        close(n);
    }

    /** The highest fd in use: select can watch only fds below FD_SETSIZE. */
    public int maxFd() {
        return maxFd;
    }

    /** read_cb of bench.c: read the byte; pass a write on while writes are left. */
    private void readCb(int idx) {
        long r = LinuxSyscalls.read(readFd[idx], sinkAddress, 64);
        if (r > 0) count += r;
        if (writesLeft > 0) {
            int widx = idx + 1;
            if (widx >= n) widx -= n;
            LinuxSyscalls.write(writeFd[widx], oneAddress, 1);
            writesLeft--;
            fired++;
        }
    }

    /** One run: setup and timed loop, in nanoseconds. */
    private long[] runOnce(Method m, int active, int writes) {
        long setup0 = System.nanoTime();
        int ep = -1;
        switch (m) {
            case EPOLL_LT, EPOLL_ET -> {
                ep = LinuxSyscalls.epoll_create1(LinuxSyscalls.EPOLL_CLOEXEC_FLAG);
                int flags = Linux.EPOLLIN | (m == Method.EPOLL_ET ? Linux.EPOLLET : 0);
                for (int i = 0; i < n; i++) {
                    ctlEventView.putInt(LinuxSyscalls.EPOLL_EVENT_EVENTS, flags);
                    ctlEventView.putLong(LinuxSyscalls.EPOLL_EVENT_DATA, i);
                    LinuxSyscalls.epoll_ctl(ep, Linux.EPOLL_CTL_ADD, readFd[i], ctlEventAddress);
                }
            }
            case POLL -> {
                for (int i = 0; i < n; i++) {
                    int off = i * LinuxSyscalls.POLLFD_SIZE;
                    pfdsView.putInt(off + LinuxSyscalls.POLLFD_FD, readFd[i]);
                    pfdsView.putShort(off + LinuxSyscalls.POLLFD_EVENTS, (short) Linux.EPOLLIN);
                    pfdsView.putShort(off + LinuxSyscalls.POLLFD_REVENTS, (short) 0);
                }
            }
            case SELECT -> {
                for (int off = 0; off < fdsetBytes; off += LinuxSyscalls.FD_SET_WORD_BYTES) fdsetTemplateView.putLong(off, 0);
                for (int i = 0; i < n; i++) {
                    int off = wordOffset(readFd[i]);
                    fdsetTemplateView.putLong(off, fdsetTemplateView.getLong(off) | (1L << readFd[i]));
                }
            }
        }
        long setup = System.nanoTime() - setup0;
        // the first active bytes, spread over the descriptors as bench.c spreads them
        fired = 0;
        int space = Math.max(1, n / active) * 2;
        for (int i = 0; i < active; i++, fired++) {
            LinuxSyscalls.write(writeFd[(int) (((long) i * space / 2) % n)], oneAddress, 1);
        }
        count = 0;
        writesLeft = writes;
        long t0 = System.nanoTime();
        do {
            loopOnce(m, ep);
        } while (count != fired);
        long loop = System.nanoTime() - t0;
        if (ep >= 0) LinuxSyscalls.close(ep);
        return new long[] {setup, loop};
    }

    /** The byte offset in an fd_set of the word that holds fd's bit (bit fd % 64, which {@code 1L << fd} picks). */
    private static int wordOffset(int fd) {
        return (fd / LinuxSyscalls.FD_SET_WORD_BITS) * LinuxSyscalls.FD_SET_WORD_BYTES;
    }

    /** One non-blocking pass of the event loop (EVLOOP_ONCE | EVLOOP_NONBLOCK). */
    private void loopOnce(Method m, int ep) {
        switch (m) {
            case EPOLL_LT, EPOLL_ET -> {
                int k = LinuxSyscalls.epoll_wait(ep, eventsAddress, maxEvents, 0);
                for (int i = 0; i < k; i++) {
                    int idx = (int) eventsView.getLong(i * LinuxSyscalls.EPOLL_EVENT_SIZE + LinuxSyscalls.EPOLL_EVENT_DATA);
                    readCb(idx);
                    if (m == Method.EPOLL_ET) {
                        // edge-triggered done right: read until EAGAIN
                        while (LinuxSyscalls.read(readFd[idx], sinkAddress, 64) > 0) {
                            count++;
                        }
                    }
                }
                if (k == maxEvents && maxEvents < MAX_EVENTS) maxEvents *= 2;
            }
            case POLL -> {
                int k = LinuxSyscalls.poll(pfdsAddress, n, 0);
                for (int i = 0; i < n && k > 0; i++) {
                    if (pfdsView.getShort(i * LinuxSyscalls.POLLFD_SIZE + LinuxSyscalls.POLLFD_REVENTS) != 0) {
                        k--;
                        readCb(i);
                    }
                }
            }
            case SELECT -> {
                // select overwrites the set with the ready fds: start each call from the full one
                fdsetView.put(0, fdsetTemplateView, 0, fdsetBytes);
                timevalView.putLong(LinuxSyscalls.TIMEVAL_SEC, 0).putLong(LinuxSyscalls.TIMEVAL_USEC, 0);
                int k = LinuxSyscalls.select(maxFd + 1, fdsetAddress, 0, 0, timevalAddress);
                for (int i = 0; i < n && k > 0; i++) {
                    int fd = readFd[i];
                    if ((fdsetView.getLong(wordOffset(fd)) & (1L << fd)) != 0) {
                        k--;
                        readCb(i);
                    }
                }
            }
        }
    }

    /**
     * Events passed through the loop, untimed, before a method's measured runs: enough for the
     * JIT to have compiled the loop (HotSpot's C2 compiles a method after some 10,000 calls or
     * loop back-edges; until then the first runs, interpreted, measure the interpreter: at
     * N = 8,000 poll's first run took six times its later ones). bench.c, compiled ahead, needs none.
     */
    public static final int WARM_UP_EVENTS = 20_000;

    /** Runs one method untimed until {@link #WARM_UP_EVENTS} events have passed, then {@code runs} times timed, and summarises. */
    public Row measure(Method m, int active, int writes, int runs, Consumer<Integer> afterRun) {
        long warmed = 0;
        do {
            runOnce(m, active, writes);
            warmed += active + writes;
        } while (warmed < WARM_UP_EVENTS);
        double[] perEvent = new double[runs];
        double[] setup = new double[runs];
        for (int r = 0; r < runs; r++) {
            long[] t = runOnce(m, active, writes);
            setup[r] = t[0] / 1000.0;
            perEvent[r] = t[1] / 1000.0 / (active + writes);
            if (afterRun != null) afterRun.accept(r + 1);
        }
        Arrays.sort(perEvent);
        Arrays.sort(setup);
        return new Row(m, n, active, writes, runs, quantile(perEvent, 0.5), quantile(perEvent, 0.95), quantile(setup, 0.5));
    }

    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /**
     * Raises RLIMIT_NOFILE's soft limit to its hard limit and returns {soft before, hard}.
     */
    public static long[] raiseFdLimit() {
        Memory rl = new Memory(16);
        if (LinuxSyscalls.getrlimit(LinuxSyscalls.RLIMIT_NOFILE, rl) < 0) return new long[] {-1, -1};
        long soft = rl.getLong(0);
        long hard = rl.getLong(8);
        if (soft < hard) {
            rl.setLong(0, hard);
            LinuxSyscalls.setrlimit(LinuxSyscalls.RLIMIT_NOFILE, rl);
        }
        return new long[] {soft, hard};
    }

    /** How many descriptors the process has open now. */
    public static int openFds() {
        String[] l = new java.io.File("/proc/self/fd").list();
        return l == null ? 0 : l.length;
    }

    /** The methods that can run at this N (select only below FD_SETSIZE), with the reason for any left out. */
    public static List<String> notes(List<Method> methods, Bench b) {
        List<String> out = new ArrayList<>();
        if (methods.contains(Method.SELECT) && b.maxFd() >= Linux.FD_SETSIZE) {
            out.add("select left out at N=" + b.n + ": fd " + b.maxFd() + " is not below FD_SETSIZE (" + Linux.FD_SETSIZE + ")");
        }
        return out;
    }
}
