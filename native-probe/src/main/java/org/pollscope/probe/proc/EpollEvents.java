package org.pollscope.probe.proc;

import java.util.ArrayList;
import java.util.List;
import org.pollscope.kernel.Linux;

/**
 * An epoll event mask as the kernel's names, bit by bit, in bit order (the names of
 * {@code include/uapi/linux/eventpoll.h}); a bit with no name is kept as its hex value
 * ({@code "0x4000"}), never dropped.
 */
public final class EpollEvents {
    private EpollEvents() {}

    private static final int EPOLLNVAL = 0x020;
    private static final int EPOLL_URING_WAKE = 1 << 27;

    private static final int[] BITS = {Linux.EPOLLIN, Linux.EPOLLPRI, Linux.EPOLLOUT, Linux.EPOLLERR, Linux.EPOLLHUP,
        EPOLLNVAL, Linux.EPOLLRDNORM, Linux.EPOLLRDBAND, Linux.EPOLLWRNORM, Linux.EPOLLWRBAND, Linux.EPOLLMSG,
        Linux.EPOLLRDHUP, EPOLL_URING_WAKE, Linux.EPOLLEXCLUSIVE, Linux.EPOLLWAKEUP, Linux.EPOLLONESHOT, Linux.EPOLLET};
    private static final String[] NAMES = {"EPOLLIN", "EPOLLPRI", "EPOLLOUT", "EPOLLERR", "EPOLLHUP",
        "EPOLLNVAL", "EPOLLRDNORM", "EPOLLRDBAND", "EPOLLWRNORM", "EPOLLWRBAND", "EPOLLMSG",
        "EPOLLRDHUP", "EPOLL_URING_WAKE", "EPOLLEXCLUSIVE", "EPOLLWAKEUP", "EPOLLONESHOT", "EPOLLET"};

    /** The names of the bits set in {@code mask}, lowest bit first; an unknown bit as "0x4000". Empty for 0. */
    public static List<String> names(int mask) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            int b = 1 << bit;
            if ((mask & b) == 0) continue;
            String name = null;
            for (int i = 0; i < BITS.length; i++) if (BITS[i] == b) name = NAMES[i];
            out.add(name != null ? name : "0x" + Integer.toHexString(b));
        }
        return out;
    }

    /** The names joined by '|', or "0". */
    public static String text(int mask) {
        List<String> n = names(mask);
        return n.isEmpty() ? "0" : String.join("|", n);
    }

    /**
     * The mask of a name: EPOLLIN, or a hex ("0x4000") or decimal number; -1 when the word is
     * neither. strace prints POLL-style names in a few places; they share the values.
     */
    public static long value(String word) {
        for (int i = 0; i < NAMES.length; i++) if (NAMES[i].equals(word)) return BITS[i] & 0xffffffffL;
        if (word.startsWith("POLL")) {
            String e = "EPOLL" + word.substring(4);
            for (int i = 0; i < NAMES.length; i++) if (NAMES[i].equals(e)) return BITS[i] & 0xffffffffL;
        }
        try {
            long v = word.startsWith("0x") ? Long.parseLong(word.substring(2), 16) : Long.parseLong(word);
            return v >= 0 && v <= 0xffffffffL ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A '|'-joined mask as strace prints it ("EPOLLIN|EPOLLET|0x4000", "0"), or -1 when a part is not understood. */
    public static long parseMask(String text) {
        long m = 0;
        for (String part : text.trim().split("\\|", -1)) {
            long v = value(part.trim());
            if (v < 0) return -1;
            m |= v;
        }
        return m;
    }
}
