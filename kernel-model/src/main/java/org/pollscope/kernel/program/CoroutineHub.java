package org.pollscope.kernel.program;

import java.util.ArrayDeque;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.SyscallResult;

/**
 * gevent's idea on one OS thread: greenlets (coroutines) call accept and read wrappers that
 * look blocking. A wrapper tries the non-blocking call; on EAGAIN it registers the fd with the
 * hub's epoll fd (EPOLLONESHOT, re-armed with EPOLL_CTL_MOD next time), notes itself as the
 * fd's waiter and switches to the hub. The hub is the only one to sleep in the kernel: it
 * starts new greenlets, then sleeps in epoll_wait and switches to the waiter of each fd it
 * reports. A switch is a plain return here: each greenlet is a state machine whose
 * {@code resume} runs until it would block.
 */
final class CoroutineHub extends ListedProgram {
    private final int buffer;
    private final int maxevents;
    private final int ctlLine = lineOf("epoll_ctl(hub_ep");
    private final int toHubLine = lineOf("switch_to(hub)");
    private final int acceptLine = lineOf("accept4(l");
    private final EchoLines echo = echoLines("read(c, buf, len)", "write(c, buf, r)", "close(c)");
    private final int spawnLine = lineOf("spawn(handler");
    private final int createLine = lineOf("epoll_create1");
    private final int startLine = lineOf("switch_to(queue_pop");
    private final int waitLine = lineOf("epoll_wait(");
    private final int resumeLine = lineOf("switch_to(waiter");

    CoroutineHub(int buffer, int maxevents) {
        super("coroutine-hub",
            "a gevent-style hub: greenlets call accept and read that look blocking; on EAGAIN they wait in the hub's epoll",
            fill("""
                int hub_ep;                                    /* the hub's epoll fd; one OS thread runs everything */
                void wait_readable(int fd) {                   /* gevent: hub.wait(io watcher for fd) */
                    int op = registered[fd] ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
                    epoll_ctl(hub_ep, op, fd, &(struct epoll_event){ EPOLLIN | EPOLLONESHOT, { .fd = fd } });
                    registered[fd] = 1;
                    waiter[fd] = current;
                    switch_to(hub);                            /* back here when the hub sees fd readable */
                }
                int g_accept(int l) {
                    int c;
                    while ((c = accept4(l, NULL, NULL, SOCK_NONBLOCK)) < 0 && errno == EAGAIN)
                        wait_readable(l);
                    return c;
                }
                ssize_t g_read(int c, char *buf, size_t len) {
                    ssize_t r;
                    while ((r = read(c, buf, len)) < 0 && errno == EAGAIN)
                        wait_readable(c);
                    return r;
                }
                void handler(int c) {                          /* a greenlet per client */
                    char buf[{buf}];
                    ssize_t r;
                    while ((r = g_read(c, buf, sizeof buf)) > 0)
                        write(c, buf, r);                      /* an echo fits the socket buffer */
                    close(c);                                  /* also takes c off the hub's interest list */
                    registered[c] = 0;
                }
                void acceptor(void) {                          /* a greenlet */
                    for (;;)
                        spawn(handler, g_accept(l));
                }
                void hub(void) {                               /* what the OS thread runs */
                    hub_ep = epoll_create1(0);
                    spawn(acceptor);
                    for (;;) {
                        while (!queue_empty(&spawned))         /* new greenlets start here */
                            switch_to(queue_pop(&spawned));
                        int nready = epoll_wait(hub_ep, ev, {max}, -1);
                        for (int i = 0; i < nready; i++)
                            switch_to(waiter[ev[i].data.fd]);
                    }
                }
                """, buffer, maxevents, 1));
        this.buffer = buffer;
        this.maxevents = maxevents;
    }

    @Override
    public void start(Simulation sim) {
        new Hub(sim, sim.server).start();
    }

    /** A greenlet: {@code resume} runs it until it switches to the hub (returns). */
    private interface Greenlet {
        void resume();
    }

    /** The state of one run: the hub, its epoll fd, and each fd's waiter. */
    private final class Hub {
        final Simulation sim;
        final SimThread t;
        final ArrayDeque<Greenlet> spawned = new ArrayDeque<>();
        Greenlet[] waiter = new Greenlet[64];
        boolean[] registered = new boolean[64];
        int hubEp;

        Hub(Simulation sim, SimThread t) {
            this.sim = sim;
            this.t = t;
        }

        void start() {
            sim.line(t, createLine);
            hubEp = sim.epollCreate(t);
            spawned.add(this::acceptor);
            loop();
        }

        void loop() {
            while (!spawned.isEmpty()) {
                sim.line(t, startLine);
                spawned.poll().resume();
            }
            Kernel k = sim.kernel;
            sim.line(t, waitLine);
            k.submit(t, k.epollWait(hubEp, maxevents, -1), o -> {
                for (SyscallResult.Ready r : o.events()) {
                    int fd = (int) r.key();
                    Greenlet g = fd < waiter.length ? waiter[fd] : null;
                    if (g == null) continue;
                    waiter[fd] = null;
                    sim.line(t, resumeLine);
                    g.resume();
                }
                loop();
            });
        }

        /** wait_readable: register fd, become its waiter, switch to the hub (the caller returns). */
        void waitReadable(int fd, Greenlet g) {
            registered = grow(registered, fd);
            waiter = fd < waiter.length ? waiter : java.util.Arrays.copyOf(waiter, Math.max(waiter.length * 2, fd + 1));
            sim.line(t, ctlLine);
            sim.epollCtl(t, hubEp, registered[fd] ? Linux.EPOLL_CTL_MOD : Linux.EPOLL_CTL_ADD, fd,
                Linux.EPOLLIN | Linux.EPOLLONESHOT);
            registered[fd] = true;
            waiter[fd] = g;
            sim.line(t, toHubLine);
        }

        /** The acceptor greenlet: accept until EAGAIN, spawning a handler for each client. */
        void acceptor() {
            while (true) {
                sim.line(t, acceptLine);
                SyscallResult a = sim.accept(t);
                if (a.failed()) {
                    if (a.errno() == Linux.EAGAIN) {
                        waitReadable(sim.listener, this::acceptor);
                        return;
                    }
                    continue;
                }
                int c = (int) a.ret();
                sim.line(t, spawnLine);
                spawned.add(new Handler(this, c));
            }
        }
    }

    /** The greenlet of one client. */
    private final class Handler implements Greenlet {
        final Hub hub;
        final int c;

        Handler(Hub hub, int c) {
            this.hub = hub;
            this.c = c;
        }

        @Override
        public void resume() {
            Simulation sim = hub.sim;
            SimThread t = hub.t;
            while (true) {
                sim.line(t, echo.read());
                SyscallResult r = sim.read(t, c, buffer);
                if (r.failed() && r.errno() == Linux.EAGAIN) {
                    hub.waitReadable(c, this);
                    return;
                }
                if (r.failed() || r.ret() == 0) {
                    sim.line(t, echo.close());
                    sim.close(t, c);
                    hub.registered = grow(hub.registered, c);
                    hub.registered[c] = false;
                    return;
                }
                sim.line(t, echo.write());
                sim.write(t, c, r.bytes());
            }
        }
    }
}
