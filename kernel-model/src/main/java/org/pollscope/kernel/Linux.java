package org.pollscope.kernel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The numbers of the Linux ABI that the model and the scenario language share, exactly as
 * the x86-64 headers define them ({@code include/uapi/linux/eventpoll.h},
 * {@code include/uapi/asm-generic/poll.h}, {@code include/uapi/asm-generic/errno-base.h}).
 * Grouped as OpenJDK's {@code sun.nio.ch.EPoll} groups them.
 */
public final class Linux {
    private Linux() {}

    // epoll_ctl opcodes
    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLL_CTL_DEL = 2;
    public static final int EPOLL_CTL_MOD = 3;

    // events (epoll and poll share the values)
    public static final int EPOLLIN = 0x001;
    public static final int EPOLLPRI = 0x002;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    public static final int POLLNVAL = 0x020;
    public static final int EPOLLRDNORM = 0x040;
    public static final int EPOLLRDBAND = 0x080;
    public static final int EPOLLWRNORM = 0x100;
    public static final int EPOLLWRBAND = 0x200;
    public static final int EPOLLMSG = 0x400;
    public static final int EPOLLRDHUP = 0x2000;

    // epoll input flags
    public static final int EPOLLEXCLUSIVE = 1 << 28;
    public static final int EPOLLWAKEUP = 1 << 29;
    public static final int EPOLLONESHOT = 1 << 30;
    public static final int EPOLLET = 1 << 31;

    // flags of epoll_create1 (EPOLL_CLOEXEC == O_CLOEXEC)
    public static final int EPOLL_CLOEXEC = 0x80000;

    // select's three sets, as result "events" of a select call
    public static final int SELECT_READ = 1;
    public static final int SELECT_WRITE = 2;
    public static final int SELECT_EXCEPT = 4;

    // shutdown(2) how
    public static final int SHUT_RD = 0;
    public static final int SHUT_WR = 1;
    public static final int SHUT_RDWR = 2;

    // limits
    /** glibc's fd_set holds this many bits. */
    public static final int FD_SETSIZE = 1024;
    /** fs/eventpoll.c: maximum nesting of epoll instances. */
    public static final int EP_MAX_NESTS = 4;

    // errno
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EFAULT = 14;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    public static final int ENOSPC = 28;
    public static final int ESPIPE = 29;
    public static final int EPIPE = 32;
    public static final int ELOOP = 40;
    public static final int ENOTSOCK = 88;
    public static final int EOPNOTSUPP = 95;
    public static final int ECONNRESET = 104;
    public static final int ENOTCONN = 107;
    public static final int ECONNREFUSED = 111;
    public static final int EINPROGRESS = 115;

    private static final Map<String, Integer> ERRNO = new LinkedHashMap<>();
    private static final Map<String, Integer> EPOLL_EVENT_NAMES = new LinkedHashMap<>();
    private static final Map<String, Integer> POLL_EVENT_NAMES = new LinkedHashMap<>();
    private static final Map<String, Long> CONSTANTS = new LinkedHashMap<>();

