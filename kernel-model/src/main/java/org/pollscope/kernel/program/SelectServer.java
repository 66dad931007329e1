package org.pollscope.kernel.program;

import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.SyscallResult;

/**
 * A select loop. select(2) overwrites its sets with the result, so the loop rebuilds its
 * fd_set from its list of clients on every pass, and the kernel copies it in, visits every fd
 * up to maxfd and copies it out, every call. An fd_set holds fds below {@code FD_SETSIZE}
 * (1024) only: a client whose fd would not fit is closed at once, as a careful server does
 * (a careless one writes past the end of its fd_set).
 */
final class SelectServer extends ListedProgram {
    private final int buffer;
    private final int zeroLine = lineOf("FD_ZERO");
    private final int selectLine = lineOf("select(maxfd");
    private final int acceptLine = lineOf("accept4(l");
    private final int tooBigLine = lineOf("c >= FD_SETSIZE");
    private final int addLine = lineOf("clients[nclients++] = c");
    private final EchoLines echo = echoLines("read(c,", "write(c,", "close(c); clients[i--]");

    SelectServer(int buffer) {
        super("select", "a select loop that rebuilds its fd_set every pass (fds below FD_SETSIZE = 1024 only)", fill("""
            int clients[FD_SETSIZE], nclients = 0;
            char buf[{buf}];
            for (;;) {
                fd_set r;
                FD_ZERO(&r);                           /* select wrote over it: rebuild it */
                FD_SET(l, &r);
                int maxfd = l;
                for (int i = 0; i < nclients; i++) {
                    FD_SET(clients[i], &r);
                    if (clients[i] > maxfd) maxfd = clients[i];
                }
                select(maxfd + 1, &r, NULL, NULL, NULL);   /* the kernel visits every fd up to maxfd */
                if (FD_ISSET(l, &r)) {
                    int c;
                    while ((c = accept4(l, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                        if (c >= FD_SETSIZE) { close(c); continue; }   /* no room in an fd_set */
                        clients[nclients++] = c;
                    }
                }
                for (int i = 0; i < nclients; i++) {
                    int c = clients[i];
                    if (!FD_ISSET(c, &r)) continue;
                    ssize_t n = read(c, buf, sizeof buf);
                    if (n > 0) write(c, buf, n);
                    else if (n == 0 || errno != EAGAIN) { close(c); clients[i--] = clients[--nclients]; }
                }
            }
            """, buffer, 0, 1));
        this.buffer = buffer;
    }

    @Override
    public void start(Simulation sim) {
        new Loop(sim, sim.server).next();
    }

    private static final int[] NONE = new int[0];

    /** The state of one run: the clients array and where each fd sits in it. */
    private final class Loop {
        final Simulation sim;
        final SimThread t;
        int[] clients = new int[16];
        int nclients;
        int[] slot = new int[16];   // slot[fd]: index of fd in clients

        Loop(Simulation sim, SimThread t) {
            this.sim = sim;
            this.t = t;
        }

        void next() {
            Kernel k = sim.kernel;
            sim.line(t, zeroLine);
            int[] r = new int[nclients + 1];
            r[0] = sim.listener;
            int maxfd = sim.listener;
            for (int i = 0; i < nclients; i++) {
                r[i + 1] = clients[i];
                maxfd = Math.max(maxfd, clients[i]);
            }
            sim.line(t, selectLine);
            k.submit(t, k.select(maxfd + 1, r, NONE, NONE, -1), this::ready);
        }

        void ready(SyscallResult o) {
            // select reports fds in increasing order; the listener is fd 0, so it comes first,
            // and the clients it adds were not in this pass's set
            serveReady(sim, t, o, acceptLine, this::accepted, buffer, echo, this::remove);
            next();
        }

        void accepted(int c) {
            if (c >= Linux.FD_SETSIZE) {
                sim.line(t, tooBigLine);
                sim.close(t, c);
                return;
            }
            sim.line(t, addLine);
            clients = grow(clients, nclients);
            slot = grow(slot, c);
            slot[c] = nclients;
            clients[nclients++] = c;
        }

        void remove(int fd) {
            int i = slot[fd];
            int last = clients[--nclients];
            clients[i] = last;
            slot[last] = i;
        }
    }
}
