package org.pollscope.probe.live;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SyscallResult;
import org.pollscope.probe.LinuxSyscalls;

/**
 * PollScope's own live server: a real TCP server on 127.0.0.1 or ::1 whose loop makes real
 * {@code epoll_wait}/{@code epoll_ctl} (level-triggered, edge-triggered or one-shot), {@code poll}
 * or {@code select} calls through {@link LinuxSyscalls}, each mirrored into a model kernel by its
 * {@link Mirror}. Anyone may connect ({@code nc 127.0.0.1 7000}, {@code curl}, a browser): it
 * echoes what it reads, and a request that starts with {@code GET } or {@code HEAD } gets, once its
 * headers end with a blank line, an HTTP/1.0 page saying what PollScope saw, and is closed.
 *
 * <p>Use: {@link #start} (the listener is bound before it returns, so a refused address or a port
 * in use is a {@link LiveException} at once), {@link #mirror} for the calls, divergences and the
 * model, {@link #interestLists} for the real and the model's interest list taken at one instant,
 * {@link #stop} to close every fd and join the thread. The loop runs on one thread, named
 * {@code PREFIX-server-PORT}; it sleeps at most {@link #WAIT_MS} per wait, and is woken for
 * {@link #stop} and for snapshots by a write to an eventfd it watches beside the listener.
 *
 * <p>Bounded: at most {@link LiveConfig#maxClients} connections are served; one more is accepted
 * and closed at once, so that its peer reads end of file at once rather than waiting in the
 * backlog. Accepted sockets get {@code TCP_NODELAY}, so that an echo leaves at once (no Nagle
 * wait on a delayed ACK, {@code tcp_nagle_check}).
 *
 * <p>Invariants: every fd the server made and has not closed is one of {@link #listenFd},
 * {@link #wakeFd}, {@link #epFd} and the keys of {@link #clients}; every real call on them is
 * mirrored, in the order made, before the next; after {@link #stop} none is open.
 */
public final class LiveServer {
    /** the longest a wait sleeps: the model's replay of a wait always ends (its timeout passes in simulated time) */
    public static final int WAIT_MS = 1000;
    /** bytes one read asks for */
    static final int READ_SIZE = 65536;
    /** the most connections accepted in one turn of the loop (the listener is level-triggered: the rest wait for the next) */
    static final int ACCEPTS_PER_TURN = 256;
    /** an HTTP request's headers longer than this are not waited for: the connection is closed */
    static final int HEADERS_MAX = 8192;
    /** the accept queue asked for (capped by net.core.somaxconn) */
    static final int BACKLOG = 4096;
    /** fds the server leaves to the JVM and to itself when the fd limit sets the number of clients */
    static final int FD_RESERVE = 64;

    /** One connection the server serves. */
    private static final class Client {
        /** true once its first bytes said GET or HEAD */
        Boolean http;
        final StringBuilder head = new StringBuilder();
        /** its headers are complete: the page is written at the end of the turn */
        boolean pageDue;
    }

    /** The real and the model's interest list, taken between two calls of the loop. */
    public record InterestLists(List<Mirror.Interest> real, List<Mirror.Interest> model, boolean applicable) {
        public boolean equal() {
            return real.equals(model);
        }
    }

    /** What the server has done so far. */
    public record Stats(long calls, long accepted, long refused, int clients, long shortWrites, long httpResponses) {}

    private final LiveConfig config;
    private final Mirror mirror = new Mirror();
    private final int maxClients;
    private final int maxevents;
    private int listenFd = -1;
    private int wakeFd = -1;
    private int epFd = -1;
    private int port;
    private final Map<Integer, Client> clients = new LinkedHashMap<>();
    private Thread thread;
    private volatile boolean stopping;
    private volatile boolean finished;
    private final ConcurrentLinkedQueue<Runnable> requests = new ConcurrentLinkedQueue<>();
    private final Object wakeLock = new Object();
    private volatile RuntimeException crash;

    private final Memory io = new Memory(READ_SIZE);
    private final Memory intBuf = new Memory(4);
    private final Memory wakeBuf = new Memory(8);
    private Memory events;
    private Memory pollfds;
    private Memory fdset = new Memory(128);
    private final Memory timeval = new Memory(LinuxSyscalls.TIMEVAL_SIZE);

