package org.pollscope.probe.proc;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The sockets of a process's network namespace by inode, read from {@code /proc/PID/net/tcp},
 * {@code tcp6}, {@code udp}, {@code udp6} and {@code unix} (printed by {@code tcp4_seq_show},
 * {@code tcp6_seq_show}, {@code udp4_format_sock}, {@code unix_seq_show}). Addresses are the
 * kernel's words in host byte order, printed with {@code %08X}: each 32-bit word of an address
 * is read back in the machine's order.
 */
public final class SocketTable {
    /** TCP_LISTEN in {@code include/net/tcp_states.h}. */
    static final int TCP_LISTEN = 0x0A;
    /** {@code __SO_ACCEPTCON}, the flag of a listening unix socket in /proc/net/unix. */
    static final int SO_ACCEPTCON = 1 << 16;

    private final Map<Long, Target> byInode = new HashMap<>();

    /** The socket of an inode, or null when no table lists it (netlink, packet, ...). */
    public Target get(long inode) {
        return byInode.get(inode);
    }

    /** Reads the tables of {@code proc/PID/net}; a table that cannot be read is left out. */
    public static SocketTable read(Path netDir) {
        SocketTable t = new SocketTable();
        t.readInet(netDir.resolve("tcp"), true);
        t.readInet(netDir.resolve("tcp6"), true);
        t.readInet(netDir.resolve("udp"), false);
        t.readInet(netDir.resolve("udp6"), false);
        t.readUnix(netDir.resolve("unix"));
        return t;
    }

    private static String text(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    void readInet(Path file, boolean tcp) {
        String[] lines = text(file).split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] w = lines[i].trim().split("\\s+");
            // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
            if (w.length < 10) continue;
            try {
                String local = address(w[1]);
                String remote = address(w[2]);
                int st = Integer.parseInt(w[3], 16);
                long inode = Long.parseLong(w[9]);
                if (local == null || remote == null || inode == 0) continue;
                boolean unconnected = remote.endsWith(":0") && (remote.startsWith("0.0.0.0") || remote.startsWith("[::]"));
                Target target;
                if (tcp) target = st == TCP_LISTEN ? new Target(Target.Kind.TCP_LISTEN, local, null)
                        : new Target(Target.Kind.TCP, local, unconnected ? null : remote);
                else target = new Target(Target.Kind.UDP, local, unconnected ? null : remote);
                byInode.putIfAbsent(inode, target);
            } catch (NumberFormatException e) {
                // a line of another layout: left out
            }
        }
    }

    void readUnix(Path file) {
        String[] lines = text(file).split("\n");
        for (int i = 1; i < lines.length; i++) {
            // Num RefCount Protocol Flags Type St Inode Path
            String[] w = lines[i].trim().split("\\s+", 8);
            if (w.length < 7) continue;
            try {
                int flags = (int) Long.parseLong(w[3], 16);
                long inode = Long.parseLong(w[6]);
                String path = w.length > 7 ? w[7].trim() : null;
                Target.Kind kind = (flags & SO_ACCEPTCON) != 0 ? Target.Kind.UNIX_LISTEN : Target.Kind.UNIX;
                byInode.putIfAbsent(inode, new Target(kind, path == null || path.isEmpty() ? null : path, null));
            } catch (NumberFormatException e) {
                // left out
            }
        }
    }

    /** "0100007F:1F90" as "127.0.0.1:8080", a 32-hex-digit IPv6 address as "[::1]:8080"; null when neither. */
    static String address(String hex) {
        int c = hex.indexOf(':');
        if (c < 0) return null;
        String a = hex.substring(0, c);
        int port = Integer.parseInt(hex.substring(c + 1), 16);
        if (a.length() != 8 && a.length() != 32) return null;
        byte[] b = new byte[a.length() / 2];
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        for (int word = 0; word < b.length / 4; word++) {
            long v = Long.parseLong(a.substring(word * 8, word * 8 + 8), 16);
            for (int k = 0; k < 4; k++) {
                int shift = little ? 8 * k : 8 * (3 - k);
                b[word * 4 + k] = (byte) (v >>> shift);
            }
        }
        return b.length == 4 ? ipv4(b, 0) + ":" + port : "[" + ipv6(b) + "]:" + port;
    }

    static String ipv4(byte[] b, int off) {
        return (b[off] & 0xff) + "." + (b[off + 1] & 0xff) + "." + (b[off + 2] & 0xff) + "." + (b[off + 3] & 0xff);
    }

    /** An IPv6 address as RFC 5952 writes it (the longest run of zero groups as "::"; a mapped IPv4 as ::ffff:a.b.c.d). */
    static String ipv6(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) return "::ffff:" + ipv4(b, 12);
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
