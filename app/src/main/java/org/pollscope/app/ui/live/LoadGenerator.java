package org.pollscope.app.ui.live;

import org.pollscope.probe.live.LoadClients;

/**
 * The Live tab's load: N real TCP clients of the live server, in this process, on one thread of
 * their own ({@code pollscope-live-ui-clients}), R requests a second in all. They are the same
 * clients as {@code pollscope live --clients} ({@link LoadClients}): each waits for its whole echo
 * before it sends again, which the mirror relies on to tell one request from the next. Bounded
 * in count ({@link #MAX_CLIENTS}) and in time ({@link #MAX_SECONDS}: then they close on their own).
 */
public final class LoadGenerator {
    /** the most clients the slider offers */
    public static final int MAX_CLIENTS = 1000;
    /** the longest a load runs before its clients close on their own */
    public static final long MAX_SECONDS = 300;

    private Thread thread;
    private volatile LoadClients clients;

    /** How many clients are connected now. */
    public int connected() {
        LoadClients c = clients;
        if (c == null) return 0;
        LoadClients.Result r = c.result();
        return (int) Math.max(0, r.connected() - r.closedByServer());
    }

    /**
     * Replaces the load by {@code n} clients of {@code bind}:{@code port} sending {@code perSecond}
     * requests a second in all (0 clients: no load). Returns null, or what went wrong in one line.
     * The connects block (each bounded by SO_SNDTIMEO): call it off the JavaFX thread.
     */
    public synchronized String set(String bind, int port, int n, double perSecond) {
        stop();
        if (n <= 0) return null;
        if (n > MAX_CLIENTS) return "the load is at most " + MAX_CLIENTS + " clients, found " + n;
        LoadClients c = new LoadClients(bind, port, n);
        try {
            c.connectAll();
        } catch (IllegalStateException e) {
            c.closeAll();
            return "the load clients cannot start: " + e.getMessage();
        }
        if (c.result().connected() == 0) {
            c.closeAll();
            return "the load clients cannot connect to " + bind + ":" + port;
        }
        clients = c;
        thread = new Thread(() -> {
            try {
                // (a rate of 0 is one request, then the clients stay connected, idle, until stopped or the time is up)
                c.send(Math.max(perSecond, 1e-6), MAX_SECONDS, Long.MAX_VALUE);
            } finally {
                c.closeAll();
            }
        }, "pollscope-live-ui-clients");
        thread.setDaemon(true);
        thread.start();
        return null;
    }

    /** Closes every client and joins their thread. */
    public synchronized void stop() {
        Thread t = thread;
        LoadClients c = clients;
        if (t == null) return;
        if (c != null) c.stop();
        try {
            t.join(java.util.concurrent.TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        clients = null;
    }
}
