package org.pollscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pollscope.probe.proc.ReportJson;
import org.pollscope.probe.proc.StraceImport;

/**
 * {@code pollscope inspect} and {@code pollscope trace} through Main: their output, and each bad
 * input as one line with exit status 2. What another user sees is tried by running the command
 * as nobody ({@code setpriv}) in a JVM of its own.
 */
class ProcCommandsTest {
    @TempDir
    Path dir;

    static final Path FIXTURES = Path.of("../native-probe/src/test/resources/strace");

    static boolean linux() {
        return Files.isDirectory(Path.of("/proc/self/fdinfo"));
    }

    /** A process holding one epoll fd, watching nothing, until its stdin closes (the test is skipped without python3). */
    static Process epollHolder() throws IOException {
        boolean python;
        try {
            python = new ProcessBuilder("python3", "-c", "import select; select.epoll()").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            python = false;
        }
        assumeTrue(python, "needs python3 on PATH (a process with an epoll fd)");
        Process p = new ProcessBuilder("python3", "-c",
            "import select, sys; e = select.epoll(); print('ready', flush=True); sys.stdin.read()").start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"ready".equals(line)) throw new IOException("python3 did not start: " + line);
        return p;
    }

    static void end(Process p) throws Exception {
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
    }

    @Test
    void aPidThatIsNotANumberIsOneLine() {
        MainCommandTest.Result r = MainCommandTest.run("inspect", "nginx");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("pollscope inspect: PID must be a process id (a number from 1), found 'nginx'\n");
        r = MainCommandTest.run("trace", "--pid", "-3");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("pollscope trace: --pid must be a process id (a number from 1), found '-3'\n");
    }

    @Test
    void aMissingPidAndOneWithNoEpollFdAreOneLine() throws Exception {
        assumeTrue(linux(), "needs Linux's /proc");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        MainCommandTest.Result r = MainCommandTest.run("inspect", Long.toString(gone.pid()));
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("pollscope inspect: no process " + gone.pid() + " (no /proc/" + gone.pid() + ")\n");
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            r = MainCommandTest.run("inspect", Long.toString(sleep.pid()));
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("pollscope inspect: process " + sleep.pid() + " (sleep) has no epoll fd\n");
            assertThat(r.out()).isEmpty();
        } finally {
            sleep.destroy();
        }
    }

    @Test
    void inspectPrintsTextAndJson() throws Exception {
        assumeTrue(linux(), "needs Linux's /proc");
        Process p = epollHolder();
        try {
            MainCommandTest.Result r = MainCommandTest.run("inspect", Long.toString(p.pid()));
            assertThat(r.status()).isZero();
            assertThat(r.out()).startsWith("pid " + p.pid() + " (python3)\n  epoll fd ").contains(": 0 registrations\n");
            r = MainCommandTest.run("inspect", Long.toString(p.pid()), "--format", "json");
            assertThat(r.status()).isZero();
            assertThat(r.out()).matches("\\{\"processes\": \\[\\{\"pid\": " + p.pid() + ", \"epolls\": \\[\\{\"fd\": \\d+, \"items\": \\[\\]\\}\\]\\}\\], \"unparsed\": \\[\\]\\}\n");
            r = MainCommandTest.run("inspect", Long.toString(p.pid()), "--format", "yaml");
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err()).startsWith("pollscope inspect: --format: expected text or json, found 'yaml'\n");
        } finally {
            end(p);
        }
    }

    @Test
    void traceOfASavedLogPrintsWhatTheReaderGives() throws Exception {
        Path log = FIXTURES.resolve("threads.log");
        MainCommandTest.Result r = MainCommandTest.run("trace", "--strace", log.toString(), "--format", "json");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo(ReportJson.write(StraceImport.parse(log)) + "\n");
        r = MainCommandTest.run("trace", "--strace", log.toString());
        assertThat(r.out()).contains("    fd 6  EPOLLONESHOT  data 0x6  eventfd\n");
    }

    @Test
    void badLogsAreOnePositionedLine() throws Exception {
        byte[] huge = new byte[StraceImport.MAX_LINE + 1];
        java.util.Arrays.fill(huge, (byte) 'y');
        Object[][] cases = {
            {"empty.log", new byte[0], ":1: the log is empty"},
            {"bin.log", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, ":1: byte 0x89 is not UTF-8 text (column 1); a strace log is text"},
            {"nul.log", "close(3) = 0\n\0\0\0".getBytes(StandardCharsets.UTF_8), ":2: byte 0x00 (NUL) is not text (the file looks binary) (column 1)"},
            {"huge.log", huge, ":1: the line is " + huge.length + " characters long"},
        };
        for (Object[] c : cases) {
            Path f = Files.write(dir.resolve((String) c[0]), (byte[]) c[1]);
            MainCommandTest.Result r = MainCommandTest.run("trace", "--strace", f.toString());
            assertThat(r.status()).as((String) c[0]).isEqualTo(2);
            assertThat(r.err()).as((String) c[0]).startsWith(f + (String) c[2]).doesNotContain("Exception");
            assertThat(r.err().lines().count()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
        }
        MainCommandTest.Result r = MainCommandTest.run("trace", "--strace", dir.resolve("nope.log").toString());
        assertThat(r.err()).isEqualTo("pollscope trace: " + dir.resolve("nope.log") + ": no such file\n");
        r = MainCommandTest.run("trace");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("pollscope trace: give one of --strace FILE or --pid PID\n");
        r = MainCommandTest.run("trace", "--pid", "1", "--seconds", "601");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("pollscope trace: --seconds must be above 0 and at most 600, found 601.0\n");
    }

    // ---- as another user, in a JVM of its own ----------------------------------------------

    /** The test's class path, with the jars copied where nobody can read them (~/.m2 is root's alone). */
    List<String> javaAsNobody(String... args) throws IOException {
        if (nobodyClassPath == null) nobodyClassPath = copyClassPath();
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", nobodyClassPath, "org.pollscope.app.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private String nobodyClassPath;

    private String copyClassPath() throws IOException {
        Path jars = Files.createDirectories(dir.resolve("cp"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(jars, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(e);
            if (Files.isRegularFile(p) && e.endsWith(".jar")) {
                Path copy = jars.resolve(cp.size() + "-" + p.getFileName());
                Files.copy(p, copy);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                cp.add(copy.toString());
            } else if (Files.isDirectory(p)) {
                cp.add(p.toAbsolutePath().toString());
            }
        }
        return String.join(java.io.File.pathSeparator, cp);
    }

    record Run(int status, String out, String err) {}

    static Run run(List<String> cmd, java.util.Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (env != null) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        String err = read(p.getErrorStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out.get(), err);
    }

    static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    static boolean root() throws IOException {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    }

    @Test
    void anotherUsersProcessIsRefusedWithWhatToDo() throws Exception {
        assumeTrue(linux(), "needs Linux's /proc");
        assumeTrue(root() && Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs root and setpriv to run the command as nobody");
        Process p = epollHolder();
        try {
            Run r = run(javaAsNobody("inspect", Long.toString(p.pid())), null);
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("pollscope inspect: permission denied reading /proc/" + p.pid() + "/fd: run as the process's user\n");
            r = run(javaAsNobody("trace", "--pid", Long.toString(p.pid()), "--seconds", "1"), null);
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err()).startsWith("pollscope trace: cannot trace process " + p.pid() + ": it belongs to uid 0 and this is uid ")
                .endsWith(", and ptrace of another user's process is refused (Operation not permitted); run as the process's user\n");
        } finally {
            end(p);
        }
    }

    @Test
    void withoutStraceTraceSaysHowToInstallIt() throws Exception {
        assumeTrue(linux(), "needs Linux's /proc");
        Process p = epollHolder();
        try {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.pollscope.app.Main", "trace", "--pid", Long.toString(p.pid())));
            Run r = run(cmd, java.util.Map.of("PATH", dir.toString()));
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err()).isEqualTo("pollscope trace: strace is not installed (no strace on PATH); install it:"
                + " apt-get install strace (Debian, Ubuntu) or dnf install strace\n");
        } finally {
            end(p);
        }
    }
}
