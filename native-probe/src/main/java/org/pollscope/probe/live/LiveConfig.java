package org.pollscope.probe.live;

/**
 * What a {@link LiveServer} is started with.
 *
 * @param bind         {@code 127.0.0.1} or {@code ::1}, nothing else: the live server is for this machine only
 * @param port         the TCP port, 1 to 65535, or 0 for any free one (tests)
 * @param mode         how the server waits
 * @param maxClients   connections served at once; one more is accepted and closed at once (so that its
 *                     peer sees end of file rather than waiting in the backlog); 0 for as many as the
 *                     soft fd limit leaves room for
 * @param threadPrefix the name every thread of the server starts with (the leak test counts them)
 */
public record LiveConfig(String bind, int port, Mode mode, int maxClients, String threadPrefix) {
    /** The port of {@code pollscope live} when none is given. */
    public static final int DEFAULT_PORT = 7000;
    /** The thread name prefix when none is given. */
    public static final String THREAD_PREFIX = "pollscope-live";

    public LiveConfig {
        if (mode == null) throw new IllegalArgumentException("a live server needs a mode (" + Mode.words() + ")");
        if (threadPrefix == null || threadPrefix.isBlank()) threadPrefix = THREAD_PREFIX;
    }

    /** 127.0.0.1, the given port and mode, as many clients as the fd limit allows. */
    public static LiveConfig of(int port, Mode mode) {
        return new LiveConfig("127.0.0.1", port, mode, 0, THREAD_PREFIX);
    }

    public LiveConfig withBind(String address) {
        return new LiveConfig(address, port, mode, maxClients, threadPrefix);
    }

    public LiveConfig withMaxClients(int n) {
        return new LiveConfig(bind, port, mode, n, threadPrefix);
    }

    /** Why {@code address} may not be bound, or null when it is 127.0.0.1 or ::1. */
    public static String bindProblem(String address) {
        if ("127.0.0.1".equals(address) || "::1".equals(address)) return null;
        return "--bind " + address + " is refused: the live server listens on this machine only (127.0.0.1 or ::1)";
    }

    /** Why {@code port} is not a port, or null. */
    public static String portProblem(int port) {
        return port < 0 || port > 65535 ? "--port must be 1 to 65535, found " + port : null;
    }

    boolean ipv6() {
        return "::1".equals(bind);
    }
}
