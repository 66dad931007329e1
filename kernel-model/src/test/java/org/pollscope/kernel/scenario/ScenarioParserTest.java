package org.pollscope.kernel.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pollscope.kernel.Linux;

class ScenarioParserTest {

    private static Scenario parse(String text) throws ScenarioSyntaxException {
        return ScenarioParser.parse("t.scn", text);
    }

    @Test
    void bindingsCallAndExpectationWithOrderedEvents() throws Exception {
        Scenario s = parse("""
            @title "x"
            a, b = socketpair()
            ep = epoll_create1(0)
            epoll_ctl(ep, ADD, a, EPOLLIN | EPOLLET) => 0
            epoll_wait(ep, 8, 0) => 1 [a: EPOLLIN]  # comment
            """);
        assertThat(s.title()).isEqualTo("x");
        assertThat(s.statements()).hasSize(4);
        Statement.Call first = (Statement.Call) s.statements().get(0);
        assertThat(first.bindings()).containsExactly("a", "b");
        Statement.Call ctl = (Statement.Call) s.statements().get(2);
        assertThat(Expr.valueOf(ctl.args().get(3))).isEqualTo((Linux.EPOLLIN | Linux.EPOLLET) & 0xffffffffL);
        Statement.Call wait = (Statement.Call) s.statements().get(3);
        assertThat(wait.expect().value()).isEqualTo(1);
        assertThat(wait.expect().events().ordered()).isTrue();
        assertThat(wait.expect().events().list()).extracting(Expectation.Event::name).containsExactly("a");
        assertThat(wait.text()).isEqualTo("epoll_wait(ep, 8, 0) => 1 [a: EPOLLIN]");
    }

    @Test
    void unorderedEventsDataErrnoAndBytes() throws Exception {
        Scenario s = parse("""
            a, b = socketpair()
            c = dup(a)
            ep = epoll_create(1)
            epoll_wait(ep, 8, 0) => 2 {a: EPOLLIN, c: EPOLLOUT data=0x2a}
            epoll_ctl(ep, ADD, a, EPOLLIN) => -1 EEXIST
            read(a, 2) => 2 "h\\"\\n"
            dup(a) => fd
            """);
        Statement.Call w = (Statement.Call) s.statements().get(3);
        assertThat(w.expect().events().ordered()).isFalse();
        assertThat(w.expect().events().list().get(1).data()).isEqualTo(42L);
        assertThat(((Statement.Call) s.statements().get(4)).expect().errno()).isEqualTo("EEXIST");
        assertThat(((Statement.Call) s.statements().get(5)).expect().bytes()).isEqualTo("h\"\n");
        assertThat(((Statement.Call) s.statements().get(6)).expect().anyFd()).isTrue();
    }

    @Test
    void rawFdNumbersAsExpectedEventKeys() throws Exception {
        Scenario s = parse("""
            a, b = socketpair()
            select(read=[a, 5000], timeout_ms=0) => 1 {a: READ, 5000: READ}
            """);
        Statement.Call sel = (Statement.Call) s.statements().get(1);
        assertThat(sel.expect().events().list()).extracting(Expectation.Event::name).containsExactly("a", "fd5000");
    }

