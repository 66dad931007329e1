package org.pollscope.probe.live;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.pollscope.kernel.Linux;
import org.pollscope.probe.LinuxSyscalls;

/**
 * N real clients of a live server, in this process (public for its {@link Result}; {@link LiveLoad} runs them): blocking connects (bounded by
 * {@code SO_SNDTIMEO}), then non-blocking sockets with {@code TCP_NODELAY} driven by their own
 * level-triggered epoll loop on one thread. Each sends a request of {@link #REQUEST} bytes and
 * waits for its whole echo before it may send again; requests go out at a rate of R per second
 * in all, to the clients that are idle, bounded by a count and a time. None of these calls is
 * mirrored: they are the outside the server sees.
 *
 * <p>A client never sends twice before the echo: so the bytes a server's wait finds queued are
 * one request, and the next arrive only after the server answered.
 */
public final class LoadClients {
    /** bytes of one request */
    static final int REQUEST = 32;
    /** how long the clients wait for the echoes still due once the sending time is over */
    static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** What the clients did. */
    public record Result(int connected, int refused, long sent, long echoed, long closedByServer, boolean allAnswered, int aborted) {}

    private final String bind;
    private final int port;
    private final int n;
    private final int[] fds;
    /** bytes of echo still due per client; -1 for a client the server closed */
    private final int[] due;
    private int ep = -1;
    private volatile int connected;
    private int refused;
    private long sent;
    private long echoed;
    private volatile long closedByServer;
    /** clients that ended with an abort (closeAll with a share of aborts) */
    private int aborted;

    /** Set by {@link #stop}: {@link #send} returns at once, echoes due or not. */
    private volatile boolean stopping;

    public LoadClients(String bind, int port, int n) {
        this.bind = bind;
        this.port = port;
        this.n = n;
        this.fds = new int[n];
        this.due = new int[n];
        Arrays.fill(fds, -1);
    }

    /** Connects every client (a refused one is counted in {@link Result#refused}); throws when the clients' epoll fd cannot be made. */
    public void connectAll() {
        ep = LinuxSyscalls.epoll_create1(LinuxSyscalls.EPOLL_CLOEXEC_FLAG);
        if (ep < 0) throw new IllegalStateException("the clients' epoll_create1 failed: " + Linux.errnoName(LinuxSyscalls.errno()));
        boolean v6 = "::1".equals(bind);
        Memory sa = new Memory(LinuxSyscalls.SOCKADDR_IN6_SIZE);
        sa.clear();
        int len;
        if (v6) {
            sa.setShort(LinuxSyscalls.SOCKADDR_IN6_FAMILY, (short) LinuxSyscalls.AF_INET6);
            sa.setShort(LinuxSyscalls.SOCKADDR_IN6_PORT, Short.reverseBytes((short) port));
            sa.setByte(LinuxSyscalls.SOCKADDR_IN6_ADDR + 15, (byte) 1);
            len = LinuxSyscalls.SOCKADDR_IN6_SIZE;
        } else {
            sa.setShort(LinuxSyscalls.SOCKADDR_IN_FAMILY, (short) LinuxSyscalls.AF_INET);
            sa.setShort(LinuxSyscalls.SOCKADDR_IN_PORT, Short.reverseBytes((short) port));
            sa.write(LinuxSyscalls.SOCKADDR_IN_ADDR, new byte[] {127, 0, 0, 1}, 0, 4);
            len = LinuxSyscalls.SOCKADDR_IN_SIZE;
        }
        Memory tv = new Memory(LinuxSyscalls.TIMEVAL_SIZE);
        Memory one = new Memory(4);
        one.setInt(0, 1);
        Memory ev = new Memory(LinuxSyscalls.EPOLL_EVENT_SIZE);
        for (int i = 0; i < n; i++) {
            int fd = LinuxSyscalls.socket(v6 ? LinuxSyscalls.AF_INET6 : LinuxSyscalls.AF_INET, LinuxSyscalls.SOCK_STREAM | LinuxSyscalls.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                refused++;
                continue;
            }
            tv.setLong(LinuxSyscalls.TIMEVAL_SEC, 5);
            tv.setLong(LinuxSyscalls.TIMEVAL_USEC, 0);
            LinuxSyscalls.setsockopt(fd, LinuxSyscalls.SOL_SOCKET, LinuxSyscalls.SO_SNDTIMEO, tv, LinuxSyscalls.TIMEVAL_SIZE);
            if (LinuxSyscalls.connect(fd, sa, len) < 0) {
                LinuxSyscalls.close(fd);
                refused++;
                continue;
            }
            int flags = LinuxSyscalls.fcntl(fd, LinuxSyscalls.F_GETFL, 0);
            LinuxSyscalls.fcntl(fd, LinuxSyscalls.F_SETFL, flags | LinuxSyscalls.O_NONBLOCK);
            LinuxSyscalls.setsockopt(fd, LinuxSyscalls.IPPROTO_TCP, LinuxSyscalls.TCP_NODELAY, one, 4);
            ev.setInt(LinuxSyscalls.EPOLL_EVENT_EVENTS, Linux.EPOLLIN);
            ev.setLong(LinuxSyscalls.EPOLL_EVENT_DATA, i);
            LinuxSyscalls.epoll_ctl(ep, Linux.EPOLL_CTL_ADD, fd, ev);
            fds[i] = fd;
            connected++;
        }
    }

