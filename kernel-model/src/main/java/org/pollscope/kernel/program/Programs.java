package org.pollscope.kernel.program;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.scenario.Outcome;

/**
 * The built-in servers. Each is a small state machine over the simulated kernel: it calls
 * {@code submit} for the one call that sleeps (epoll_wait, poll, select) and continues in the
 * callback when the call returns; reads, writes and accepts never sleep (the sockets are
 * non-blocking). All of them echo what they read.
 */
public final class Programs {
    private Programs() {}

    /** Read buffer of the servers, and of the buggy edge-triggered one. */
    static final int BUFFER = 4096;
    static final int BUGGY_BUFFER = 256;

    /**
     * What a program can be tuned with: threads (oneshot-pool workers, acceptors), the read
     * buffer (0: the program's own: 4096, or 256 for the edge-triggered ones that read once a
     * pass), and maxevents of epoll_wait.
     */
    public record Params(int threads, int buffer, int maxevents) {
        public static final Params DEFAULT = new Params(4, 0, 64);

        public Params {
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, found " + threads);
            if (buffer < 0) throw new IllegalArgumentException("buffer must be 0 (the program's own) or more, found " + buffer);
            if (maxevents < 1) throw new IllegalArgumentException("maxevents must be at least 1, found " + maxevents);
        }

        int buffer(int own) {
            return buffer == 0 ? own : buffer;
        }
    }

