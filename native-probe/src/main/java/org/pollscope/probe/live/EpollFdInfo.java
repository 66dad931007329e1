package org.pollscope.probe.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The interest list of one of this process's own epoll fds, as the kernel prints it in
 * {@code /proc/self/fdinfo/EPFD} ({@code ep_show_fdinfo}: one line per item,
 * {@code tfd: %8d events: %8x data: %16llx pos:... ino:... sdev:...}). Read by keys, not
 * columns. A small reader for the live server's own check; reading any process's fdinfo,
 * decoded and resolved, is another package's work.
 */
final class EpollFdInfo {
    private EpollFdInfo() {}

    /** The registrations of {@code epfd}, sorted by fd. */
    static List<Mirror.Interest> read(int epfd) throws IOException {
        List<Mirror.Interest> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + epfd))) {
            String tfd = value(line, "tfd:");
            if (tfd == null) continue;
            String events = value(line, "events:");
            String data = value(line, "data:");
            if (events == null || data == null) throw new IOException("fdinfo of epoll fd " + epfd + ": no events or data in: " + line);
            out.add(new Mirror.Interest(Integer.parseInt(tfd), (int) Long.parseUnsignedLong(events, 16), Long.parseUnsignedLong(data, 16)));
        }
        Collections.sort(out);
        return out;
    }

    /** The word after {@code key} on the line, or null. */
    static String value(String line, String key) {
        int i = line.indexOf(key);
        if (i < 0) return null;
        int s = i + key.length();
        while (s < line.length() && line.charAt(s) == ' ') s++;
        int e = s;
        while (e < line.length() && line.charAt(e) != ' ' && line.charAt(e) != '\t') e++;
        return e > s ? line.substring(s, e) : null;
    }
}
