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

    /**
     * The TCP states of {@code include/net/tcp_states.h} a loopback connection passes through.
     * SYN_SENT and SYN_RECV are not here: the handshake completes inside connect(2). TIME_WAIT is
     * not a state of the socket either: {@code tcp_time_wait} hands the connection to a
     * timewait sock and calls {@code tcp_done}, so the socket itself is in CLOSE.
     */
    enum TcpState { ESTABLISHED, FIN_WAIT1, FIN_WAIT2, CLOSE_WAIT, CLOSING, LAST_ACK, CLOSE }

    final Family family;
    final WaitQueue wq;
    /** the other end; a TCP end keeps it after either file is closed (an orphan still answers segments) */
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
    /** TCP: sk_state */
    TcpState state = TcpState.ESTABLISHED;
    /** TCP SOCK_DONE: the peer's FIN arrived ({@code tcp_fin}); a read of an empty queue is end of file */
    boolean done;
    /** TCP SOCK_NOSPACE: a writer found the socket full; sk_stream_write_space wakes only then */
    boolean nospace;
    /**
     * SO_LINGER: -1 when off (SOCK_LINGER clear), else {@code l_linger} in seconds. Only 0 changes
     * what this model does: {@code __tcp_close} then aborts the connection. A longer linger makes
     * close(2) wait for the FIN's ACK ({@code sk_stream_wait_close}), which the model has within
     * the call anyway. AF_UNIX ignores it ({@code unix_release_sock} never reads it).
     */
    int lingerSeconds = -1;

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

    /** The other end while its file is open (a TCP orphan is not a file any more). */
    @Override
    public OpenFile peer() {
        return peer == null || peer.released ? null : peer;
    }

    @Override
    public String describeState() {
        return "queued=" + queuedBytes + " shutdown=" + shutdown + " err=" + err + " wmem=" + wmemAlloc
            + (peer == null ? " no peer" : " peer=" + peer.label) + (family == Family.TCP ? " " + state : "");
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
        if (shutdown == SHUTDOWN_MASK || state == TcpState.CLOSE) mask |= Linux.EPOLLHUP;
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
     * {@code tcp_sendmsg_locked}. Outside ESTABLISHED and CLOSE_WAIT {@code sk_stream_wait_connect}
     * fails, and with {@code sk_err} or SEND_SHUTDOWN the write stops at {@code do_error}; either
     * way {@code sk_stream_error} reports a pending error first ({@code sock_error}, which clears
     * it) and EPIPE only when there is none. Otherwise the segment reaches the peer at once
     * (loopback: {@code loopback_xmit} → {@code __netif_rx}, processed by the softirq that runs when
     * {@code __dev_queue_xmit} enables bottom halves again), and what the peer answers (an ACK, or a
     * RST) waits in our backlog until {@code release_sock}, before the call returns.
     */
    private SyscallResult tcpWrite(byte[] data) {
        if (err != 0) {
            int e = err;
            err = 0;
            return SyscallResult.error(e);
        }
        if ((shutdown & SEND_SHUTDOWN) != 0 || (state != TcpState.ESTABLISHED && state != TcpState.CLOSE_WAIT)) {
            return SyscallResult.error(Linux.EPIPE);
        }
        if (data.length == 0) {
            return SyscallResult.ok(0);
        }
        Socket other = peer;
        if (other.state == TcpState.CLOSE) {
            // no socket for the segment: tcp_v4_rcv answers with tcp_v4_send_reset
            tcpReset();
            return SyscallResult.ok(data.length);
        }
        if ((other.state == TcpState.FIN_WAIT1 || other.state == TcpState.FIN_WAIT2)
            && (other.shutdown & RCV_SHUTDOWN) != 0) {
            // tcp_rcv_state_process, FIN_WAIT1/2: data for a socket that shut down its reading side
            // (or was closed, an orphan in FIN_WAIT2): "RFC 1122 says we MUST send a reset":
            // tcp_reset there, and the RST it returns (tcp_v4_send_reset) is ours at release_sock
            other.tcpReset();
            tcpReset();
            return SyscallResult.ok(data.length);
        }
        return queue(data, other);
    }

    /**
     * {@code tcp_reset}: a RST arrived. The error is EPIPE in CLOSE_WAIT, ECONNRESET otherwise, and a
     * socket already in CLOSE ignores it; {@code tcp_done_with_error} sets {@code sk_err}, calls
     * {@code tcp_done} (TCP_CLOSE, SHUTDOWN_MASK, {@code sk_state_change}) and then
     * {@code sk_error_report}, unless the socket is an orphan (SOCK_DEAD) that no one can wait on.
     * The receive queue stays: bytes that came before the RST can still be read.
     */
    void tcpReset() {
        if (state == TcpState.CLOSE) return;
        int error = state == TcpState.CLOSE_WAIT ? Linux.EPIPE : Linux.ECONNRESET;
        err = error;
        tcpDone("RST: " + Linux.errnoName(error));
        if (!released && wq.active()) wq.wakeUpPoll(Linux.EPOLLERR, "sk_error_report: " + label);
    }

    /** {@code tcp_done}: TCP_CLOSE with both directions shut down, and {@code sk_state_change} (sock_def_wakeup). */
    private void tcpDone(String why) {
        state = TcpState.CLOSE;
        shutdown = SHUTDOWN_MASK;
        changed(why + ": TCP_CLOSE");
        if (!released && wq.active()) wq.wakeUpAll("sock_def_wakeup: " + label + " closed");
    }

    /**
     * {@code tcp_fin}: the peer's FIN arrived: RCV_SHUTDOWN and SOCK_DONE; ESTABLISHED becomes
     * CLOSE_WAIT, FIN_WAIT2 goes to TIME_WAIT ({@code tcp_time_wait}, whose {@code tcp_done} leaves
     * this socket in CLOSE). Then {@code sk_state_change} and {@code sk_data_ready}
     * ({@code tcp_data_queue}). Returns false when no socket is there to take it (CLOSE): the
     * sender is answered with a RST.
     */
    private boolean tcpFin() {
        if (state == TcpState.CLOSE) return false;
        shutdown |= RCV_SHUTDOWN;
        done = true;
        switch (state) {
            case ESTABLISHED -> state = TcpState.CLOSE_WAIT;
            case FIN_WAIT1 -> state = TcpState.CLOSING;
            case FIN_WAIT2 -> {
                state = TcpState.CLOSE;
                shutdown = SHUTDOWN_MASK;
            }
            default -> { }
        }
        changed("FIN from peer: " + state);
        if (!released && wq.active()) {
            wq.wakeUpAll("sock_def_wakeup: FIN for " + label);
            wq.wakeUpPoll(READABLE_KEY, "sock_def_readable: FIN for " + label);
        }
        return true;
    }

    /**
     * The peer's ACK of our FIN, taken from the backlog at {@code release_sock}
     * ({@code tcp_rcv_state_process}): FIN_WAIT1 becomes FIN_WAIT2 (with {@code sk_state_change}),
     * CLOSING goes to TIME_WAIT and LAST_ACK ends in {@code tcp_done}.
     */
    private void tcpFinAcked() {
        switch (state) {
            case FIN_WAIT1 -> {
                state = TcpState.FIN_WAIT2;
                changed("FIN acked: FIN_WAIT2");
                if (!released && wq.active()) wq.wakeUpAll("sock_def_wakeup: " + label + " FIN_WAIT2");
            }
            case CLOSING, LAST_ACK -> tcpDone("FIN acked");
            default -> { }
        }
    }

    /**
     * {@code tcp_close_state} and {@code tcp_send_fin}: ESTABLISHED becomes FIN_WAIT1 and
     * CLOSE_WAIT becomes LAST_ACK, and the FIN goes out; other states have sent theirs or are
     * closed. Returns whether a FIN was sent; the peer has taken it (and woken) by then.
     */
    private boolean tcpSendFin() {
        if (state != TcpState.ESTABLISHED && state != TcpState.CLOSE_WAIT) return false;
        state = state == TcpState.ESTABLISHED ? TcpState.FIN_WAIT1 : TcpState.LAST_ACK;
        finAnswered = peer.tcpFin();
        return true;
    }

    /** whether the peer took our last FIN (and ACKed it), else it answered with a RST */
    private boolean finAnswered;

    /** What the peer answered to our FIN, from the backlog at {@code release_sock}. */
    private void tcpFinAnswer() {
        if (finAnswered) tcpFinAcked(); else tcpReset();
    }

    /**
     * {@code tcp_disconnect} of a connection no one accepted, as {@code inet_csk_listen_stop}
     * makes it ({@code inet_child_forget}): TCP_CLOSE, and in a state that needs one
     * ({@code tcp_need_reset}) a RST to the client.
     */
    void tcpForget() {
        TcpState old = state;
        state = TcpState.CLOSE;
        flushReceiveQueue();
        changed("disconnected: TCP_CLOSE");
        if (old != TcpState.CLOSE) peer.tcpReset();
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
            if (family == Family.TCP && done) {
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
            // tcp_recvmsg_locked: "user tries to read from never connected socket"
            if (family == Family.TCP && state == TcpState.CLOSE) return SyscallResult.error(Linux.ENOTCONN);
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
        if (family == Family.TCP) return tcpShutdown(how, mode);
        // unix_shutdown: our sk_state_change first, then the peer's
        shutdown |= mode;
        changed("shutdown " + shutName(how));
        // sk_state_change = sock_def_wakeup: every waiter, no key
        if (wq.active()) wq.wakeUpAll("sock_def_wakeup: " + label + " shut down");
        Socket other = peer;
        if (other != null && !other.released) {
            int peerMode = 0;
            if ((mode & RCV_SHUTDOWN) != 0) peerMode |= SEND_SHUTDOWN;
            if ((mode & SEND_SHUTDOWN) != 0) peerMode |= RCV_SHUTDOWN;
            other.shutdown |= peerMode;
            other.changed("peer shut down " + (peerMode == RCV_SHUTDOWN ? "its sending side" : "its receiving side"));
            if (other.wq.active()) other.wq.wakeUpAll("sock_def_wakeup: peer of " + other.label + " shut down");
        }
        return SyscallResult.ok(0);
    }

    private static String shutName(int how) {
        return how == Linux.SHUT_RD ? "SHUT_RD" : how == Linux.SHUT_WR ? "SHUT_WR" : "SHUT_RDWR";
    }

    /**
     * {@code inet_shutdown} of a connected TCP socket: the bits are set, then {@code tcp_shutdown}
     * sends a FIN (ESTABLISHED and CLOSE_WAIT only), which the peer takes at once and is woken by;
     * then our own {@code sk_state_change}; then {@code release_sock} runs the backlog, where the
     * peer's ACK waits (FIN_WAIT1 to FIN_WAIT2, or LAST_ACK to CLOSE). So the peer joins a ready
     * list before we do. In TCP_CLOSE the bits are set and waiters woken all the same, and the call
     * says ENOTCONN.
     */
    private SyscallResult tcpShutdown(int how, int mode) {
        boolean wasClosed = state == TcpState.CLOSE;
        shutdown |= mode;
        changed("shutdown " + shutName(how));
        boolean fin = !wasClosed && (mode & SEND_SHUTDOWN) != 0 && tcpSendFin();
        if (wq.active()) wq.wakeUpAll("sock_def_wakeup: " + label + " shut down");
        if (fin) tcpFinAnswer();
        return wasClosed ? SyscallResult.error(Linux.ENOTCONN) : SyscallResult.ok(0);
    }

    /** {@code unix_release_sock} / {@code tcp_close}. */
    @Override
    protected void release() {
        if (family == Family.TCP) {
            tcpClose();
            return;
        }
        Socket other = peer;
        boolean unread = !receiveQueue.isEmpty();
        shutdown = SHUTDOWN_MASK;
        peer = null;
        if (other != null && !other.released) {
            other.shutdown = SHUTDOWN_MASK;
            if (unread) other.err = Linux.ECONNRESET;
            other.changed("peer closed" + (unread ? " with unread data: ECONNRESET" : ""));
            if (other.wq.active()) other.wq.wakeUpAll("sock_def_wakeup: peer of " + other.label + " closed");
        }
        // flush our receive queue: the peer's skbs are freed, which may let it write again
        while (!receiveQueue.isEmpty()) {
            Skb skb = receiveQueue.poll();
            queuedBytes -= skb.data.length - skb.off;
            if (other != null && !other.released) other.skbFreed(skb);
        }
    }

    /**
     * {@code __tcp_close}: SHUTDOWN_MASK, the receive queue flushed; a socket already in CLOSE
     * (reset, or through TIME_WAIT) sends nothing; unread data is answered with a RST
     * ({@code tcp_send_active_reset}, RFC 2525 2.17); otherwise {@code tcp_close_state} sends a FIN
     * from ESTABLISHED or CLOSE_WAIT and nothing from FIN_WAIT2 or LAST_ACK, whose FIN went with
     * shutdown(2). The socket lives on as an orphan (SOCK_DEAD): in FIN_WAIT2 (a timewait sock
     * after {@code tcp_time_wait}) it still answers data with a RST.
     */
    private void tcpClose() {
        shutdown = SHUTDOWN_MASK;
        boolean unread = queuedBytes > 0;
        flushReceiveQueue();
        if (state == TcpState.CLOSE) {
            changed("closed");
            return;
        }
        if (unread) {
            state = TcpState.CLOSE;
            changed("closed with unread data: RST");
            peer.tcpReset();
            return;
        }
        if (lingerSeconds == 0) {
            // "Check zero linger _after_ checking for unread data": tcp_disconnect, the ABORT of RFC 793
            TcpState old = state;
            state = TcpState.CLOSE;
            boolean rst = needsReset(old);
            changed("closed with SO_LINGER 0: " + (rst ? "RST" : "nothing sent") + ", TCP_CLOSE");
            if (rst) peer.tcpReset();
            return;
        }
        changed("closed");
        if (tcpSendFin()) tcpFinAnswer();
    }

    /**
     * {@code tcp_need_reset}: the states in which an abort sends a RST. (tcp_disconnect also resets
     * from CLOSING and LAST_ACK while data is unsent, {@code snd_nxt != write_seq}; on loopback the
     * model sends every byte it accepts at once, so there it has none.)
     */
    private static boolean needsReset(TcpState s) {
        return s == TcpState.ESTABLISHED || s == TcpState.CLOSE_WAIT || s == TcpState.FIN_WAIT1 || s == TcpState.FIN_WAIT2;
    }

    /** Frees what we had not read: the peer's skbs, which may let it write again. */
    private void flushReceiveQueue() {
        while (!receiveQueue.isEmpty()) {
            Skb skb = receiveQueue.poll();
            int left = skb.data.length - skb.off;
            queuedBytes -= left;
            peer.wmemAlloc -= left;
            peer.skbFreed(skb);
        }
    }
}
