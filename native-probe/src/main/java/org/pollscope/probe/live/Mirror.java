package org.pollscope.probe.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.pollscope.kernel.EpItem;
import org.pollscope.kernel.EventFd;
import org.pollscope.kernel.EventPoll;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.OpenFile;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.Socket;
import org.pollscope.kernel.SyscallResult;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * The model beside the real live server: every real call the server makes is replayed, in the
 * same order, into a model {@link Kernel}, and the model's result is compared with the real one.
 *
 * <p><b>The outside drives the model.</b> The server's peers are outside the server, so the model
 * is told what they must have done, and only what the real kernel's reports prove, at the latest
 * moment that explains them: a connection before the accept that returned it (or before the wait
 * that reported the listener); the bytes a real wait found queued (learnt with
 * {@code ioctl(FIONREAD)} right after it returned) before that wait is replayed, and any further
 * bytes a read returned before that read; a peer's FIN before the wait that reported
 * {@code EPOLLRDHUP} or a readable socket with nothing queued, or before the read that returned
 * 0, is a {@code shutdown(SHUT_WR)}: a FIN is all that proves; a close shows itself later, by a
 * RST ({@code EPOLLERR}, {@code ECONNRESET}, {@code EPIPE}: then the peer closes with the echo
 * unread, which is what makes {@code tcp_close} send one, or, with nothing unread, aborts with
 * {@code linger(c, 0)}), or by {@code EPOLLHUP}. The peers are a second model process, forked from the server's
 * right after the listener and the wake-up eventfd are made, so that it holds both. A model peer
 * reads (drains) what the server wrote to it before it writes again or closes, as the real
 * clients read their echo.
 *
 * <p><b>What is compared.</b> Return values and errno; for a call that returns an fd, that it is
 * an fd (the numbers differ: the JVM has files open); for {@code read}, the count (the model's
 * peers write {@code 'x'}s); for a wait, the count and the set of (fd, events) reported. The
 * order of a wait's events is not compared: in the kernel it depends on the instant each peer's
 * packet met {@code ep_poll_callback} (one that comes during {@code ep_send_events} goes on
 * {@code ovflist} and back at the head of {@code rdllist}, {@code ep_done_scan}), which the
 * server cannot see. Keys are always shown as the real fd.
 *
 * <p><b>Threads.</b> Every method is synchronized: the server's thread replays, any thread may
 * read. Listeners are called on the server's thread inside the lock: they must be quick and
 * hand the event to their own thread (a GUI: {@code Platform.runLater} in batches).
 *
 * <p>Memory is bounded: the model records no trace (only listeners see it, and only while there
 * are some), the log kept for reproducers is the last {@link #LOG_KEPT} statements, and only the first
 * {@link #DIVERGENCES_KEPT} divergences are kept (all are counted).
 */
public final class Mirror {
    /** statements kept in the log the reproducers are written from (a poll or select counts one per fd it names) */
    static final int LOG_KEPT = 50_000;
    /** divergences kept with their scenario; more are counted */
    public static final int DIVERGENCES_KEPT = 100;

    /**
     * One mirrored call, as a view shows it.
     *
     * @param index  the call's number, from 1, in the order the server made them
     * @param call   the call as strace would show it, with the real fds: {@code epoll_wait(7, 1026, 1000)}
     * @param subject the scenario name of the fd the call is about: {@code l} (the listener), {@code wake}
     *               (the wake-up eventfd), {@code ep}, {@code sN} (connection N's server end)
     * @param real   the real result, compared form ({@code 2 {s3: EPOLLIN, l: EPOLLIN}}, {@code fd}, {@code -1 EAGAIN})
     * @param model  the model's result, in the same form
     * @param outside what the model's peers were made to do first ({@code c3 = connect(l)}, {@code write(c3, 32)})
     * @param trace  the model's trace events of the call and of what its peers did (empty when no one listens)
     * @param agrees the results are the same, or differ only by a reset the real kernel was halfway through
     *               (see {@link #midReset})
     */
    public record Event(long index, String call, String subject, String real, String model, List<String> outside, List<TraceEvent> trace,
                        boolean agrees) {}

    /**
     * A call whose model result differs from the real one.
     *
     * @param scenario the scenario built from the log, to shrink into a reproducer (null for
     *                 divergences past {@link #DIVERGENCES_KEPT})
     */
    public record Divergence(long index, String call, String model, String real, String scenario) {
        public String line() {
            return "call " + index + " " + call + ": model " + model + ", real " + real;
        }
    }

    /** One registration of an interest list: the fd (the real one), its events as fdinfo shows them, its data. */
    public record Interest(int fd, int events, long data) implements Comparable<Interest> {
        @Override
        public int compareTo(Interest o) {
            return fd != o.fd ? Integer.compare(fd, o.fd) : Long.compare(data, o.data);
        }

        @Override
        public String toString() {
            return "tfd " + fd + " events 0x" + Integer.toHexString(events) + " data 0x" + Long.toHexString(data);
        }
    }

    /** One connection as the mirror follows it: its server end, and the model peer at the other end. */
    private static final class Conn {
        final int id;
        /** the model peer's fd, in the peer process */
        final int peerFd;
        int realFd = -1;
        int modelFd = -1;
        /** the model peer closed its socket */
        boolean peerClosed;
        /** the model peer shut its sending side down (a FIN), and may yet close */
        boolean peerShut;
        /** the events it is registered with, for a reproducer that must make it anew */
        int events = -1;
        /** the call that made it, or -1 */
        long born = -1;

        Conn(int id, int peerFd) {
            this.id = id;
            this.peerFd = peerFd;
        }
    }

    /** A scenario statement in the log; the parts of a poll or select that name a connection can be left out. */
    private record Entry(long index, Set<Integer> conns, String prefix, List<Part> parts, String suffix) {
        String text(Set<Integer> keep) {
            StringBuilder sb = new StringBuilder(prefix);
            boolean first = true;
            for (Part p : parts) {
                if (p.conn >= 0 && !keep.contains(p.conn)) continue;
                if (!first) sb.append(", ");
                sb.append(p.text);
                first = false;
            }
            return sb.append(suffix).toString();
        }
    }

    private record Part(int conn, String text) {}

    private final Kernel kernel = new Kernel().fdLimit(1 << 20);
    private final SimThread server = kernel.newProcess("server");
    private SimThread peer;
    /** real fd -> model fd, in the server process */
    private final Map<Integer, Integer> toModel = new HashMap<>();
    /** model fd -> real fd */
    private final Map<Integer, Integer> toReal = new HashMap<>();
    /** the open connections, by real fd */
    private final Map<Integer, Conn> conns = new HashMap<>();
    /** connected by a model peer, not yet accepted: the model's accept queue, in its order */
    private final ArrayDeque<Conn> unaccepted = new ArrayDeque<>();
    private int nextConn = 1;
    private int listenerReal = -1;
    private int wakeReal = -1;
    private int epReal = -1;
    /** the real fds registered in the real interest list, by the real results */
    private final Set<Integer> registered = new LinkedHashSet<>();
    private int interestPeak;

    private long calls;
    private final Map<String, Long> callsByName = new TreeMap<>();
    private long eventsReported;
    private long divergenceCount;
    private long midResets;
    private final List<Divergence> divergences = new ArrayList<>();
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

    private final List<Entry> setup = new ArrayList<>();
    private boolean looping;
    private final ArrayDeque<Entry> log = new ArrayDeque<>();
    private long logWeight;

    /** what the call being replayed made its peers do, and the trace it produced */
    private final List<String> outside = new ArrayList<>();
    private final List<TraceEvent> trace = new ArrayList<>();
    private final Consumer<TraceEvent> traceTap = trace::add;
    /** the name of the fd the call being replayed is about */
    private String subject = "";

    public Mirror() {
        kernel.trace().setRecording(false);
    }

    // ---- for views ----

    /**
     * Calls {@code l} with every mirrored call from now on, on the server's thread (see the class
     * comment). A listener that throws is removed.
     */
    public synchronized void addListener(Consumer<Event> l) {
        if (listeners.isEmpty()) kernel.trace().addListener(traceTap);
        listeners.add(l);
    }

    public synchronized void removeListener(Consumer<Event> l) {
        listeners.remove(l);
        if (listeners.isEmpty()) kernel.trace().removeListener(traceTap);
    }

    /** The calls mirrored so far. */
    public synchronized long calls() {
        return calls;
    }

    /** The calls mirrored so far by name ({@code epoll_wait}, {@code read}, ...). */
    public synchronized Map<String, Long> callsByName() {
        return Map.copyOf(callsByName);
    }

    /** Events the real waits reported, in all. */
    public synchronized long eventsReported() {
        return eventsReported;
    }

    /** How many calls disagreed. */
    public synchronized long divergenceCount() {
        return divergenceCount;
    }

    /** The first {@link #DIVERGENCES_KEPT} divergences, in order. */
    public synchronized List<Divergence> divergences() {
        return List.copyOf(divergences);
    }

    /** The most registrations the real interest list held at once (by the real epoll_ctl and close results). */
    public synchronized int interestPeak() {
        return interestPeak;
    }

    /** The real interest list as the real calls' results made it: what fdinfo must show. */
    public synchronized int interestSize() {
        return registered.size();
    }

    /**
     * The model's interest list, by real fd: each item of the model's epoll instance with its
     * events and data. Empty in the poll and select modes (they have none: the fds go in with
     * every call).
     */
    public synchronized List<Interest> modelInterestList() {
        List<Interest> out = new ArrayList<>();
        EventPoll ep = modelEpoll();
        if (ep == null) return out;
        for (EpItem it : ep.items()) {
            Integer real = toReal.get(it.key().fd());
            out.add(new Interest(real == null ? -1 - it.key().fd() : real, it.events(), it.data()));
        }
        Collections.sort(out);
        return out;
    }

    /** The scenario's name of a real fd of the server: l, wake, ep, sN (connection N), or its number. */
    public synchronized String nameOf(int fd) {
        return name(fd);
    }

    /** The model kernel, for a view that draws it. Read it only while holding this mirror's lock ({@code synchronized (mirror)}). */
    public Kernel kernel() {
        return kernel;
    }

    // ---- the calls, replayed ----

    /** socket + bind + listen gave {@code real}: the model's {@code listener()}. */
    public synchronized void listener(SyscallResult real) {
        SyscallResult m = kernel.listener(server);
        if (!real.failed()) listenerReal = (int) real.ret();
        subject = "l";
        mapNew(real, m);
        log(-1, "l = listener()");
        finish("socket+bind+listen()", fdForm(real), fdForm(m));
    }

    /** eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC), the server's wake-up; then the peers' process is made. */
    public synchronized void eventfd(SyscallResult real) {
        SyscallResult m = kernel.eventfd(server, 0);
        if (!real.failed()) wakeReal = (int) real.ret();
        subject = "wake";
        mapNew(real, m);
        log(-1, "wake = eventfd(0)");
        finish("eventfd(0, EFD_NONBLOCK|EFD_CLOEXEC)", fdForm(real), fdForm(m));
        if (peer == null) peer = kernel.fork(server, "peers");
    }

    public synchronized void epollCreate1(int flags, SyscallResult real) {
        SyscallResult m = kernel.epollCreate1(server, flags);
        if (!real.failed()) epReal = (int) real.ret();
        subject = "ep";
        mapNew(real, m);
        log(-1, "ep = epoll_create1(" + (flags == Linux.EPOLL_CLOEXEC ? "EPOLL_CLOEXEC" : Integer.toString(flags)) + ")");
        finish("epoll_create1(" + flags + ")", fdForm(real), fdForm(m));
    }

    public synchronized void epollCtl(int epfd, int op, int fd, int events, long data, SyscallResult real) {
        subject = name(fd);
        SyscallResult m = kernel.epollCtl(server, model(epfd), op, model(fd), events, data);
        if (!real.failed()) {
            if (op == Linux.EPOLL_CTL_ADD) registered.add(fd);
            if (op == Linux.EPOLL_CTL_DEL) registered.remove(fd);
            interestPeak = Math.max(interestPeak, registered.size());
        }
        Conn c = conns.get(fd);
        if (c != null && op != Linux.EPOLL_CTL_DEL) c.events = events;
        String opName = op == Linux.EPOLL_CTL_ADD ? "ADD" : op == Linux.EPOLL_CTL_MOD ? "MOD" : op == Linux.EPOLL_CTL_DEL ? "DEL" : Integer.toString(op);
        log(c == null ? -1 : c.id, "epoll_ctl(ep, " + opName + ", " + name(fd) + ", " + scnEvents(events) + ")");
        finish("epoll_ctl(" + epfd + ", EPOLL_CTL_" + opName + ", " + fd + ", {" + Linux.epollEvents(events) + ", " + data + "})",
            countForm(real), countForm(m));
    }

    /**
     * epoll_wait gave {@code real}; {@code available} holds FIONREAD of each reported connection,
     * taken right after it returned. The model's peers do what explains the report, then the model
     * waits: when nothing is ready in the model, it waits first and sleeps, so that the peers'
     * callbacks wake it as they woke the server.
     */
    public synchronized void epollWait(int epfd, int maxevents, int timeout, SyscallResult real, Map<Integer, Integer> available) {
        epollWait(epfd, maxevents, timeout, real, available, Map.of());
    }

    /**
     * As above, with {@code nextRead}: the result of the first read the server made of each fd
     * after this wait (the server hands the mirror a turn of its loop at a time). It tells a
     * peer that closed with data unread (a RST: the read says ECONNRESET) from one whose FIN came
     * first and whose RST the server's echo drew (the read says 0, tcp_recvmsg's SOCK_DONE).
     */
    public synchronized void epollWait(int epfd, int maxevents, int timeout, SyscallResult real, Map<Integer, Integer> available,
                                       Map<Integer, SyscallResult> nextRead) {
        looping = true;
        subject = "ep";
        if (interrupted("epoll_wait(" + epfd + ", " + maxevents + ", " + timeout + ")", real)) return;
        EventPoll ep = modelEpoll();
        boolean readyNow = false;
        if (ep != null) {
            for (EpItem it : ep.readyList()) {
                if (it.itemPoll() != 0) {
                    readyNow = true;
                    break;
                }
            }
        }
        SyscallResult[] box = new SyscallResult[1];
        if (real.ret() > 0 && !readyNow) {
            // asleep first, as the server was; no timeout, so that no timer is left behind
            kernel.submit(server, kernel.epollWait(model(epfd), maxevents, -1), r -> box[0] = r);
            kernel.runPending();
            explainAll(real, available, nextRead, false);
            kernel.runPending();
            if (box[0] == null) unstick();
        } else {
            explainAll(real, available, nextRead, false);
            kernel.submit(server, kernel.epollWait(model(epfd), maxevents, modelTimeout(real, timeout)), r -> box[0] = r);
        }
        // an epoll event's data is the real fd already
        finishWait("epoll_wait(" + epfd + ", " + maxevents + ", " + timeout + ")", real, settle(box), 0, Math.max(0, real.ret()),
            mentioned -> logWait(mentioned, "epoll_wait(ep, " + maxevents + ", 0)"));
    }

    /** poll of {@code fds} (real) with {@code events} gave {@code real} (Ready(real fd, revents)). */
    public synchronized void poll(int[] fds, short[] events, int timeout, SyscallResult real, Map<Integer, Integer> available) {
        poll(fds, events, timeout, real, available, Map.of());
    }

    /** As above; {@code nextRead} as for {@link #epollWait(int, int, int, SyscallResult, Map, Map)}. */
    public synchronized void poll(int[] fds, short[] events, int timeout, SyscallResult real, Map<Integer, Integer> available,
                                  Map<Integer, SyscallResult> nextRead) {
        looping = true;
        subject = "";
        if (interrupted("poll([" + fds.length + " fds], " + fds.length + ", " + timeout + ")", real)) return;
        explainAll(real, available, nextRead, false);
        int[] mfds = new int[fds.length];
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < fds.length; i++) {
            mfds[i] = model(fds[i]);
            Conn c = conns.get(fds[i]);
            parts.add(new Part(c == null ? -1 : c.id, name(fds[i]) + ": " + scnPoll(events[i])));
        }
        SyscallResult[] box = new SyscallResult[1];
        kernel.submit(server, kernel.poll(mfds, events, modelTimeout(real, timeout)), r -> box[0] = r);
        SyscallResult m = settle(box);
        finishWait("poll([" + fds.length + " fds], " + fds.length + ", " + timeout + ")", real, m == null ? null : toRealKeys(m), 1,
            real.events().size(), mentioned -> logEntry(new Entry(calls + 1, mentioned, "poll([", parts, "], 0)")));
    }

    /** select with {@code readFds} (real) in the read set gave {@code real} (Ready(real fd, READ)). */
    public synchronized void select(int nfds, int[] readFds, int timeoutMs, SyscallResult real, Map<Integer, Integer> available) {
        select(nfds, readFds, timeoutMs, real, available, Map.of());
    }

    /** As above; {@code nextRead} as for {@link #epollWait(int, int, int, SyscallResult, Map, Map)}. */
    public synchronized void select(int nfds, int[] readFds, int timeoutMs, SyscallResult real, Map<Integer, Integer> available,
                                    Map<Integer, SyscallResult> nextRead) {
        looping = true;
        subject = "";
        if (interrupted("select(" + nfds + ", [" + readFds.length + " fds], NULL, NULL, {" + timeoutMs / 1000 + ", " + timeoutMs % 1000 * 1000 + "})", real)) {
            return;
        }
        explainAll(real, available, nextRead, true);
        int[] mread = new int[readFds.length];
        int top = -1;
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < readFds.length; i++) {
            mread[i] = model(readFds[i]);
            top = Math.max(top, mread[i]);
            Conn c = conns.get(readFds[i]);
            parts.add(new Part(c == null ? -1 : c.id, name(readFds[i])));
        }
        SyscallResult[] box = new SyscallResult[1];
        kernel.submit(server, kernel.select(top + 1, mread, new int[0], new int[0], modelTimeout(real, timeoutMs)), r -> box[0] = r);
        SyscallResult m = settle(box);
        finishWait("select(" + nfds + ", [" + readFds.length + " fds], NULL, NULL, {" + timeoutMs / 1000 + ", " + timeoutMs % 1000 * 1000 + "})",
            real, m == null ? null : toRealKeys(m), 2, real.events().size(),
            mentioned -> logEntry(new Entry(calls + 1, mentioned, "select(read=[", parts, "], write=[], except=[], timeout_ms=0)")));
    }

    /** accept4(l, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC) gave {@code real}. */
    public synchronized void accept4(int l, SyscallResult real) {
        subject = "l";
        if (!real.failed() && l == listenerReal && unaccepted.isEmpty()) connectPeer();
        SyscallResult m = kernel.accept(server, model(l));
        Conn c = m.failed() ? null : unaccepted.poll();
        if (!real.failed() && c != null) {
            c.realFd = (int) real.ret();
            c.modelFd = (int) m.ret();
            c.born = calls + 1;
            subject = "s" + c.id;
            conns.put(c.realFd, c);
            toModel.put(c.realFd, c.modelFd);
            toReal.put(c.modelFd, c.realFd);
        } else if (c != null) {
            // the model had a connection the real kernel did not: a divergence; drop it from the model
            kernel.close(server, (int) m.ret());
            kernel.close(peer, c.peerFd);
        }
        log(c == null ? -1 : c.id, (c != null && !real.failed() ? "s" + c.id + " = " : "") + "accept(l)");
        finish("accept4(" + l + ", NULL, NULL, SOCK_NONBLOCK|SOCK_CLOEXEC)", fdForm(real), fdForm(m));
    }

    /** read(fd, buf, n) gave {@code real} (its count). */
    public synchronized void read(int fd, long n, SyscallResult real) {
        subject = name(fd);
        Conn c = conns.get(fd);
        if (c != null) {
            if (real.ret() > 0) {
                long have = queued(c);
                if (real.ret() > have && !c.peerClosed && !c.peerShut) writePeer(c, real.ret() - have);
            } else if (real.ret() == 0 && !c.peerClosed && !c.peerShut) {
                shutdownPeer(c);
            } else if (real.failed() && real.errno() == Linux.ECONNRESET && !c.peerClosed) {
                closePeer(c, true);
            }
        }
        SyscallResult m = kernel.read(server, model(fd), n);
        log(c == null ? -1 : c.id, "read(" + name(fd) + ", " + n + ")");
        finish("read(" + fd + ", " + n + ")", countForm(real), countForm(m));
    }

    /** write(fd, buf, n) gave {@code real}. */
    public synchronized void write(int fd, long n, SyscallResult real) {
        subject = name(fd);
        Conn c = conns.get(fd);
        if (c != null && !c.peerClosed && real.failed() && (real.errno() == Linux.EPIPE || real.errno() == Linux.ECONNRESET)) {
            closePeer(c, true); // the peer's RST came before this write
        }
        SyscallResult m = kernel.write(server, model(fd), filler((int) n));
        log(c == null ? -1 : c.id, "write(" + name(fd) + ", " + n + ")");
        finish("write(" + fd + ", " + n + ")", countForm(real), countForm(m));
    }

    public synchronized void shutdown(int fd, int how, SyscallResult real) {
        subject = name(fd);
        Conn c = conns.get(fd);
        SyscallResult m = kernel.shutdown(server, model(fd), how);
        log(c == null ? -1 : c.id, "shutdown(" + name(fd) + ", " + (how == 0 ? "RD" : how == 1 ? "WR" : "RDWR") + ")");
        finish("shutdown(" + fd + ", " + how + ")", countForm(real), countForm(m));
    }

    /**
     * close(fd) gave {@code real}. A connection's model peer is closed as well: the server cannot
     * see what its peer does after this, and nothing the peer does can reach it any more.
     */
    public synchronized void close(int fd, SyscallResult real) {
        String name = name(fd);
        subject = name;
        Conn c = conns.remove(fd);
        Integer mfd = toModel.remove(fd);
        SyscallResult m = kernel.close(server, mfd == null ? -1 : mfd);
        if (mfd != null) toReal.remove(mfd);
        if (!real.failed() && registered.remove(fd)) {
            // the last reference to the file is gone: eventpoll_release removed its registration
        }
        if (fd == listenerReal) listenerReal = -1;
        if (fd == wakeReal) wakeReal = -1;
        if (fd == epReal) epReal = -1;
        log(c == null ? -1 : c.id, "close(" + name + ")");
        if (c != null && !c.peerClosed) {
            c.peerClosed = true;
            kernel.close(peer, c.peerFd);
            log(c.id, "close(c" + c.id + ")");
        }
        finish("close(" + fd + ")", countForm(real), countForm(m));
    }

    /**
     * A wait a signal interrupted (EINTR) is not replayed: the signal came from the JVM's world,
     * which the model has no part in, and the wait reported nothing. It is counted, as agreeing.
     */
    private boolean interrupted(String call, SyscallResult real) {
        if (!real.failed() || real.errno() != Linux.EINTR) return false;
        finish(call, "-1 EINTR", "-1 EINTR");
        return true;
    }

    // ---- the outside ----

    private void explainAll(SyscallResult real, Map<Integer, Integer> available, Map<Integer, SyscallResult> nextRead, boolean selectMasks) {
        if (real.failed()) return;
        for (SyscallResult.Ready r : real.events()) {
            int fd = (int) r.key();
            explain(fd, selectMasks ? Linux.EPOLLIN : r.mask(), available.getOrDefault(fd, 0), nextRead.get(fd));
        }
    }

    /** Makes the model's peers do what the real report of {@code fd} proves they did. */
    private void explain(int fd, int mask, int available, SyscallResult nextRead) {
        if (fd == listenerReal) {
            if ((mask & Linux.EPOLLIN) != 0 && unaccepted.isEmpty()) connectPeer();
            return;
        }
        if (fd == wakeReal) {
            if (kernel.file(server, model(fd)) instanceof EventFd e && e.count() == 0) {
                byte[] one = new byte[8];
                one[0] = 1;
                kernel.write(peer, model(fd), one);
                peerDid(-1, "write(wake, \"\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\")");
            }
            return;
        }
        Conn c = conns.get(fd);
        if (c == null) return;
        long have = queued(c);
        if (available > have && !c.peerClosed && !c.peerShut) writePeer(c, available - have);
        boolean readable = (mask & (Linux.EPOLLIN | Linux.EPOLLRDNORM)) != 0;
        if (c.peerClosed) return;
        boolean eofNext = nextRead != null && !nextRead.failed() && nextRead.ret() == 0;
        boolean resetNext = nextRead != null && nextRead.failed() && nextRead.errno() == Linux.ECONNRESET;
        if ((mask & Linux.EPOLLERR) != 0) {
            // a RST came (tcp_reset). Either the peer closed with data unread (tcp_close sends a RST
            // and no FIN), or its FIN came first and the RST answered what the server sent after it:
            // then the next read says 0 (SOCK_DONE comes before sk_err in tcp_recvmsg)
            if (eofNext && !c.peerShut) shutdownPeer(c);
            closePeer(c, true);
        } else if ((mask & Linux.EPOLLHUP) != 0) {
            // both sides shut (tcp_poll: sk_shutdown == SHUTDOWN_MASK, or TCP_CLOSE)
            closePeer(c, false);
        } else if (!c.peerShut && ((mask & Linux.EPOLLRDHUP) != 0 || readable && available == 0 && queued(c) == 0)) {
            if (resetNext && (mask & Linux.EPOLLRDHUP) == 0) {
                // select says only "readable": the read that follows tells a RST from a FIN
                closePeer(c, true);
            } else {
                // a FIN came: all the report proves is shutdown(SHUT_WR); a close shows itself later, by a RST
                shutdownPeer(c);
            }
        }
    }

    private void connectPeer() {
        if (peer == null || listenerReal < 0) return;
        SyscallResult r = kernel.connect(peer, model(listenerReal));
        if (r.failed()) return;
        Conn c = new Conn(nextConn++, (int) r.ret());
        unaccepted.add(c);
        peerDid(c.id, "c" + c.id + " = connect(l)");
    }

    private void writePeer(Conn c, long n) {
        drainPeer(c);
        long target = queued(c) + n;
        long left = n;
        while (left > 0) {
            int chunk = (int) Math.min(left, 65536);
            SyscallResult r = kernel.write(peer, c.peerFd, filler(chunk));
            if (r.failed() || r.ret() <= 0) break;
            left -= r.ret();
        }
        peerDid(c.id, "write(c" + c.id + ", " + n + ")");
        // should the model hold small segments back in simulated time (Nagle, delayed ACKs), let it pass
        if (queued(c) < target) kernel.settle(() -> queued(c) >= target);
    }

    /** The model peer reads what the server wrote to it, as the real clients read their echo. */
    private void drainPeer(Conn c) {
        if (kernel.file(peer, c.peerFd) instanceof Socket s && s.queuedBytes() > 0) {
            kernel.drain(peer, c.peerFd);
            peerDid(c.id, "drain(c" + c.id + ")");
        }
    }

    /** The peer shut its sending side down: shutdown(SHUT_WR), a FIN. */
    private void shutdownPeer(Conn c) {
        kernel.shutdown(peer, c.peerFd, Linux.SHUT_WR);
        c.peerShut = true;
        peerDid(c.id, "shutdown(c" + c.id + ", WR)");
    }

    /** The peer closed; {@code reset}: with a RST (the echo unread, or an abort when nothing is unread). */
    private void closePeer(Conn c, boolean reset) {
        if (!reset) {
            drainPeer(c);
        } else if (!(kernel.file(peer, c.peerFd) instanceof Socket s) || s.queuedBytes() == 0) {
            // a RST is proven and the peer has nothing unread, so a plain close would send a FIN:
            // the peer aborted (SO_LINGER 0, tcp_disconnect from __tcp_close)
            kernel.setLinger(peer, c.peerFd, 0);
            peerDid(c.id, "linger(c" + c.id + ", 0)");
        }
        kernel.close(peer, c.peerFd);
        c.peerClosed = true;
        peerDid(c.id, "close(c" + c.id + ")");
    }

    private void peerDid(int conn, String statement) {
        outside.add(statement);
        log(conn, statement);
    }

    private long queued(Conn c) {
        return kernel.file(server, c.modelFd) instanceof Socket s ? s.queuedBytes() : 0;
    }

    /**
     * The timeout the model's wait is given: the real one when the real wait timed out (it passes
     * in simulated time), else 0: the outside has been made to do what the real wait saw, so the
     * model has it ready or diverges, and no cancelled timer is left on the model's clock (a
     * wait that returns early cancels its timer, which stays queued until the clock reaches it,
     * and under load the model's clock does not move).
     */
    private static int modelTimeout(SyscallResult real, int timeout) {
        return real.ret() == 0 ? timeout : 0;
    }

    /**
     * The model sleeps in a wait the real one returned from: the divergence is recorded by the
     * caller; the model's server is woken by a write to the wake-up eventfd, which the model's
     * peer then reads back, so that the next calls start from the same world.
     */
    private void unstick() {
        if (wakeReal < 0) return;
        byte[] one = new byte[8];
        one[0] = 1;
        kernel.write(peer, model(wakeReal), one);
        kernel.runPending();
        kernel.read(peer, model(wakeReal), 8);
    }

    /** Runs the model until the call returns (a timeout passes in simulated time); null if it never can. */
    private SyscallResult settle(SyscallResult[] box) {
        kernel.settle(() -> box[0] != null);
        return box[0];
    }

    // ---- results ----

    private void finish(String call, String realForm, String modelForm) {
        finish(call, realForm, modelForm, false);
    }

    /**
     * The end of a replayed wait: {@code m}, the model's result with its keys made the real fds
     * (null: it would sleep for ever), against {@code real}; the wait is logged for reproducers by
     * {@code log} (given the connections either result names) and judged. {@code kind}: 0
     * epoll_wait, 1 poll, 2 select, as {@link #waitForm} writes them.
     */
    private void finishWait(String call, SyscallResult real, SyscallResult m, int kind, long reported, Consumer<Set<Integer>> log) {
        eventsReported += reported;
        Set<Integer> mentioned = new LinkedHashSet<>();
        String realForm = waitForm(real, kind, mentioned);
        String modelForm = m == null ? "sleeps for ever" : waitForm(m, kind, mentioned);
        log.accept(mentioned);
        finish(call, realForm, modelForm, midReset(real, m));
    }

    /**
     * Whether a wait's results differ only where the real one reports {@code EPOLLERR} without
     * {@code EPOLLHUP} and the model both: a RST the real kernel was halfway through, on another
     * CPU, when {@code tcp_poll} looked. {@code tcp_done_with_error} writes {@code sk_err}, then
     * {@code smp_wmb}, then {@code tcp_done} sets {@code TCP_CLOSE} and {@code SHUTDOWN_MASK}; a
     * {@code tcp_poll} that read the state before and {@code sk_err} after (its {@code smp_rmb})
     * sees the error without the hang-up, which comes a moment later. No model of the peers can
     * place that instant; the next report has both. Counted in {@link #midResets}.
     */
    private boolean midReset(SyscallResult real, SyscallResult m) {
        if (m == null || real.failed() || m.failed() || real.ret() != m.ret()) return false;
        Map<Long, Integer> a = new HashMap<>();
        for (SyscallResult.Ready e : real.events()) a.put(e.key(), e.mask());
        Map<Long, Integer> b = new HashMap<>();
        for (SyscallResult.Ready e : m.events()) b.put(e.key(), e.mask());
        if (!a.keySet().equals(b.keySet())) return false;
        boolean any = false;
        for (var e : a.entrySet()) {
            int r = e.getValue();
            int mm = b.get(e.getKey());
            if (r == mm) continue;
            if ((r & Linux.EPOLLERR) == 0 || (r & Linux.EPOLLHUP) != 0 || mm != (r | Linux.EPOLLHUP)) return false;
            outside.add(name((int) (long) e.getKey()) + ": EPOLLHUP a moment later than EPOLLERR (a RST halfway through tcp_done_with_error)");
            any = true;
        }
        if (any) midResets++;
        return any;
    }

    /** Waits whose only difference was a RST the real kernel was halfway through ({@link #midReset}). */
    public synchronized long midResets() {
        return midResets;
    }

    private void finish(String call, String realForm, String modelForm, boolean halfwayReset) {
        calls++;
        int paren = call.indexOf('(');
        callsByName.merge(paren < 0 ? call : call.substring(0, paren), 1L, Long::sum);
        boolean agrees = realForm.equals(modelForm) || halfwayReset;
        if (!agrees) {
            divergenceCount++;
            if (divergences.size() < DIVERGENCES_KEPT) divergences.add(new Divergence(calls, call, modelForm, realForm, scenarioAt(calls)));
        }
        if (!listeners.isEmpty()) {
            Event e = new Event(calls, call, subject, realForm, modelForm, List.copyOf(outside), List.copyOf(trace), agrees);
            for (Consumer<Event> l : listeners) {
                try {
                    l.accept(e);
                } catch (RuntimeException bug) {
                    // a view's bug must not stop the server: that listener hears no more
                    removeListener(l);
                }
            }
        }
        outside.clear();
        trace.clear();
    }

    private static String fdForm(SyscallResult r) {
        return r.failed() ? "-1 " + Linux.errnoName(r.errno()) : "fd";
    }

    private static String countForm(SyscallResult r) {
        return r.failed() ? "-1 " + Linux.errnoName(r.errno()) : Long.toString(r.ret());
    }

    /** "2 {l: EPOLLIN, s3: EPOLLIN|EPOLLRDHUP}", keys by name, sorted; the connections named are added to {@code mentioned}. */
    private String waitForm(SyscallResult r, int kind, Set<Integer> mentioned) {
        if (r.failed()) return "-1 " + Linux.errnoName(r.errno());
        List<String> items = new ArrayList<>();
        for (SyscallResult.Ready e : r.events()) {
            int fd = (int) e.key();
            Conn c = conns.get(fd);
            if (c != null) mentioned.add(c.id);
            items.add(name(fd) + ": " + (kind == 0 ? Linux.epollEvents(e.mask()) : kind == 1 ? Linux.pollEvents(e.mask())
                : Linux.selectSets(e.mask())));
        }
        Collections.sort(items);
        return r.ret() + " {" + String.join(", ", items) + "}";
    }

    /** A poll or select result of the model with its keys turned into real fds. */
    private SyscallResult toRealKeys(SyscallResult m) {
        if (m.failed()) return m;
        List<SyscallResult.Ready> out = new ArrayList<>();
        for (SyscallResult.Ready e : m.events()) {
            Integer real = toReal.get((int) e.key());
            out.add(new SyscallResult.Ready(real == null ? -1000 - e.key() : real, e.mask()));
        }
        return SyscallResult.events(m.ret(), out);
    }

    // ---- fds and names ----

    private void mapNew(SyscallResult real, SyscallResult m) {
        if (!real.failed() && !m.failed()) {
            toModel.put((int) real.ret(), (int) m.ret());
            toReal.put((int) m.ret(), (int) real.ret());
        }
    }

    /** The model fd of a real one; -1 (EBADF in the model) for one the model does not have. */
    private int model(int realFd) {
        Integer m = toModel.get(realFd);
        return m == null ? -1 : m;
    }

    private EventPoll modelEpoll() {
        OpenFile f = epReal < 0 ? null : kernel.file(server, model(epReal));
        return f instanceof EventPoll ep ? ep : null;
    }

    /** The scenario's name of a real fd: l, wake, ep, sN for connection N, or the number. */
    private String name(int fd) {
        if (fd == listenerReal) return "l";
        if (fd == wakeReal) return "wake";
        if (fd == epReal) return "ep";
        Conn c = conns.get(fd);
        return c != null ? "s" + c.id : Integer.toString(fd);
    }

    private static String scnEvents(int events) {
        return Linux.epollEvents(events).replace("|", " | ");
    }

    private static String scnPoll(int events) {
        return Linux.pollEvents(events).replace("|", " | ");
    }

    private static byte[] filler(int n) {
        byte[] b = new byte[Math.max(0, n)];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    // ---- the log and the reproducers ----

    private void log(int conn, String statement) {
        logEntry(new Entry(calls + 1, conn < 0 ? Set.of() : Set.of(conn), statement, List.of(), ""));
    }

    private void logWait(Set<Integer> mentioned, String statement) {
        logEntry(new Entry(calls + 1, Set.copyOf(mentioned), statement, List.of(), ""));
    }

    private void logEntry(Entry e) {
        if (!looping && e.conns().isEmpty()) {
            setup.add(e);
            return;
        }
        log.addLast(e);
        logWeight += 1 + e.parts().size();
        while (logWeight > LOG_KEPT && log.size() > 1) {
            Entry gone = log.removeFirst();
            logWeight -= 1 + gone.parts().size();
        }
    }

    /**
     * The scenario of the calls up to {@code index}: the setup, and every logged statement about a
     * connection the call names (or any, for a call that names none), with the waits that
     * reported one of them. A connection made before the log's start is made anew first.
     */
    private String scenarioAt(long index) {
        Entry last = log.peekLast();
        Set<Integer> keep = new LinkedHashSet<>();
        if (last != null && last.index() == index) keep.addAll(last.conns());
        for (Entry e : log) {
            if (e.index() == index) {
                keep.addAll(e.conns());
                for (Part p : e.parts()) if (p.conn >= 0) keep.add(p.conn);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Entry e : setup) sb.append(e.text(keep)).append('\n');
        long first = log.isEmpty() ? index : log.peekFirst().index();
        for (Conn c : conns.values()) {
            if (keep.contains(c.id) && c.born >= 0 && c.born < first) {
                sb.append("c").append(c.id).append(" = connect(l)\n");
                sb.append("s").append(c.id).append(" = accept(l)\n");
                if (c.events != -1) sb.append("epoll_ctl(ep, ADD, s").append(c.id).append(", ").append(scnEvents(c.events)).append(")\n");
            }
        }
        for (Entry e : log) {
            if (e.index() > index) break;
            boolean wanted = e.index() == index || e.conns().isEmpty() && e.parts().isEmpty() && keep.isEmpty();
            for (int id : e.conns()) wanted |= keep.contains(id);
            if (!e.parts().isEmpty()) wanted = true;
            if (wanted) sb.append(e.text(keep)).append('\n');
        }
        return sb.toString();
    }
}
