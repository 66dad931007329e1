package org.pollscope.kernel.program;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The built-in servers, by name. Each echoes what its clients send; they differ in how they
 * wait for the clients: see each program's {@link Program#description()} and listing.
 */
public final class Programs {
    private Programs() {}

    /** The read buffer of the servers. */
    public static final int BUFFER = 4096;
    /**
     * The read buffer of the edge-triggered servers that read once per turn (the buggy one and
     * the fair one): smaller than a 512-byte request, so that one read leaves bytes behind.
     */
    public static final int SMALL_BUFFER = 256;

    /**
     * What a program can be tuned with.
     *
     * @param threads   worker threads of oneshot-pool, acceptor threads of acceptors and acceptors-exclusive
     * @param buffer    the read buffer in bytes; 0: the program's own ({@link #BUFFER}, or {@link #SMALL_BUFFER})
     * @param maxevents maxevents of epoll_wait (oneshot-pool always asks for 1)
     */
    public record Params(int threads, int buffer, int maxevents) {
        public static final Params DEFAULT = new Params(4, 0, 64);

        public Params {
            if (threads < 1 || threads > 1024) throw new IllegalArgumentException("threads must be 1 to 1024, found " + threads);
            if (buffer < 0 || buffer > 1 << 20) {
                throw new IllegalArgumentException("buffer must be 0 (the program's own) to 1048576 bytes, found " + buffer);
            }
            // EP_MAX_EVENTS of fs/eventpoll.c is INT_MAX / sizeof(struct epoll_event); a model needs far fewer
            if (maxevents < 1 || maxevents > 65536) throw new IllegalArgumentException("maxevents must be 1 to 65536, found " + maxevents);
        }

        int buffer(int own) {
            return buffer == 0 ? own : buffer;
        }
    }

    private static final Map<String, Function<Params, Program>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("blocking", p -> new BlockingServer(p.buffer(BUFFER)));
        ALL.put("thread-per-client", p -> new ThreadPerClientServer(p.buffer(BUFFER)));
        ALL.put("select", p -> new SelectServer(p.buffer(BUFFER)));
        ALL.put("poll", p -> new PollServer(p.buffer(BUFFER)));
        ALL.put("epoll-lt", p -> new EpollServer("epoll-lt", EpollServer.Kind.LEVEL, p.buffer(BUFFER), p.maxevents()));
        ALL.put("epoll-et", p -> new EpollServer("epoll-et", EpollServer.Kind.EDGE, p.buffer(BUFFER), p.maxevents()));
        ALL.put("epoll-et-buggy", p -> new EpollServer("epoll-et-buggy", EpollServer.Kind.EDGE_ONE_READ, p.buffer(SMALL_BUFFER),
            p.maxevents()));
        ALL.put("epoll-et-fair", p -> new FairEpollServer(p.buffer(SMALL_BUFFER), p.maxevents()));
        ALL.put("oneshot-pool", p -> new OneshotPool(p.threads(), p.buffer(BUFFER)));
        ALL.put("acceptors", p -> new Acceptors(p.threads(), false, p.buffer(BUFFER), p.maxevents()));
        ALL.put("acceptors-exclusive", p -> new Acceptors(p.threads(), true, p.buffer(BUFFER), p.maxevents()));
        ALL.put("coroutine-hub", p -> new CoroutineHub(p.buffer(BUFFER), p.maxevents()));
    }

    /** The names, in a stable order (simplest first). */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** Every program with its default parameters, in the order of {@link #names()}. */
    public static List<Program> all() {
        List<Program> out = new ArrayList<>();
        ALL.values().forEach(s -> out.add(s.apply(Params.DEFAULT)));
        return out;
    }

    /** A program by name with its default parameters, or null. */
    public static Program byName(String name) {
        return byName(name, Params.DEFAULT);
    }

    /** A program by name, tuned, or null. */
    public static Program byName(String name, Params params) {
        Function<Params, Program> s = ALL.get(name);
        return s == null ? null : s.apply(params);
    }
}