    @Test
    void threadsForkDirectivesAndKeywords() throws Exception {
        Scenario s = parse("""
            @only model "why"
            @needs kernel >= 4.5
            a, b = socketpair()
            thread t {
                poll([a: POLLIN, -1: POLLIN], -1) => 1 [a: POLLIN]
            }
            await_blocked(t)
            @only linux
            write(b, 1) => 1
            join(t)
            sleep(50)
            select(read=[a], write=[], except=[], timeout_ms=0, nfds=5) => 0 {}
            poll([], 20) => 0
            fork {
                close(a) => 0
            }
            epoll_create1(0x80001) => -1 EINVAL
            """);
        assertThat(s.only()).isEqualTo("model");
        assertThat(s.onlyReason()).isEqualTo("why");
        assertThat(s.needsKernel()).isEqualTo("4.5");
        assertThat(s.statements().get(1)).isInstanceOf(Statement.Thread.class);
        assertThat(((Statement.Thread) s.statements().get(1)).body()).hasSize(1);
        assertThat(s.statements().get(2)).isInstanceOf(Statement.AwaitBlocked.class);
        assertThat(s.statements().get(3).only()).isEqualTo("linux");
        assertThat(s.statements().get(4)).isInstanceOf(Statement.Join.class);
        assertThat(s.statements().get(5)).isInstanceOf(Statement.Sleep.class);
        assertThat(s.statements().get(8)).isInstanceOf(Statement.Fork.class);
        assertThat(s.allStatements()).hasSize(12);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown call             | frobnicate(1)                          | 1:1  | unknown call 'frobnicate'
        wrong number of args     | epoll_create1()                        | 1:14 | epoll_create1 takes 1 argument, found 0
        unbound name             | close(zz)                              | 1:7  | unbound name 'zz'
        malformed expectation    | epoll_create1(0) => EBADF              | 1:21 | expected the return value
        errno without -1         | epoll_create1(0) => 3 EBADF            | 1:21 | an errno goes with the return value -1
        -1 without errno         | epoll_create1(0) => -1                 | 1:23 | expected an errno name
        unterminated string      | write(1, "abc                          | 1:10 | unterminated string
        unknown constant         | epoll_create1(EPOLLFOO)                | 1:15 | unknown constant 'EPOLLFOO'
        trailing junk            | epoll_create1(0) 7                     | 1:18 | expected the end of the statement
        too many bindings        | a, b = eventfd(0)                      | 1:1  | eventfd returns 1 file descriptor
        unknown directive        | @frob                                  | 1:2  | unknown directive '@frob'
        bad select keyword       | select(reed=[])                        | 1:8  | unknown keyword 'reed'
        stray brace              | }                                      | 1:1  | '}' closes no block
        mixed case name          | Foo = eventfd(0)                       | 1:1  | neither a name
        """)
    void malformedScenariosNameLineColumnAndProblem(String what, String text, String where, String problem) {
        assertThatThrownBy(() -> parse(text))
            .isInstanceOf(ScenarioSyntaxException.class)
            .hasMessageStartingWith("t.scn:" + where + ": ")
            .hasMessageContaining(problem);
    }

    @Test
    void unterminatedBlockPointsAtItsStart() {
        assertThatThrownBy(() -> parse("a, b = socketpair()\nthread t {\n  read(a, 1)\n"))
            .hasMessageStartingWith("t.scn:2:1: unterminated thread block");
    }

    @Test
    void joinOfUnknownThreadIsAnError() {
        assertThatThrownBy(() -> parse("join(t)")).hasMessageStartingWith("t.scn:1:6: unbound thread 't'");
    }

    @Test
    void namesAreBoundInOrder() {
        assertThatThrownBy(() -> parse("close(a)\na, b = socketpair()")).hasMessageStartingWith("t.scn:1:7: unbound name 'a'");
    }

    @Test
    void emptyAndCommentLinesAreIgnored() throws Exception {
        Scenario s = parse("\n# nothing\n   \n");
        assertThat(s.statements()).isEqualTo(List.of());
    }

    @Test
    void anEmptyFileABinaryFileAndAHugeFileAreEachOneLine(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.scn");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> ScenarioParser.parse(empty)).isInstanceOf(ScenarioSyntaxException.class)
            .hasMessage(empty + ":1:1: the file is empty (a scenario is one statement a line, e.g. a, b = socketpair())");
        Path nul = dir.resolve("nul.scn");
        Files.write(nul, "a, b = socketpair()\nwrite(a, \"x\u0000y\")\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ScenarioParser.parse(nul)).isInstanceOf(ScenarioSyntaxException.class)
            .hasMessage(nul + ":2:12: byte 0x00 (NUL) is not text (the file looks binary)");
        Path huge = dir.resolve("huge.scn");
        try (java.io.RandomAccessFile r = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            r.setLength(org.pollscope.kernel.text.Utf8.MAX_FILE_BYTES + 1);
        }
        assertThatThrownBy(() -> ScenarioParser.parse(huge)).isInstanceOf(org.pollscope.kernel.text.Utf8.TooLarge.class)
            .hasMessage("too large (65 MiB; the limit is 64 MiB)");
    }

    @Test
    void aByteThatIsNotUtf8IsReportedAtItsLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.scn");
        byte[] head = "ep = epoll_create1(0)\nclose(".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 2);
        bytes[head.length] = (byte) 0xFF;
        bytes[head.length + 1] = ')';
        Files.write(f, bytes);
        assertThatThrownBy(() -> ScenarioParser.parse(f))
            .isInstanceOf(ScenarioSyntaxException.class)
            .hasMessage(f + ":2:7: byte 0xFF is not UTF-8 text");
    }

    @Test
    void aUtf16FileIsToldToBeSavedAsUtf8(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("wide.scn");
        Files.write(f, new byte[] {(byte) 0xFF, (byte) 0xFE, 'e', 0, 'p', 0});
        assertThatThrownBy(() -> ScenarioParser.parse(f)).hasMessageStartingWith(f + ":1:1: byte 0xFF is not UTF-8 text")
            .hasMessageContaining("UTF-16");
    }

    @Test
    void aByteOrderMarkAtTheStartIsSkipped(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bom.scn");
        Files.write(f, ("\uFEFFep = epoll_create1(0)\nclose(ep) => 0\n").getBytes(StandardCharsets.UTF_8));
        assertThat(ScenarioParser.parse(f).statements()).hasSize(2);
        assertThat(parse("\uFEFF@title \"t\"\nep = epoll_create1(0)").title()).isEqualTo("t");
    }

    @Test
    void anUnboundNameCloseToABoundOneIsToldWhichItMayMean() {
        assertThatThrownBy(() -> parse("ep = epoll_create1(0)\nclose(eq)")).hasMessage("t.scn:2:7: unbound name 'eq' (did you mean 'ep'?)");
        assertThatThrownBy(() -> parse("sock, peer = socketpair()\nclose(sokc)")).hasMessageContaining("did you mean 'sock'?");
    }

    @Test
    void anUnboundNameFarFromAnyIsShownTheBoundNamesAndWhatBindsOne() {
        assertThatThrownBy(() -> parse("a, b = socketpair()\nclose(listener_fd)"))
            .hasMessage("t.scn:2:7: unbound name 'listener_fd' (bound so far: a, b; a call's result binds a name,"
                + " as in listener_fd = epoll_create1(0) or a, b = socketpair())")
            .hasMessageNotContaining("eventfd");
        assertThatThrownBy(() -> parse("close(x)")).hasMessageContaining("no name is bound yet");
    }
}
