package org.pollscope.probe.live;

import java.util.Locale;
import org.pollscope.kernel.Linux;

/**
 * How the live server waits: epoll with connections level-triggered, edge-triggered or
 * one-shot, or {@code poll(2)}, or {@code select(2)}.
 *
 * <p>In every epoll mode the listening socket is registered level-triggered ({@code EPOLLIN}):
 * the server accepts until {@code EAGAIN} either way, and a level-triggered listener is
 * reported exactly when its accept queue is not empty, which the mirror can tell from the
 * accepts that follow. An edge-triggered listener would also be reported again after a
 * connection that arrived between {@code ep_send_events} and the last accept, an instant the
 * server cannot observe. The connections carry the mode.
 */
public enum Mode {
    /** epoll, connections {@code EPOLLIN | EPOLLRDHUP}: one read per report */
    LT("lt", Linux.EPOLLIN | Linux.EPOLLRDHUP),
    /** epoll, connections {@code EPOLLIN | EPOLLRDHUP | EPOLLET}: read until EAGAIN */
    ET("et", Linux.EPOLLIN | Linux.EPOLLRDHUP | Linux.EPOLLET),
    /** epoll, connections {@code EPOLLIN | EPOLLRDHUP | EPOLLONESHOT}: one read, then EPOLL_CTL_MOD to re-arm */
    ONESHOT("oneshot", Linux.EPOLLIN | Linux.EPOLLRDHUP | Linux.EPOLLONESHOT),
    /** poll(2) of the listener, the wake-up eventfd and every connection ({@code POLLIN | POLLRDHUP}) */
    POLL("poll", Linux.EPOLLIN | Linux.EPOLLRDHUP),
    /** select(2) with every fd in the read set */
    SELECT("select", 0);

    private final String word;
    private final int connectionEvents;

    Mode(String word, int connectionEvents) {
        this.word = word;
        this.connectionEvents = connectionEvents;
    }

    /** The word of the command line: lt, et, oneshot, poll, select. */
    public String word() {
        return word;
    }

    /** The events a connection is registered (epoll) or polled (poll) with. */
    public int connectionEvents() {
        return connectionEvents;
    }

    public boolean usesEpoll() {
        return this == LT || this == ET || this == ONESHOT;
    }

    /** The mode of a word, or null. */
    public static Mode of(String word) {
        if (word == null) return null;
        for (Mode m : values()) {
            if (m.word.equals(word.toLowerCase(Locale.ROOT))) return m;
        }
        return null;
    }

    /** "lt, et, oneshot, poll or select". */
    public static String words() {
        return "lt, et, oneshot, poll or select";
    }
}
