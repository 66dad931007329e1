package org.pollscope.kernel;

import java.util.ArrayDeque;
import java.util.List;

/**
 * A connected stream socket: an AF_UNIX socketpair end ({@code net/unix/af_unix.c}) or a TCP
 * loopback connection end ({@code net/ipv4/tcp.c}). Data written by one end is queued as
 * {@code sk_buff}s on the peer's receive queue; the sender's {@code sk_wmem_alloc} counts
 * them until the reader frees them, so {@code EPOLLOUT} means what it means in the kernel.
 *
 * <p>Sizes are the kernel's defaults: {@code sk_sndbuf} = {@code wmem_default} = 212992
 * bytes; an AF_UNIX stream skb carries at most {@code SKB_MAX_HEAD(0) + 32 KiB} of payload.
 * The per-skb overhead ({@code SKB_TRUESIZE}) is approximated, so byte totals of {@code fill}
 * are close to the kernel's, not equal.
 */
public final class Socket extends OpenFile {
    /** RCV_SHUTDOWN, SEND_SHUTDOWN, SHUTDOWN_MASK of include/net/sock.h */
    static final int RCV_SHUTDOWN = 1;
    static final int SEND_SHUTDOWN = 2;
    static final int SHUTDOWN_MASK = 3;
    /** net.core.wmem_default */
    static final int WMEM_DEFAULT = 212992;
    /** SKB_MAX_HEAD(0) + UNIX_SKB_FRAGS_SZ: the payload of one AF_UNIX stream skb */
    static final int UNIX_SKB_MAX = 3776 + 32768;
    /** approximate SKB_TRUESIZE overhead of one skb (struct sk_buff + skb_shared_info) */
    static final int SKB_OVERHEAD = 576 + 256;
    /** what a TCP loopback connection takes before the writer sees EAGAIN (approximate) */
    static final int TCP_PIPE_CAPACITY = 2_500_000;

    /** the events sock_def_readable wakes with */
    static final int READABLE_KEY = Linux.EPOLLIN | Linux.EPOLLPRI | Linux.EPOLLRDNORM | Linux.EPOLLRDBAND;
    /** the events unix_write_space / sk_stream_write_space wake with */
    static final int WRITABLE_KEY = Linux.EPOLLOUT | Linux.EPOLLWRNORM | Linux.EPOLLWRBAND;

    enum Family { UNIX, TCP }

    /** One sk_buff on a receive queue. */
    private static final class Skb {
        final byte[] data;
        int off;
        final int truesize;

        Skb(byte[] data) {
            this.data = data;
            this.truesize = data.length + SKB_OVERHEAD;
        }
    }

    final Family family;
    final WaitQueue wq;
    Socket peer;
    private final ArrayDeque<Skb> receiveQueue = new ArrayDeque<>();
    private long queuedBytes;
    /** sk_shutdown */
    int shutdown;
    /** sk_err */
    int err;
    /** sk_wmem_alloc: truesize of our skbs not yet freed by the peer */
    long wmemAlloc;
    final int sndbuf = WMEM_DEFAULT;
    /** TCP: the peer went away completely (we got a RST or both FINs): TCP_CLOSE */
    boolean closed;
    /** TCP: we sent our FIN (shutdown SHUT_WR or close) */
    boolean finSent;
    /** TCP: the peer's FIN arrived */
    boolean finReceived;
    /** TCP SOCK_NOSPACE: a writer found the socket full; sk_stream_write_space wakes only then */
    boolean nospace;

    private Socket(Kernel kernel, Family family) {
        super(kernel, family == Family.UNIX ? "unix" : "tcp");
        this.family = family;
        this.wq = new WaitQueue(kernel, label + " wq");
    }

    /** socketpair(AF_UNIX, SOCK_STREAM): two connected ends. */
    static Socket[] unixPair(Kernel k) {
        Socket a = new Socket(k, Family.UNIX);
        Socket b = new Socket(k, Family.UNIX);
        a.peer = b;
        b.peer = a;
        return new Socket[] {a, b};
    }

    /** Both ends of a TCP loopback connection: {client, server}. */
    static Socket[] tcpPair(Kernel k) {
        Socket c = new Socket(k, Family.TCP);
        Socket s = new Socket(k, Family.TCP);
        c.peer = s;
        s.peer = c;
        return new Socket[] {c, s};
    }

