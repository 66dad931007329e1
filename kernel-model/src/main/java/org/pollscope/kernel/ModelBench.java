package org.pollscope.kernel;

import java.util.Arrays;
import org.pollscope.kernel.trace.CostMeter;

/**
 * The bench of libevent's {@code test/bench.c} run on the model: N socketpairs watched, A
 * active, W writes passed along, exactly as {@code org.pollscope.probe.Bench} runs it on the
 * kernel. It reports the model's kernel work per event (fds visited, bytes copied, tree
 * comparisons and callbacks, as {@link CostMeter.Cost#total()} weighs them): the model's
 * prediction to set beside the real microseconds.
 */
public final class ModelBench {
    /** The waiting methods, named as the real bench names them. */
    public static final String[] METHODS = {"select", "poll", "epoll-lt", "epoll-et"};

    private ModelBench() {}

    /** Kernel work units per event of the timed loop, or NaN when the method cannot run at this N. */
    public static double unitsPerEvent(String method, int n, int active, int writes) {
        Kernel k = new Kernel().fdLimit(2 * n + 16).maxUserWatches(2L * n + 16);
        k.trace().setRecording(false);
        SimThread t = k.newProcess("bench");
        int[] rfd = new int[n];
        int[] wfd = new int[n];
        for (int i = 0; i < n; i++) {
            int[] p = k.socketpair(t).fds();
            rfd[i] = p[0];
            wfd[i] = p[1];
        }
        int maxFd = Arrays.stream(rfd).max().orElse(0);
        if (method.equals("select") && maxFd >= Linux.FD_SETSIZE) return Double.NaN;
        int ep = -1;
        if (method.startsWith("epoll")) {
            ep = (int) k.epollCreate1(t, 0).ret();
            int flags = Linux.EPOLLIN | (method.equals("epoll-et") ? Linux.EPOLLET : 0);
            for (int i = 0; i < n; i++) k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, rfd[i], flags, i);
        }
        short[] events = new short[n];
        Arrays.fill(events, (short) Linux.EPOLLIN);
        byte[] e = {'e'};
        long[] state = new long[3]; // count, fired, writes left
        int space = Math.max(1, n / active) * 2;
        for (int i = 0; i < active; i++, state[1]++) {
            k.write(t, wfd[(int) (((long) i * space / 2) % n)], e);
        }
        state[2] = writes;
        CostMeter meter = new CostMeter();
        k.trace().addListener(meter);
        java.util.function.IntConsumer readCb = idx -> {
            SyscallResult o = k.read(t, rfd[idx], 64);
            if (!o.failed()) state[0] += o.ret();
            if (state[2] > 0) {
                int widx = idx + 1 >= n ? idx + 1 - n : idx + 1;
                k.write(t, wfd[widx], e);
                state[2]--;
                state[1]++;
            }
        };
        int guard = 0;
        do {
            switch (method) {
                case "epoll-lt", "epoll-et" -> {
                    SyscallResult o = k.call(t, k.epollWait(ep, 64, 0));
                    for (SyscallResult.Ready r : o.events()) {
                        int idx = (int) r.key();
                        readCb.accept(idx);
                        if (method.equals("epoll-et")) {
                            while (true) {
                                SyscallResult more = k.read(t, rfd[idx], 64);
                                if (more.failed() || more.ret() == 0) break;
                                state[0] += more.ret();
                            }
                        }
                    }
                }
                case "poll" -> {
                    SyscallResult o = k.call(t, k.poll(rfd, events, 0));
                    for (SyscallResult.Ready r : o.events()) readCb.accept(indexOf(rfd, (int) r.key()));
                }
                case "select" -> {
                    SyscallResult o = k.call(t, k.select(Long.MIN_VALUE, rfd, new int[0], new int[0], 0));
                    for (SyscallResult.Ready r : o.events()) readCb.accept(indexOf(rfd, (int) r.key()));
                }
                default -> throw new IllegalArgumentException("unknown method " + method);
            }
            if (++guard > 10_000_000) throw new IllegalStateException("the loop does not end");
        } while (state[0] != state[1]);
        return meter.total().total() / (double) (active + writes);
    }

    private static int indexOf(int[] fds, int fd) {
        // the fds were handed out in order: rfd[i] = 2i; search to stay correct if not
        int guess = fd / 2;
        if (guess < fds.length && fds[guess] == fd) return guess;
        for (int i = 0; i < fds.length; i++) if (fds[i] == fd) return i;
        throw new IllegalStateException("fd " + fd + " is not watched");
    }
}