    /**
     * The mirror's replays of this turn of the loop, made at its end, in order: so that the replay
     * of a wait knows what the reads after it returned (see {@link Mirror#epollWait(int, int, int,
     * SyscallResult, Map, Map)}). Loop thread only.
     */
    private final java.util.ArrayDeque<Runnable> replays = new java.util.ArrayDeque<>();
    /** clients whose page is due at the end of this turn; loop thread only */
    private final List<Integer> pagesDue = new ArrayList<>();
    /** the first read's result of each fd in this turn; loop thread only */
    private Map<Integer, SyscallResult> nextRead = new HashMap<>();

    private volatile long accepted;
    private volatile long refused;
    private volatile long shortWrites;
    private volatile long httpResponses;

    private LiveServer(LiveConfig config) {
        this.config = config;
        this.maxClients = config.maxClients() > 0 ? config.maxClients() : clientsTheFdLimitAllows();
        this.maxevents = maxClients + 2;
    }

    /**
     * Binds, listens and starts the loop. Throws, with one line saying why, for an address other
     * than 127.0.0.1 or ::1, a port in use, or a system that is not Linux.
     */
    public static LiveServer start(LiveConfig config) throws LiveException {
        String why = LinuxSyscalls.UNAVAILABLE;
        if (why != null) throw new LiveException("the live server " + why);
        why = LiveConfig.bindProblem(config.bind());
        if (why == null) why = LiveConfig.portProblem(config.port());
        if (why != null) throw new LiveException(why);
        LiveServer s = new LiveServer(config);
        try {
            s.open();
        } catch (LiveException | RuntimeException e) {
            s.closeAll();
            throw e;
        }
        s.thread = new Thread(s::loop, config.threadPrefix() + "-server-" + s.port);
        s.thread.setDaemon(true);
        s.thread.start();
        return s;
    }

    public LiveConfig config() {
        return config;
    }

    /** The port listened on (the one asked for, or the one the kernel chose for port 0). */
    public int port() {
        return port;
    }

    /** The connections served at once at most. */
    public int maxClients() {
        return maxClients;
    }

    public Mirror mirror() {
        return mirror;
    }

    /** Shorthand for {@code mirror().addListener(l)}: every mirrored call, on the server's thread. */
    public void addListener(Consumer<Mirror.Event> l) {
        mirror.addListener(l);
    }

    public void removeListener(Consumer<Mirror.Event> l) {
        mirror.removeListener(l);
    }

    public Stats stats() {
        int n;
        synchronized (clients) {
            n = clients.size();
        }
        return new Stats(mirror.calls(), accepted, refused, n, shortWrites, httpResponses);
    }

    public boolean running() {
        return thread != null && thread.isAlive() && !finished;
    }

