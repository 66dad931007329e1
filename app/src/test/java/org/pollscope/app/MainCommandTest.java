package org.pollscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainCommandTest {
    @TempDir
    Path dir;

    record Result(int status, String out, String err) {}

    static Result run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    void runWithoutFilesIsExit2() {
        Result r = run("run");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("FILE");
    }

    @Test
    void unknownSideNamesTheOption() throws Exception {
        Path f = Files.writeString(dir.resolve("x.scn"), "a, b = socketpair()\n");
        Result r = run("run", f.toString(), "--on", "mars");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--on").contains("mars").doesNotContain("Exception");
    }

    @Test
    void malformedScenarioIsExit2WithFileLineColumn() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.scn"), "a, b = socketpair()\n\nwrite(b, \"oops)\n");
        Result r = run("run", f.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains(f + ":3:10: unterminated string").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void goodScenarioPassesOnTheModelWithExit0() throws Exception {
        Path f = Files.writeString(dir.resolve("ok.scn"), "a, b = socketpair()\nwrite(b, \"x\") => 1\nread(a, 4) => 1 \"x\"\n");
        Result r = run("run", f.toString(), "--on", "model");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("model: 1 \"x\"").endsWith("2 passed, 0 failed\n");
    }

    @Test
    void failedExpectationIsExit1AndNamesFileAndLine() throws Exception {
        Path f = Files.writeString(dir.resolve("fail.scn"), "a, b = socketpair()\nread(a, 4) => 1 \"x\"\n");
        Result r = run("run", f.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains(f + ":2: expected 1 \"x\" got -1 EAGAIN").endsWith("0 passed, 1 failed\n");
    }

    @Test
    void folderRunsEveryScenarioBelowIt() throws Exception {
        Files.writeString(dir.resolve("a.scn"), "a, b = socketpair()\nwrite(b, \"x\") => 1\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.scn"), "e = eventfd(0)\nread(e, 8) => -1 EAGAIN\n");
        Result r = run("run", dir.toString(), "-q");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("2 passed, 0 failed\n");
    }

    @org.junit.jupiter.api.Test
    void openChecksItsFileBeforeLookingForADisplay(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // each would start JavaFX (and fail without a display) if the file were not read first
        Result missing = run("open", "nosuch.scn");
        org.assertj.core.api.Assertions.assertThat(missing.status()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(missing.err()).isEqualTo("pollscope open: nosuch.scn: no such file\n");
        java.nio.file.Path bad = java.nio.file.Files.writeString(dir.resolve("bad.scn"), "ep = epoll_create1(0)\nclose(eq)\n");
        Result syntax = run("open", bad.toString());
        org.assertj.core.api.Assertions.assertThat(syntax.status()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(syntax.err()).startsWith("pollscope open: " + bad + ":2:7: unbound name 'eq'");
        org.assertj.core.api.Assertions.assertThat(run("open", dir.toString()).err()).contains("it is a directory");
    }
}
