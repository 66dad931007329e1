package org.pollscope.probe.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved logs of src/test/resources/strace (recorded on Linux; see the README there) and hand-made lines. */
class StraceImportTest {
    static final Path FIXTURES = Path.of("src/test/resources/strace");

    static InterestReport fixture(String name) throws Exception {
        return StraceImport.parse(FIXTURES.resolve(name));
    }

    static InterestReport lines(String text) throws StraceLogException {
        return StraceImport.parse("t.log", text.getBytes(StandardCharsets.UTF_8), null);
    }

    static EpollInterest only(InterestReport r) {
        assertThat(r.processes()).hasSize(1);
        assertThat(r.processes().get(0).epolls()).hasSize(1);
        return r.processes().get(0).epolls().get(0);
    }

    @Test
    void everyFixtureIsReadWithNoLineLeftUnparsed() throws Exception {
        try (var s = Files.list(FIXTURES)) {
            List<Path> logs = s.filter(p -> p.toString().endsWith(".log")).toList();
            assertThat(logs).hasSizeGreaterThanOrEqualTo(5);
            for (Path p : logs) {
                InterestReport r = StraceImport.parse(p);
                assertThat(r.unparsed()).as(p.toString()).isEmpty();
                // every epoll, poll and select line of the file was understood: none is among the unparsed
                long calls = Files.readAllLines(p).stream().filter(l -> l.matches(".*\\b(epoll_\\w+|p?poll|p?select6?)\\(.*")).count();
                assertThat(calls).as(p + ": epoll lines").isPositive();
            }
        }
    }

    @Test
    void aThreadRegistersInItsProcessesEpollAndOneShotIsDisarmedOnceDelivered() throws Exception {
        InterestReport r = fixture("threads.log");
        EpollInterest ep = only(r);
        assertThat(r.processes().get(0).pid()).isEqualTo(7128);
        assertThat(ep.fd()).isEqualTo(3);
        assertThat(ep.kernelOrder()).isFalse();
        assertThat(ep.items()).extracting(Registration::fd).containsExactly(4, 6);
        Registration pipe = ep.items().get(0);
        assertThat(pipe.eventNames()).containsExactly("EPOLLIN", "EPOLLERR", "EPOLLHUP");
        assertThat(pipe.target()).isEqualTo(Target.of(Target.Kind.PIPE));
        Registration efd = ep.items().get(1);
        // registered EPOLLIN|EPOLLONESHOT by tid 7129; ep_send_events left it EP_PRIVATE_BITS after one event
        assertThat(efd.eventNames()).containsExactly("EPOLLONESHOT");
        assertThat(efd.target().kind()).isEqualTo(Target.Kind.EVENTFD);
        // the two <unfinished ...> epoll_waits and their <... resumed> halves, by the main thread
        assertThat(ep.ready()).extracting(ReadyEvent::fd).containsExactly(6, 4);
        assertThat(ep.ready()).extracting(ReadyEvent::tid).containsOnly(7128);
        assertThat(ep.ready().get(0).time()).isEqualTo("12:10:29.313882");
    }

