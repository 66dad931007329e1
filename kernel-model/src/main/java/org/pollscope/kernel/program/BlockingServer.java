package org.pollscope.kernel.program;

import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.SyscallResult;

/**
 * One client at a time with blocking sockets: accept, then read and write that client until it
 * leaves; the others wait in the listener's backlog (and, past it, are refused). A blocking
 * call sleeps on the socket's wait queue as the kernel does ({@link Simulation#readBlocking}:
 * {@code sk_wait_data}; {@link Simulation#acceptBlocking}: {@code inet_csk_wait_for_connect}).
 */
final class BlockingServer extends ListedProgram {
    private final int buffer;
    private final int acceptLine = lineOf("accept(l)");
    private final EchoLines echo = echoLines("read(c,", "write(c,", "close(c)");

    BlockingServer(int buffer) {
        super("blocking", "one client at a time: accept, then read and write it until it leaves", fill("""
            /* l: a listening socket, blocking; so are the sockets accept returns */
            for (;;) {
                int c = accept(l);                     /* sleeps until a client comes */
                char buf[{buf}];
                ssize_t r;
                while ((r = read(c, buf, sizeof buf)) > 0)   /* sleeps until the client sends */
                    write(c, buf, r);
                close(c);                              /* the client left: the next one */
            }
            """, buffer, 0, 1));
        this.buffer = buffer;
    }

    @Override
    public void start(Simulation sim) {
        accept(sim, sim.server);
    }

    private void accept(Simulation sim, SimThread t) {
        sim.line(t, acceptLine);
        sim.acceptBlocking(t, a -> {
            if (a.failed()) {
                accept(sim, t);
                return;
            }
            serve(sim, t, (int) a.ret(), () -> accept(sim, t));
        });
    }

    /** Reads and echoes client c until it leaves, then {@code next}; shared with thread-per-client. */
    static void serve(Simulation sim, SimThread t, int c, int buffer, EchoLines lines, Runnable next) {
        sim.line(t, lines.read());
        sim.readBlocking(t, c, buffer, (SyscallResult r) -> {
            if (r.failed() || r.ret() == 0) {
                sim.line(t, lines.close());
                sim.close(t, c);
                next.run();
                return;
            }
            sim.line(t, lines.write());
            sim.write(t, c, r.bytes());
            serve(sim, t, c, buffer, lines, next);
        });
    }

    private void serve(Simulation sim, SimThread t, int c, Runnable next) {
        serve(sim, t, c, buffer, echo, next);
    }
}