    /**
     * The real interest list ({@code /proc/self/fdinfo/EPFD}) and the model's, taken by the loop
     * between two of its calls, so that both are of the same instant. Not applicable in the poll
     * and select modes: they keep no interest list in the kernel. After {@link #stop}, the model's
     * alone (the real one is closed).
     */
    public InterestLists interestLists() throws LiveException {
        if (!config.mode().usesEpoll()) return new InterestLists(List.of(), List.of(), false);
        if (!running()) return new InterestLists(List.of(), mirror.modelInterestList(), true);
        CompletableFuture<InterestLists> f = new CompletableFuture<>();
        post(() -> {
            try {
                f.complete(new InterestLists(EpollFdInfo.read(epFd), mirror.modelInterestList(), true));
            } catch (IOException | RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveException("interrupted while waiting for the live server's interest lists");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new LiveException("/proc/self/fdinfo/" + epFd + " cannot be read: " + e.getCause().getMessage());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new LiveException("the live server did not answer within 10 s");
        }
    }

    /**
     * Stops the loop, closes every fd of the server and joins its thread. Idempotent. Called on
     * the server's own thread (from a listener), it only asks, and the loop ends after its turn.
     */
    public void stop() {
        if (thread == null) return;
        stopping = true;
        if (Thread.currentThread() == thread) return; // a listener asked: the loop ends after this turn
        wake();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) throw new IllegalStateException(thread.getName() + " did not stop within 30 s");
        if (crash != null) throw crash;
    }

    // ---- setup ----

    private void open() throws LiveException {
        boolean v6 = config.ipv6();
        int family = v6 ? LinuxSyscalls.AF_INET6 : LinuxSyscalls.AF_INET;
        int fd = LinuxSyscalls.socket(family, LinuxSyscalls.SOCK_STREAM | LinuxSyscalls.SOCK_NONBLOCK | LinuxSyscalls.SOCK_CLOEXEC, 0);
        if (fd < 0) throw new LiveException("socket() failed: " + Linux.errnoName(LinuxSyscalls.errno()));
        listenFd = fd;
        intBuf.setInt(0, 1);
        LinuxSyscalls.setsockopt(fd, LinuxSyscalls.SOL_SOCKET, LinuxSyscalls.SO_REUSEADDR, intBuf, 4);
        Memory sa = new Memory(LinuxSyscalls.SOCKADDR_IN6_SIZE);
        sa.clear();
        int len;
        short netPort = Short.reverseBytes((short) config.port());
        if (v6) {
            sa.setShort(LinuxSyscalls.SOCKADDR_IN6_FAMILY, (short) LinuxSyscalls.AF_INET6);
            sa.setShort(LinuxSyscalls.SOCKADDR_IN6_PORT, netPort);
            sa.setByte(LinuxSyscalls.SOCKADDR_IN6_ADDR + 15, (byte) 1);
            len = LinuxSyscalls.SOCKADDR_IN6_SIZE;
        } else {
            sa.setShort(LinuxSyscalls.SOCKADDR_IN_FAMILY, (short) LinuxSyscalls.AF_INET);
            sa.setShort(LinuxSyscalls.SOCKADDR_IN_PORT, netPort);
            sa.write(LinuxSyscalls.SOCKADDR_IN_ADDR, new byte[] {127, 0, 0, 1}, 0, 4);
            len = LinuxSyscalls.SOCKADDR_IN_SIZE;
        }
        if (LinuxSyscalls.bind(fd, sa, len) < 0) {
            int e = LinuxSyscalls.errno();
            String where = (v6 ? "[::1]" : "127.0.0.1") + ":" + config.port();
            if (e == LinuxSyscalls.EADDRINUSE) throw new LiveException("port " + config.port() + " is in use on " + where + "; choose another with --port");
            if (e == LinuxSyscalls.EADDRNOTAVAIL) throw new LiveException(where + " cannot be bound: this machine has no such address (is IPv6 off?)");
            if (e == Linux.EPERM || e == 13 /* EACCES: a port below 1024 without CAP_NET_BIND_SERVICE */) throw new LiveException("port " + config.port() + " needs privileges; choose one above 1023 with --port");
            throw new LiveException("bind " + where + " failed: " + Linux.errnoName(e));
        }
        if (LinuxSyscalls.listen(fd, BACKLOG) < 0) throw new LiveException("listen failed: " + Linux.errnoName(LinuxSyscalls.errno()));
        Memory slen = new Memory(4);
        slen.setInt(0, len);
        LinuxSyscalls.getsockname(fd, sa, slen);
        port = Short.toUnsignedInt(Short.reverseBytes(sa.getShort(v6 ? LinuxSyscalls.SOCKADDR_IN6_PORT : LinuxSyscalls.SOCKADDR_IN_PORT)));
        mirror.listener(SyscallResult.fd(fd));

        int w = LinuxSyscalls.eventfd(0, LinuxSyscalls.EFD_NONBLOCK | LinuxSyscalls.EFD_CLOEXEC);
        if (w < 0) throw new LiveException("eventfd failed: " + Linux.errnoName(LinuxSyscalls.errno()));
        wakeFd = w;
        mirror.eventfd(SyscallResult.fd(w));

        if (config.mode().usesEpoll()) {
            int ep = LinuxSyscalls.epoll_create1(LinuxSyscalls.EPOLL_CLOEXEC_FLAG);
            SyscallResult r = result(ep);
            mirror.epollCreate1(Linux.EPOLL_CLOEXEC, r);
            if (ep < 0) throw new LiveException("epoll_create1 failed: " + Linux.errnoName(r.errno()));
            epFd = ep;
            events = new Memory((long) maxevents * LinuxSyscalls.EPOLL_EVENT_SIZE);
            if (ctl(Linux.EPOLL_CTL_ADD, listenFd, Linux.EPOLLIN) < 0 || ctl(Linux.EPOLL_CTL_ADD, wakeFd, Linux.EPOLLIN) < 0) {
                throw new LiveException("epoll_ctl ADD failed: " + Linux.errnoName(LinuxSyscalls.errno()));
            }
        } else {
            pollfds = new Memory((long) maxevents * LinuxSyscalls.POLLFD_SIZE);
        }
    }

    /** As many clients as the soft fd limit leaves room for, after the fds open now and a reserve. */
    private static int clientsTheFdLimitAllows() {
        Memory rl = new Memory(LinuxSyscalls.RLIMIT_SIZE);
        long soft = LinuxSyscalls.getrlimit(LinuxSyscalls.RLIMIT_NOFILE, rl) == 0 ? rl.getLong(LinuxSyscalls.RLIMIT_CUR) : 1024;
        long open;
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            open = s.count();
        } catch (IOException e) {
            open = 256;
        }
        return (int) Math.max(1, Math.min(1 << 20, soft - open - FD_RESERVE - 3));
    }