    @Override
    public OpenFile peer() {
        return peer;
    }

    @Override
    public String describeState() {
        return "queued=" + queuedBytes + " shutdown=" + shutdown + " err=" + err + " wmem=" + wmemAlloc
            + (peer == null ? " no peer" : " peer=" + peer.label) + (closed ? " closed" : "");
    }

    public long queuedBytes() {
        return queuedBytes;
    }

    @Override
    public List<WaitQueue> waitQueues() {
        return List.of(wq);
    }

    // ---- poll ----

    @Override
    public int poll(PollTable pt) {
        PollTable.pollWait(this, wq, pt);
        return family == Family.UNIX ? unixPoll() : tcpPoll();
    }

    @Override
    int peekPoll() {
        boolean marked = nospace;
        int mask = poll(null);
        nospace = marked;
        return mask;
    }

    /** {@code unix_poll}. */
    private int unixPoll() {
        int mask = 0;
        if (err != 0) mask |= Linux.EPOLLERR;
        if (shutdown == SHUTDOWN_MASK) mask |= Linux.EPOLLHUP;
        if ((shutdown & RCV_SHUTDOWN) != 0) mask |= Linux.EPOLLRDHUP | Linux.EPOLLIN | Linux.EPOLLRDNORM;
        if (!receiveQueue.isEmpty()) mask |= Linux.EPOLLIN | Linux.EPOLLRDNORM;
        if (unixWritable()) mask |= Linux.EPOLLOUT | Linux.EPOLLWRNORM | Linux.EPOLLWRBAND;
        return mask;
    }

    /** {@code unix_writable}: at most a quarter of sndbuf in flight. */
    private boolean unixWritable() {
        return (wmemAlloc << 2) <= sndbuf;
    }

    /** {@code tcp_poll} for an established (or closing) connection. */
    private int tcpPoll() {
        int mask = 0;
        if (shutdown == SHUTDOWN_MASK || closed) mask |= Linux.EPOLLHUP;
        if ((shutdown & RCV_SHUTDOWN) != 0) mask |= Linux.EPOLLIN | Linux.EPOLLRDNORM | Linux.EPOLLRDHUP;
        if (!receiveQueue.isEmpty()) mask |= Linux.EPOLLIN | Linux.EPOLLRDNORM;
        if ((shutdown & SEND_SHUTDOWN) == 0) {
            if (tcpWritable()) {
                mask |= Linux.EPOLLOUT | Linux.EPOLLWRNORM;
            } else {
                nospace = true;
            }
        } else {
            mask |= Linux.EPOLLOUT | Linux.EPOLLWRNORM;
        }
        if (err != 0) mask |= Linux.EPOLLERR;
        return mask;
    }

    /** {@code __sk_stream_is_writeable}: free space at least half of what is queued. */
    private boolean tcpWritable() {
        long space = TCP_PIPE_CAPACITY - wmemAlloc;
        return space >= wmemAlloc / 2;
    }

    // ---- read and write ----

    @Override
    public SyscallResult write(byte[] data) {
        if (family == Family.TCP) {
            return tcpWrite(data);
        }
        // unix_stream_sendmsg
        if ((shutdown & SEND_SHUTDOWN) != 0) {
            return SyscallResult.error(Linux.EPIPE);
        }
        Socket other = peer;
        if (other == null || other.released || (other.shutdown & RCV_SHUTDOWN) != 0) {
            return SyscallResult.error(Linux.EPIPE);
        }
        return queue(data, other);
    }

    /**
     * {@code tcp_sendmsg_locked}: a pending error (sock_error, cleared once reported) or our own
     * SEND_SHUTDOWN fails the write; a peer that shut down its reading side still gets the
     * bytes; a peer whose socket is gone answers them with a RST ({@code tcp_reset}), which
     * the next call sees: EPIPE after the peer's FIN (CLOSE_WAIT), ECONNRESET otherwise.
     */
    private SyscallResult tcpWrite(byte[] data) {
        if (err != 0) {
            int e = err;
            err = 0;
            return SyscallResult.error(e);
        }
        if ((shutdown & SEND_SHUTDOWN) != 0 || closed) {
            return SyscallResult.error(Linux.EPIPE);
        }
        if (data.length == 0) {
            return SyscallResult.ok(0);
        }
        Socket other = peer;
        if (other == null || other.released) {
            reset(resetError());
            return SyscallResult.ok(data.length);
        }
        if (other.finSent && (other.shutdown & RCV_SHUTDOWN) != 0) {
            // tcp_rcv_state_process, FIN_WAIT1/2: data for a socket that shut down its reading
            // side: "RFC 1122 says we MUST send a reset"
            other.reset(Linux.ECONNRESET);
            other.peer = null;
            peer = null;
            reset(resetError());
            return SyscallResult.ok(data.length);
        }
        return queue(data, other);
    }

