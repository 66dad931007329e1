package org.pollscope.kernel;

import java.util.ArrayDeque;
import java.util.List;

/**
 * A listening TCP socket bound to 127.0.0.1: its accept queue holds connections whose
 * handshake completed ({@code inet_csk_listen_poll} is readable while it is not empty).
 */
public final class Listener extends OpenFile {
    /** the backlog passed to listen(2) */
    static final int BACKLOG = 128;
    final WaitQueue wq;
    private final ArrayDeque<Socket> acceptQueue = new ArrayDeque<>();
    /** no longer listening (shutdown with SHUT_RD): TCP_CLOSE */
    private boolean stopped;
    /** sk_shutdown of the stopped socket (tcp_disconnect cleared it; a later shutdown sets it) */
    private int shutdownBits;
    /** SO_LINGER (see {@link Socket#lingerSeconds}): a listener's own close ignores it, its connections inherit it */
    int lingerSeconds = -1;

    Listener(Kernel kernel) {
        super(kernel, "listener");
        this.wq = new WaitQueue(kernel, label + " wq");
    }

    @Override
    public String describeState() {
        return "backlog=" + acceptQueue.size();
    }

    public int backlog() {
        return acceptQueue.size();
    }

    @Override
    public List<WaitQueue> waitQueues() {
        return List.of(wq);
    }

    @Override
    public int poll(PollTable pt) {
        PollTable.pollWait(this, wq, pt);
        if (stopped) {
            // tcp_poll of a closed socket with nothing queued
            int mask = Linux.EPOLLHUP;
            if ((shutdownBits & Socket.RCV_SHUTDOWN) != 0) mask |= Linux.EPOLLIN | Linux.EPOLLRDNORM | Linux.EPOLLRDHUP;
            return mask | Linux.EPOLLOUT | Linux.EPOLLWRNORM;
        }
        return acceptQueue.isEmpty() ? 0 : Linux.EPOLLIN | Linux.EPOLLRDNORM;
    }

    /** {@code sk_acceptq_is_full}: more connections wait than the backlog ({@code sk_ack_backlog > sk_max_ack_backlog}). */
    boolean acceptQueueFull() {
        return acceptQueue.size() > BACKLOG;
    }

    /** The handshake of connect(2) on loopback: queue the server end, wake the acceptors. */
    Socket connectClient() {
        if (stopped || acceptQueueFull()) {
            return null;
        }
        Socket[] pair = Socket.tcpPair(kernel);
        // the server end is a clone of the listener (inet_csk_clone_lock, sk_clone_lock): SOCK_LINGER and sk_lingertime too
        pair[1].lingerSeconds = lingerSeconds;
        acceptQueue.add(pair[1]);
        changed("connection queued (" + acceptQueue.size() + " waiting)");
        // the listener's sk_data_ready = sock_def_readable
        if (wq.active()) wq.wakeUpPoll(Socket.READABLE_KEY, "sock_def_readable: connection for " + label);
        return pair[0];
    }

    /** accept: the oldest queued connection, or null. */
    Socket acceptOne() {
        if (stopped) return null;
        Socket s = acceptQueue.poll();
        if (s != null) changed("accepted " + s.label);
        return s;
    }

    /** {@code tcp_recvmsg}: a listener is not connected; a stopped one with RCV_SHUTDOWN reads end of file. */
    @Override
    public SyscallResult read(int n) {
        if (stopped && (shutdownBits & Socket.RCV_SHUTDOWN) != 0) return SyscallResult.bytes(new byte[0]);
        return SyscallResult.error(Linux.ENOTCONN);
    }

    @Override
    public SyscallResult write(byte[] data) {
        return SyscallResult.error(Linux.EPIPE);
    }

    /** Whether accept(2) would answer EINVAL: the listener was shut down. */
    boolean stopped() {
        return stopped;
    }

    /**
     * {@code inet_shutdown} of a listening socket: SHUT_WR changes nothing; SHUT_RD and
     * SHUT_RDWR disconnect it (it stops listening, queued connections are reset); on a
     * stopped one, ENOTCONN.
     */
    @Override
    public SyscallResult shutdown(int how) {
        if (how < Linux.SHUT_RD || how > Linux.SHUT_RDWR) return SyscallResult.error(Linux.EINVAL);
        if (stopped) {
            // inet_shutdown, TCP_CLOSE: -ENOTCONN, and the bits are set all the same
            shutdownBits |= how + 1;
            if (wq.active()) wq.wakeUpAll("sock_def_wakeup: " + label);
            return SyscallResult.error(Linux.ENOTCONN);
        }
        if (how != Linux.SHUT_WR) {
            stopped = true;
            resetQueued();
            changed("stopped listening");
        }
        if (wq.active()) wq.wakeUpAll("sock_def_wakeup: " + label);
        return SyscallResult.ok(0);
    }

    /**
     * {@code inet_csk_listen_stop}: connections not yet accepted are taken from the head of the
     * accept queue, disconnected ({@code inet_child_forget}: {@code tcp_disconnect}, whose RST
     * resets the client) and freed.
     */
    private void resetQueued() {
        while (!acceptQueue.isEmpty()) {
            Socket s = acceptQueue.poll();
            s.tcpForget();
            s.put();
        }
    }

    @Override
    protected void release() {
        resetQueued();
    }
}