    // ---- the loop ----

    private void loop() {
        try {
            while (!stopping) {
                nextRead = new HashMap<>();
                if (config.mode().usesEpoll()) epollTurn();
                else if (config.mode() == Mode.POLL) pollTurn();
                else selectTurn();
                // the turn's calls reach the mirror together, so that a wait's replay knows the reads after it
                flush();
                answerPages();
                flush();
                Runnable q;
                while ((q = requests.poll()) != null) q.run();
            }
        } catch (RuntimeException e) {
            crash = e;
        } finally {
            flush();
            closeAll();
            finished = true;
            // a snapshot asked for after the last turn gets the model's list alone
            Runnable r;
            while ((r = requests.poll()) != null) r.run();
        }
    }

    private void epollTurn() {
        int n = LinuxSyscalls.epoll_wait(epFd, events, maxevents, WAIT_MS);
        List<SyscallResult.Ready> ready = new ArrayList<>();
        Map<Integer, Integer> avail = new HashMap<>();
        for (int i = 0; i < n; i++) {
            long off = (long) i * LinuxSyscalls.EPOLL_EVENT_SIZE;
            long data = events.getLong(off + LinuxSyscalls.EPOLL_EVENT_DATA);
            int mask = events.getInt(off + LinuxSyscalls.EPOLL_EVENT_EVENTS);
            ready.add(new SyscallResult.Ready(data, mask));
            observe((int) data, avail);
        }
        SyscallResult r = n < 0 ? SyscallResult.error(LinuxSyscalls.errno()) : SyscallResult.events(ready);
        Map<Integer, SyscallResult> next = nextRead;
        replay(() -> mirror.epollWait(epFd, maxevents, WAIT_MS, r, avail, next));
        for (SyscallResult.Ready e : ready) handle((int) e.key());
    }

    private void pollTurn() {
        int[] fds = watched();
        short[] ev = new short[fds.length];
        for (int i = 0; i < fds.length; i++) {
            ev[i] = (short) (i < 2 ? Linux.EPOLLIN : config.mode().connectionEvents());
            long off = (long) i * LinuxSyscalls.POLLFD_SIZE;
            pollfds.setInt(off + LinuxSyscalls.POLLFD_FD, fds[i]);
            pollfds.setShort(off + LinuxSyscalls.POLLFD_EVENTS, ev[i]);
            pollfds.setShort(off + LinuxSyscalls.POLLFD_REVENTS, (short) 0);
        }
        int n = LinuxSyscalls.poll(pollfds, fds.length, WAIT_MS);
        List<SyscallResult.Ready> ready = new ArrayList<>();
        Map<Integer, Integer> avail = new HashMap<>();
        if (n > 0) {
            for (int i = 0; i < fds.length; i++) {
                int rev = pollfds.getShort((long) i * LinuxSyscalls.POLLFD_SIZE + LinuxSyscalls.POLLFD_REVENTS) & 0xffff;
                if (rev != 0) {
                    ready.add(new SyscallResult.Ready(fds[i], rev));
                    observe(fds[i], avail);
                }
            }
        }
        SyscallResult r = n < 0 ? SyscallResult.error(LinuxSyscalls.errno()) : SyscallResult.events(n, ready);
        Map<Integer, SyscallResult> next = nextRead;
        replay(() -> mirror.poll(fds, ev, WAIT_MS, r, avail, next));
        for (SyscallResult.Ready e : ready) handle((int) e.key());
    }