    /**
     * Sends {@code rate} requests per second in all for {@code seconds}, at most {@code maxRequests},
     * then waits up to {@link #QUIET_NANOS} for the echoes still due.
     */
    public void send(double rate, double seconds, long maxRequests) {
        ArrayDeque<Integer> idle = new ArrayDeque<>();
        for (int i = 0; i < n; i++) if (fds[i] >= 0) idle.add(i);
        Memory req = new Memory(REQUEST);
        Memory buf = new Memory(65536);
        Memory evs = new Memory((long) Math.max(1, n) * LinuxSyscalls.EPOLL_EVENT_SIZE);
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        long quietEnd = -1;
        while (true) {
            long now = System.nanoTime();
            if (stopping) break;
            boolean sending = now < end && sent < maxRequests;
            if (!sending) {
                if (quietEnd < 0) quietEnd = now + QUIET_NANOS;
                if (outstanding() == 0 || now > quietEnd) break;
            }
            int timeout = 50;
            if (sending) {
                long allowed = Math.min(maxRequests, (long) ((now - t0) / 1e9 * rate) + 1);
                while (sent < allowed && !idle.isEmpty()) {
                    int c = idle.poll();
                    byte[] text = request(c, sent);
                    req.write(0, text, 0, REQUEST);
                    long w = LinuxSyscalls.write(fds[c], req, REQUEST);
                    if (w == REQUEST) {
                        due[c] = REQUEST;
                        sent++;
                    } else {
                        lost(c);
                    }
                }
                long nextAt = t0 + (long) ((sent) / rate * 1e9);
                timeout = (int) Math.max(0, Math.min(50, TimeUnit.NANOSECONDS.toMillis(nextAt - System.nanoTime())));
            }
            int k = LinuxSyscalls.epoll_wait(ep, evs, Math.max(1, n), timeout);
            for (int j = 0; j < k; j++) {
                int c = (int) evs.getLong((long) j * LinuxSyscalls.EPOLL_EVENT_SIZE + LinuxSyscalls.EPOLL_EVENT_DATA);
                while (fds[c] >= 0) {
                    long r = LinuxSyscalls.read(fds[c], buf, 65536);
                    if (r > 0) {
                        due[c] -= (int) r;
                        if (due[c] <= 0) {
                            due[c] = 0;
                            echoed++;
                            idle.add(c);
                        }
                    } else if (r == 0 || LinuxSyscalls.errno() != Linux.EAGAIN) {
                        closedByServer++;
                        lost(c);
                    } else {
                        break;
                    }
                }
            }
        }
    }

    /** The server closed this client (or a write failed): it is closed here too and sends no more. */
    private void lost(int c) {
        if (fds[c] >= 0) LinuxSyscalls.close(fds[c]);
        fds[c] = -1;
        due[c] = -1;
    }

    private long outstanding() {
        long k = 0;
        for (int i = 0; i < n; i++) if (fds[i] >= 0 && due[i] > 0) k++;
        return k;
    }

    private static byte[] request(int c, long seq) {
        byte[] b = new byte[REQUEST];
        Arrays.fill(b, (byte) '.');
        byte[] t = ("ping " + c + " " + seq).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, 0, Math.min(t.length, REQUEST - 1));
        b[REQUEST - 1] = '\n';
        return b;
    }

    /** Makes {@link #send}, on the clients' thread, return at once. */
    public void stop() {
        stopping = true;
    }

    /** Closes every client and the clients' epoll fd. */
    public void closeAll() {
        closeAll(0);
    }

    /**
     * Closes every client and the clients' epoll fd; {@code abortPercent} of them, spread evenly,
     * abort: SO_LINGER with a zero timeout first, so that
     * their close sends a RST instead of a FIN ({@code __tcp_close}, {@code tcp_disconnect}).
     */
    void closeAll(int abortPercent) {
        Memory linger = new Memory(8);
        linger.setInt(0, 1);
        linger.setInt(4, 0);
        for (int i = 0; i < n; i++) {
            if (fds[i] >= 0) {
                // spread evenly: client i aborts when the running share passes a whole client
                if ((long) (i + 1) * abortPercent / 100 > (long) i * abortPercent / 100) {
                    LinuxSyscalls.setsockopt(fds[i], LinuxSyscalls.SOL_SOCKET, LinuxSyscalls.SO_LINGER, linger, 8);
                    aborted++;
                }
                LinuxSyscalls.close(fds[i]);
            }
            fds[i] = -1;
        }
        if (ep >= 0) LinuxSyscalls.close(ep);
        ep = -1;
    }

    /** The counts so far (read on the clients' thread, or after it ended; another thread may see them a little late). */
    public Result result() {
        return new Result(connected, refused, sent, echoed, closedByServer, outstanding() == 0, aborted);
    }
}
