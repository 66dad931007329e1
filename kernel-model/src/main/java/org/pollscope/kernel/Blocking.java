package org.pollscope.kernel;

import org.pollscope.kernel.trace.TraceEvent;

/**
 * read(2) and accept(2) on blocking sockets, as the kernel sleeps in them: the thread's own
 * wait entry on the socket's wait queue ({@code sk_sleep(sk)}), woken by the socket's wake-up,
 * and no poll table, no fd visited. Two kernel shapes:
 *
 * <ul>
 * <li>a TCP read, {@code tcp_recvmsg_locked} → {@code sk_wait_data} (net/core/sock.c):
 * {@code DEFINE_WAIT_FUNC(wait, woken_wake_function)}, {@code add_wait_queue} (non-exclusive,
 * at the head), sleep, {@code remove_wait_queue} when it wakes, then look again;</li>
 * <li>an AF_UNIX stream read, {@code unix_stream_read_generic} → {@code unix_stream_data_wait}
 * (net/unix/af_unix.c): {@code DEFINE_WAIT(wait)}, {@code prepare_to_wait} (non-exclusive),
 * so {@code autoremove_wake_function} unlinks the entry as it wakes the thread;
 * {@code finish_wait} unlinks it if nothing did;</li>
 * <li>accept, {@code inet_csk_accept} → {@code inet_csk_wait_for_connect}
 * (net/ipv4/inet_connection_sock.c): {@code DEFINE_WAIT(wait)},
 * {@code prepare_to_wait_exclusive} (exclusive, at the tail): a connection's
 * {@code sock_def_readable} wakes one sleeping acceptor, the one that came first, and
 * {@code autoremove_wake_function} unlinks it; {@code finish_wait} at the end.</li>
 * </ul>
 */
final class Blocking {
    private Blocking() {}

    /** {@code read(fd, buf, n)} on a blocking socket; on another file, the file's own answer. */
    static Syscall read(Kernel k, int fd, long n) {
        return new Syscall() {
            WaitQueue.Entry wait;

            public String name() {
                return "read";
            }

            public String args() {
                return fd + ", " + n;
            }

            public SyscallResult attempt(SimThread t) {
                // woken: sk_wait_data's remove_wait_queue, or unix_stream_data_wait's finish_wait
                if (wait != null && wait.queue != null) wait.queue.remove(wait);
                SyscallResult o = k.read(t, fd, n);
                if (!o.failed() || o.errno() != Linux.EAGAIN || !(k.file(t, fd) instanceof Socket s)) return o;
                boolean tcp = s.family == Socket.Family.TCP;
                if (wait == null) {
                    wait = tcp ? woken(k, t, "read") : autoremove(k, t, "read");
                }
                s.wq.add(wait);   // add_wait_queue (TCP) / prepare_to_wait (unix): non-exclusive, at the head
                k.sleep(t, s.wq.name());
                return null;
            }
        };
    }

    /** {@code accept(l, NULL, NULL)} on a blocking listening socket. */
    static Syscall accept(Kernel k, int l) {
        return new Syscall() {
            WaitQueue.Entry wait;

            public String name() {
                return "accept4";
            }

            public String args() {
                return l + ", NULL, NULL, 0";
            }

            public SyscallResult attempt(SimThread t) {
                SyscallResult o = k.accept(t, l);
                if (!o.failed() || o.errno() != Linux.EAGAIN || !(k.file(t, l) instanceof Listener listener)) {
                    if (wait != null && wait.queue != null) wait.queue.remove(wait);   // finish_wait
                    return o;
                }
                if (wait == null) wait = autoremove(k, t, "accept4");
                // prepare_to_wait_exclusive: on the list once, exclusive, at the tail
                if (wait.queue == null) listener.wq.addExclusiveTail(wait);
                k.sleep(t, listener.wq.name());
                return null;
            }
        };
    }

    /** {@code woken_wake_function}: wakes the thread whatever the key; the sleeper unlinks the entry. */
    private static WaitQueue.Entry woken(Kernel k, SimThread t, String call) {
        return new WaitQueue.Entry("woken_wake_function T" + t.tid() + " (" + call + ")", (e, key) -> {
            int woke = k.wake(t, "woken_wake_function on " + e.queue.name());
            if (k.tracing()) k.emit(new TraceEvent.Callback(k.now(), k.currentTid(), "woken_wake_function", e.queue.name(),
                "T" + t.tid(), key, woke > 0));
            return woke;
        });
    }

    /** {@code autoremove_wake_function}: wakes the thread whatever the key and, when it did, unlinks the entry. */
    private static WaitQueue.Entry autoremove(Kernel k, SimThread t, String call) {
        return new WaitQueue.Entry("autoremove_wake_function T" + t.tid() + " (" + call + ")", (e, key) -> {
            WaitQueue q = e.queue;
            int woke = k.wake(t, "autoremove_wake_function on " + q.name());
            if (k.tracing()) k.emit(new TraceEvent.Callback(k.now(), k.currentTid(), "autoremove_wake_function", q.name(),
                "T" + t.tid(), key, woke > 0));
            if (woke > 0) q.remove(e);
            return woke;
        });
    }
}
