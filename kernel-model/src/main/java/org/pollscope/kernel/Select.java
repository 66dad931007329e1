package org.pollscope.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * {@code fs/select.c}: select(2) and poll(2) the way the kernel does them. Copy the sets in,
 * visit every fd and call its {@code f_op->poll} with a poll table that hooks the caller on
 * the file's wait queue ({@code __pollwait}); if nothing is ready, sleep until a
 * {@code pollwake} or the timeout; then visit every fd again (no more hooking), and copy the
 * results out. The hooks stay on the wait queues until the call returns
 * ({@code poll_freewait}). The cost is O(n) per call, every call.
 */
final class Select {
    private Select() {}

    /**
     * POLLIN_SET, POLLOUT_SET, POLLEX_SET of fs/select.c. Each has EPOLLNVAL: an fd closed while
     * select sleeps (select_poll_one returns EPOLLNVAL) is reported in every set it is in.
     */
    static final int POLLIN_SET = Linux.EPOLLRDNORM | Linux.EPOLLRDBAND | Linux.EPOLLIN | Linux.EPOLLHUP | Linux.EPOLLERR
        | Linux.POLLNVAL;
    static final int POLLOUT_SET = Linux.EPOLLWRBAND | Linux.EPOLLWRNORM | Linux.EPOLLOUT | Linux.EPOLLERR | Linux.POLLNVAL;
    static final int POLLEX_SET = Linux.EPOLLPRI | Linux.POLLNVAL;

    /** {@code struct poll_wqueues}: the entries a call hooked, and whether one was triggered. */
    private static final class PollWqueues {
        final Kernel k;
        final SimThread t;
        final String call;
        final List<WaitQueue.Entry> entries = new ArrayList<>();
        final List<OpenFile> held = new ArrayList<>();
        boolean triggered;

        /** the name of every entry this table hooks (one string for all of a call's fds) */
        final String entryName;

        PollWqueues(Kernel k, SimThread t, String call) {
            this.k = k;
            this.t = t;
            this.call = call;
            this.entryName = "pollwake T" + t.tid + " (" + call + ")";
        }

        /** {@code __pollwait}: hook a {@code pollwake} entry that remembers the key it waits for. */
        PollTable table(int key) {
            return new PollTable((file, head, pt) -> {
                int want = pt.key;
                WaitQueue.Entry e = new WaitQueue.Entry(entryName, (entry, wakeKey) -> {
                    // pollwake: ignore wake-ups for events this fd was not polled for
                    if (wakeKey != 0 && (wakeKey & want) == 0) {
                        if (k.tracing()) k.emit(new TraceEvent.Callback(k.now(), k.currentTid(), "pollwake", head.name(), "T" + t.tid, wakeKey, false));
                        return 0;
                    }
                    triggered = true;
                    if (k.tracing()) k.emit(new TraceEvent.Callback(k.now(), k.currentTid(), "pollwake", head.name(), "T" + t.tid, wakeKey, true));
                    return k.wake(t, "pollwake on " + head.name());
                });
                file.get(); // the entry holds the file (get_file in __pollwait)
                held.add(file);
                head.add(e);
                entries.add(e);
            }, key);
        }

        /** {@code poll_freewait}. */
        void free() {
            for (WaitQueue.Entry e : entries) {
                if (e.queue != null) e.queue.remove(e);
            }
            entries.clear();
            for (OpenFile f : held) f.put();
            held.clear();
        }
    }

    /** A call that visits, sleeps and visits again. */
    private abstract static class ScanningCall implements Syscall {
        final Kernel k;
        final long timeoutMs;
        PollWqueues table;
        boolean started;
        boolean timedOut;
        Kernel.Timer timer;

        ScanningCall(Kernel k, long timeoutMs) {
            this.k = k;
            this.timeoutMs = timeoutMs;
        }

        /** Checks and copies in; returns an outcome to fail at once, or null to go on. */
        abstract SyscallResult enter(SimThread t);

        /** Visits every fd; {@code pt} hooks only on the first pass. Returns the count of ready. */
        abstract int scan(SimThread t, PollTable pt);

        /** Copies out and builds the outcome. */
        abstract SyscallResult exit(SimThread t, int count);

        @Override
        public SyscallResult attempt(SimThread t) {
            boolean firstPass = !started;
            if (!started) {
                started = true;
                SyscallResult early = enter(t);
                if (early != null) return early;
                table = new PollWqueues(k, t, name());
                if (timeoutMs == 0) {
                    timedOut = true; // no hooking at all when the timeout is zero
                } else if (timeoutMs > 0) {
                    timer = k.addTimer(k.now() + timeoutMs * 1_000_000L, () -> {
                        timedOut = true;
                        k.wake(t, name() + " timeout");
                    });
                }
            }
            table.triggered = false;
            PollTable pt = firstPass && !timedOut ? table.table(0) : null;
            int count = scan(t, pt);
            if (count > 0 || timedOut) {
                if (timer != null) timer.cancel();
                table.free();
                return exit(t, count);
            }
            k.sleep(t, "wait queues of " + table.entries.size() + " files (" + name() + ")");
            return null;
        }
    }