    @Test
    void aLogWrittenToStderrHasPrefixesOnlyOnceASecondThreadExists() throws Exception {
        InterestReport r = fixture("threads-stderr.log");
        EpollInterest ep = only(r);
        assertThat(r.processes().get(0).pid()).isEqualTo(7135);
        assertThat(ep.items()).extracting(Registration::fd).containsExactly(4, 6);
        assertThat(ep.ready()).extracting(ReadyEvent::fd).containsExactly(6, 4);
        assertThat(ep.ready().get(0).time()).isNull();
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("without a pid prefix are taken as those of pid 7135"));
    }

    @Test
    void aForkedChildSharesTheEpollAndItsRegistrationOutlivesIt() throws Exception {
        InterestReport r = fixture("signals.log");
        assertThat(r.processes()).extracting(ProcessInterest::pid).containsExactly(7151, 7152);
        EpollInterest parent = r.processes().get(0).epolls().get(0);
        // the child's ADD of the write end went into the instance both hold; the parent still has fd 5 open,
        // so the item lives after the child exits, and its EPOLLOUT reaches the parent (then one-shot disarms it)
        assertThat(parent.items()).extracting(Registration::fd).containsExactly(4, 5);
        assertThat(parent.items().get(1).eventNames()).containsExactly("EPOLLONESHOT");
        assertThat(parent.ready()).singleElement().satisfies(e -> {
            assertThat(e.fd()).isEqualTo(5);
            assertThat(e.eventNames()).containsExactly("EPOLLOUT");
        });
        EpollInterest child = r.processes().get(1).epolls().get(0);
        assertThat(child.items().get(1).eventNames()).containsExactly("EPOLLOUT", "EPOLLERR", "EPOLLHUP", "EPOLLONESHOT");
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).isEqualTo("pid 7152 exited at line 253: its interest lists are shown as they were then"));
    }

    @Test
    void withoutYyTheKindComesFromTheCallsThatMadeTheFd() throws Exception {
        EpollInterest ep = only(fixture("serve-no-yy.log"));
        assertThat(ep.items()).extracting(Registration::fd).containsExactly(4, 6);
        assertThat(ep.items().get(0).target()).isEqualTo(Target.of(Target.Kind.TCP_LISTEN));
        assertThat(ep.items().get(1).target()).isEqualTo(Target.of(Target.Kind.TCP));
        assertThat(ep.items().get(1).eventNames()).containsExactly("EPOLLIN", "EPOLLERR", "EPOLLHUP", "EPOLLRDHUP", "EPOLLET");
        // fd 5's MOD to EPOLLOUT and back, then its DEL and close: gone at the end
        assertThat(ep.ready()).extracting(ReadyEvent::fd).contains(5);
    }

    @Test
    void aLogBegunMidRunReportsWhatPredatesItAsBeforeTrace() throws Exception {
        InterestReport r = fixture("midrun.log");
        EpollInterest ep = only(r);
        List<ReadyEvent> before = ep.ready().stream().filter(ReadyEvent::beforeTrace).toList();
        // a ready event of data 0x5 and of 0x6, a MOD of 5 and a DEL of 6: none of them added in the log
        assertThat(before).extracting(ReadyEvent::call).containsExactly("epoll_wait", "epoll_ctl", "epoll_wait", "epoll_ctl");
        assertThat(before.get(0).fd()).isEqualTo(-1);
        assertThat(before.get(0).data()).isEqualTo(5L);
        assertThat(before.get(1).note()).startsWith("EPOLL_CTL_MOD of fd 5, which the log never added");
        assertThat(before.get(3).note()).startsWith("EPOLL_CTL_DEL of fd 6");
        // after its MOD, fd 5's events are matched to it
        assertThat(ep.ready().stream().filter(e -> !e.beforeTrace()).map(ReadyEvent::fd)).containsOnly(5);
        assertThat(ep.items()).isEmpty(); // 5 was deleted at the end; the listener was never touched: not guessed
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("epoll fd 3 of pid 7203 was made before the log began"));
        String json = ReportJson.write(r);
        assertThat(json).contains("\"before_trace\": true");
    }

    @Test
    void aModOfAnFdNeverAddedLeavesABeforeTraceItem() throws Exception {
        InterestReport r = lines("""
            epoll_ctl(3<anon_inode:[eventpoll]>, EPOLL_CTL_MOD, 9<TCP:[127.0.0.1:80->127.0.0.1:5000]>, {events=EPOLLIN|EPOLLET, data={u32=9, u64=81985529216486895}}) = 0
            """);
        Registration g = only(r).items().get(0);
        assertThat(g.beforeTrace()).isTrue();
        assertThat(g.data()).isEqualTo(0x123456789abcdefL);
        assertThat(g.target()).isEqualTo(new Target(Target.Kind.TCP, "127.0.0.1:80", "127.0.0.1:5000"));
        Map<?, ?> item = item(ReportJson.write(r));
        assertThat(item.get("before_trace")).isEqualTo(true);
        assertThat(item.get("data")).isEqualTo("0x123456789abcdef");
        assertThat(item.get("events")).isEqualTo(List.of("EPOLLIN", "EPOLLERR", "EPOLLHUP", "EPOLLET"));
        assertThat((Map<?, ?>) item.get("target")).isEqualTo(Map.of("kind", "tcp", "local", "127.0.0.1:80", "remote", "127.0.0.1:5000"));
    }

    static Map<?, ?> item(String json) {
        Map<?, ?> top = (Map<?, ?>) Json.parse(json);
        Map<?, ?> p = (Map<?, ?>) ((List<?>) top.get("processes")).get(0);
        Map<?, ?> e = (Map<?, ?>) ((List<?>) p.get("epolls")).get(0);
        return (Map<?, ?>) ((List<?>) e.get("items")).get(0);
    }

    @Test
    void annotationsOfEveryKindAreRead() throws Exception {
        InterestReport r = lines("""
            1 epoll_create1(EPOLL_CLOEXEC) = 3<anon_inode:[eventpoll]>
            1 epoll_ctl(3<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 4<TCPv6:[[::1]:8080]>, {events=EPOLLIN, data={u32=4, u64=4}}) = 0
            1 accept4(4<TCPv6:[[::1]:8080]>, {sa_family=AF_INET6, sin6_port=htons(5000)}, [28], SOCK_CLOEXEC) = 5<TCPv6:[[::1]:8080->[::1]:5000]>
            1 epoll_ctl(3<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 5<TCPv6:[[::1]:8080->[::1]:5000]>, {events=EPOLLIN|EPOLLRDHUP, data={u32=5, u64=5}}) = 0
            1 epoll_ctl(3<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 6<UNIX-STREAM:[1234,"/tmp/a, b>c"]>, {EPOLLIN, {u32=6, u64=6}}) = 0
            1 listen(6<UNIX-STREAM:[1234,"/tmp/a, b>c"]>, 5) = 0
            1 epoll_ctl(3<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 7<UDP:[127.0.0.1:53]>, {events=EPOLLIN, data=0x7}) = 0
            1 epoll_ctl(3<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 8<anon_inode:[timerfd]>, {events=EPOLLIN, data={u32=8, u64=8}}) = 0
            1 epoll_ctl(3<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 9<anon_inode:[signalfd]>, {events=EPOLLIN, data={u32=9, u64=9}}) = 0
            1 epoll_ctl(3<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 10<anon_inode:inotify>, {events=EPOLLIN, data={u32=10, u64=10}}) = 0
            1 epoll_ctl(3<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 11</dev/ttyS0<char 4:64>>, {events=EPOLLIN, data={u32=11, u64=11}}) = 0
            1 epoll_ctl(3<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 12<anon_inode:[eventpoll]>, {events=EPOLLIN, data={u32=12, u64=12}}) = 0
            1 epoll_ctl(3<anon_inode:[eventpoll]>, EPOLL_CTL_ADD, 13<socket:[99]>, {events=EPOLLIN, data={u32=13, u64=13}}) = -1 EEXIST (File exists)
            1 read(5<TCPv6:[[::1]:8080->[::1]:5000]>, "3<x>, ]", 7) = 7
            """);
        // fd 12 is an epoll fd of the process too, empty as far as the log shows
        assertThat(r.processes().get(0).epolls()).extracting(EpollInterest::fd).containsExactly(3, 12);
        EpollInterest ep = r.processes().get(0).epolls().get(0);
        assertThat(ep.items()).extracting(g -> g.target().text()).containsExactly(
            "tcp-listen [::1]:8080", "tcp [::1]:8080 <- [::1]:5000", "unix-listen /tmp/a, b>c", "udp 127.0.0.1:53",
            "timerfd", "signalfd", "inotify", "other", "epoll");
        assertThat(r.unparsed()).isEmpty();
    }

    @Test
    void dupAndCloseFollowTheFileNotTheFd() throws Exception {
        // close of one fd of a file leaves its item (the file lives through the dup); the last close removes it
        InterestReport r = lines("""
            epoll_create(1) = 3
            pipe2([4, 5], 0) = 0
            epoll_ctl(3, EPOLL_CTL_ADD, 4, {events=EPOLLIN, data={u32=4, u64=4}}) = 0
            dup(4) = 6
            close(4) = 0
            epoll_wait(3, [{events=EPOLLIN, data={u32=4, u64=4}}], 8, 0) = 1
            fcntl(6, F_DUPFD, 10) = 10
            epoll_ctl(3, EPOLL_CTL_ADD, 5, {events=EPOLLOUT, data={u32=5, u64=5}}) = 0
            dup2(6, 5) = 5
            close(6) = 0
            """);
        EpollInterest ep = only(r);
        // dup2 onto 5 closed the write end: its file is gone, its item too; fd 4's item stays (file still open as 10 and 5)
        assertThat(ep.items()).extracting(Registration::fd).containsExactly(4);
        assertThat(ep.items().get(0).note()).isNull();
        assertThat(ep.ready()).singleElement().satisfies(e -> assertThat(e.fd()).isEqualTo(4));
        InterestReport gone = lines("""
            epoll_create(1) = 3
            pipe2([4, 5], 0) = 0
            epoll_ctl(3, EPOLL_CTL_ADD, 4, {events=EPOLLIN, data={u32=4, u64=4}}) = 0
            close(4) = 0
            """);
        assertThat(only(gone).items()).isEmpty();
    }

    @Test
    void pollAndSelectResultsAreOnTheTimeline() throws Exception {
        InterestReport r = lines("""
            [pid  7] 12:00:00.000001 poll([{fd=3<pipe:[1]>, events=POLLIN}, {fd=5, events=POLLIN|POLLOUT}], 2, 10) = 2 ([{fd=3, revents=POLLIN}, {fd=5, revents=POLLOUT|POLLHUP}])
            [pid  7] 12:00:00.000002 pselect6(6, [3<pipe:[1]> 5], [4], NULL, {tv_sec=0, tv_nsec=10000000}, NULL) = 2 (in [3], out [4], left {tv_sec=0, tv_nsec=9997687})
            [pid  7] 12:00:00.000003 select(6, [3 5], NULL, [5], NULL) = 1 (except [5])
            [pid  7] 12:00:00.000004 ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=1, tv_nsec=0}, NULL, 8) = 0 (Timeout)
            [pid  7] 12:00:00.000005 poll([{fd=3, events=POLLIN}], 1, -1 <unfinished ...>
            [pid  7] 12:00:00.000006 <... poll resumed>) = 1 ([{fd=3, revents=POLLIN}])
            """);
        ProcessInterest p = r.processes().get(0);
        assertThat(p.polls()).extracting(e -> e.call() + " " + e.fd() + " " + EpollEvents.text(e.events())).containsExactly(
            "poll 3 EPOLLIN", "poll 5 EPOLLOUT|EPOLLHUP", "pselect6 3 EPOLLIN", "pselect6 4 EPOLLOUT", "select 5 EPOLLPRI", "poll 3 EPOLLIN");
        assertThat(r.unparsed()).isEmpty();
    }

    @Test
    void aBrokenEpollLineIsListedAsUnparsedAndTheRestIsRead() throws Exception {
        InterestReport r = lines("""
            epoll_create1(0) = 3
            epoll_ctl(3, EPOLL_CTL_ADD, 4, {events=EPOLLIN, data={u32=4, u64=4}}) = 0
            epoll_ctl(3, EPOLL_CTL_ADD, 5, {events=EPOLLSPARKLE, data={u32=5, u64=5}}) = 0
            epoll_wait(3, [{events=EPOLLIN, data={u32=4,
            this is not strace
            """);
        assertThat(r.unparsed()).containsExactly(
            "epoll_ctl(3, EPOLL_CTL_ADD, 5, {events=EPOLLSPARKLE, data={u32=5, u64=5}}) = 0",
            "epoll_wait(3, [{events=EPOLLIN, data={u32=4,", "this is not strace");
        assertThat(only(r).items()).extracting(Registration::fd).containsExactly(4);
        assertThat(ReportText.write(r)).contains("3 lines not understood:");
    }

    @Test
    void aThreadIsMappedToItsProcessThroughClonesReturn() throws Exception {
        InterestReport r = lines("""
            100 epoll_create1(0) = 3
            100 clone(child_stack=0x7f, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM) = 101
            101 epoll_ctl(3, EPOLL_CTL_ADD, 0, {events=EPOLLIN, data={u32=0, u64=0}}) = 0
            100 clone(child_stack=NULL, flags=SIGCHLD) = 102
            102 epoll_ctl(3, EPOLL_CTL_ADD, 1, {events=EPOLLOUT, data={u32=1, u64=1}}) = 0
            200 epoll_create1(0) = 7
            """);
        assertThat(r.processes()).extracting(ProcessInterest::pid).containsExactly(100, 102, 200);
        // 101 is a thread of 100; 102 a process of its own (no CLONE_THREAD) that shares the epoll it inherited
        assertThat(r.processes().get(0).epolls().get(0).items()).extracting(Registration::fd).containsExactly(0, 1);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("tid 200 (first at line 6): the log does not show it being made"));
    }

    @Test
    void badLogsAreOnePositionedLine(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> StraceImport.parse(Files.write(dir.resolve("empty.log"), new byte[0])))
            .isInstanceOf(StraceLogException.class).hasMessage(dir.resolve("empty.log") + ":1: the log is empty; expected strace output such as: epoll_wait(3, [], 8, 0) = 0");
        assertThatThrownBy(() -> StraceImport.parse(Files.write(dir.resolve("bin.log"), new byte[] {'a', '\n', 'b', 0, 1, 2})))
            .hasMessage(dir.resolve("bin.log") + ":2: byte 0x00 (NUL) is not text (the file looks binary) (column 2); a strace log is text");
        assertThatThrownBy(() -> StraceImport.parse(Files.write(dir.resolve("latin.log"), "close(3) = 0\nread(3, \"caf\u00e9\", 4) = 4\n".getBytes(StandardCharsets.ISO_8859_1))))
            .hasMessage(dir.resolve("latin.log") + ":2: byte 0xE9 is not UTF-8 text (column 13); a strace log is text");
        byte[] huge = new byte[StraceImport.MAX_LINE + 10];
        java.util.Arrays.fill(huge, (byte) 'x');
        assertThatThrownBy(() -> StraceImport.parse(Files.write(dir.resolve("huge.log"), huge)))
            .hasMessage(dir.resolve("huge.log") + ":1: the line is " + huge.length + " characters long; a strace line is read up to " + StraceImport.MAX_LINE);
        assertThatThrownBy(() -> StraceImport.parse(Files.writeString(dir.resolve("prose.log"), "\nDear diary,\ntoday I polled.\n")))
            .hasMessage(dir.resolve("prose.log") + ":2: no line of this file is strace output (expected lines such as: epoll_wait(3, [], 8, 0) = 0)");
    }

    @Test
    void theTextSaysTheOrderIsByFdForALog() throws Exception {
        String text = ReportText.write(fixture("threads.log"));
        assertThat(text).contains("  epoll fd 3: 2 registrations\n    (by fd: a log cannot show the kernel's order, by struct file address)\n"
            + "    fd 4  EPOLLIN|EPOLLERR|EPOLLHUP  data 0x4  pipe\n");
        assertThat(text.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        for (String f : List.of("midrun.log", "signals.log", "serve-no-yy.log", "threads-stderr.log")) {
            assertThat(ReportText.write(fixture(f)).lines()).as(f).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        }
    }

    @Test
    void readyDataSharedBySeveralItemsNamesNoFd() throws Exception {
        InterestReport r = lines("""
            epoll_create1(0) = 3
            epoll_ctl(3, EPOLL_CTL_ADD, 4, {events=EPOLLIN, data={u32=0, u64=0}}) = 0
            epoll_ctl(3, EPOLL_CTL_ADD, 5, {events=EPOLLIN, data={u32=0, u64=0}}) = 0
            epoll_wait(3, [{events=EPOLLIN, data={u32=0, u64=0}}, ...], 2, -1) = 2
            """);
        ReadyEvent e = only(r).ready().get(0);
        assertThat(e.fd()).isEqualTo(-1);
        assertThat(e.beforeTrace()).isFalse();
        assertThat(e.note()).isEqualTo("data 0x0 is the data of fds [4, 5]: which one was ready, the log cannot tell");
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("strace left out some of the events"));
        assertThat(r.unparsed()).isEmpty();
    }

    @Test
    void anExecClosesTheCloseOnExecFdsAndExitGroupOfAnyThreadEndsTheProcess() throws Exception {
        InterestReport r = lines("""
            10 epoll_create1(EPOLL_CLOEXEC) = 3
            10 epoll_create1(0) = 4
            10 pipe2([5, 6], O_CLOEXEC) = 0
            10 epoll_ctl(4, EPOLL_CTL_ADD, 5, {events=EPOLLIN, data={u32=5, u64=5}}) = 0
            10 epoll_ctl(4, EPOLL_CTL_ADD, 6, {events=EPOLLOUT, data={u32=6, u64=6}}) = 0
            10 fcntl(6, F_SETFD, 0) = 0
            10 execve("/bin/server", ["server"], 0x7ffc /* 3 vars */) = 0
            10 clone3({flags=CLONE_VM|CLONE_THREAD, exit_signal=0}, 88) = 11
            11 exit_group(0) = ?
            10 epoll_ctl(4, EPOLL_CTL_DEL, 6, NULL) = 0
            """);
        ProcessInterest p = r.processes().get(0);
        // 3 and 5 were close-on-exec; 6 was cleared with F_SETFD 0; 5's item went with its file
        assertThat(p.epolls()).extracting(EpollInterest::fd).containsExactly(4);
        assertThat(p.epolls().get(0).items()).extracting(Registration::fd).containsExactly(6);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("pid 10 exited at line 9"));
    }

    @Test
    void selectSetsShownAsAllButAreRead() throws Exception {
        InterestReport r = lines("""
            select(1024, ~[0 1], NULL, NULL, {tv_sec=0, tv_usec=0}) = 1 (in [7])
            """);
        assertThat(r.unparsed()).isEmpty();
        assertThat(r.processes().get(0).polls()).extracting(ReadyEvent::fd).containsExactly(7);
    }
}
