package org.pollscope.kernel.program;

import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.SyscallResult;

/**
 * An epoll loop on one thread, in three kinds:
 * <ul>
 * <li>{@link Kind#LEVEL}: one read per event; what is left keeps the fd on the ready list
 *     ({@code ep_send_events} puts a level-triggered item back), so it is reported again;</li>
 * <li>{@link Kind#EDGE}: EPOLLET, read until EAGAIN, as epoll(7) says;</li>
 * <li>{@link Kind#EDGE_ONE_READ}: EPOLLET with one read per event, the bug epoll(7) warns of:
 *     a client that sent more than one buffer has bytes left that no new edge will report, and
 *     it waits for its echo forever.</li>
 * </ul>
 */
final class EpollServer extends ListedProgram {
    enum Kind { LEVEL, EDGE, EDGE_ONE_READ }

    private final Kind kind;
    private final int buffer;
    private final int maxevents;
    private final int createLine = lineOf("epoll_create1");
    private final int waitLine = lineOf("epoll_wait(");
    private final int acceptLine = lineOf("accept4(l");
    private final int addLine = lineOf("EPOLL_CTL_ADD, c");
    private final EchoLines echo = echoLines("read(fd,", "write(fd,", "close(fd)");

    EpollServer(String name, Kind kind, int buffer, int maxevents) {
        super(name, description(kind), fill(switch (kind) {
            case EDGE -> HEAD.replace("{et}", " | EPOLLET") + """
                        ssize_t r;
                        while ((r = read(fd, buf, sizeof buf)) > 0)   /* until EAGAIN: no new edge for what is left */
                            write(fd, buf, r);
                        if (r == 0 || errno != EAGAIN)
                            close(fd);                                 /* also takes fd off the interest list */
                    }
                }
                """;
            case LEVEL -> HEAD.replace("{et}", "") + ONE_READ.replace("{why}", "what is left is reported again");
            case EDGE_ONE_READ -> HEAD.replace("{et}", " | EPOLLET") + ONE_READ.replace("{why}", "BUG: what is left waits for an edge");
        }, buffer, maxevents, 1));
        this.kind = kind;
        this.buffer = buffer;
        this.maxevents = maxevents;
    }

    private static final String HEAD = """
        int ep = epoll_create1(0);
        epoll_ctl(ep, EPOLL_CTL_ADD, l, &(struct epoll_event){ EPOLLIN, { .fd = l } });
        struct epoll_event ev[{max}];
        char buf[{buf}];
        for (;;) {
            int nready = epoll_wait(ep, ev, {max}, -1);
            for (int i = 0; i < nready; i++) {
                int fd = ev[i].data.fd;
                if (fd == l) {
                    int c;
                    while ((c = accept4(l, NULL, NULL, SOCK_NONBLOCK)) >= 0)
                        epoll_ctl(ep, EPOLL_CTL_ADD, c, &(struct epoll_event){ EPOLLIN{et}, { .fd = c } });
                    continue;
                }
        """;

    private static final String ONE_READ = """
                ssize_t r = read(fd, buf, sizeof buf);         /* once: {why} */
                if (r > 0)
                    write(fd, buf, r);
                else if (r == 0 || errno != EAGAIN)
                    close(fd);                                 /* also takes fd off the interest list */
            }
        }
        """;

    private static String description(Kind kind) {
        return switch (kind) {
            case LEVEL -> "epoll, level-triggered: one read per event, epoll reports the rest again";
            case EDGE -> "epoll, edge-triggered done right: read until EAGAIN";
            case EDGE_ONE_READ -> "epoll, edge-triggered with one read per event: a client that sent more than a buffer stalls";
        };
    }

    @Override
    public void start(Simulation sim) {
        SimThread t = sim.server;
        sim.line(t, createLine);
        int ep = sim.epollCreate(t);
        sim.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, sim.listener, Linux.EPOLLIN);
        int events = Linux.EPOLLIN | (kind == Kind.LEVEL ? 0 : Linux.EPOLLET);
        Kernel k = sim.kernel;
        Runnable[] loop = new Runnable[1];
        loop[0] = () -> {
            sim.line(t, waitLine);
            k.submit(t, k.epollWait(ep, maxevents, -1), o -> {
                for (SyscallResult.Ready r : o.events()) {
                    int fd = (int) r.key();
                    if (fd == sim.listener) {
                        acceptInto(sim, t, ep, events, acceptLine, addLine);
                    } else if (kind == Kind.EDGE) {
                        while (echoOnce(sim, t, fd, buffer, echo) > 0) {
                            // until EAGAIN or the client left
                        }
                    } else {
                        echoOnce(sim, t, fd, buffer, echo);
                    }
                }
                loop[0].run();
            });
        };
        loop[0].run();
    }
}