    // ---- poll ----

    static Syscall poll(Kernel k, int[] fds, short[] events, long timeoutMs) {
        return new ScanningCall(k, timeoutMs) {
            final short[] revents = new short[fds.length];

            public String name() {
                return "poll";
            }

            public String args() {
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < fds.length; i++) {
                    if (i > 0) sb.append(", ");
                    sb.append("{fd=").append(fds[i]).append(", events=").append(Linux.pollEvents(events[i] & 0xffff)).append('}');
                }
                return sb.append("], ").append(fds.length).append(", ").append(timeoutMs).toString();
            }

            SyscallResult enter(SimThread t) {
                if (fds.length > k.fdLimit) return SyscallResult.error(Linux.EINVAL); // nfds > RLIMIT_NOFILE
                if (k.tracing()) k.emit(new TraceEvent.Copy(k.now(), t.tid, false, 8L * fds.length, "struct pollfd[" + fds.length + "]"));
                return null;
            }

            int scan(SimThread t, PollTable pt) {
                int count = 0;
                for (int i = 0; i < fds.length; i++) {
                    int mask = doPollfd(t, i, pt);
                    if (mask != 0) {
                        count++;
                        if (pt != null) pt.queueProc = null; // found something: stop hooking
                    }
                }
                return count;
            }

            /** {@code do_pollfd}. */
            int doPollfd(SimThread t, int i, PollTable pt) {
                int fd = fds[i];
                int mask = 0;
                if (fd >= 0) {
                    OpenFile f = k.file(t, fd);
                    if (f == null) {
                        mask = Linux.POLLNVAL;
                    } else {
                        int filter = (events[i] & 0xffff) | Linux.EPOLLERR | Linux.EPOLLHUP;
                        if (pt != null) pt.key = filter;
                        mask = f.vfsPoll(pt) & filter;
                    }
                    if (k.tracing()) k.emit(new TraceEvent.FdVisit(k.now(), t.tid, fd, mask, "poll"));
                    k.chargeFdVisit(t);
                }
                revents[i] = (short) mask;
                return mask;
            }

            SyscallResult exit(SimThread t, int count) {
                if (k.tracing()) k.emit(new TraceEvent.Copy(k.now(), t.tid, true, 2L * fds.length, "revents"));
                List<SyscallResult.Ready> out = new ArrayList<>();
                for (int i = 0; i < fds.length; i++) {
                    if (revents[i] != 0) out.add(new SyscallResult.Ready(fds[i], revents[i] & 0xffff));
                }
                return SyscallResult.events(count, out);
            }
        };
    }

    // ---- select ----

    static Syscall select(Kernel k, long nfdsArg, int[] read, int[] write, int[] except, long timeoutMs) {
        return new ScanningCall(k, timeoutMs) {
            int n;
            /** nfds as the caller gave it, and clipped to max_fds (what get_fd_set/set_fd_set copy) */
            long requested;
            int clipped;
            long[] in, out, ex;
            long[] resIn, resOut, resEx;

            public String name() {
                return "select";
            }

            public String args() {
                // the nfds the caller passes (args are read before the call clips it to max_fds)
                long nfds = nfdsArg;
                if (nfds == Long.MIN_VALUE) {
                    int max = -1;
                    for (int[] set : new int[][] {read, write, except}) for (int fd : set) max = Math.max(max, fd);
                    nfds = max + 1;
                }
                return nfds + ", " + Arrays.toString(read) + ", " + Arrays.toString(write) + ", " + Arrays.toString(except)
                    + ", " + (timeoutMs < 0 ? "NULL" : "{" + timeoutMs / 1000 + ", " + (timeoutMs % 1000) * 1000 + "}");
            }

            SyscallResult enter(SimThread t) {
                long nfds = nfdsArg;
                if (nfds == Long.MIN_VALUE) { // not given: highest fd + 1
                    int max = -1;
                    for (int[] set : new int[][] {read, write, except}) for (int fd : set) max = Math.max(max, fd);
                    nfds = max + 1;
                }
                if (nfds < 0 || nfds > Integer.MAX_VALUE) return SyscallResult.error(Linux.EINVAL);
                // poll_select_set_timeout: a negative timeval is EINVAL (-1 stands for NULL here)
                if (timeoutMs < -1) return SyscallResult.error(Linux.EINVAL);
                // core_sys_select: clip to the fd table's size
                requested = nfds;
                n = (int) Math.min(nfds, t.process.fds.maxFds());
                clipped = n;
                int words = (n + 63) / 64;
                in = bits(read, words);
                out = bits(write, words);
                ex = bits(except, words);
                if (k.tracing()) k.emit(new TraceEvent.Copy(k.now(), t.tid, false, 3L * words * 8, "3 fd_sets of " + n + " bits"));
                // max_select_fd: a set bit for a closed fd is EBADF; n becomes the highest set fd + 1
                int max = 0;
                for (int fd = 0; fd < n; fd++) {
                    if (bit(in, fd) || bit(out, fd) || bit(ex, fd)) {
                        if (k.file(t, fd) == null) return SyscallResult.error(Linux.EBADF);
                        max = fd + 1;
                    }
                }
                n = max;
                return null;
            }

            int scan(SimThread t, PollTable pt) {
                int words = in.length;
                resIn = new long[words];
                resOut = new long[words];
                resEx = new long[words];
                int retval = 0;
                for (int fd = 0; fd < n; fd++) {
                    boolean r = bit(in, fd), w = bit(out, fd), x = bit(ex, fd);
                    if (!r && !w && !x) continue;
                    OpenFile f = k.file(t, fd);
                    int mask;
                    if (f == null) {
                        mask = Linux.POLLNVAL; // select_poll_one: closed since max_select_fd looked
                    } else {
                        if (pt != null) pt.key = POLLEX_SET | (r ? POLLIN_SET : 0) | (w ? POLLOUT_SET : 0); // wait_key_set
                        mask = f.vfsPoll(pt);
                    }
                    if (k.tracing()) k.emit(new TraceEvent.FdVisit(k.now(), t.tid, fd, mask, "select"));
                    k.chargeFdVisit(t);
                    if ((mask & POLLIN_SET) != 0 && r) {
                        set(resIn, fd);
                        retval++;
                        if (pt != null) pt.queueProc = null;
                    }
                    if ((mask & POLLOUT_SET) != 0 && w) {
                        set(resOut, fd);
                        retval++;
                        if (pt != null) pt.queueProc = null;
                    }
                    if ((mask & POLLEX_SET) != 0 && x) {
                        set(resEx, fd);
                        retval++;
                        if (pt != null) pt.queueProc = null;
                    }
                }
                return retval;
            }

            SyscallResult exit(SimThread t, int count) {
                if (k.tracing()) k.emit(new TraceEvent.Copy(k.now(), t.tid, true, 3L * in.length * 8, "3 fd_sets"));
                List<SyscallResult.Ready> res = new ArrayList<>();
                for (int fd = 0; fd < n; fd++) {
                    int m = (bit(resIn, fd) ? Linux.SELECT_READ : 0) | (bit(resOut, fd) ? Linux.SELECT_WRITE : 0)
                        | (bit(resEx, fd) ? Linux.SELECT_EXCEPT : 0);
                    if (m != 0) res.add(new SyscallResult.Ready(fd, m));
                }
                res.addAll(untouchedBits());
                return SyscallResult.events(count, res);
            }

            /**
             * core_sys_select copies the sets back with set_fd_set(n, ...) where n is nfds clipped
             * to max_fds, in whole longs (FDS_BYTES): the caller's bits from there up to nfds are
             * never written, so they come back set as they went in, though not counted.
             */
            List<SyscallResult.Ready> untouchedBits() {
                long from = ((long) clipped + 63) / 64 * 64;
                TreeMap<Integer, Integer> kept = new TreeMap<>();
                int[][] sets = {read, write, except};
                int[] marks = {Linux.SELECT_READ, Linux.SELECT_WRITE, Linux.SELECT_EXCEPT};
                for (int k = 0; k < 3; k++) {
                    for (int fd : sets[k]) {
                        if (fd >= from && fd < requested) kept.merge(fd, marks[k], (x, y) -> x | y);
                    }
                }
                List<SyscallResult.Ready> out = new ArrayList<>();
                kept.forEach((fd, m) -> out.add(new SyscallResult.Ready(fd, m)));
                return out;
            }
        };
    }

    private static long[] bits(int[] fds, int words) {
        long[] b = new long[words];
        for (int fd : fds) {
            if (fd >= 0 && fd / 64 < words) b[fd / 64] |= 1L << (fd % 64);
        }
        return b;
    }

    private static boolean bit(long[] b, int fd) {
        return b != null && fd / 64 < b.length && (b[fd / 64] & (1L << (fd % 64))) != 0;
    }

    private static void set(long[] b, int fd) {
        b[fd / 64] |= 1L << (fd % 64);
    }
}
