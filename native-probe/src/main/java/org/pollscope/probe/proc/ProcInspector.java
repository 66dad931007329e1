package org.pollscope.probe.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The real interest list of any process, read from {@code /proc}: its epoll fds (an fd whose
 * {@code /proc/PID/fd/N} link reads {@code anon_inode:[eventpoll]}), each one's items from
 * {@code /proc/PID/fdinfo/N} ({@link FdInfo}), and what each item's fd is now, through its
 * {@code /proc/PID/fd} link and, for a socket, {@code /proc/PID/net/*} ({@link SocketTable}).
 *
 * <p>Items are kept in the kernel's order ({@code ep_show_fdinfo} walks the tree from
 * {@code rb_first}; the tree is ordered by {@code ep_cmp_ffd}: file address, then fd). An
 * item's {@code tfd} is the fd at registration: the fd may since have been closed while the
 * file, still open through another fd, stays registered, or reused for another file. When
 * the fd's inode is not the item's {@code ino}, the item's target is left null: /proc does
 * not say what the item's file is, and nothing is guessed.
 *
 * <p>Reading another user's process needs the right to ptrace it ({@code proc_fd_access_allowed}
 * in fs/proc/base.c): without it the listing of {@code /proc/PID/fd} is refused.
 */
public final class ProcInspector {
    private final Path proc;

    /** An inspector of the system's {@code /proc}. */
    public ProcInspector() {
        this(Path.of("/proc"));
    }

    /** An inspector of a /proc-like tree (tests). */
    public ProcInspector(Path proc) {
        this.proc = proc;
    }

    /** The epoll fds of {@code pid} and their items, in a report of one process. */
    public static InterestReport inspect(int pid) throws ProcException {
        return new ProcInspector().report(pid);
    }

    public InterestReport report(int pid) throws ProcException {
        return new InterestReport(List.of(process(pid)), List.of(), List.of());
    }

    /** One process's epoll fds; a ProcException when there is no such process, no epoll fd, or no right to read it. */
    public ProcessInterest process(int pid) throws ProcException {
        Path dir = proc.resolve(Integer.toString(pid));
        if (pid <= 0 || !Files.isDirectory(dir)) throw new ProcException("no process " + pid + " (no " + dir + ")");
        String comm = command(dir);
        Map<Integer, String> links = links(pid, dir);
        SocketTable sockets = null;
        List<EpollInterest> epolls = new ArrayList<>();
        for (Map.Entry<Integer, String> e : links.entrySet()) {
            if (!e.getValue().equals("anon_inode:[eventpoll]")) continue;
            String text;
            try {
                text = Files.readString(dir.resolve("fdinfo").resolve(e.getKey().toString()), StandardCharsets.ISO_8859_1);
            } catch (NoSuchFileException x) {
                continue; // closed between the listing and now
            } catch (AccessDeniedException x) {
                throw denied(dir.resolve("fdinfo"));
            } catch (IOException x) {
                throw new ProcException("cannot read " + dir.resolve("fdinfo").resolve(e.getKey().toString()) + ": " + x.getMessage());
            }
            List<Registration> regs = new ArrayList<>();
            for (FdInfo.Item it : FdInfo.parse(text).items()) {
                String link = links.get(it.tfd());
                Target target = null;
                String note = null;
                if (link == null) note = "fd " + it.tfd() + " is closed; its file is still open elsewhere and registered";
                else if (it.ino() != null && !it.ino().equals(inode(dir, it.tfd()))) note = "fd " + it.tfd() + " is now another file; the registered one is still open elsewhere";
                else {
                    if (link.startsWith("socket:[")) {
                        if (sockets == null) sockets = SocketTable.read(dir.resolve("net"));
                        Target t = sockets.get(Long.parseLong(link.substring(8, link.length() - 1)));
                        target = t != null ? t : Target.of(Target.Kind.OTHER);
                    } else {
                        target = Target.ofLink(link);
                    }
                }
                regs.add(new Registration(it.tfd(), it.events(), it.data(), target, false, note));
            }
            epolls.add(new EpollInterest(e.getKey(), regs, true, List.of()));
        }
        if (epolls.isEmpty()) throw new ProcException("process " + pid + " (" + comm + ") has no epoll fd");
        return new ProcessInterest(pid, comm, epolls, List.of());
    }

    static ProcException denied(Path p) {
        return new ProcException("permission denied reading " + p + ": run as the process's user");
    }

    private static String command(Path dir) {
        try {
            return Files.readString(dir.resolve("comm"), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The inode of the file an fd refers to now ({@code stat} of the /proc link follows it), or null. */
    private static Long inode(Path dir, int fd) {
        try {
            Object ino = Files.getAttribute(dir.resolve("fd").resolve(Integer.toString(fd)), "unix:ino");
            return ino instanceof Long l ? l : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Every fd of a process and the text of its link, by fd. */
    Map<Integer, String> links(int pid, Path dir) throws ProcException {
        Map<Integer, String> links = new TreeMap<>();
        Path fdDir = dir.resolve("fd");
        try (Stream<Path> s = Files.list(fdDir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                int fd;
                try {
                    fd = Integer.parseInt(p.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                try {
                    links.put(fd, Files.readSymbolicLink(p).toString());
                } catch (IOException e) {
                    // closed since the listing
                }
            }
        } catch (AccessDeniedException e) {
            throw denied(fdDir);
        } catch (NoSuchFileException e) {
            throw new ProcException("no process " + pid + " (it ended while being read)");
        } catch (IOException e) {
            throw new ProcException("cannot read " + fdDir + ": " + e.getMessage());
        }
        return links;
    }
}
