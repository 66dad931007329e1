package org.pollscope.probe.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** strace on a real server: a recorded log read back matches fdinfo at the same moment; trace --pid; its refusals. */
class StraceLiveTest {
    @TempDir
    Path dir;

    static Path strace;

    @BeforeAll
    static void needsLinuxPythonAndStrace() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fdinfo")), "needs Linux's /proc/PID/fdinfo");
        assumeTrue(PyServer.python() != null, "needs python3 (3.10 or later, for os.eventfd)");
        strace = new StraceTracer().strace();
        assumeTrue(strace != null, "needs strace (apt-get install strace)");
    }

    /** (fd, events, data, target) of each item, by fd; a target /proc cannot tell (null) is left out of the comparison. */
    static List<String> keyed(EpollInterest ep, EpollInterest withTargets) {
        List<String> out = new ArrayList<>();
        for (Registration g : ep.items()) {
            Registration other = withTargets.items().stream().filter(o -> o.fd() == g.fd()).findFirst().orElse(null);
            boolean known = g.target() != null && (other == null || other.target() != null);
            out.add(g.fd() + " " + EpollEvents.text(g.events()) + " 0x" + Long.toHexString(g.data()) + (known ? " " + g.target().text() : ""));
        }
        out.sort(null);
        return out;
    }

    static EpollInterest epoll(InterestReport r, int pid, int fd) {
        ProcessInterest p = r.processes().stream().filter(x -> Integer.valueOf(pid).equals(x.pid())).findFirst().orElseThrow();
        return p.epolls().stream().filter(e -> e.fd() == fd).findFirst().orElseThrow();
    }

    @Test
    void aLogRecordedOfTheServerRebuildsTheInterestListFdinfoShows() throws Exception {
        Path log = dir.resolve("server.log");
        Files.createDirectories(dir.resolve("sock"));
        List<String> prefix = List.of(strace.toString(), "-f", "-tt", "-yy", "-e", "trace=" + StraceTracer.CALLS, "-o", log.toString());
        try (PyServer s = new PyServer(dir.resolve("sock"), prefix)) {
            // the same moment: the server sleeps in read(0) after registering, and nothing changes until stdin
            // says so; strace writes each line out as it ends, so the log is read while both still run
            InterestReport proc = ProcInspector.inspect(s.pid);
            for (int i = 0; i < 100 && !Files.readString(log).contains("\"ready " + s.pid); i++) Thread.sleep(50);
            InterestReport traced = StraceImport.parse(log);
            assertThat(traced.unparsed()).isEmpty();
            for (EpollInterest real : proc.processes().get(0).epolls()) {
                EpollInterest rebuilt = epoll(traced, s.pid, real.fd());
                assertThat(keyed(rebuilt, real)).as("epoll fd " + real.fd()).isEqualTo(keyed(real, real));
            }
            assertThat(traced.processes().get(0).epolls()).extracting(EpollInterest::fd)
                .containsExactlyElementsOf(proc.processes().get(0).epolls().stream().map(EpollInterest::fd).toList());
            // the closed dup: /proc cannot say what its file is; the log can (it saw the dup of the pipe)
            int closed = s.made.values().stream().filter(m -> m.kind().equals("closed")).findFirst().orElseThrow().fd();
            assertThat(epoll(traced, s.pid, s.epfd).items().stream().filter(g -> g.fd() == closed).findFirst().orElseThrow().target())
                .isEqualTo(Target.of(Target.Kind.PIPE));
        }
    }

    @Test
    void traceDashPidStartsFromTheSnapshotAndAddsWhatHappensDuringIt() throws Exception {
        Files.createDirectories(dir.resolve("sock"));
        try (PyServer s = new PyServer(dir.resolve("sock"), List.of())) {
            CompletableFuture<InterestReport> trace = CompletableFuture.supplyAsync(() -> {
                try {
                    return new StraceTracer().trace(s.pid, 3);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // once strace holds the server (TracerPid), a registration is made under its eyes
            for (int i = 0; i < 100 && !traced(s.pid); i++) Thread.sleep(50);
            assertThat(traced(s.pid)).as("strace attached").isTrue();
            int fd = s.addPipe();
            InterestReport r = trace.get(30, TimeUnit.SECONDS);
            InterestReport after = ProcInspector.inspect(s.pid);
            EpollInterest ep = epoll(r, s.pid, s.epfd);
            EpollInterest real = epoll(after, s.pid, s.epfd);
            assertThat(keyed(ep, real)).isEqualTo(keyed(real, real));
            assertThat(ep.items()).extracting(Registration::fd).contains(fd);
            // what the snapshot gave is not "before the trace": it is known, from /proc
            assertThat(ep.items()).noneMatch(Registration::beforeTrace);
            assertThat(r.unparsed()).isEmpty();
        }
        // the temporary log is gone
        try (var tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(tmp.filter(p -> p.getFileName().toString().startsWith("pollscope-strace-")).toList()).isEmpty();
        }
    }

    static boolean traced(int pid) throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("TracerPid:")) return !l.substring(10).trim().equals("0");
        }
        return false;
    }

    @Test
    void withoutStraceOnThePathTheMessageSaysHowToInstallIt() throws Exception {
        StraceTracer t = new StraceTracer(Map.of("PATH", dir.toString()), Path.of("/proc"));
        assertThat(t.strace()).isNull();
        assertThatThrownBy(() -> t.trace((int) ProcessHandle.current().pid(), 1))
            .isInstanceOf(ProcException.class)
            .hasMessage("strace is not installed (no strace on PATH); install it: apt-get install strace (Debian, Ubuntu) or dnf install strace");
    }

    @Test
    void aProcessAnotherTracerHoldsIsRefusedWithWhoHoldsIt() throws Exception {
        Files.createDirectories(dir.resolve("sock"));
        List<String> prefix = List.of(strace.toString(), "-f", "-e", "trace=none", "-o", dir.resolve("other.log").toString());
        try (PyServer s = new PyServer(dir.resolve("sock"), prefix)) {
            assertThatThrownBy(() -> new StraceTracer().trace(s.pid, 1))
                .isInstanceOf(ProcException.class)
                .hasMessage("ptrace of process " + s.pid + " refused (Operation not permitted): it is already traced by process "
                    + s.process.pid() + " (TracerPid in /proc/" + s.pid + "/status); a process has one tracer at a time: stop that one first");
        }
    }
}
