package org.pollscope.kernel.program;

import java.util.Arrays;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.SyscallResult;

/**
 * A poll loop. Unlike an fd_set, a pollfd array survives the call (the kernel writes only
 * {@code revents}), so the loop keeps it and changes it only when clients come and go; but the
 * kernel still copies the whole array in, visits every fd and copies it out, every call.
 */
final class PollServer extends ListedProgram {
    private final int buffer;
    private final int pollLine = lineOf("poll(fds, nfds");
    private final int acceptLine = lineOf("accept4(l");
    private final int addLine = lineOf("fds[nfds++]");
    private final EchoLines echo = echoLines("read(fds[i].fd", "write(fds[i].fd", "close(fds[i].fd)");

    PollServer(int buffer) {
        super("poll", "a poll loop over a pollfd array it keeps between calls", fill("""
            struct pollfd fds[MAX_CLIENTS + 1] = { { .fd = l, .events = POLLIN } };
            int nfds = 1;
            char buf[{buf}];
            for (;;) {
                poll(fds, nfds, -1);                       /* the kernel visits all nfds, every call */
                if (fds[0].revents & POLLIN) {
                    int c;
                    while ((c = accept4(l, NULL, NULL, SOCK_NONBLOCK)) >= 0)
                        fds[nfds++] = (struct pollfd){ .fd = c, .events = POLLIN };
                }
                for (int i = 1; i < nfds; i++) {
                    if (fds[i].revents == 0) continue;
                    ssize_t n = read(fds[i].fd, buf, sizeof buf);
                    if (n > 0) write(fds[i].fd, buf, n);
                    else if (n == 0 || errno != EAGAIN) { close(fds[i].fd); fds[i--] = fds[--nfds]; }
                }
            }
            """, buffer, 0, 1));
        this.buffer = buffer;
    }

    @Override
    public void start(Simulation sim) {
        new Loop(sim, sim.server).next();
    }

    /** The state of one run: the pollfd array (fds only: every entry asks for POLLIN). */
    private final class Loop {
        final Simulation sim;
        final SimThread t;
        int[] fds = new int[16];
        int nfds = 1;
        int[] slot = new int[16];   // slot[fd]: index of fd in fds
        /** the arrays handed to the last poll, reused while nothing changed */
        int[] callFds;
        short[] callEvents;

        Loop(Simulation sim, SimThread t) {
            this.sim = sim;
            this.t = t;
            fds[0] = sim.listener;
        }

        void next() {
            Kernel k = sim.kernel;
            if (callFds == null || callFds.length != nfds) {
                callFds = Arrays.copyOf(fds, nfds);
                callEvents = new short[nfds];
                Arrays.fill(callEvents, (short) Linux.EPOLLIN);
            } else {
                System.arraycopy(fds, 0, callFds, 0, nfds);
            }
            sim.line(t, pollLine);
            k.submit(t, k.poll(callFds, callEvents, -1), this::ready);
        }

        void ready(SyscallResult o) {
            serveReady(sim, t, o, acceptLine, this::accepted, buffer, echo, this::remove);
            next();
        }

        void accepted(int c) {
            sim.line(t, addLine);
            fds = grow(fds, nfds);
            slot = grow(slot, c);
            slot[c] = nfds;
            fds[nfds++] = c;
        }

        void remove(int fd) {
            int i = slot[fd];
            int last = fds[--nfds];
            fds[i] = last;
            slot[last] = i;
        }
    }
}