    /** The error tcp_reset gives: EPIPE in CLOSE_WAIT (the peer's FIN came, ours did not go), else ECONNRESET. */
    int resetError() {
        return finReceived && !finSent ? Linux.EPIPE : Linux.ECONNRESET;
    }

    /** {@code tcp_reset}: the peer sent a RST; the connection is closed with {@code error}. */
    void reset(int error) {
        err = error;
        shutdown = SHUTDOWN_MASK;
        closed = true;
        changed("RST: " + Linux.errnoName(error));
        if (wq.active()) wq.wakeUpPoll(Linux.EPOLLERR, "sk_error_report: " + label);
        if (wq.active()) wq.wakeUpAll("sock_def_wakeup: " + label + " reset");
    }

    private SyscallResult queue(byte[] data, Socket other) {
        if (data.length == 0) {
            return SyscallResult.ok(0);
        }
        int sent = 0;
        while (sent < data.length) {
            // sock_alloc_send_pskb: room while sk_wmem_alloc < sk_sndbuf (TCP: the connection's capacity)
            long limit = family == Family.UNIX ? sndbuf : TCP_PIPE_CAPACITY;
            if (wmemAlloc >= limit) {
                if (family == Family.TCP) nospace = true;
                break;
            }
            int size = Math.min(data.length - sent, family == Family.UNIX ? UNIX_SKB_MAX : 65483);
            if (family == Family.TCP) size = (int) Math.min(size, limit - wmemAlloc);
            byte[] chunk = java.util.Arrays.copyOfRange(data, sent, sent + size);
            Skb skb = new Skb(chunk);
            wmemAlloc += family == Family.UNIX ? skb.truesize : size;
            other.receiveQueue.add(skb);
            other.queuedBytes += size;
            sent += size;
            changed("queued " + size + " bytes for " + other.label);
            // sk_data_ready = sock_def_readable
            if (other.wq.active()) other.wq.wakeUpPoll(READABLE_KEY, "sock_def_readable: data for " + other.label);
        }
        return sent == 0 ? SyscallResult.error(Linux.EAGAIN) : SyscallResult.ok(sent);
    }

    @Override
    public SyscallResult read(int n) {
        if (n == 0) return SyscallResult.bytes(new byte[0]);
        if (receiveQueue.isEmpty()) {
            if (family == Family.TCP && finReceived) {
                // tcp_recvmsg: SOCK_DONE (the peer's FIN) is end of file before any pending error
                return SyscallResult.bytes(new byte[0]);
            }
            if (err != 0) {
                // sock_error: reported once, then cleared
                int e = err;
                err = 0;
                return SyscallResult.error(e);
            }
            if ((shutdown & RCV_SHUTDOWN) != 0) return SyscallResult.bytes(new byte[0]);
            return SyscallResult.error(Linux.EAGAIN);
        }
        byte[] out = new byte[(int) Math.min(n, queuedBytes)];
        int got = 0;
        while (got < out.length) {
            Skb skb = receiveQueue.peek();
            int take = Math.min(out.length - got, skb.data.length - skb.off);
            System.arraycopy(skb.data, skb.off, out, got, take);
            skb.off += take;
            got += take;
            queuedBytes -= take;
            if (family == Family.TCP && peer != null) {
                peer.wmemAlloc -= take;
            }
            if (skb.off == skb.data.length) {
                receiveQueue.poll();
                if (peer != null) peer.skbFreed(skb);
            }
        }
        changed("read " + got + " bytes");
        return SyscallResult.bytes(out);
    }

    /** {@code sock_wfree} on the sender: the skb it wrote was consumed; maybe it can write again. */
    private void skbFreed(Skb skb) {
        if (family == Family.UNIX) {
            wmemAlloc -= skb.truesize;
            // unix_write_space
            if (unixWritable() && wq.active()) {
                wq.wakeUpPoll(WRITABLE_KEY, "unix_write_space: " + label + " may write");
            }
        } else if (nospace && tcpWritable()) {
            // sk_stream_write_space: only after a writer found no space
            nospace = false;
            if (wq.active()) wq.wakeUpPoll(WRITABLE_KEY, "sk_stream_write_space: " + label + " may write");
        }
    }

