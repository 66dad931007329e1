package org.pollscope.probe.proc;

import java.util.List;

/**
 * The epoll fds of one process (a thread group: {@code pid} is the tgid, never a thread's id).
 *
 * @param pid     the process, or null when a strace log has no pid prefixes (strace without -f)
 * @param command its command name ({@code /proc/PID/comm}), or null
 * @param epolls  its epoll fds in the order of their fd numbers
 * @param polls   what poll, ppoll, select and pselect6 returned ready over time (strace only)
 */
public record ProcessInterest(Integer pid, String command, List<EpollInterest> epolls, List<ReadyEvent> polls) {
    public ProcessInterest {
        epolls = List.copyOf(epolls);
        polls = List.copyOf(polls);
    }
}
