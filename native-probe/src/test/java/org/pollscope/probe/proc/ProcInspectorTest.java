package org.pollscope.probe.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pollscope.kernel.Linux;

/** {@link ProcInspector} on real processes outside PollScope: a Python server of the test's own, and nginx. */
class ProcInspectorTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsLinuxAndPython() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fdinfo")), "needs Linux's /proc/PID/fdinfo");
        assumeTrue(PyServer.python() != null, "needs python3 (3.10 or later, for os.eventfd)");
    }

    static int withErrHup(int events) {
        return events | Linux.EPOLLERR | Linux.EPOLLHUP; // do_epoll_ctl adds them on ADD
    }

    /** What the server registered, checked against what inspect found: the same fds, masks, data and targets. */
    static void assertSameAsMade(PyServer s, EpollInterest ep) {
        Map<Integer, Registration> found = ep.items().stream().collect(Collectors.toMap(Registration::fd, g -> g));
        assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(s.made.keySet());
        for (PyServer.Made m : s.made.values()) {
            Registration g = found.get(m.fd());
            assertThat(g.events()).as("events of fd " + m.fd()).isEqualTo(withErrHup(m.events()));
            assertThat(g.data()).as("data of fd " + m.fd()).isEqualTo(m.data());
            assertThat(g.beforeTrace()).isFalse();
            if (m.kind().equals("closed")) {
                // its fd was closed after the ADD, but the file lives (the pipe's read end): the item stays, /proc cannot say what it is
                assertThat(g.target()).isNull();
                assertThat(g.note()).isEqualTo("fd " + m.fd() + " is closed; its file is still open elsewhere and registered");
                continue;
            }
            assertThat(g.target()).as("target of fd " + m.fd())
                .isEqualTo(new Target(kind(m.kind()), m.local().isEmpty() ? null : m.local(), m.remote().isEmpty() ? null : m.remote()));
        }
    }

    static Target.Kind kind(String text) {
        for (Target.Kind k : Target.Kind.values()) if (k.text().equals(text)) return k;
        throw new IllegalArgumentException(text);
    }

    @Test
    void inspectListsExactlyWhatAPythonServerRegisteredInTheKernelsOrder() throws Exception {
        try (PyServer s = new PyServer(dir, List.of())) {
            InterestReport r = ProcInspector.inspect(s.pid);
            ProcessInterest p = r.processes().get(0);
            assertThat(p.pid()).isEqualTo(s.pid);
            assertThat(p.command()).startsWith("python");
            assertThat(p.epolls()).hasSize(2); // ep and the one nested in it
            EpollInterest ep = p.epolls().stream().filter(e -> e.fd() == s.epfd).findFirst().orElseThrow();
            assertSameAsMade(s, ep);
            assertThat(ep.kernelOrder()).isTrue();
            // the order is the kernel's: that of the tfd lines ep_show_fdinfo printed, not the fds'
            List<Integer> tfds = new ArrayList<>();
            for (String l : Files.readAllLines(Path.of("/proc/" + s.pid + "/fdinfo/" + s.epfd))) {
                if (l.startsWith("tfd:")) tfds.add(Integer.parseInt(l.substring(4).trim().split("\\s+")[0]));
            }
            assertThat(ep.items()).extracting(Registration::fd).containsExactlyElementsOf(tfds);
            // ep_cmp_ffd orders by struct file, then fd: the pipe's read end and its dup (one file, two fds)
            // sit side by side, the lower fd first, whatever the fds of the files around them
            List<FdInfo.Item> raw = FdInfo.parse(Files.readString(Path.of("/proc/" + s.pid + "/fdinfo/" + s.epfd))).items();
            int readEnd = s.made.values().stream().filter(m -> m.data() == 3).findFirst().orElseThrow().fd();
            int dup = s.made.values().stream().filter(m -> m.kind().equals("closed")).findFirst().orElseThrow().fd();
            int at = tfds.indexOf(readEnd);
            assertThat(raw.get(at).ino()).isEqualTo(raw.get(tfds.indexOf(dup)).ino());
            assertThat(tfds.indexOf(dup)).isEqualTo(at + 1);
            List<Integer> sorted = new ArrayList<>(tfds);
            sorted.sort(null);
            String text = ReportText.write(r);
            assertThat(text.contains("(the kernel's order: by struct file address, then fd; not by fd)")).isEqualTo(!sorted.equals(tfds));
            assertThat(text).contains("  epoll fd " + s.epfd + ": " + s.made.size() + " registrations\n");
            assertThat(text.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
            // the JSON reads back to the same
            Map<?, ?> json = (Map<?, ?>) Json.parse(ReportJson.write(r));
            List<?> epolls = (List<?>) ((Map<?, ?>) ((List<?>) json.get("processes")).get(0)).get("epolls");
            assertThat(epolls).hasSize(2);
            assertThat(json.get("unparsed")).isEqualTo(List.of());
            // ProcessList finds it, with its command and its epoll fds
            assertThat(ProcessList.withEpoll()).anySatisfy(e -> {
                assertThat(e.pid()).isEqualTo(s.pid);
                assertThat(e.epollFds()).contains(s.epfd);
            });
        }
    }

    @Test
    void nginxsInterestListIsTheListenerAndItsConnections() throws Exception {
        Path nginx = Path.of("/usr/sbin/nginx");
        assumeTrue(Files.isExecutable(nginx), "needs nginx (apt-get install nginx)");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, String.join("\n",
            "master_process off;", "worker_processes 1;", "pid " + dir.resolve("nginx.pid") + ";",
            "error_log " + dir.resolve("error.log") + ";",
            "events { use epoll; worker_connections 64; }",
            "http {", "  access_log off;",
            "  client_body_temp_path " + dir.resolve("body") + ";", "  proxy_temp_path " + dir.resolve("proxy") + ";",
            "  fastcgi_temp_path " + dir.resolve("fcgi") + ";", "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
            "  scgi_temp_path " + dir.resolve("scgi") + ";",
            "  server { listen 127.0.0.1:" + port + "; location / { return 200 \"ok\\n\"; } }", "}", ""));
        Process p = new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", conf.toString(), "-g", "daemon off;")
            .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        try (Socket client = connect(port)) {
            int pid = (int) p.pid();
            String clientAddr = "127.0.0.1:" + client.getLocalPort();
            EpollInterest ep = null;
            for (int i = 0; i < 100; i++) {
                ep = ProcInspector.inspect(pid).processes().get(0).epolls().get(0);
                if (ep.items().stream().anyMatch(g -> g.target() != null && clientAddr.equals(g.target().remote()))) break;
                Thread.sleep(50);
            }
            // exactly the kernel's lines, item for item
            String raw = Files.readString(Path.of("/proc/" + pid + "/fdinfo/" + ep.fd()));
            List<FdInfo.Item> lines = FdInfo.parse(raw).items();
            assertThat(ep.items()).extracting(Registration::fd).containsExactlyElementsOf(lines.stream().map(FdInfo.Item::tfd).toList());
            assertThat(ep.items()).extracting(Registration::data).containsExactlyElementsOf(lines.stream().map(FdInfo.Item::data).toList());
            // ngx_epoll_add_event: the listener is EPOLLIN|EPOLLRDHUP; a new connection, ngx_handle_read_event with NGX_CLEAR_EVENT: EPOLLIN|EPOLLRDHUP|EPOLLET
            assertThat(ep.items()).anySatisfy(g -> {
                assertThat(g.target()).isEqualTo(new Target(Target.Kind.TCP_LISTEN, "127.0.0.1:" + port, null));
                assertThat(g.events() & Linux.EPOLLIN).isNotZero();
            });
            assertThat(ep.items()).anySatisfy(g -> {
                assertThat(g.target()).isEqualTo(new Target(Target.Kind.TCP, "127.0.0.1:" + port, clientAddr));
                assertThat(g.eventNames()).containsExactly("EPOLLIN", "EPOLLERR", "EPOLLHUP", "EPOLLRDHUP", "EPOLLET");
            });
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
        }
    }

    static Socket connect(int port) throws Exception {
        for (int i = 0; ; i++) {
            try {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return s;
            } catch (java.io.IOException e) {
                if (i > 100) throw e;
                Thread.sleep(100);
            }
        }
    }

    @Test
    void aMissingPidAndOneWithNoEpollFdAreOneLineEach() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertThatThrownBy(() -> ProcInspector.inspect((int) gone.pid()))
            .isInstanceOf(ProcException.class).hasMessage("no process " + gone.pid() + " (no /proc/" + gone.pid() + ")");
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            assertThatThrownBy(() -> ProcInspector.inspect((int) sleep.pid()))
                .hasMessage("process " + sleep.pid() + " (sleep) has no epoll fd");
        } finally {
            sleep.destroy();
        }
    }

    @Test
    void aProcTreeOfAnOlderKernelIsReadAsFarAsItGoes(@TempDir Path proc) throws Exception {
        // no pos/ino/sdev on the item lines, and an fd that /proc/PID/fd does not list (closed): nothing guessed
        Path d = Files.createDirectories(proc.resolve("42"));
        Files.createDirectories(d.resolve("fd"));
        Files.createDirectories(d.resolve("fdinfo"));
        Files.createDirectories(d.resolve("net"));
        Files.writeString(d.resolve("comm"), "old\n");
        Files.createSymbolicLink(d.resolve("fd/3"), Path.of("anon_inode:[eventpoll]"));
        Files.createSymbolicLink(d.resolve("fd/4"), Path.of("pipe:[77]"));
        Files.createSymbolicLink(d.resolve("fd/6"), Path.of("socket:[5]"));
        Files.writeString(d.resolve("fdinfo/3"), "pos:\t0\nflags:\t02\ntfd:        6 events:       19 data:                6\n"
            + "tfd:        4 events:       19 data:                4\ntfd:        5 events:        1 data:                5\n");
        Files.writeString(d.resolve("net/unix"), "Num       RefCount Protocol Flags    Type St Inode Path\n"
            + "0000000000000000: 00000002 00000000 00010000 0001 01 5 /run/x.sock\n", StandardCharsets.UTF_8);
        ProcessInterest p = new ProcInspector(proc).process(42);
        assertThat(p.command()).isEqualTo("old");
        EpollInterest ep = p.epolls().get(0);
        assertThat(ep.items()).extracting(Registration::fd).containsExactly(6, 4, 5);
        assertThat(ep.items().get(0).target()).isEqualTo(new Target(Target.Kind.UNIX_LISTEN, "/run/x.sock", null));
        assertThat(ep.items().get(1).target()).isEqualTo(Target.of(Target.Kind.PIPE));
        assertThat(ep.items().get(2).target()).isNull();
        assertThat(ReportText.write(new InterestReport(List.of(p), List.of(), List.of())))
            .contains("    (the kernel's order: by struct file address, then fd; not by fd)\n")
            .contains("    fd 5  EPOLLIN  data 0x5\n        (fd 5 is closed; its file is still open elsewhere and registered)\n");
    }
}
