package org.pollscope.probe.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The processes that hold epoll fds, as {@code /proc} shows them to this user (the others are left out). */
public final class ProcessList {
    private ProcessList() {}

    /** One process: its pid, its command name ({@code /proc/PID/comm}) and its epoll fds. */
    public record EpollProcess(int pid, String command, List<Integer> epollFds) {}

    /** Every readable process with at least one epoll fd, by pid. */
    public static List<EpollProcess> withEpoll() {
        return withEpoll(Path.of("/proc"));
    }

    static List<EpollProcess> withEpoll(Path proc) {
        List<EpollProcess> out = new ArrayList<>();
        List<Integer> pids = new ArrayList<>();
        try (Stream<Path> s = Files.list(proc)) {
            s.forEach(p -> {
                String n = p.getFileName().toString();
                if (n.matches("\\d{1,10}")) pids.add(Integer.parseInt(n));
            });
        } catch (IOException | RuntimeException e) {
            return out;
        }
        pids.sort(null);
        ProcInspector inspector = new ProcInspector(proc);
        for (int pid : pids) {
            Path dir = proc.resolve(Integer.toString(pid));
            try {
                List<Integer> eps = new ArrayList<>();
                inspector.links(pid, dir).forEach((fd, link) -> {
                    if (link.equals("anon_inode:[eventpoll]")) eps.add(fd);
                });
                if (eps.isEmpty()) continue;
                String comm;
                try {
                    comm = Files.readString(dir.resolve("comm"), StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    comm = "?";
                }
                out.add(new EpollProcess(pid, comm, List.copyOf(eps)));
            } catch (ProcException e) {
                // not readable by this user, or ended: left out
            }
        }
        return out;
    }
}
