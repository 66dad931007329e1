package org.pollscope.kernel;

import java.util.List;

/**
 * What one system call gave back, as the kernel returns it to user space: the return value,
 * errno when it is -1, the new file descriptors, the ready events, the bytes read.
 *
 * @param ret    the return value
 * @param errno  errno when ret is -1, else 0
 * @param fds    new file descriptors (socketpair and pipe give two), else empty
 * @param events epoll: (data, events); poll: (fd, revents); select: (fd, READ|WRITE|EXCEPT)
 * @param bytes  for read: the bytes read, else null
 */
public record SyscallResult(long ret, int errno, int[] fds, List<Ready> events, byte[] bytes) {

    /** One reported event. {@code key} is epoll_event.data for epoll and the fd for poll and select. */
    public record Ready(long key, int mask) {}

    private static final int[] NO_FDS = new int[0];

    public static SyscallResult ok(long ret) {
        return new SyscallResult(ret, 0, NO_FDS, List.of(), null);
    }

    public static SyscallResult error(int errno) {
        return new SyscallResult(-1, errno, NO_FDS, List.of(), null);
    }

    public static SyscallResult fd(int fd) {
        return new SyscallResult(fd, 0, new int[] {fd}, List.of(), null);
    }

    public static SyscallResult twoFds(int a, int b) {
        return new SyscallResult(0, 0, new int[] {a, b}, List.of(), null);
    }

    public static SyscallResult events(List<Ready> events) {
        return new SyscallResult(events.size(), 0, NO_FDS, List.copyOf(events), null);
    }

    /** select counts set bits, not fds. */
    public static SyscallResult events(long count, List<Ready> events) {
        return new SyscallResult(count, 0, NO_FDS, List.copyOf(events), null);
    }

    public static SyscallResult bytes(byte[] bytes) {
        return new SyscallResult(bytes.length, 0, NO_FDS, List.of(), bytes);
    }

    public boolean failed() {
        return ret == -1 && errno != 0;
    }
}
