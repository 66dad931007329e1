package org.pollscope.kernel.program;

import java.util.ArrayDeque;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.SyscallResult;

/**
 * Edge-triggered, with the fix epoll(7) gives for starvation ("Possible pitfalls and ways to
 * avoid them"): instead of reading one fd until EAGAIN while the others wait, keep a ready list
 * of your own, read one buffer from each fd on it in turn, and drop an fd from it when it says
 * EAGAIN. While the list is not empty, epoll_wait does not sleep (timeout 0).
 */
final class FairEpollServer extends ListedProgram {
    private final int buffer;
    private final int maxevents;
    private final int createLine = lineOf("epoll_create1");
    private final int waitLine = lineOf("epoll_wait(");
    private final int acceptLine = lineOf("accept4(l");
    private final int addLine = lineOf("EPOLL_CTL_ADD, c");
    private final int rememberLine = lineOf("remember it");
    private final int roundLine = lineOf("list_pop_head");
    private final EchoLines echo = echoLines("read(fd,", "write(fd,", "close(fd)");

    FairEpollServer(int buffer, int maxevents) {
        super("epoll-et-fair", "epoll, edge-triggered, with its own round-robin ready list (the fairness fix of epoll(7))", fill("""
            int ep = epoll_create1(0);
            epoll_ctl(ep, EPOLL_CTL_ADD, l, &(struct epoll_event){ EPOLLIN, { .fd = l } });
            struct epoll_event ev[{max}];
            char buf[{buf}];
            struct fd_list ready = LIST_INIT;              /* my own ready list */
            for (;;) {
                int nready = epoll_wait(ep, ev, {max}, list_empty(&ready) ? -1 : 0);
                for (int i = 0; i < nready; i++) {
                    int fd = ev[i].data.fd;
                    if (fd == l) {
                        int c;
                        while ((c = accept4(l, NULL, NULL, SOCK_NONBLOCK)) >= 0)
                            epoll_ctl(ep, EPOLL_CTL_ADD, c, &(struct epoll_event){ EPOLLIN | EPOLLET, { .fd = c } });
                    } else if (!on_list(&ready, fd)) {
                        list_add_tail(&ready, fd);                 /* the edge will not come again: remember it */
                    }
                }
                for (int k = list_length(&ready); k > 0; k--) {   /* one round: one buffer each */
                    int fd = list_pop_head(&ready);
                    ssize_t r = read(fd, buf, sizeof buf);
                    if (r > 0) {
                        write(fd, buf, r);
                        list_add_tail(&ready, fd);                 /* there may be more: to the back */
                    } else if (r == 0 || errno != EAGAIN) {
                        close(fd);
                    }                                              /* EAGAIN: drained, off my list */
                }
            }
            """, buffer, maxevents, 1));
        this.buffer = buffer;
        this.maxevents = maxevents;
    }

    @Override
    public void start(Simulation sim) {
        new Loop(sim, sim.server).start();
    }

    /** The state of one run: my ready list, and which fds are on it. */
    private final class Loop {
        final Simulation sim;
        final SimThread t;
        final ArrayDeque<Integer> ready = new ArrayDeque<>();
        boolean[] onList = new boolean[64];
        int ep;

        Loop(Simulation sim, SimThread t) {
            this.sim = sim;
            this.t = t;
        }

        void start() {
            sim.line(t, createLine);
            ep = sim.epollCreate(t);
            sim.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, sim.listener, Linux.EPOLLIN);
            next();
        }

        void next() {
            Kernel k = sim.kernel;
            sim.line(t, waitLine);
            k.submit(t, k.epollWait(ep, maxevents, ready.isEmpty() ? -1 : 0), this::events);
        }

        void events(SyscallResult o) {
            for (SyscallResult.Ready r : o.events()) {
                int fd = (int) r.key();
                if (fd == sim.listener) {
                    acceptInto(sim, t, ep, Linux.EPOLLIN | Linux.EPOLLET, acceptLine, addLine);
                } else {
                    onList = grow(onList, fd);
                    if (!onList[fd]) {
                        sim.line(t, rememberLine);
                        onList[fd] = true;
                        ready.add(fd);
                    }
                }
            }
            for (int k = ready.size(); k > 0; k--) {
                sim.line(t, roundLine);
                int fd = ready.poll();
                if (echoOnce(sim, t, fd, buffer, echo) > 0) {
                    ready.add(fd);
                } else {
                    onList[fd] = false;
                }
            }
            next();
        }
    }
}
