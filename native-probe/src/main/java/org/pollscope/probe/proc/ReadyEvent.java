package org.pollscope.probe.proc;

import java.util.List;

/**
 * One event of a strace log's timeline: an fd that {@code epoll_wait} (or poll, select) returned
 * ready, or a sign in the log of a registration made before it began.
 *
 * @param line        the line of the log
 * @param time        the time strace printed ({@code -tt}), or null
 * @param tid         the thread that made the call, or null when the log has no pid prefixes
 * @param call        the system call ("epoll_wait", "poll", "select", "epoll_ctl")
 * @param fd          the fd it concerns, or -1 when the log cannot tell (a ready event whose data
 *                    matches no registration the log saw)
 * @param events      the returned events (for epoll_ctl, the mask it was given)
 * @param data        the data returned with the event (epoll only), or null
 * @param beforeTrace true when this is evidence of a registration the log never shows being made
 * @param note        what it shows, in words, or null
 */
public record ReadyEvent(int line, String time, Integer tid, String call, int fd, int events, Long data,
                         boolean beforeTrace, String note) {
    public List<String> eventNames() {
        return EpollEvents.names(events);
    }
}