    // ---- shutdown and close ----

    @Override
    public SyscallResult shutdown(int how) {
        if (how < Linux.SHUT_RD || how > Linux.SHUT_RDWR) return SyscallResult.error(Linux.EINVAL);
        int mode = how + 1; // SHUT_RD->RCV_SHUTDOWN, SHUT_WR->SEND_SHUTDOWN, SHUT_RDWR->SHUTDOWN_MASK
        if (family == Family.TCP && closed) {
            // inet_shutdown, TCP_CLOSE: -ENOTCONN, yet the bits are set and waiters woken
            shutdown |= mode;
            if (wq.active()) wq.wakeUpAll("sock_def_wakeup: " + label + " shut down");
            return SyscallResult.error(Linux.ENOTCONN);
        }
        shutdown |= mode;
        if ((mode & SEND_SHUTDOWN) != 0) {
            finSent = true;
            // both FINs exchanged: LAST_ACK then CLOSE here, TIME_WAIT (tcp_done: CLOSE) there
            if (family == Family.TCP && finReceived) closed = true;
        }
        changed("shutdown " + (how == 0 ? "SHUT_RD" : how == 1 ? "SHUT_WR" : "SHUT_RDWR"));
        // sk_state_change = sock_def_wakeup: every waiter, no key
        if (wq.active()) wq.wakeUpAll("sock_def_wakeup: " + label + " shut down");
        Socket other = peer;
        if (other != null && !other.released) {
            int peerMode = 0;
            if ((mode & RCV_SHUTDOWN) != 0 && family == Family.UNIX) peerMode |= SEND_SHUTDOWN;
            if ((mode & SEND_SHUTDOWN) != 0) peerMode |= RCV_SHUTDOWN; // TCP: our FIN
            if (peerMode != 0) {
                other.shutdown |= peerMode;
                if (family == Family.TCP && (peerMode & RCV_SHUTDOWN) != 0) {
                    other.finReceived = true;
                    if (other.finSent) other.closed = true;
                }
                other.changed("peer shut down " + (peerMode == RCV_SHUTDOWN ? "its sending side" : "its receiving side"));
                if (other.wq.active()) other.wq.wakeUpAll("sock_def_wakeup: peer of " + other.label + " shut down");
            }
        }
        return SyscallResult.ok(0);
    }

    /** {@code unix_release_sock} / {@code tcp_close}. */
    @Override
    protected void release() {
        Socket other = peer;
        boolean unread = !receiveQueue.isEmpty();
        shutdown = SHUTDOWN_MASK;
        peer = null;
        if (other != null && !other.released) {
            if (family == Family.UNIX) {
                other.shutdown = SHUTDOWN_MASK;
                if (unread) other.err = Linux.ECONNRESET;
                other.changed("peer closed" + (unread ? " with unread data: ECONNRESET" : ""));
                if (other.wq.active()) other.wq.wakeUpAll("sock_def_wakeup: peer of " + other.label + " closed");
            } else if (unread) {
                // tcp_close with unread data sends a RST: tcp_reset on the peer
                other.reset(other.resetError());
            } else {
                // a FIN: the peer's receiving side is shut down
                other.shutdown |= RCV_SHUTDOWN;
                other.finReceived = true;
                if ((other.shutdown & SEND_SHUTDOWN) != 0) other.closed = true;
                other.changed("FIN from peer");
                if (other.wq.active()) other.wq.wakeUpAll("sock_def_wakeup: FIN for " + other.label);
            }
        }
        // flush our receive queue: the peer's skbs are freed, which may let it write again
        while (!receiveQueue.isEmpty()) {
            Skb skb = receiveQueue.poll();
            queuedBytes -= skb.data.length - skb.off;
            if (other != null && !other.released) {
                if (family == Family.TCP) other.wmemAlloc -= skb.data.length - skb.off;
                other.skbFreed(skb);
            }
        }
        if (other != null) other.peerGone = true;
    }

    /** the peer's file is gone (its struct sock is orphaned) */
    boolean peerGone;
}
