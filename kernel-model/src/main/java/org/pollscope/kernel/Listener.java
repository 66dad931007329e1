package org.pollscope.kernel;

import java.util.ArrayDeque;
import java.util.List;
import org.pollscope.kernel.scenario.Outcome;

/**
 * A listening TCP socket bound to 127.0.0.1: its accept queue holds connections whose
 * handshake completed ({@code inet_csk_listen_poll} is readable while it is not empty).
 */
public final class Listener extends OpenFile {
    /** the backlog passed to listen(2) */
    static final int BACKLOG = 128;
    final WaitQueue wq;
    private final ArrayDeque<Socket> acceptQueue = new ArrayDeque<>();

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
        return acceptQueue.isEmpty() ? 0 : Linux.EPOLLIN | Linux.EPOLLRDNORM;
    }

    /** The handshake of connect(2) on loopback: queue the server end, wake the acceptors. */
    Socket connectClient() {
        if (acceptQueue.size() > BACKLOG) {
            return null;
        }
        Socket[] pair = Socket.tcpPair(kernel);
        acceptQueue.add(pair[1]);
        changed("connection queued (" + acceptQueue.size() + " waiting)");
        // the listener's sk_data_ready = sock_def_readable
        if (wq.active()) wq.wakeUpPoll(Socket.READABLE_KEY, "sock_def_readable: connection for " + label);
        return pair[0];
    }

    /** accept: the oldest queued connection, or null. */
    Socket acceptOne() {
        Socket s = acceptQueue.poll();
        if (s != null) changed("accepted " + s.label);
        return s;
    }

    @Override
    public Outcome read(int n) {
        return Outcome.error(Linux.ENOTCONN);
    }

    @Override
    public Outcome write(byte[] data) {
        return Outcome.error(Linux.EPIPE);
    }

    @Override
    public Outcome shutdown(int how) {
        if (how < Linux.SHUT_RD || how > Linux.SHUT_RDWR) return Outcome.error(Linux.EINVAL);
        return Outcome.error(Linux.ENOTCONN);
    }

    @Override
    protected void release() {
        // queued connections are reset: their clients see a RST
        while (!acceptQueue.isEmpty()) {
            Socket s = acceptQueue.poll();
            s.put();
        }
    }
}
