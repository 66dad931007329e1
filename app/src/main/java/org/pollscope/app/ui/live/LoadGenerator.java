package org.pollscope.app.ui.live;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Live tab's load: N real TCP clients of the live server, in this process, on one thread of
 * their own ({@code pollscope-live-ui-clients}), sending small requests at a given rate in all
 * and reading the echoes. Bounded in count ({@link #MAX_CLIENTS}) and in time
 * ({@link #MAX_SECONDS}: then they close on their own).
 */
public final class LoadGenerator {
    /** the most clients the slider offers */
    public static final int MAX_CLIENTS = 1000;
    /** the longest a load runs before its clients close on their own */
    public static final long MAX_SECONDS = 300;
    private static final byte[] REQUEST = "ping from a PollScope load client\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Thread thread;
    private volatile boolean stopping;
    private volatile int connected;

    /** How many clients are connected now. */
    public int connected() {
        return connected;
    }

    /**
     * Replaces the load by {@code n} clients of {@code bind}:{@code port} sending {@code perSecond}
     * requests a second in all (0 clients: no load). Returns null, or what went wrong in one line.
     */
    public synchronized String set(String bind, int port, int n, double perSecond) {
        stop();
        if (n <= 0) return null;
        if (n > MAX_CLIENTS) return "the load is at most " + MAX_CLIENTS + " clients, found " + n;
        List<SocketChannel> clients = new ArrayList<>();
        Selector selector = null;
        try {
            selector = Selector.open();
            for (int i = 0; i < n; i++) {
                SocketChannel c = SocketChannel.open(new InetSocketAddress(bind, port));
                c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c.configureBlocking(false);
                c.register(selector, SelectionKey.OP_READ);
                clients.add(c);
            }
        } catch (IOException e) {
            clients.forEach(LoadGenerator::close);
            if (selector != null) {
                try {
                    selector.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
            return "the load clients cannot connect to " + bind + ":" + port + ": " + e.getMessage();
        }
        connected = clients.size();
        stopping = false;
        Selector sel = selector;
        thread = new Thread(() -> run(sel, clients, perSecond), "pollscope-live-ui-clients");
        thread.setDaemon(true);
        thread.start();
        return null;
    }

    private void run(Selector selector, List<SocketChannel> clients, double perSecond) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_SECONDS);
        long gap = perSecond > 0 ? (long) (1e9 / perSecond) : Long.MAX_VALUE;
        long next = System.nanoTime();
        int who = 0;
        ByteBuffer in = ByteBuffer.allocate(4096);
        try {
            while (!stopping && System.nanoTime() < end) {
                long now = System.nanoTime();
                while (gap != Long.MAX_VALUE && now >= next && !clients.isEmpty()) {
                    SocketChannel c = clients.get(who++ % clients.size());
                    if (c.isOpen()) c.write(ByteBuffer.wrap(REQUEST));
                    next += gap;
                    if (now - next > TimeUnit.SECONDS.toNanos(1)) next = now;   // never a burst to catch up
                }
                long waitMs = gap == Long.MAX_VALUE ? 100 : Math.max(1, Math.min(100, (next - System.nanoTime()) / 1_000_000));
                selector.select(waitMs);
                for (SelectionKey k : selector.selectedKeys()) {
                    SocketChannel c = (SocketChannel) k.channel();
                    in.clear();
                    if (c.read(in) < 0) {
                        k.cancel();
                        close(c);
                        connected--;
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            // the server went away: the clients close
        } finally {
            clients.forEach(LoadGenerator::close);
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing
            }
            connected = 0;
        }
    }

    /** Closes every client and joins their thread. */
    public synchronized void stop() {
        Thread t = thread;
        if (t == null) return;
        stopping = true;
        try {
            t.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    private static void close(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
