package org.pollscope.kernel.scenario;

import java.util.List;

/**
 * What one call gave back on one target: the return value, errno when it is -1, the new
 * file descriptors, the ready events, the bytes read; or why it did not run.
 *
 * @param ret     the return value
 * @param errno   errno when ret is -1, else 0
 * @param fds     new file descriptors (socketpair and pipe give two), else empty
 * @param events  epoll: (data, events); poll: (fd, revents); select: (fd, READ|WRITE|EXCEPT)
 * @param bytes   for read: the bytes read
 * @param skipped why the call did not run on this target, else null
 */
public record Outcome(long ret, int errno, int[] fds, List<Ready> events, byte[] bytes, String skipped) {

    /** One reported event. {@code key} is epoll_event.data for epoll and the fd for poll and select. */
    public record Ready(long key, int mask) {}

    private static final int[] NO_FDS = new int[0];

    public static Outcome ok(long ret) {
        return new Outcome(ret, 0, NO_FDS, List.of(), null, null);
    }

    public static Outcome error(int errno) {
        return new Outcome(-1, errno, NO_FDS, List.of(), null, null);
    }

    public static Outcome fd(int fd) {
        return new Outcome(fd, 0, new int[] {fd}, List.of(), null, null);
    }

    public static Outcome twoFds(int a, int b) {
        return new Outcome(0, 0, new int[] {a, b}, List.of(), null, null);
    }

    public static Outcome events(List<Ready> events) {
        return new Outcome(events.size(), 0, NO_FDS, List.copyOf(events), null, null);
    }

    /** select counts set bits, not fds. */
    public static Outcome events(long count, List<Ready> events) {
        return new Outcome(count, 0, NO_FDS, List.copyOf(events), null, null);
    }

    public static Outcome bytes(byte[] bytes) {
        return new Outcome(bytes.length, 0, NO_FDS, List.of(), bytes, null);
    }

    public static Outcome skipped(String why) {
        return new Outcome(0, 0, NO_FDS, List.of(), null, why);
    }

    public boolean failed() {
        return ret == -1 && errno != 0;
    }
}