    private void selectTurn() {
        int[] fds = watched();
        int max = -1;
        for (int fd : fds) max = Math.max(max, fd);
        int words = (max + LinuxSyscalls.FD_SET_WORD_BITS) / LinuxSyscalls.FD_SET_WORD_BITS;
        // an fd_set as large as the highest fd needs: select reads nfds bits (core_sys_select), FD_SETSIZE is glibc's
        long bytes = Math.max(128, (long) words * LinuxSyscalls.FD_SET_WORD_BYTES);
        if (fdset.size() < bytes) fdset = new Memory(bytes);
        fdset.clear();
        for (int fd : fds) {
            long off = (long) (fd / LinuxSyscalls.FD_SET_WORD_BITS) * LinuxSyscalls.FD_SET_WORD_BYTES;
            fdset.setLong(off, fdset.getLong(off) | (1L << (fd % LinuxSyscalls.FD_SET_WORD_BITS)));
        }
        timeval.setLong(LinuxSyscalls.TIMEVAL_SEC, WAIT_MS / 1000);
        timeval.setLong(LinuxSyscalls.TIMEVAL_USEC, (WAIT_MS % 1000) * 1000L);
        int n = LinuxSyscalls.select(max + 1, fdset, Pointer.NULL, Pointer.NULL, timeval);
        List<SyscallResult.Ready> ready = new ArrayList<>();
        Map<Integer, Integer> avail = new HashMap<>();
        if (n > 0) {
            for (int fd = 0; fd <= max; fd++) {
                long off = (long) (fd / LinuxSyscalls.FD_SET_WORD_BITS) * LinuxSyscalls.FD_SET_WORD_BYTES;
                if ((fdset.getLong(off) & (1L << (fd % LinuxSyscalls.FD_SET_WORD_BITS))) != 0) {
                    ready.add(new SyscallResult.Ready(fd, Linux.SELECT_READ));
                    observe(fd, avail);
                }
            }
        }
        SyscallResult r = n < 0 ? SyscallResult.error(LinuxSyscalls.errno()) : SyscallResult.events(n, ready);
        Map<Integer, SyscallResult> next = nextRead;
        int nfds = max + 1;
        replay(() -> mirror.select(nfds, fds, WAIT_MS, r, avail, next));
        for (SyscallResult.Ready e : ready) handle((int) e.key());
    }

    /** The fds poll and select watch: the listener, the wake-up eventfd, the clients in the order they came. */
    private int[] watched() {
        synchronized (clients) {
            int[] fds = new int[2 + clients.size()];
            fds[0] = listenFd;
            fds[1] = wakeFd;
            int i = 2;
            for (int fd : clients.keySet()) fds[i++] = fd;
            return fds;
        }
    }

    /** FIONREAD of a reported client, right after the wait: what the mirror's peer must have sent by then. */
    private void observe(int fd, Map<Integer, Integer> avail) {
        if (fd == listenFd || fd == wakeFd || !clients.containsKey(fd)) return;
        if (LinuxSyscalls.ioctl(fd, LinuxSyscalls.FIONREAD, intBuf) == 0) avail.put(fd, intBuf.getInt(0));
    }

    private void handle(int fd) {
        if (fd == listenFd) {
            acceptSome();
        } else if (fd == wakeFd) {
            long n = LinuxSyscalls.read(wakeFd, wakeBuf, 8);
            SyscallResult r = n < 0 ? SyscallResult.error(LinuxSyscalls.errno()) : SyscallResult.ok(n);
            int w = wakeFd;
            replay(() -> mirror.read(w, 8, r)); // the requests it woke for run at the end of the turn
        } else if (clients.containsKey(fd)) {
            serve(fd);
        }
    }

