package org.pollscope.probe.proc;

import java.util.List;

/**
 * One item of an interest list ({@code struct epitem}): the fd it was registered with (the
 * {@code tfd} of fdinfo: the fd at registration, which may since have been closed while the
 * file lives on), its event mask as the kernel keeps it (with EPOLLERR|EPOLLHUP, which
 * {@code do_epoll_ctl} adds on ADD and MOD), its whole 64-bit {@code data}, and what the fd is.
 *
 * @param target      what the fd refers to, or null when nothing says (the fd is closed, or the log does not tell)
 * @param beforeTrace true when the registration predates the strace log: the log shows a MOD or a ready
 *                    event of it, never its ADD
 * @param note        why {@code target} is null, in words ("fd closed; the file is still registered"), or null
 */
public record Registration(int fd, int events, long data, Target target, boolean beforeTrace, String note) {
    /** A registration with nothing to add about its target. */
    public Registration(int fd, int events, long data, Target target, boolean beforeTrace) {
        this(fd, events, data, target, beforeTrace, null);
    }

    public List<String> eventNames() {
        return EpollEvents.names(events);
    }

    /** The data as the JSON and the text print it: "0x7f1100000007". */
    public String dataText() {
        return "0x" + Long.toHexString(data);
    }
}
