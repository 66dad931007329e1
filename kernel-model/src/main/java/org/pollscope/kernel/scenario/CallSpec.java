package org.pollscope.kernel.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The calls of the scenario language: how many arguments each takes, what kind each argument
 * is, and what the call returns. The parser checks statements against this table; targets
 * implement every entry.
 */
public record CallSpec(String name, Kind[] args, int required, Returns returns, Set<String> keywords) {

    /** What an argument must be. */
    public enum Kind {
        /** a bound name (or a raw integer, to try invalid fds) */
        FD,
        /** an integer, a constant, or constants joined by '|' */
        INT,
        /** a string or an integer byte count */
        DATA,
        /** a list of [name: FLAGS, ...] */
        LIST
    }

    /** What a successful call gives back. */
    public enum Returns {
        /** a plain number (0, a byte count) */
        NUMBER,
        /** one new file descriptor, which a binding may name */
        FD,
        /** two new file descriptors: socketpair, pipe */
        TWO_FDS,
        /** a byte count and the bytes */
        BYTES,
        /** a count of ready fds with epoll events */
        EPOLL_EVENTS,
        /** a count of ready fds with poll revents */
        POLL_EVENTS,
        /** a count of set bits with select's READ/WRITE/EXCEPT per fd */
        SELECT_EVENTS
    }

    private static final Map<String, CallSpec> TABLE = new LinkedHashMap<>();

    private static void def(String name, Returns r, int required, Kind... kinds) {
        TABLE.put(name, new CallSpec(name, kinds, required, r, Set.of()));
    }

    static {
        def("socketpair", Returns.TWO_FDS, 0);
        def("pipe", Returns.TWO_FDS, 0);
        def("eventfd", Returns.FD, 1, Kind.INT);
        def("file", Returns.FD, 0);
        def("listener", Returns.FD, 0);
        def("connect", Returns.FD, 1, Kind.FD);
        def("accept", Returns.FD, 1, Kind.FD);
        def("read", Returns.BYTES, 2, Kind.FD, Kind.INT);
        def("write", Returns.NUMBER, 2, Kind.FD, Kind.DATA);
        def("fill", Returns.NUMBER, 1, Kind.FD);
        def("drain", Returns.NUMBER, 1, Kind.FD);
        def("shutdown", Returns.NUMBER, 2, Kind.FD, Kind.INT);
        def("linger", Returns.NUMBER, 2, Kind.FD, Kind.INT);
        def("close", Returns.NUMBER, 1, Kind.FD);
        def("dup", Returns.FD, 1, Kind.FD);
        def("epoll_create1", Returns.FD, 1, Kind.INT);
        def("epoll_create", Returns.FD, 1, Kind.INT);
        def("epoll_ctl", Returns.NUMBER, 4, Kind.FD, Kind.INT, Kind.FD, Kind.INT, Kind.INT);
        def("epoll_wait", Returns.EPOLL_EVENTS, 3, Kind.FD, Kind.INT, Kind.INT);
        def("poll", Returns.POLL_EVENTS, 2, Kind.LIST, Kind.INT);
        TABLE.put("select", new CallSpec("select", new Kind[0], 0, Returns.SELECT_EVENTS,
            Set.of("read", "write", "except", "timeout_ms", "nfds")));
        // model-only knobs (the kernel's are sysctls and rlimits that need root or a whole process)
        def("set_fd_limit", Returns.NUMBER, 1, Kind.INT);
        def("set_max_user_watches", Returns.NUMBER, 1, Kind.INT);
    }

    /** The spec of a call, or null when the language has no such call. */
    public static CallSpec of(String name) {
        return TABLE.get(name);
    }

    /** All calls, in a stable order. */
    public static Map<String, CallSpec> all() {
        return java.util.Collections.unmodifiableMap(TABLE);
    }

    /** How many names a statement calling this may bind. */
    public int bindable() {
        return switch (returns) {
            case FD -> 1;
            case TWO_FDS -> 2;
            default -> 0;
        };
    }
}
