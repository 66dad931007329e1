package org.pollscope.kernel.program;

import org.pollscope.kernel.SimThread;

/**
 * A thread per client, each in blocking reads; the main thread sleeps in a blocking accept.
 * Simple and fair, but every client costs a thread (a stack, a task_struct, a scheduler
 * entry), idle or not.
 */
final class ThreadPerClientServer extends ListedProgram {
    private final int buffer;
    private final int acceptLine = lineOf("accept(l)");
    private final int createLine = lineOf("pthread_create");
    private final EchoLines echo = echoLines("read(c,", "write(c,", "close(c)");

    ThreadPerClientServer(int buffer) {
        super("thread-per-client", "a thread per client, each blocking in read; the main thread blocks in accept", fill("""
            void *serve(void *arg) {                   /* one thread per client */
                int c = (int) (intptr_t) arg;
                char buf[{buf}];
                ssize_t r;
                while ((r = read(c, buf, sizeof buf)) > 0)   /* sleeps until this client sends */
                    write(c, buf, r);
                close(c);
                return NULL;
            }
            for (;;) {                                 /* the main thread */
                int c = accept(l);                     /* sleeps until a client comes */
                pthread_t tid;
                pthread_create(&tid, NULL, serve, (void *) (intptr_t) c);
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
            if (!a.failed()) {
                int c = (int) a.ret();
                sim.line(t, createLine);
                SimThread worker = sim.newThread("serve-" + c);
                BlockingServer.serve(sim, worker, c, buffer, echo, () -> { });
            }
            accept(sim, t);
        });
    }
}
