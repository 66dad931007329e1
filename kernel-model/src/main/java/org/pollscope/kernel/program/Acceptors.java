package org.pollscope.kernel.program;

import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.SyscallResult;

/**
 * T acceptor threads, each with an epoll fd of its own watching the one listening socket, and
 * serving the clients it accepts on that epoll fd. Every epoll fd hooks an entry on the
 * listener's wait queue. Without EPOLLEXCLUSIVE a new connection wakes them all (the
 * thundering herd: one accept4 succeeds, the others get EAGAIN); with it the entries are
 * exclusive and {@code __wake_up_common} stops after the first that woke a thread.
 */
final class Acceptors extends ListedProgram {
    private final int threads;
    private final boolean exclusive;
    private final int buffer;
    private final int maxevents;
    private final int createLine = lineOf("epoll_create1");
    private final int waitLine = lineOf("epoll_wait(");
    private final int acceptLine = lineOf("accept4(l");
    private final int addLine = lineOf("EPOLL_CTL_ADD, c");
    private final EchoLines echo = echoLines("read(fd,", "write(fd,", "close(fd)");

    Acceptors(int threads, boolean exclusive, int buffer, int maxevents) {
        super(exclusive ? "acceptors-exclusive" : "acceptors",
            threads + " acceptor threads, each with its own epoll fd on one listening socket"
                + (exclusive ? ", with EPOLLEXCLUSIVE: a connection wakes one" : ": a connection wakes them all (the herd)"),
            fill("""
                void *acceptor(void *arg) {                    /* {T} threads, an epoll fd each */
                    int ep = epoll_create1(0);
                    epoll_ctl(ep, EPOLL_CTL_ADD, l, &(struct epoll_event){ EPOLLIN{x}, { .fd = l } });
                    struct epoll_event ev[{max}];
                    char buf[{buf}];
                    for (;;) {
                        int nready = epoll_wait(ep, ev, {max}, -1);
                        for (int i = 0; i < nready; i++) {
                            int fd = ev[i].data.fd;
                            if (fd == l) {
                                int c = accept4(l, NULL, NULL, SOCK_NONBLOCK);   /* EAGAIN: another acceptor took it */
                                if (c >= 0)
                                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &(struct epoll_event){ EPOLLIN, { .fd = c } });
                                continue;
                            }
                            ssize_t r = read(fd, buf, sizeof buf);
                            if (r > 0)
                                write(fd, buf, r);
                            else if (r == 0 || errno != EAGAIN)
                                close(fd);
                        }
                    }
                }
                """.replace("{x}", exclusive ? " | EPOLLEXCLUSIVE" : ""), buffer, maxevents, threads));
        this.threads = threads;
        this.exclusive = exclusive;
        this.buffer = buffer;
        this.maxevents = maxevents;
    }

    @Override
    public void start(Simulation sim) {
        for (int i = 0; i < threads; i++) {
            SimThread t = i == 0 ? sim.server : sim.newThread("acceptor-" + i);
            sim.line(t, createLine);
            int ep = sim.epollCreate(t);
            sim.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, sim.listener, Linux.EPOLLIN | (exclusive ? Linux.EPOLLEXCLUSIVE : 0));
            loop(sim, t, ep);
        }
    }

    private void loop(Simulation sim, SimThread t, int ep) {
        Kernel k = sim.kernel;
        sim.line(t, waitLine);
        k.submit(t, k.epollWait(ep, maxevents, -1), o -> {
            for (SyscallResult.Ready r : o.events()) {
                int fd = (int) r.key();
                if (fd == sim.listener) {
                    sim.line(t, acceptLine);
                    SyscallResult a = sim.accept(t);
                    if (!a.failed()) {
                        sim.line(t, addLine);
                        sim.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, (int) a.ret(), Linux.EPOLLIN);
                    }
                } else {
                    echoOnce(sim, t, fd, buffer, echo);
                }
            }
            loop(sim, t, ep);
        });
    }
}
