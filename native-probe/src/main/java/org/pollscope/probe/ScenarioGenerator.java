package org.pollscope.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random scenarios for the differential fuzzer: socketpairs, pipes, eventfds, regular files
 * and nested epoll fds; epoll_ctl with random flags (valid and not), reads, writes,
 * shutdowns, dups and closes; epoll_wait, poll and select with timeout 0. No expectations:
 * the two sides must simply agree. The same seed gives the same scenario.
 */
public final class ScenarioGenerator {
    private static final String[] EPOLL_FLAGS = {"EPOLLIN", "EPOLLOUT", "EPOLLRDHUP", "EPOLLPRI", "EPOLLET",
        "EPOLLONESHOT", "EPOLLEXCLUSIVE", "EPOLLERR", "EPOLLHUP"};
    private static final String[] POLL_FLAGS = {"POLLIN", "POLLOUT", "POLLPRI", "POLLRDHUP", "POLLERR", "POLLHUP"};

    private final Random rnd;
    private final List<String> lines = new ArrayList<>();
    private final List<String> fds = new ArrayList<>();
    private final List<String> epolls = new ArrayList<>();
    /** regular files: fill would only stop at its limit */
    private final List<String> files = new ArrayList<>();
    private int names;
    /**
     * Closed names stay usable (EBADF is worth testing) only until the next fd is made: after
     * that the number may be reused, and which file it names then depends on the fd table of
     * the process (a JVM's has holes the model's has not), so the sides could not agree.
     */
    private final List<String> closed = new ArrayList<>();

    private final boolean tcp;

    private ScenarioGenerator(long seed, boolean tcp) {
        this.rnd = new Random(seed);
        this.tcp = tcp;
    }

    /** The text of scenario number {@code seed}, about {@code length} statements long. */
    public static String generate(long seed, int length) {
        return new ScenarioGenerator(seed, false).build(length);
    }

    /** As {@link #generate(long, int)}, with TCP listeners and loopback connections too. */
    public static String generateWithTcp(long seed, int length) {
        return new ScenarioGenerator(seed, true).build(length);
    }

    /**
     * A listener, and a connection to it accepted at once or left waiting in its accept queue; or
     * one of the waiting connections accepted now, after its client may have written, shut down
     * or closed.
     */
    private void tcp() {
        List<String> open = new ArrayList<>(listeners);
        open.removeAll(closed);
        String l;
        if (open.isEmpty() || rnd.nextInt(3) == 0) {
            l = name();
            lines.add(l + " = listener()");
            listeners.add(l);
            listenerOf.put(l, l);
            fds.add(l);
        } else {
            // a closed listener would give connect nothing to make, and close() counts on a new fd
            l = pick(open);
        }
        int waiting = pending.getOrDefault(l, 0);
        if (waiting > 0 && rnd.nextInt(3) == 0) {
            accept(l);
            pending.put(l, waiting - 1);
            return;
        }
        String c = name();
        lines.add(c + " = connect(" + l + ")");
        fds.add(c);
        tcpSockets.add(c);
        if (rnd.nextInt(3) > 0) {
            accept(l);
        } else if (!stopped.contains(l)) {
            pending.put(l, waiting + 1);
        }
    }

    private void accept(String l) {
        String s = name();
        lines.add(s + " = accept(" + l + ")");
        fds.add(s);
        tcpSockets.add(s);
    }

    private String name() {
        fds.removeAll(closed);
        epolls.removeAll(closed);
        listeners.removeAll(closed);
        tcpSockets.removeAll(closed);
        closed.clear();
        return "f" + (names++);
    }

    private String pick(List<String> from) {
        return from.get(rnd.nextInt(from.size()));
    }

    private String anyFd() {
        return rnd.nextInt(8) == 0 && !epolls.isEmpty() ? pick(epolls) : pick(fds);
    }

    private String flags(String[] from) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(3) + (rnd.nextInt(6) == 0 ? 0 : 1);
        for (int i = 0; i < n; i++) {
            if (sb.length() > 0) sb.append(" | ");
            sb.append(from[rnd.nextInt(Math.min(from.length, i == 0 ? 3 : from.length))]);
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }

    private String build(int length) {
        lines.add("@title \"generated\"");
        create();
        create();
        epoll();
        for (int i = 0; i < length; i++) {
            int r = rnd.nextInt(100);
            if (r < 6) create();
            else if (r < 9) epoll();
            else if (r < 30) ctl();
            else if (r < 45) write();
            else if (r < 55) read();
            else if (r < 60) shutdown();
            else if (r < 64) dup();
            else if (r < 69) close();
            else if (r < 85) lines.add("epoll_wait(" + pick(epolls) + ", " + (1 + rnd.nextInt(8)) + ", 0)");
            else if (r < 93) poll();
            else select();
        }
        return String.join("\n", lines) + "\n";
    }