    private void acceptSome() {
        for (int k = 0; k < ACCEPTS_PER_TURN; k++) {
            int s = LinuxSyscalls.accept4(listenFd, Pointer.NULL, Pointer.NULL, LinuxSyscalls.SOCK_NONBLOCK | LinuxSyscalls.SOCK_CLOEXEC);
            SyscallResult r = result(s);
            int l = listenFd;
            replay(() -> mirror.accept4(l, r));
            if (s < 0) return; // EAGAIN: the queue is empty; EMFILE and the like: the listener stays ready, the next turn tries again
            if (clients.size() >= maxClients) {
                refused++;
                SyscallResult c = result(LinuxSyscalls.close(s));
                replay(() -> mirror.close(s, c));
                continue;
            }
            accepted++;
            intBuf.setInt(0, 1);
            LinuxSyscalls.setsockopt(s, LinuxSyscalls.IPPROTO_TCP, LinuxSyscalls.TCP_NODELAY, intBuf, 4);
            synchronized (clients) {
                clients.put(s, new Client());
            }
            if (config.mode().usesEpoll()) ctl(Linux.EPOLL_CTL_ADD, s, config.mode().connectionEvents());
        }
    }

    /** Reads what the mode reads after a report: once, or until EAGAIN (edge-triggered); one-shot re-arms. */
    private void serve(int fd) {
        boolean open;
        if (config.mode() == Mode.ET) {
            int got;
            do {
                got = readOnce(fd);
            } while (got > 0);
            open = got == 0;
        } else {
            open = readOnce(fd) >= 0;
        }
        if (open && config.mode() == Mode.ONESHOT) ctl(Linux.EPOLL_CTL_MOD, fd, config.mode().connectionEvents());
    }

    /** One read: 1 when it read bytes and the client is still open, 0 for EAGAIN, -1 when the client was closed. */
    private int readOnce(int fd) {
        long n = LinuxSyscalls.read(fd, io, READ_SIZE);
        SyscallResult r = n < 0 ? SyscallResult.error(LinuxSyscalls.errno()) : SyscallResult.ok(n);
        nextRead.putIfAbsent(fd, r);
        replay(() -> mirror.read(fd, READ_SIZE, r));
        if (n > 0) return answer(fd, (int) n) ? 1 : -1;
        if (n < 0 && r.errno() == Linux.EAGAIN) return 0;
        closeClient(fd); // end of file, ECONNRESET, anything else
        return -1;
    }

    /** Echoes, or gathers an HTTP request and answers it; false when it closed the client. */
    private boolean answer(int fd, int n) {
        Client c = clients.get(fd);
        if (c.pageDue) return true; // what follows a request is not read into it
        if (c.http == null) {
            String start = new String(io.getByteArray(0, Math.min(n, 5)), StandardCharsets.ISO_8859_1);
            c.http = start.startsWith("GET ") || start.startsWith("HEAD ");
        }
        if (!c.http) {
            long w = LinuxSyscalls.write(fd, io, n);
            SyscallResult r = result64(w);
            replay(() -> mirror.write(fd, n, r));
            if (w >= 0 && w < n) shortWrites++;
            return true;
        }
        c.head.append(new String(io.getByteArray(0, n), StandardCharsets.ISO_8859_1));
        boolean done = c.head.indexOf("\r\n\r\n") >= 0 || c.head.indexOf("\n\n") >= 0;
        if (!done && c.head.length() <= HEADERS_MAX) return true;
        if (done) {
            // answered at the end of the turn, once the model has seen the turn: the page says what it saw
            c.pageDue = true;
            pagesDue.add(fd);
            return true;
        }
        closeClient(fd);
        return false;
    }

    /** Writes the pages due and closes their clients (after the turn's replays). */
    private void answerPages() {
        for (int fd : pagesDue) {
            Client c = clients.get(fd);
            if (c == null || !c.pageDue) continue; // closed in the same turn
            byte[] page = page(fd, c.head.toString().startsWith("HEAD "));
            Memory m = new Memory(page.length);
            m.write(0, page, 0, page.length);
            long w = LinuxSyscalls.write(fd, m, page.length);
            SyscallResult r = result64(w);
            replay(() -> mirror.write(fd, page.length, r));
            httpResponses++;
            closeClient(fd);
        }
        pagesDue.clear();
    }