    static {
        String[] errnoNames = {"EPERM", "ENOENT", "EINTR", "EBADF", "EAGAIN", "ENOMEM", "EFAULT", "EEXIST",
            "ENOTDIR", "EINVAL", "ENFILE", "EMFILE", "ENOSPC", "ESPIPE", "EPIPE", "ELOOP", "ENOTSOCK",
            "EOPNOTSUPP", "ECONNRESET", "ENOTCONN", "ECONNREFUSED", "EINPROGRESS"};
        int[] errnoValues = {EPERM, ENOENT, EINTR, EBADF, EAGAIN, ENOMEM, EFAULT, EEXIST,
            ENOTDIR, EINVAL, ENFILE, EMFILE, ENOSPC, ESPIPE, EPIPE, ELOOP, ENOTSOCK,
            EOPNOTSUPP, ECONNRESET, ENOTCONN, ECONNREFUSED, EINPROGRESS};
        for (int i = 0; i < errnoNames.length; i++) {
            ERRNO.put(errnoNames[i], errnoValues[i]);
        }
        // printing order: the usual ones first
        String[] ev = {"IN", "PRI", "OUT", "RDNORM", "RDBAND", "WRNORM", "WRBAND", "MSG", "ERR", "HUP", "RDHUP",
            "EXCLUSIVE", "WAKEUP", "ONESHOT", "ET"};
        int[] evv = {EPOLLIN, EPOLLPRI, EPOLLOUT, EPOLLRDNORM, EPOLLRDBAND, EPOLLWRNORM, EPOLLWRBAND, EPOLLMSG,
            EPOLLERR, EPOLLHUP, EPOLLRDHUP, EPOLLEXCLUSIVE, EPOLLWAKEUP, EPOLLONESHOT, EPOLLET};
        for (int i = 0; i < ev.length; i++) {
            EPOLL_EVENT_NAMES.put("EPOLL" + ev[i], evv[i]);
            if (i <= 10) {
                POLL_EVENT_NAMES.put("POLL" + ev[i], evv[i]);
            }
        }
        POLL_EVENT_NAMES.put("POLLNVAL", POLLNVAL);
        EPOLL_EVENT_NAMES.forEach((k, v) -> CONSTANTS.put(k, v & 0xffffffffL));
        POLL_EVENT_NAMES.forEach((k, v) -> CONSTANTS.put(k, (long) v));
        ERRNO.forEach((k, v) -> CONSTANTS.put(k, (long) v));
        CONSTANTS.put("EPOLL_CLOEXEC", (long) EPOLL_CLOEXEC);
        CONSTANTS.put("ADD", (long) EPOLL_CTL_ADD);
        CONSTANTS.put("DEL", (long) EPOLL_CTL_DEL);
        CONSTANTS.put("MOD", (long) EPOLL_CTL_MOD);
        CONSTANTS.put("EPOLL_CTL_ADD", (long) EPOLL_CTL_ADD);
        CONSTANTS.put("EPOLL_CTL_DEL", (long) EPOLL_CTL_DEL);
        CONSTANTS.put("EPOLL_CTL_MOD", (long) EPOLL_CTL_MOD);
        CONSTANTS.put("RD", (long) SHUT_RD);
        CONSTANTS.put("WR", (long) SHUT_WR);
        CONSTANTS.put("RDWR", (long) SHUT_RDWR);
        CONSTANTS.put("READ", (long) SELECT_READ);
        CONSTANTS.put("WRITE", (long) SELECT_WRITE);
        CONSTANTS.put("EXCEPT", (long) SELECT_EXCEPT);
    }

    /** The value of an upper-case constant of the scenario language, or null when unknown. */
    public static Long constant(String name) {
        return CONSTANTS.get(name);
    }

    /** Every upper-case constant the scenario language knows, in a stable order. */
    public static Map<String, Long> constants() {
        return java.util.Collections.unmodifiableMap(CONSTANTS);
    }

    /** The errno's name ("EBADF"), or its number as text when it has none here. */
    public static String errnoName(int errno) {
        for (Map.Entry<String, Integer> e : ERRNO.entrySet()) {
            if (e.getValue() == errno) {
                return e.getKey();
            }
        }
        return "errno " + errno;
    }

    /** The errno's value for a name, or -1. */
    public static int errnoValue(String name) {
        Integer v = ERRNO.get(name);
        return v == null ? -1 : v;
    }

    /** A mask as epoll flags joined by '|' ("EPOLLIN|EPOLLHUP"); unknown bits in hex. */
    public static String epollEvents(int mask) {
        return names(mask, EPOLL_EVENT_NAMES);
    }

    /** A mask as poll flags ("POLLIN|POLLNVAL"). */
    public static String pollEvents(int mask) {
        return names(mask, POLL_EVENT_NAMES);
    }

    /** A select result as READ|WRITE|EXCEPT. */
    public static String selectSets(int mask) {
        StringBuilder sb = new StringBuilder();
        if ((mask & SELECT_READ) != 0) sb.append("READ");
        if ((mask & SELECT_WRITE) != 0) sb.append(sb.length() > 0 ? "|" : "").append("WRITE");
        if ((mask & SELECT_EXCEPT) != 0) sb.append(sb.length() > 0 ? "|" : "").append("EXCEPT");
        return sb.length() == 0 ? "0" : sb.toString();
    }

    private static String names(int mask, Map<String, Integer> table) {
        if (mask == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        int rest = mask;
        for (Map.Entry<String, Integer> e : table.entrySet()) {
            if ((rest & e.getValue()) != 0) {
                if (sb.length() > 0) sb.append('|');
                sb.append(e.getKey());
                rest &= ~e.getValue();
            }
        }
        if (rest != 0) {
            if (sb.length() > 0) sb.append('|');
            sb.append("0x").append(Integer.toHexString(rest));
        }
        return sb.toString();
    }
}