    private final List<String> listeners = new ArrayList<>();
    /** connections waiting in a listener's accept queue, by listener name */
    private final java.util.Map<String, Integer> pending = new java.util.HashMap<>();
    /** listeners shut down for reading (tcp_disconnect: they listen no more), and the names of their dups */
    private final java.util.Set<String> stopped = new java.util.HashSet<>();
    /** the listener each name of a listening socket (the listener's own, or a dup's) stands for */
    private final java.util.Map<String, String> listenerOf = new java.util.HashMap<>();
    /** TCP ends: fill is left out, since the kernel's buffer autotuning is not modelled */
    private final List<String> tcpSockets = new ArrayList<>();

    private void create() {
        if (tcp && rnd.nextInt(4) == 0) {
            tcp();
            return;
        }
        switch (rnd.nextInt(5)) {
            case 0, 1 -> {
                String a = name(), b = name();
                lines.add(a + ", " + b + " = socketpair()");
                fds.add(a);
                fds.add(b);
            }
            case 2 -> {
                String r = name(), w = name();
                lines.add(r + ", " + w + " = pipe()");
                fds.add(r);
                fds.add(w);
            }
            case 3 -> {
                String e = name();
                lines.add(e + " = eventfd(" + rnd.nextInt(2) + ")");
                fds.add(e);
            }
            default -> {
                String f = name();
                lines.add(f + " = file()");
                fds.add(f);
                files.add(f);
            }
        }
    }

    private void epoll() {
        String e = name();
        lines.add(e + " = epoll_create1(0)");
        epolls.add(e);
    }

    private void ctl() {
        String ep = pick(epolls);
        String op = new String[] {"ADD", "ADD", "ADD", "MOD", "DEL"}[rnd.nextInt(5)];
        String target = rnd.nextInt(10) == 0 ? pick(epolls) : pick(fds);
        lines.add("epoll_ctl(" + ep + ", " + op + ", " + target + ", " + flags(EPOLL_FLAGS) + ")");
    }

    private void write() {
        String fd = pick(fds);
        if (rnd.nextInt(10) == 0 && !files.contains(fd) && !tcpSockets.contains(fd)) {
            lines.add("fill(" + fd + ")");
        } else if (rnd.nextBoolean()) {
            lines.add("write(" + fd + ", \"" + "abcdefghij".substring(0, 1 + rnd.nextInt(10)) + "\")");
        } else {
            lines.add("write(" + fd + ", " + new int[] {1, 8, 100, 5000}[rnd.nextInt(4)] + ")");
        }
    }

    private void read() {
        String fd = pick(fds);
        if (rnd.nextInt(8) == 0) lines.add("drain(" + fd + ")");
        else lines.add("read(" + fd + ", " + new int[] {1, 3, 8, 100}[rnd.nextInt(4)] + ")");
    }

    private void shutdown() {
        if (tcp && rnd.nextInt(4) == 0) {
            // SO_LINGER 0: the next close of a TCP socket aborts (a RST); on any other fd ENOTSOCK, or nothing (unix)
            lines.add("linger(" + pick(fds) + ", 0)");
            return;
        }
        String fd = pick(fds);
        String how = new String[] {"RD", "WR", "RDWR"}[rnd.nextInt(3)];
        lines.add("shutdown(" + fd + ", " + how + ")");
        String l = listenerOf.get(fd);
        if (l != null && !how.equals("WR") && !closed.contains(fd)) {
            // inet_shutdown of a listener: tcp_disconnect, the waiting connections are reset
            stopped.add(l);
            pending.remove(l);
        }
    }

    private void dup() {
        String src = anyFd();
        boolean srcClosed = closed.contains(src);
        boolean srcTcp = tcpSockets.contains(src);
        String d = name();
        lines.add(d + " = dup(" + src + ")");
        // a dup of a closed fd fails and leaves the name unbound on both sides: use it no further
        if (!srcClosed) {
            if (epolls.contains(src)) epolls.add(d); else fds.add(d);
            if (srcTcp) tcpSockets.add(d);
            if (listenerOf.containsKey(src)) listenerOf.put(d, listenerOf.get(src));
        }
    }

    private void close() {
        String fd = anyFd();
        lines.add("close(" + fd + ")");
        closed.add(fd);
        if (fds.size() - closed.size() < 1 || epolls.stream().allMatch(closed::contains)) {
            // keep something open of each kind
            create();
            epoll();
        }
    }

    private void poll() {
        StringBuilder sb = new StringBuilder("poll([");
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(", ");
            sb.append(anyFd()).append(": ").append(flags(POLL_FLAGS));
        }
        lines.add(sb.append("], 0)").toString());
    }

    private void select() {
        lines.add("select(read=[" + anyFd() + "], write=[" + anyFd() + "], timeout_ms=0)");
    }
}
