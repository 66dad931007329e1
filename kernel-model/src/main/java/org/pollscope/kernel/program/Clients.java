package org.pollscope.kernel.program;

import java.util.Arrays;
import java.util.Random;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.WaitQueue;
import org.pollscope.kernel.SyscallResult;

/**
 * The client side of a {@link Workload}: one simulated thread per client in a process forked
 * from the server before anything else (so it holds the listening socket to connect to). The
 * clients are driven by timers on the simulated clock, not by a program loop of their own:
 *
 * <ul>
 * <li>client i connects at i × {@link Simulation#CONNECT_INTERVAL_NANOS}; a refused connect
 *     (the backlog is full) is tried again after 1 s, then 2 s, 4 s... as TCP resends a SYN;</li>
 * <li>an active client writes a request after a think time and then waits for the echo;</li>
 * <li>a client does not sleep in a system call to wait: a hook of its own on its socket's
 *     wait queue (standing for a client blocked in read) schedules a read at once when the
 *     socket is woken readable. It reads what is missing of the echo, one call a wake-up; end
 *     of file or a reset means the server dropped it, and it closes and stays away;</li>
 * <li>churn: a Poisson process picks a connected client, which closes and connects again.</li>
 * </ul>
 * Every step a client takes is a real system call on its own thread, so that {@link RunMeter}
 * sees the whole workload on the trace. Random choices are made in one order from one seed.
 */
final class Clients {
    private final Simulation sim;
    private final Kernel k;
    private final Workload w;
    private final Random rnd;
    private final Client[] all;
    /** the request of the fixed size, shared: write copies it into the socket */
    private final byte[] fixedRequest;
    private final long end;

    /** One client connection and its thread. */
    private final class Client {
        final SimThread thread;
        final boolean active;
        int fd = -1;
        WaitQueue hookedOn;
        final WaitQueue.Entry hook;
        /** bytes of echo still to come; 0 when no request is out */
        long missing;
        boolean readScheduled;
        long backoffNanos = 1_000_000_000L;

        Client(SimThread thread, boolean active) {
            this.thread = thread;
            this.active = active;
            this.hook = new WaitQueue.Entry("client T" + thread.tid() + " waiting to read", (entry, key) -> {
                if (!readScheduled && (key == 0 || (key & READ_KEYS) != 0)) {
                    readScheduled = true;
                    k.schedule(0, this::readable);
                }
                return 0;
            });
        }

        void connect() {
            if (k.now() >= end) return;
            SyscallResult o = sim.connect(thread);
            if (o.failed()) {
                k.schedule(backoffNanos, this::connect);
                backoffNanos = Math.min(backoffNanos * 2, 64_000_000_000L);
                return;
            }
            fd = (int) o.ret();
            backoffNanos = 1_000_000_000L;
            hookedOn = k.file(thread, fd).waitQueues().get(0);
            hookedOn.add(hook);
            if (active) k.schedule(think(), this::send);
        }

        void send() {
            if (fd < 0 || missing > 0 || k.now() >= end) return;
            SyscallResult o = sim.write(thread, fd, request());
            if (!o.failed()) missing = o.ret();
        }

        void readable() {
            readScheduled = false;
            if (fd < 0) return;
            SyscallResult o = sim.read(thread, fd, missing > 0 ? (int) missing : 4096);
            if (o.failed()) {
                if (o.errno() != Linux.EAGAIN) serverLeft();
                return;
            }
            if (o.ret() == 0) {
                serverLeft();
                return;
            }
            if (missing > 0) {
                missing = Math.max(0, missing - o.ret());
                if (missing == 0) k.schedule(think(), this::send);
            }
        }

        /** The server closed the connection: close ours too and stay away. */
        void serverLeft() {
            close();
        }

        void close() {
            hookedOn.remove(hook);
            hookedOn = null;
            sim.close(thread, fd);
            fd = -1;
            missing = 0;
        }
    }

    private static final int READ_KEYS = Linux.EPOLLIN | Linux.EPOLLHUP | Linux.EPOLLERR | Linux.EPOLLRDHUP;

    Clients(Simulation sim, SimThread first, Workload w, long end) {
        this.sim = sim;
        this.k = sim.kernel;
        this.w = w;
        this.end = end;
        this.rnd = new Random(w.seed());
        this.fixedRequest = new byte[w.requestSize()];
        Arrays.fill(fixedRequest, (byte) 'q');
        // the active clients are a random K of the N (a partial Fisher-Yates shuffle)
        int n = w.clients();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        boolean[] active = new boolean[n];
        for (int i = 0; i < w.active(); i++) {
            int j = i + rnd.nextInt(n - i);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
            active[order[i]] = true;
        }
        all = new Client[n];
        for (int i = 0; i < n; i++) {
            SimThread t = i == 0 ? first : k.newThread(first.process(), "client-" + i);
            all[i] = new Client(t, active[i]);
        }
    }

    /** Schedules the connects and the churn. */
    void start() {
        for (int i = 0; i < all.length; i++) k.schedule(i * Simulation.CONNECT_INTERVAL_NANOS, all[i]::connect);
        if (w.churnPerSecond() > 0) k.schedule(exponential(1e9 / w.churnPerSecond()), this::churn);
    }

    private void churn() {
        if (k.now() >= end) return;
        // a random connected client; a few tries, as most are connected
        for (int tries = 0; tries < 8; tries++) {
            Client c = all[rnd.nextInt(all.length)];
            if (c.fd >= 0) {
                c.close();
                c.connect();
                break;
            }
        }
        k.schedule(exponential(1e9 / w.churnPerSecond()), this::churn);
    }

    private long think() {
        return exponential(w.thinkMs() * 1e6);
    }

    private long exponential(double meanNanos) {
        return meanNanos <= 0 ? 0 : (long) (-Math.log(1 - rnd.nextDouble()) * meanNanos);
    }

    private byte[] request() {
        if (w.requestSizeMax() == w.requestSize()) return fixedRequest;
        byte[] b = new byte[w.requestSize() + rnd.nextInt(w.requestSizeMax() - w.requestSize() + 1)];
        Arrays.fill(b, (byte) 'q');
        return b;
    }
}
