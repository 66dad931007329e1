package org.pollscope.probe.proc;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Follows a running process with {@code strace -f -tt -yy -p PID} for a while and reads the log
 * back with {@link StraceImport}, starting from the {@code /proc} snapshot taken just before
 * (so the registrations made before the trace began are known, in the kernel's order). The
 * log goes to a temporary file ({@code -o}) that is deleted after.
 *
 * <p>What is traced: the epoll, poll and select calls, accept, the reads and writes, close,
 * shutdown, the dup family and fcntl, clone (to map threads to their process), and the calls
 * that make fds (socket, pipe, eventfd, ...) so that a file made during the trace has a kind
 * even when strace cannot print {@code -yy}.
 *
 * <p>ptrace may be refused ({@code ptrace_may_access} in kernel/ptrace.c): another user's
 * process, Yama's {@code kernel.yama.ptrace_scope} of 1 or more (only a parent may trace), or a
 * process another tracer holds. Each is told apart and said with its fix.
 */
public final class StraceTracer {
    /** The longest trace, in seconds. */
    public static final double MAX_SECONDS = 600;

    /** The system calls traced ({@code -e trace=}). */
    public static final String CALLS = String.join(",", List.of(
        "epoll_create", "epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait", "epoll_pwait2",
        "poll", "ppoll", "select", "pselect6",
        "accept", "accept4", "listen", "socket", "socketpair", "pipe", "pipe2", "eventfd", "eventfd2",
        "timerfd_create", "signalfd", "signalfd4", "inotify_init", "inotify_init1",
        "read", "recvfrom", "recvmsg", "recvmmsg", "write", "sendto", "sendmsg", "sendmmsg", "writev", "readv",
        "close", "shutdown", "dup", "dup2", "dup3", "fcntl", "clone", "clone3", "fork", "vfork", "exit_group"));

    private final Map<String, String> env;
    private final Path proc;

    /** A tracer that finds strace on this process's PATH. */
    public StraceTracer() {
        this(System.getenv(), Path.of("/proc"));
    }

    /** A tracer that finds strace on the PATH of {@code env} (tests give one without it). */
    public StraceTracer(Map<String, String> env, Path proc) {
        this.env = env;
        this.proc = proc;
    }

    /** The strace on the PATH, or null. */
    public Path strace() {
        String path = env.getOrDefault("PATH", "");
        for (String d : path.split(File.pathSeparator)) {
            if (d.isEmpty()) continue;
            Path p = Path.of(d, "strace");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** What strace -V says its version is ({6, 1}), or null. */
    static int[] version(Path strace) {
        try {
            Process p = new ProcessBuilder(strace.toString(), "-V").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("version (\\d+)\\.(\\d+)").matcher(out);
            return m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** True when this strace prints -yy (socket addresses): from 4.9 on; asked by trying it when -V says nothing clear. */
    static boolean supportsYy(Path strace) {
        int[] v = version(strace);
        if (v != null) return v[0] > 4 || v[0] == 4 && v[1] >= 9;
        try {
            Process p = new ProcessBuilder(strace.toString(), "-yy", "-e", "trace=none", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The report of {@code seconds} of {@code pid}'s calls; a ProcException with its fix when it cannot be traced. */
    public InterestReport trace(int pid, double seconds) throws ProcException, IOException, InterruptedException {
        if (!(seconds > 0 && seconds <= MAX_SECONDS)) throw new IllegalArgumentException("seconds must be above 0 and at most " + MAX_SECONDS);
        Path dir = proc.resolve(Integer.toString(pid));
        if (pid <= 0 || !Files.isDirectory(dir)) throw new ProcException("no process " + pid + " (no " + dir + ")");
        Path strace = strace();
        if (strace == null) {
            throw new ProcException("strace is not installed (no strace on PATH); install it: apt-get install strace (Debian, Ubuntu) or dnf install strace");
        }
        refusedToAnotherUser(pid, dir);
        ProcessInterest before;
        try {
            before = new ProcInspector(proc).process(pid);
        } catch (ProcException e) {
            if (!e.getMessage().contains("has no epoll fd")) throw e;
            before = null; // none yet: the trace may see one made
        }
        Map<Integer, Integer> tgid = new HashMap<>();
        try (Stream<Path> s = Files.list(dir.resolve("task"))) {
            s.forEach(t -> {
                try {
                    tgid.put(Integer.parseInt(t.getFileName().toString()), pid);
                } catch (NumberFormatException e) {
                    // not a tid
                }
            });
        } catch (IOException e) {
            tgid.put(pid, pid);
        }
        Path log = Files.createTempFile("pollscope-strace-", ".log");
        try {
            List<String> cmd = new ArrayList<>(List.of(strace.toString(), "-f", "-tt"));
            cmd.add(supportsYy(strace) ? "-yy" : "-y");
            cmd.addAll(List.of("-e", "trace=" + CALLS, "-o", log.toString(), "-p", Integer.toString(pid)));
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            StringBuilder err = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    err.append(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // strace ended
                }
            }, "strace-stderr");
            reader.setDaemon(true);
            reader.start();
            boolean ended = p.waitFor((long) (seconds * 1000), TimeUnit.MILLISECONDS);
            if (!ended) {
                p.destroy(); // SIGTERM: strace detaches from every thread and flushes the log
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            }
            reader.join(5_000);
            String e = err.toString();
            if (e.contains("Operation not permitted")) throw refused(pid, dir, e);
            byte[] bytes = Files.readAllBytes(log);
            if (ended && bytes.length == 0) {
                throw new ProcException("strace ended at once: " + firstLine(e));
            }
            InterestReport start = before == null ? new InterestReport(List.of(), List.of(), List.of())
                : new InterestReport(List.of(before), List.of(), List.of());
            if (bytes.length == 0) {
                // nothing traced in the time: the snapshot is the answer
                return start;
            }
            try {
                return StraceImport.parse("strace of " + pid, bytes, new StraceImport.Snapshot(start, tgid));
            } catch (StraceLogException x) {
                throw new ProcException(x.getMessage());
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int n = t.indexOf('\n');
        return n < 0 ? t : t.substring(0, n);
    }

    private static long uid(Path p) {
        try {
            return ((Number) Files.getAttribute(p, "unix:uid")).longValue();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private void refusedToAnotherUser(int pid, Path dir) throws ProcException {
        long me = uid(proc.resolve("self"));
        long owner = uid(dir);
        if (me != 0 && owner >= 0 && me >= 0 && owner != me) {
            throw new ProcException("cannot trace process " + pid + ": it belongs to uid " + owner + " and this is uid " + me
                + ", and ptrace of another user's process is refused (Operation not permitted); run as the process's user");
        }
    }

    private ProcException refused(int pid, Path dir, String straceErr) {
        String tracer = null;
        try {
            for (String l : Files.readAllLines(dir.resolve("status"), StandardCharsets.UTF_8)) {
                if (l.startsWith("TracerPid:") && !l.substring(10).trim().equals("0")) tracer = l.substring(10).trim();
            }
        } catch (IOException e) {
            // ended
        }
        if (tracer != null) {
            return new ProcException("ptrace of process " + pid + " refused (Operation not permitted): it is already traced by process "
                + tracer + " (TracerPid in " + dir.resolve("status") + "); a process has one tracer at a time: stop that one first");
        }
        Path yama = proc.resolve("sys/kernel/yama/ptrace_scope");
        try {
            int scope = Integer.parseInt(Files.readString(yama).trim());
            if (scope >= 1) {
                return new ProcException("ptrace of process " + pid + " refused (Operation not permitted): kernel.yama.ptrace_scope is " + scope
                    + (scope == 1 ? " (only a parent may trace its child)" : scope == 2 ? " (only root may trace)" : " (no one may trace)")
                    + "; fix: sudo sysctl kernel.yama.ptrace_scope=0" + (scope < 3 ? ", or run pollscope as root" : " (3 holds until reboot)"));
            }
        } catch (IOException | NumberFormatException e) {
            // no Yama
        }
        return new ProcException("ptrace of process " + pid + " refused (Operation not permitted): " + firstLine(straceErr)
            + "; run as the process's user, and if Yama is on, sudo sysctl kernel.yama.ptrace_scope=0");
    }
}