    /** The HTTP/1.0 answer: a short text page of what PollScope saw. */
    private byte[] page(int fd, boolean head) {
        String body = "PollScope live server, mode " + config.mode().word() + ", on " + (config.ipv6() ? "[::1]" : "127.0.0.1") + ":" + port + "\n"
            + "Your connection is fd " + fd + " here; in the model it is " + mirror.nameOf(fd) + ".\n"
            + "Calls the server made: " + mirror.calls() + ", each replayed into the model; divergences: " + mirror.divergenceCount() + ".\n"
            + (config.mode().usesEpoll() ? "Registrations in the interest list now: " + mirror.interestSize() + ".\n"
                : "The server " + config.mode().word() + "s " + (clients.size() + 2) + " fds on each call.\n")
            + "Clients served now: " + clients.size() + " of at most " + maxClients + ".\n";
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String headers = "HTTP/1.0 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + b.length
            + "\r\nConnection: close\r\n\r\n";
        byte[] h = headers.getBytes(StandardCharsets.ISO_8859_1);
        if (head) return h;
        byte[] out = new byte[h.length + b.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(b, 0, out, h.length, b.length);
        return out;
    }

    private void closeClient(int fd) {
        synchronized (clients) {
            clients.remove(fd);
        }
        SyscallResult r = result(LinuxSyscalls.close(fd));
        replay(() -> mirror.close(fd, r));
    }

    private int ctl(int op, int fd, int ev) {
        Memory e = new Memory(LinuxSyscalls.EPOLL_EVENT_SIZE);
        e.setInt(LinuxSyscalls.EPOLL_EVENT_EVENTS, ev);
        e.setLong(LinuxSyscalls.EPOLL_EVENT_DATA, fd);
        int r = LinuxSyscalls.epoll_ctl(epFd, op, fd, e);
        SyscallResult res = result(r);
        int ep = epFd;
        replay(() -> mirror.epollCtl(ep, op, fd, ev, fd, res));
        return r;
    }

    /** Closes every fd the server holds, each close mirrored: clients, then the listener, the eventfd, the epoll fd. */
    private void closeAll() {
        List<Integer> fds;
        synchronized (clients) {
            fds = new ArrayList<>(clients.keySet());
        }
        for (int fd : fds) closeClient(fd);
        flush();
        if (listenFd >= 0) mirror.close(listenFd, result(LinuxSyscalls.close(listenFd)));
        listenFd = -1;
        synchronized (wakeLock) {
            if (wakeFd >= 0) mirror.close(wakeFd, result(LinuxSyscalls.close(wakeFd)));
            wakeFd = -1;
        }
        if (epFd >= 0) mirror.close(epFd, result(LinuxSyscalls.close(epFd)));
        epFd = -1;
    }

    /** Queues a replay into the mirror (setup calls are mirrored at once: there is no turn yet). */
    private void replay(Runnable r) {
        if (thread == null || Thread.currentThread() != thread) {
            r.run();
        } else {
            replays.add(r);
        }
    }

    /** Makes this turn's replays, in order. */
    private void flush() {
        Runnable r;
        while ((r = replays.poll()) != null) r.run();
    }

    /** Runs {@code r} on the loop's thread between two calls. */
    private void post(Runnable r) {
        requests.add(r);
        wake();
    }

    /** The outside's write of 1 to the wake-up eventfd (not a call of the server's: the mirror learns of it from the wait that reports it). */
    private void wake() {
        synchronized (wakeLock) {
            if (wakeFd < 0) return;
            Memory one = new Memory(8);
            one.setLong(0, 1);
            LinuxSyscalls.write(wakeFd, one, 8);
        }
    }

    private static SyscallResult result(int r) {
        return r < 0 ? SyscallResult.error(LinuxSyscalls.errno()) : SyscallResult.ok(r);
    }

    private static SyscallResult result64(long r) {
        return r < 0 ? SyscallResult.error(LinuxSyscalls.errno()) : SyscallResult.ok(r);
    }
}
