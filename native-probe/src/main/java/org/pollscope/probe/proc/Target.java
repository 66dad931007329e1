package org.pollscope.probe.proc;

/**
 * What an fd refers to, as {@code /proc/PID/fd/N} (and, for sockets, {@code /proc/PID/net/*})
 * or strace's {@code -yy} annotation shows it.
 *
 * @param kind   what sort of file
 * @param local  the local address ({@code 127.0.0.1:80}, {@code [::1]:80}, a unix path), or null
 * @param remote the peer's address, or null when there is none (a listener, an unconnected socket)
 */
public record Target(Kind kind, String local, String remote) {
    /** The kinds, with the names the JSON and the text use. */
    public enum Kind {
        TCP_LISTEN("tcp-listen"), TCP("tcp"), UDP("udp"), UNIX_LISTEN("unix-listen"), UNIX("unix"), PIPE("pipe"),
        EVENTFD("eventfd"), TIMERFD("timerfd"), SIGNALFD("signalfd"), INOTIFY("inotify"), EPOLL("epoll"), OTHER("other");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        /** The name as printed: "tcp-listen". */
        public String text() {
            return text;
        }
    }

    public static Target of(Kind kind) {
        return new Target(kind, null, null);
    }

    /** The kind alone for a file of no socket, from the text of its {@code /proc/PID/fd/N} link. */
    public static Target ofLink(String link) {
        if (link.startsWith("pipe:[")) return of(Kind.PIPE);
        if (link.equals("anon_inode:[eventfd]")) return of(Kind.EVENTFD);
        if (link.equals("anon_inode:[timerfd]")) return of(Kind.TIMERFD);
        if (link.equals("anon_inode:[signalfd]")) return of(Kind.SIGNALFD);
        if (link.equals("anon_inode:inotify") || link.equals("anon_inode:[inotify]")) return of(Kind.INOTIFY);
        if (link.equals("anon_inode:[eventpoll]")) return of(Kind.EPOLL);
        return of(Kind.OTHER);
    }

    /** "tcp 127.0.0.1:7000 <- 127.0.0.1:53422", "pipe", "unix-listen /tmp/s". */
    public String text() {
        StringBuilder sb = new StringBuilder(kind.text());
        if (local != null) sb.append(' ').append(local);
        if (remote != null) sb.append(" <- ").append(remote);
        return sb.toString();
    }
}
