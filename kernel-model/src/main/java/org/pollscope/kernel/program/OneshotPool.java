package org.pollscope.kernel.program;

import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.SyscallResult;

/**
 * T worker threads share one epoll fd; every fd is registered with EPOLLONESHOT, so the
 * event that hands an fd to one worker also disarms it ({@code ep_send_events} clears its
 * events) and no other worker can get the same fd while the first still serves it. The
 * worker re-arms it with EPOLL_CTL_MOD when done.
 */
final class OneshotPool extends ListedProgram {
    private final int threads;
    private final int buffer;
    private final int createLine = lineOf("epoll_create1");
    private final int waitLine = lineOf("epoll_wait(");
    private final int acceptLine = lineOf("accept4(l");
    private final int addLine = lineOf("EPOLL_CTL_ADD, c");
    private final EchoLines echo = echoLines("read(fd,", "write(fd,", "close(fd)");
    private final int rearmLine = lineOf("EPOLL_CTL_MOD");

    OneshotPool(int threads, int buffer) {
        super("oneshot-pool", threads + " worker threads share one epoll fd with EPOLLONESHOT and re-arm with EPOLL_CTL_MOD", fill("""
            int ep = epoll_create1(0);                     /* shared by every worker */
            epoll_ctl(ep, EPOLL_CTL_ADD, l, &(struct epoll_event){ EPOLLIN | EPOLLONESHOT, { .fd = l } });
            for (int i = 1; i < {T}; i++) pthread_create(&tid[i], NULL, worker, NULL);
            worker(NULL);                                  /* the main thread is worker 0 */
            void *worker(void *arg) {
                char buf[{buf}];
                for (;;) {
                    struct epoll_event ev;
                    epoll_wait(ep, &ev, 1, -1);                /* ev.data.fd is now disarmed: no other worker gets it */
                    int fd = ev.data.fd;
                    if (fd == l) {
                        int c;
                        while ((c = accept4(l, NULL, NULL, SOCK_NONBLOCK)) >= 0)
                            epoll_ctl(ep, EPOLL_CTL_ADD, c, &(struct epoll_event){ EPOLLIN | EPOLLONESHOT, { .fd = c } });
                    } else {
                        ssize_t r;
                        while ((r = read(fd, buf, sizeof buf)) > 0)
                            write(fd, buf, r);
                        if (r == 0 || errno != EAGAIN) {
                            close(fd);
                            continue;
                        }
                    }
                    epoll_ctl(ep, EPOLL_CTL_MOD, fd, &(struct epoll_event){ EPOLLIN | EPOLLONESHOT, { .fd = fd } });   /* re-arm */
                }
            }
            """, buffer, 1, threads));
        this.threads = threads;
        this.buffer = buffer;
    }

    @Override
    public void start(Simulation sim) {
        sim.line(sim.server, createLine);
        int ep = sim.epollCreate(sim.server);
        sim.epollCtl(sim.server, ep, Linux.EPOLL_CTL_ADD, sim.listener, Linux.EPOLLIN | Linux.EPOLLONESHOT);
        for (int i = 0; i < threads; i++) {
            SimThread t = i == 0 ? sim.server : sim.newThread("worker-" + i);
            worker(sim, t, ep);
        }
    }

    private void worker(Simulation sim, SimThread t, int ep) {
        Kernel k = sim.kernel;
        sim.line(t, waitLine);
        k.submit(t, k.epollWait(ep, 1, -1), o -> {
            for (SyscallResult.Ready r : o.events()) {
                int fd = (int) r.key();
                if (fd == sim.listener) {
                    acceptInto(sim, t, ep, Linux.EPOLLIN | Linux.EPOLLONESHOT, acceptLine, addLine);
                } else {
                    int n;
                    while ((n = echoOnce(sim, t, fd, buffer, echo)) > 0) {
                        // until EAGAIN or the client left
                    }
                    if (n == 0) continue;      // closed
                }
                sim.line(t, rearmLine);
                sim.epollCtl(t, ep, Linux.EPOLL_CTL_MOD, fd, Linux.EPOLLIN | Linux.EPOLLONESHOT);
            }
            worker(sim, t, ep);
        });
    }
}
