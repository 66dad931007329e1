package org.pollscope.probe.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.pollscope.probe.proc.FdInfo;

/**
 * The interest list of one of this process's own epoll fds, as the kernel prints it in
 * {@code /proc/self/fdinfo/EPFD} ({@code ep_show_fdinfo}), read by {@link FdInfo} and put in
 * the mirror's terms, sorted by fd to compare with the model's.
 */
final class EpollFdInfo {
    private EpollFdInfo() {}

    /** The registrations of {@code epfd}, sorted by fd; an item line that cannot be read is an error. */
    static List<Mirror.Interest> read(int epfd) throws IOException {
        FdInfo info = FdInfo.parse(Files.readString(Path.of("/proc/self/fdinfo/" + epfd)));
        if (!info.unread().isEmpty()) {
            throw new IOException("fdinfo of epoll fd " + epfd + ": no events or data in: " + info.unread().get(0));
        }
        List<Mirror.Interest> out = new ArrayList<>();
        for (FdInfo.Item i : info.items()) out.add(new Mirror.Interest(i.tfd(), i.events(), i.data()));
        Collections.sort(out);
        return out;
    }
}