    private static final Map<String, java.util.function.Function<Params, Program>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("blocking", p -> new Blocking());
        ALL.put("thread-per-client", p -> new ThreadPerClient());
        ALL.put("select", p -> new Scanning(true));
        ALL.put("poll", p -> new Scanning(false));
        ALL.put("epoll-lt", p -> new Epoll("epoll-lt", false, p.buffer(BUFFER), false, p.maxevents()));
        ALL.put("epoll-et", p -> new Epoll("epoll-et", true, p.buffer(BUFFER), false, p.maxevents()));
        ALL.put("epoll-et-buggy", p -> new Epoll("epoll-et-buggy", true, p.buffer(BUGGY_BUFFER), false, p.maxevents()));
        ALL.put("epoll-et-fair", p -> new Epoll("epoll-et-fair", true, p.buffer(BUGGY_BUFFER), true, p.maxevents()));
        ALL.put("oneshot-pool", p -> new OneshotPool(p.threads()));
        ALL.put("acceptors", p -> new Acceptors(p.threads(), false, p.maxevents()));
        ALL.put("acceptors-exclusive", p -> new Acceptors(p.threads(), true, p.maxevents()));
        ALL.put("coroutine-hub", p -> new CoroutineHub(p.maxevents()));
    }

    /** Every program with its default parameters, in a stable order. */
    public static List<Program> all() {
        List<Program> out = new ArrayList<>();
        ALL.values().forEach(s -> out.add(s.apply(Params.DEFAULT)));
        return out;
    }

    /** A program by name with its default parameters, or null. */
    public static Program byName(String name) {
        return byName(name, Params.DEFAULT);
    }

    /** A program by name, tuned, or null. */
    public static Program byName(String name, Params params) {
        var s = ALL.get(name);
        return s == null ? null : s.apply(params);
    }

    /** Base with the listing and name. */
    private abstract static class Base implements Program {
        final String name;
        final String description;
        final List<String> listing;

        Base(String name, String description, String... listing) {
            this.name = name;
            this.description = description;
            this.listing = List.of(listing);
        }

        public String name() {
            return name;
        }

        public String description() {
            return description;
        }

        public List<String> listing() {
            return listing;
        }
    }

    // ---- one client at a time ----

    /** A blocking wait for one fd to be readable, which is what a blocking read or accept does: poll(fd, POLLIN, -1). */
    static void waitReadable(Simulation sim, SimThread t, int fd, Runnable then) {
        Kernel k = sim.kernel;
        k.submit(t, k.poll(new int[] {fd}, new short[] {(short) Linux.EPOLLIN}, -1), o -> then.run());
    }

    /** A blocking echo of client c on thread t until it leaves; then {@code afterClose}. */
    static void serveBlocking(Simulation sim, SimThread t, int c, int readLine, int closeLine, Runnable afterClose) {
        sim.line(t, readLine);
        waitReadable(sim, t, c, () -> {
            Outcome r = sim.echoOnce(t, c, BUFFER);
            if (!r.failed() && r.ret() == 0) {
                sim.line(t, closeLine);
                sim.close(t, c);
                afterClose.run();
            } else {
                serveBlocking(sim, t, c, readLine, closeLine, afterClose);
            }
        });
    }

    /** accept, then read/write that client until it leaves; the others wait in the backlog. */
    static final class Blocking extends Base {
        Blocking() {
            super("blocking", "one client at a time: accept, then read and write it until it leaves",
                "for (;;) {",
                "    c = accept(l);                 /* sleeps until a client comes */",
                "    while ((n = read(c, buf)) > 0) /* sleeps until it sends */",
                "        write(c, buf, n);",
                "    close(c);",
                "}");
        }

        public void start(Simulation sim) {
            acceptOne(sim, sim.server);
        }

        private void acceptOne(Simulation sim, SimThread t) {
            sim.line(t, 2);
            waitReadable(sim, t, sim.listener, () -> {
                Outcome a = sim.accept(t);
                if (a.failed()) {
                    acceptOne(sim, t);
                    return;
                }
                serveBlocking(sim, t, (int) a.ret(), 3, 5, () -> acceptOne(sim, t));
            });
        }
    }

    /** The main thread accepts; every client gets a thread of its own. */
    static final class ThreadPerClient extends Base {
        ThreadPerClient() {
            super("thread-per-client", "a thread per client, each blocking in read",
                "for (;;) {",
                "    c = accept(l);",
                "    pthread_create(serve, c);",
                "}",
                "serve(c): while ((n = read(c, buf)) > 0) write(c, buf, n);");
        }

        public void start(Simulation sim) {
            accept(sim, sim.server);
        }

        private void accept(Simulation sim, SimThread t) {
            sim.line(t, 2);
            waitReadable(sim, t, sim.listener, () -> {
                sim.acceptAll(t, c -> {
                    sim.line(t, 3);
                    serveBlocking(sim, sim.newThread("client-" + c), c, 5, 5, () -> { });
                });
                accept(sim, t);
            });
        }
    }

    // ---- select and poll loops ----

    /** Rebuilds its set of every fd on each pass, as select and poll loops must. */
    static final class Scanning extends Base {
        final boolean select;
        final List<Integer> fds = new ArrayList<>();

        Scanning(boolean select) {
            super(select ? "select" : "poll",
                select ? "a select loop that rebuilds its fd_set every iteration" : "a poll loop over every client",
                "for (;;) {",
                select ? "    FD_ZERO(&r); FD_SET(l, &r); for each c: FD_SET(c, &r);" : "    fill pfds: l and every c, POLLIN;",
                select ? "    n = select(maxfd + 1, &r, NULL, NULL, NULL);" : "    n = poll(pfds, nfds, -1);",
                "    if (l is ready) c = accept(l), add c;",
                "    for each ready c: n = read(c, buf); n > 0 ? write(c, buf, n) : close(c);",
                "}");
            this.select = select;
        }

        public void start(Simulation sim) {
            loop(sim, sim.server);
        }

        private void loop(Simulation sim, SimThread t) {
            Kernel k = sim.kernel;
            sim.line(t, 2);
            int[] set = new int[fds.size() + 1];
            set[0] = sim.listener;
            for (int i = 0; i < fds.size(); i++) set[i + 1] = fds.get(i);
            sim.line(t, 3);
            var call = select ? k.select(Long.MIN_VALUE, set, new int[0], new int[0], -1)
                : k.poll(set, events(set.length), -1);
            k.submit(t, call, o -> {
                for (Outcome.Ready r : o.events()) {
                    int fd = (int) r.key();
                    if (fd == sim.listener) {
                        sim.line(t, 4);
                        sim.acceptAll(t, fds::add);
                    } else {
                        sim.line(t, 5);
                        Outcome rd = sim.echoOnce(t, fd, BUFFER);
                        if (!rd.failed() && rd.ret() == 0) {
                            sim.close(t, fd);
                            fds.remove(Integer.valueOf(fd));
                        }
                    }
                }
                loop(sim, t);
            });
        }

        private static short[] events(int n) {
            short[] e = new short[n];
            java.util.Arrays.fill(e, (short) Linux.EPOLLIN);
            return e;
        }
    }

    // ---- epoll ----

    /** epoll level- or edge-triggered; edge-triggered reads until EAGAIN unless it is the buggy one. */
    static final class Epoll extends Base {
        final boolean et;
        final int buffer;
        final boolean fair;
        final int maxevents;
        final boolean untilEagain;

        Epoll(String name, boolean et, int buffer, boolean fair, int maxevents) {
            super(name, switch (name) {
                    case "epoll-lt" -> "epoll, level-triggered: one read per event, epoll reports the rest again";
                    case "epoll-et" -> "epoll, edge-triggered done right: read until EAGAIN";
                    case "epoll-et-buggy" -> "epoll, edge-triggered with one read per event: a client that sent more stalls";
                    default -> "epoll, edge-triggered with its own round-robin ready list (the fairness fix of epoll(7))";
                },
                "ep = epoll_create1(0); epoll_ctl(ep, ADD, l, EPOLLIN);",
                "for (;;) {",
                "    n = epoll_wait(ep, events, 64, " + (fair ? "ready list empty ? -1 : 0" : "-1") + ");",
                "    for each event: if (fd == l) accept all, epoll_ctl(ep, ADD, c, EPOLLIN" + (et ? " | EPOLLET" : "") + ");",
                et && !name.equals("epoll-et-buggy") && !fair ? "    else while ((n = read(c, buf)) > 0) write(c, buf, n);  /* until EAGAIN */"
                    : fair ? "    else append c to my ready list;" : "    else n = read(c, buf), write(c, buf, n);       /* once */",
                fair ? "    for each c on my ready list: read once; if EAGAIN drop it, else keep it at the tail;" : "",
                "}");
            this.et = et;
            this.buffer = buffer;
            this.fair = fair;
            this.maxevents = maxevents;
            this.untilEagain = name.equals("epoll-et");
        }

        public void start(Simulation sim) {
            Kernel k = sim.kernel;
            SimThread t = sim.server;
            sim.line(t, 1);
            int ep = sim.epollCreate(t);
            sim.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, sim.listener, Linux.EPOLLIN);
            loop(sim, t, ep, new ArrayDeque<>());
        }

        private void loop(Simulation sim, SimThread t, int ep, ArrayDeque<Integer> mine) {
            Kernel k = sim.kernel;
            sim.line(t, 3);
            k.submit(t, k.epollWait(ep, maxevents, fair && !mine.isEmpty() ? 0 : -1), o -> {
                for (Outcome.Ready r : o.events()) {
                    int fd = (int) r.key();
                    sim.line(t, 4);
                    if (fd == sim.listener) {
                        sim.acceptAll(t, c -> sim.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, c, Linux.EPOLLIN | (et ? Linux.EPOLLET : 0)));
                        continue;
                    }
                    sim.line(t, 5);
                    if (fair) {
                        if (!mine.contains(fd)) mine.add(fd);
                    } else if (untilEagain) {
                        while (true) {
                            Outcome rd = sim.echoOnce(t, fd, buffer);
                            if (rd.failed()) break;
                            if (rd.ret() == 0) {
                                sim.close(t, fd);
                                break;
                            }
                        }
                    } else {
                        Outcome rd = sim.echoOnce(t, fd, buffer);
                        if (!rd.failed() && rd.ret() == 0) sim.close(t, fd);
                    }
                }
                if (fair) {
                    sim.line(t, 6);
                    for (int i = mine.size(); i > 0; i--) {
                        int fd = mine.poll();
                        Outcome rd = sim.echoOnce(t, fd, buffer);
                        if (rd.failed()) continue;           // EAGAIN: drained, leave my list
                        if (rd.ret() == 0) {
                            sim.close(t, fd);
                            continue;
                        }
                        mine.add(fd);                         // more may wait: back to the tail
                    }
                }
                loop(sim, t, ep, mine);
            });
        }
    }

    /** N threads share one epoll fd; EPOLLONESHOT gives each ready fd to one thread, which re-arms it. */
    static final class OneshotPool extends Base {
        final int threads;

        OneshotPool(int threads) {
            super("oneshot-pool", threads + " worker threads share one epoll fd with EPOLLONESHOT and re-arm with EPOLL_CTL_MOD",
                "ep = epoll_create1(0); epoll_ctl(ep, ADD, l, EPOLLIN | EPOLLONESHOT);",
                "worker: for (;;) {",
                "    epoll_wait(ep, &ev, 1, -1);",
                "    if (ev.fd == l) accept all, epoll_ctl(ep, ADD, c, EPOLLIN | EPOLLONESHOT);",
                "    else while ((n = read(c, buf)) > 0) write(c, buf, n);",
                "    epoll_ctl(ep, MOD, ev.fd, EPOLLIN | EPOLLONESHOT);  /* re-arm */",
                "}");
            this.threads = threads;
        }

        public void start(Simulation sim) {
            Kernel k = sim.kernel;
            int ep = sim.epollCreate(sim.server);
            sim.epollCtl(sim.server, ep, Linux.EPOLL_CTL_ADD, sim.listener, Linux.EPOLLIN | Linux.EPOLLONESHOT);
            for (int i = 0; i < threads; i++) {
                SimThread t = i == 0 ? sim.server : sim.newThread("worker-" + i);
                loop(sim, t, ep);
            }
        }

        private void loop(Simulation sim, SimThread t, int ep) {
            Kernel k = sim.kernel;
            sim.line(t, 3);
            k.submit(t, k.epollWait(ep, 1, -1), o -> {
                for (Outcome.Ready r : o.events()) {
                    int fd = (int) r.key();
                    boolean open = true;
                    if (fd == sim.listener) {
                        sim.line(t, 4);
                        sim.acceptAll(t, c -> sim.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, c, Linux.EPOLLIN | Linux.EPOLLONESHOT));
                    } else {
                        sim.line(t, 5);
                        while (true) {
                            Outcome rd = sim.echoOnce(t, fd, BUFFER);
                            if (rd.failed()) break;
                            if (rd.ret() == 0) {
                                sim.close(t, fd);
                                open = false;
                                break;
                            }
                        }
                    }
                    if (open) {
                        sim.line(t, 6);
                        sim.epollCtl(t, ep, Linux.EPOLL_CTL_MOD, fd, Linux.EPOLLIN | Linux.EPOLLONESHOT);
                    }
                }
                loop(sim, t, ep);
            });
        }
    }

    /** N acceptor threads, each with its own epoll fd on the one listening socket. */
    static final class Acceptors extends Base {
        final int threads;
        final boolean exclusive;
        final int maxevents;

        Acceptors(int threads, boolean exclusive, int maxevents) {
            super(exclusive ? "acceptors-exclusive" : "acceptors",
                threads + " acceptor threads, each with its own epoll fd on one listening socket"
                    + (exclusive ? ", with EPOLLEXCLUSIVE: one is woken per connection" : ": every one is woken per connection (the herd)"),
                "acceptor: ep = epoll_create1(0); epoll_ctl(ep, ADD, l, EPOLLIN" + (exclusive ? " | EPOLLEXCLUSIVE" : "") + ");",
                "for (;;) {",
                "    n = epoll_wait(ep, events, 64, -1);",
                "    if (l is ready) c = accept(l);   /* EAGAIN if another acceptor took it */",
                "    serve c on this thread's ep; echo what it sends;",
                "}");
            this.threads = threads;
            this.exclusive = exclusive;
            this.maxevents = maxevents;
        }

        public void start(Simulation sim) {
            Kernel k = sim.kernel;
            for (int i = 0; i < threads; i++) {
                SimThread t = i == 0 ? sim.server : sim.newThread("acceptor-" + i);
                int ep = sim.epollCreate(t);
                sim.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, sim.listener, Linux.EPOLLIN | (exclusive ? Linux.EPOLLEXCLUSIVE : 0));
                loop(sim, t, ep);
            }
        }

        private void loop(Simulation sim, SimThread t, int ep) {
            Kernel k = sim.kernel;
            sim.line(t, 3);
            k.submit(t, k.epollWait(ep, maxevents, -1), o -> {
                for (Outcome.Ready r : o.events()) {
                    int fd = (int) r.key();
                    if (fd == sim.listener) {
                        sim.line(t, 4);
                        Outcome a = sim.accept(t);
                        if (!a.failed()) {
                            sim.acceptAll(t, c -> { });
                            int c = (int) a.ret();
                            sim.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, c, Linux.EPOLLIN);
                        }
                    } else {
                        sim.line(t, 5);
                        Outcome rd = sim.echoOnce(t, fd, BUFFER);
                        if (!rd.failed() && rd.ret() == 0) sim.close(t, fd);
                    }
                }
                loop(sim, t, ep);
            });
        }
    }

    /**
     * gevent's idea: green threads whose accept/read/write look blocking. Each wrapper tries the
     * non-blocking call; on EAGAIN it registers the fd with the hub's epoll and switches to the
     * hub, which switches back to the green thread when epoll_wait reports the fd.
     */
    static final class CoroutineHub extends Base {
        /** A green thread: what it waits for, and what to do when it may go on. */
        private interface Green {
            void resume();
        }

        private final Map<Integer, Green> waiting = new HashMap<>();
        long switches;
        final int maxevents;

        CoroutineHub(int maxevents) {
            super("coroutine-hub", "a gevent-style hub: green threads call accept/read/write that look blocking; the hub's epoll resumes them",
                "green read(c): while ((n = read(c, buf)) < 0 && errno == EAGAIN) { wait_readable(c); } return n;",
                "wait_readable(fd): epoll_ctl(hub, ADD or MOD, fd, EPOLLIN | EPOLLONESHOT); switch to the hub;",
                "hub: for (;;) { n = epoll_wait(hub, events, 64, -1); for each event: switch to the green thread waiting on fd; }",
                "green acceptor: for (;;) { c = accept(l); spawn(green handler, c); }",
                "green handler(c): while ((n = read(c, buf)) > 0) write(c, buf, n); close(c);");
            this.maxevents = maxevents;
        }

        public void start(Simulation sim) {
            Kernel k = sim.kernel;
            SimThread t = sim.server;
            int hub = sim.epollCreate(t);
            java.util.Set<Integer> registered = new java.util.HashSet<>();
            // green acceptor
            Green[] acceptor = new Green[1];
            acceptor[0] = () -> {
                sim.line(t, 4);
                sim.acceptAll(t, c -> handler(sim, t, hub, registered, c).resume());
                waitReadable(sim, t, hub, registered, sim.listener, acceptor[0]);
            };
            acceptor[0].resume();
            hubLoop(sim, t, hub);
        }

        private Green handler(Simulation sim, SimThread t, int hub, java.util.Set<Integer> registered, int c) {
            Green[] self = new Green[1];
            self[0] = () -> {
                sim.line(t, 5);
                while (true) {
                    Outcome rd = sim.echoOnce(t, c, BUFFER);
                    if (rd.failed()) {
                        waitReadable(sim, t, hub, registered, c, self[0]);   // EAGAIN: to the hub
                        return;
                    }
                    if (rd.ret() == 0) {
                        sim.close(t, c);
                        registered.remove(c);
                        return;
                    }
                }
            };
            return self[0];
        }

        private void waitReadable(Simulation sim, SimThread t, int hub, java.util.Set<Integer> registered, int fd, Green g) {
            sim.line(t, 2);
            int op = registered.add(fd) ? Linux.EPOLL_CTL_ADD : Linux.EPOLL_CTL_MOD;
            sim.epollCtl(t, hub, op, fd, Linux.EPOLLIN | Linux.EPOLLONESHOT);
            waiting.put(fd, g);
            switches++;
        }

        private void hubLoop(Simulation sim, SimThread t, int hub) {
            Kernel k = sim.kernel;
            sim.line(t, 3);
            k.submit(t, k.epollWait(hub, maxevents, -1), o -> {
                for (Outcome.Ready r : o.events()) {
                    Green g = waiting.remove((int) r.key());
                    if (g != null) {
                        switches++;
                        g.resume();
                    }
                }
                hubLoop(sim, t, hub);
            });
        }
    }
}
