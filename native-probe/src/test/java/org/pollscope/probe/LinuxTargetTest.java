package org.pollscope.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.scenario.Invocation;
import org.pollscope.kernel.SyscallResult;

/** {@link LinuxTarget} driven directly, as the interpreter drives it. */
class LinuxTargetTest {
    LinuxTarget target;

    @BeforeEach
    void needsLinux() {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel on x86-64 or aarch64: " + LinuxSyscalls.UNAVAILABLE);
        target = new LinuxTarget();
    }

    @AfterEach
    void close() {
        if (target != null) target.close();
    }

    /** A call on "main": it completes before start returns. */
    SyscallResult call(String name, Object... args) {
        AtomicReference<SyscallResult> box = new AtomicReference<>();
        target.start("main", new Invocation(name, List.of(args), null), box::set);
        assertThat(box.get()).as("main's %s completed before start returned", name).isNotNull();
        return box.get();
    }

    /** Starts a call on scenario thread {@code t}; the box fills when it completes. */
    AtomicReference<SyscallResult> startOn(String t, String name, Object... args) {
        AtomicReference<SyscallResult> box = new AtomicReference<>();
        target.start(t, new Invocation(name, List.of(args), null), box::set);
        return box;
    }

    static long l(int v) {
        return v;
    }

    static boolean threadAlive(String scenarioThread) {
        return Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.isAlive() && t.getName().equals("pollscope-scenario-" + scenarioThread));
    }

    @Test
    void sideIsLinuxWithTheRunningKernelsReleaseAndNoFork() throws Exception {
        assertThat(target.side()).isEqualTo("linux");
        assertThat(target.kernelRelease()).isEqualTo(
            Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim());
        assertThat(target.canFork()).isFalse();
    }

    @Test
    void edgeTriggeredReportsOncePerArrival() {
        // the example of scenario-language.md, call by call
        int[] ab = call("socketpair").fds();
        int a = ab[0], b = ab[1];
        int ep = (int) call("epoll_create1", 0L).ret();
        assertThat(call("epoll_ctl", l(ep), l(Linux.EPOLL_CTL_ADD), l(a), l(Linux.EPOLLIN | Linux.EPOLLET), l(a)).ret()).isZero();
        assertThat(call("write", l(b), "hi").ret()).isEqualTo(2);
        assertThat(call("epoll_wait", l(ep), 8L, 0L).events()).containsExactly(new SyscallResult.Ready(a, Linux.EPOLLIN));
        assertThat(call("epoll_wait", l(ep), 8L, 0L).ret()).isZero();
        SyscallResult h = call("read", l(a), 1L);
        assertThat(h.ret()).isEqualTo(1);
        assertThat(new String(h.bytes(), StandardCharsets.ISO_8859_1)).isEqualTo("h");
        assertThat(call("epoll_wait", l(ep), 8L, 0L).ret()).isZero();
        assertThat(call("write", l(b), "!").ret()).isEqualTo(1);
        assertThat(call("epoll_wait", l(ep), 8L, 0L).events()).containsExactly(new SyscallResult.Ready(a, Linux.EPOLLIN));
        SyscallResult again = call("epoll_ctl", l(ep), l(Linux.EPOLL_CTL_ADD), l(a), l(Linux.EPOLLIN), l(a));
        assertThat(again.ret()).isEqualTo(-1);
        assertThat(again.errno()).isEqualTo(Linux.EEXIST);
    }

    @Test
    void epollWaitReturnsDataAsRegisteredInReadyListOrder() {
        int[] ab = call("socketpair").fds();
        int[] cd = call("socketpair").fds();
        int ep = (int) call("epoll_create1", 0L).ret();
        call("epoll_ctl", l(ep), l(Linux.EPOLL_CTL_ADD), l(ab[0]), l(Linux.EPOLLIN), 0x2aL);
        call("epoll_ctl", l(ep), l(Linux.EPOLL_CTL_ADD), l(cd[0]), l(Linux.EPOLLIN), -1L);
        call("write", l(cd[1]), "c");
        call("write", l(ab[1]), "a");
        assertThat(call("epoll_wait", l(ep), 8L, 0L).events())
            .containsExactly(new SyscallResult.Ready(-1L, Linux.EPOLLIN), new SyscallResult.Ready(0x2aL, Linux.EPOLLIN));
    }

    @Test
    void invalidArgumentsReachTheKernelAsGiven() {
        int[] ab = call("socketpair").fds();
        int ep = (int) call("epoll_create1", 0L).ret();
        assertThat(call("epoll_ctl", l(ep), -1L, l(ab[0]), 0L, 0L).errno()).isEqualTo(Linux.EINVAL);
        assertThat(call("epoll_create1", 0x80001L).errno()).isEqualTo(Linux.EINVAL);
        assertThat(call("epoll_wait", l(ep), 0L, 0L).errno()).isEqualTo(Linux.EINVAL);
        assertThat(call("epoll_wait", l(ep), -1L, 0L).errno()).isEqualTo(Linux.EINVAL);
        // above EP_MAX_EVENTS (INT_MAX / sizeof(struct epoll_event)) the kernel refuses; below, a big buffer is fine
        assertThat(call("epoll_wait", l(ep), l(Integer.MAX_VALUE), 0L).errno()).isEqualTo(Linux.EINVAL);
        assertThat(call("epoll_wait", l(ep), 1_000_000L, 0L).ret()).isZero();
        assertThat(call("read", 999_999L, 1L).errno()).isEqualTo(Linux.EBADF);
        assertThat(call("read", l(ab[0]), -1L).errno()).isEqualTo(Linux.EFAULT);
    }

    @Test
    void threadAsleepInEpollWaitIsSeenBlockedAndWokenByAWrite() {
        int[] ab = call("socketpair").fds();
        int ep = (int) call("epoll_create1", 0L).ret();
        call("epoll_ctl", l(ep), l(Linux.EPOLL_CTL_ADD), l(ab[0]), l(Linux.EPOLLIN), l(ab[0]));
        target.spawn("t", false);
        AtomicReference<SyscallResult> got = startOn("t", "epoll_wait", l(ep), 1L, -1L);
        assertThat(target.awaitBlocked("t")).isTrue();
        assertThat(got.get()).isNull();
        call("write", l(ab[1]), "x");
        assertThat(target.settle(() -> got.get() != null)).isTrue();
        assertThat(got.get().events()).containsExactly(new SyscallResult.Ready(ab[0], Linux.EPOLLIN));
    }

    @Test
    void threadWithNothingToDoIsNotBlocked() {
        int ep = (int) call("epoll_create1", 0L).ret();
        target.spawn("t", false);
        // an idle scenario thread waits for work on a futex: that is not a call the scenario made
        assertThat(target.awaitBlocked("t")).isFalse();
        AtomicReference<SyscallResult> got = startOn("t", "epoll_wait", l(ep), 1L, 0L);
        assertThat(target.settle(() -> got.get() != null)).isTrue();
        assertThat(target.awaitBlocked("t")).isFalse();
        assertThat(target.awaitBlocked("nobody")).isFalse();
    }

    @Test
    void threadInSleepIsSeenBlockedInNanosleep() {
        target.spawn("t", false);
        long t0 = System.nanoTime();
        AtomicReference<SyscallResult> got = startOn("t", "sleep", 300L);
        assertThat(target.awaitBlocked("t")).isTrue();
        assertThat(target.settle(() -> got.get() != null)).isTrue();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(300_000_000L);
    }

    @Test
    void threadsRunTheirCallsInOrderAndMainDoesNotWait() {
        int[] ab = call("socketpair").fds();
        target.spawn("t", false);
        AtomicReference<SyscallResult> first = startOn("t", "poll", List.of(new Invocation.PollFd(ab[0], (short) Linux.EPOLLIN)), -1L);
        AtomicReference<SyscallResult> second = startOn("t", "read", l(ab[0]), 10L);
        assertThat(target.awaitBlocked("t")).isTrue();
        call("write", l(ab[1]), "ok");
        assertThat(target.settle(() -> second.get() != null)).isTrue();
        assertThat(first.get().events()).containsExactly(new SyscallResult.Ready(ab[0], Linux.EPOLLIN));
        assertThat(new String(second.get().bytes(), StandardCharsets.ISO_8859_1)).isEqualTo("ok");
    }

    @Test
    void selectReportsReadWriteBitsByAscendingFd() {
        int[] ab = call("socketpair").fds();
        int[] cd = call("socketpair").fds();
        call("write", l(ab[1]), "x");
        int a = ab[0], c = cd[0];
        SyscallResult s = call("select", new Invocation.SelectSets(new int[] {c, a}, new int[] {c, a}, new int[] {a}, 0,
            Invocation.SelectSets.DEFAULT_NFDS));
        assertThat(s.ret()).isEqualTo(3); // set bits: a READ, a WRITE, c WRITE
        assertThat(s.events()).containsExactly(
            new SyscallResult.Ready(Math.min(a, c), Math.min(a, c) == a ? Linux.SELECT_READ | Linux.SELECT_WRITE : Linux.SELECT_WRITE),
            new SyscallResult.Ready(Math.max(a, c), Math.max(a, c) == a ? Linux.SELECT_READ | Linux.SELECT_WRITE : Linux.SELECT_WRITE));
    }

    @Test
    void selectScansOnlyBelowNfdsAndEmptySetsSleepTheTimeout() {
        int[] ab = call("socketpair").fds();
        SyscallResult none = call("select", new Invocation.SelectSets(new int[0], new int[] {ab[0]}, new int[0], 0, ab[0]));
        assertThat(none.ret()).isZero();
        assertThat(none.events()).isEmpty();
        long t0 = System.nanoTime();
        assertThat(call("select", new Invocation.SelectSets(new int[0], new int[0], new int[0], 30,
            Invocation.SelectSets.DEFAULT_NFDS)).ret()).isZero();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(30_000_000L);
        assertThat(call("select", new Invocation.SelectSets(new int[0], new int[0], new int[0], 0, -1)).errno())
            .isEqualTo(Linux.EINVAL);
    }

    @Test
    void pollReportsReventsInListOrderAndCountsFds() {
        int[] ab = call("socketpair").fds();
        call("write", l(ab[1]), "x");
        int gone = (int) call("eventfd", 0L).ret();
        call("close", l(gone));
        SyscallResult p = call("poll", List.of(
            new Invocation.PollFd(ab[0], (short) (Linux.EPOLLIN | Linux.EPOLLOUT)),
            new Invocation.PollFd(-1, (short) Linux.EPOLLIN),
            new Invocation.PollFd(gone, (short) Linux.EPOLLIN)), 0L);
        assertThat(p.ret()).isEqualTo(2);
        assertThat(p.events()).containsExactly(
            new SyscallResult.Ready(ab[0], Linux.EPOLLIN | Linux.EPOLLOUT), new SyscallResult.Ready(gone, Linux.POLLNVAL));
        assertThat(call("poll", List.of(), 0L).ret()).isZero();
    }

    @Test
    void freshPipeTakes64KiBAndDrainGivesItBack() {
        int[] p = call("pipe").fds();
        assertThat(call("fill", l(p[1])).ret()).isEqualTo(65536);
        assertThat(call("write", l(p[1]), "x").errno()).isEqualTo(Linux.EAGAIN);
        assertThat(call("drain", l(p[0])).ret()).isEqualTo(65536);
        assertThat(call("read", l(p[0]), 1L).errno()).isEqualTo(Linux.EAGAIN);
        assertThat(call("write", l(p[1]), 100_000L).ret()).isEqualTo(65536); // write(fd, n): as much as fits
    }

    @Test
    void eventfdRegularFileAndDupBehaveAsTheirKernelFiles() {
        int e = (int) call("eventfd", 3L).ret();
        SyscallResult counter = call("read", l(e), 8L);
        assertThat(counter.ret()).isEqualTo(8);
        assertThat(counter.bytes()[0]).isEqualTo((byte) 3); // little-endian u64 counter
        int f = (int) call("file").ret();
        int ep = (int) call("epoll_create1", 0L).ret();
        assertThat(call("epoll_ctl", l(ep), l(Linux.EPOLL_CTL_ADD), l(f), l(Linux.EPOLLIN), l(f)).errno()).isEqualTo(Linux.EPERM);
        assertThat(call("write", l(f), "abc").ret()).isEqualTo(3);
        int g = (int) call("dup", l(f)).ret();
        assertThat(g).isNotEqualTo(f);
        assertThat(call("close", l(f)).ret()).isZero();
        assertThat(call("close", l(f)).errno()).isEqualTo(Linux.EBADF);
        assertThat(call("write", l(g), "d").ret()).isEqualTo(1); // the open file outlives one of its fds
    }

    @Test
    void listenerIsOnLoopbackAndAcceptsAConnection() {
        int lst = (int) call("listener").ret();
        Memory sa = new Memory(LinuxSyscalls.SOCKADDR_IN_SIZE);
        Memory len = new Memory(4);
        len.setInt(0, LinuxSyscalls.SOCKADDR_IN_SIZE);
        assertThat(LinuxSyscalls.getsockname(lst, sa, len)).isZero();
        assertThat(sa.getByteArray(LinuxSyscalls.SOCKADDR_IN_ADDR, 4)).containsExactly(127, 0, 0, 1);
        assertThat(sa.getShort(LinuxSyscalls.SOCKADDR_IN_PORT)).isNotZero();
        assertThat(call("accept", l(lst)).errno()).isEqualTo(Linux.EAGAIN);
        int c = (int) call("connect", l(lst)).ret();
        assertThat(c).isPositive();
        int s = (int) call("accept", l(lst)).ret();
        assertThat(s).isPositive();
        assertThat(call("write", l(c), "ping").ret()).isEqualTo(4);
        assertThat(target.settle(() -> call("poll", List.of(new Invocation.PollFd(s, (short) Linux.EPOLLIN)), 0L).ret() == 1)).isTrue();
        assertThat(new String(call("read", l(s), 16L).bytes(), StandardCharsets.ISO_8859_1)).isEqualTo("ping");
        // connected fds are non-blocking like the rest
        assertThat(call("read", l(c), 16L).errno()).isEqualTo(Linux.EAGAIN);
        assertThat(call("shutdown", l(c), 1L).ret()).isZero();
        assertThat(call("connect", l(call("pipe").fds()[0])).errno()).isEqualTo(Linux.ENOTSOCK);
    }

    @Test
    void fdsThatAreNotTheScenariosAreClosedToIt() {
        // an fd of the JVM's own (here: made behind the target's back) is not the scenario's to touch
        int jvms = LinuxSyscalls.eventfd(5, LinuxSyscalls.EFD_NONBLOCK | LinuxSyscalls.EFD_CLOEXEC);
        try {
            assertThat(call("write", l(jvms), 8L).errno()).isEqualTo(Linux.EBADF);
            assertThat(call("close", l(jvms)).errno()).isEqualTo(Linux.EBADF);
            assertThat(call("poll", List.of(new Invocation.PollFd(jvms, (short) Linux.EPOLLIN)), 0L).events())
                .containsExactly(new SyscallResult.Ready(jvms, Linux.POLLNVAL));
            // the kernel still judges every argument, in its own order, as for any fd that is not open
            // (-1 goes as given); 6.18 checks epfd before maxevents, older kernels the other way round
            assertThat(call("epoll_wait", l(jvms), 0L, 0L).errno()).isEqualTo(call("epoll_wait", -1L, 0L, 0L).errno());
            assertThat(call("epoll_ctl", -1L, -1L, l(jvms), 0L, 0L).errno()).isEqualTo(call("epoll_ctl", -1L, -1L, -1L, 0L, 0L).errno());
            Memory counter = new Memory(8);
            assertThat(LinuxSyscalls.read(jvms, counter, 8)).isEqualTo(8);
            assertThat(counter.getLong(0)).isEqualTo(5); // untouched, and still open
        } finally {
            LinuxSyscalls.close(jvms);
        }
        // a name whose fd the scenario closed stays closed, even when the number is in use again
        int a = (int) call("eventfd", 0L).ret();
        call("close", l(a));
        int reused = LinuxSyscalls.eventfd(7, LinuxSyscalls.EFD_NONBLOCK | LinuxSyscalls.EFD_CLOEXEC);
        try {
            assertThat(call("read", l(a), 8L).errno()).isEqualTo(Linux.EBADF);
            assertThat(call("close", l(a)).errno()).isEqualTo(Linux.EBADF);
            Memory counter = new Memory(8);
            assertThat(LinuxSyscalls.read(reused, counter, 8)).isEqualTo(8);
            assertThat(counter.getLong(0)).isEqualTo(7);
        } finally {
            LinuxSyscalls.close(reused);
        }
    }

    @Test
    void modelOnlyKnobsAreSkippedWithAReason() {
        assertThat(target.skipReason(new Invocation("set_fd_limit", List.of(4L), null))).startsWith("model only: ");
        assertThat(target.skipReason(new Invocation("set_max_user_watches", List.of(4L), null))).startsWith("model only: ");
        assertThat(target.skipReason(new Invocation("pipe", List.of(), null))).isNull();
    }

    @Test
    void closeWakesSleepingThreadsAndLetsThemGo() {
        int[] ab = call("socketpair").fds();
        int ep = (int) call("epoll_create1", 0L).ret();
        int e = (int) call("eventfd", 0L).ret();
        int lst = (int) call("listener").ret();
        target.spawn("in_epoll", false);
        target.spawn("in_poll", false);
        target.spawn("in_poll_listener", false);
        target.spawn("in_select", false);
        startOn("in_epoll", "epoll_wait", l(ep), 1L, -1L);
        startOn("in_poll", "poll", List.of(new Invocation.PollFd(e, (short) Linux.EPOLLIN)), -1L);
        startOn("in_poll_listener", "poll", List.of(new Invocation.PollFd(lst, (short) Linux.EPOLLIN)), -1L);
        startOn("in_select", "select", new Invocation.SelectSets(new int[] {ab[0]}, new int[0], new int[0], -1,
            Invocation.SelectSets.DEFAULT_NFDS));
        for (String t : List.of("in_epoll", "in_poll", "in_poll_listener", "in_select")) {
            assertThat(target.awaitBlocked(t)).as(t).isTrue();
        }
        target.close();
        for (String t : List.of("in_epoll", "in_poll", "in_poll_listener", "in_select")) {
            assertThat(threadAlive(t)).as(t + " still alive after close").isFalse();
        }
        // no further call starts once closed
        AtomicReference<SyscallResult> late = new AtomicReference<>();
        target.start("main", new Invocation("pipe", List.of(), null), late::set);
        assertThat(late.get()).isNull();
        target = null;
    }

    /** A wait of main's that nothing can end: given up on with the model's verdict, not waited on for ever. */
    AtomicReference<SyscallResult> startOnMainGivenUp(String name, Object... args) {
        AtomicReference<SyscallResult> box = new AtomicReference<>();
        target.start("main", new Invocation(name, List.of(args), null), box::set);
        assertThat(box.get()).as("main's %s gave no result", name).isNull();
        assertThat(target.whyBlocked()).as(name).startsWith("blocked for ").contains("with nothing to wake it");
        assertThat(target.settle(() -> box.get() != null)).as("settle after main was given up on").isFalse();
        return box;
    }

    @Test
    void mainEpollWaitWithNothingToWakeItIsGivenUpOnAndEndedByClose() {
        int ep = (int) call("epoll_create1", 0L).ret();
        startOnMainGivenUp("epoll_wait", l(ep), 1L, -1L);
        assertThat(threadAlive("main")).isTrue();
        target.close();
        assertThat(threadAlive("main")).as("main's worker still alive after close").isFalse();
        target = null;
    }

    @Test
    void mainPollAndSelectOfNoFdsWithNoTimeoutAreGivenUpOnAndEndedByClose() {
        startOnMainGivenUp("poll", List.of(), -1L);
        target.close();
        // a poll of no fds has nothing to wake: its slice ends and it sees the target closed
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (threadAlive("main") && System.nanoTime() < deadline) Thread.onSpinWait();
        assertThat(threadAlive("main")).as("main's worker still alive after close").isFalse();
        target = new LinuxTarget();
        startOnMainGivenUp("select", new Invocation.SelectSets(new int[0], new int[0], new int[0], -1,
            Invocation.SelectSets.DEFAULT_NFDS));
    }

    @Test
    void mainSleepLongerThanTheCapIsRefusedAtOnce() {
        AtomicReference<SyscallResult> box = new AtomicReference<>();
        target.start("main", new Invocation("sleep", List.of(99_999_999_999L), null), box::set);
        assertThat(box.get()).isNull();
        assertThat(target.whyBlocked()).isEqualTo("of 99999999999 ms was not waited out: the real kernel is waited on 60 s at most");
        assertThat(threadAlive("main")).as("no real sleep was started").isFalse();
    }

    @Test
    void mainWaitWithATimeoutStillCompletesBeforeStartReturns() {
        int ep = (int) call("epoll_create1", 0L).ret();
        assertThat(call("epoll_wait", l(ep), 1L, 20L).ret()).isZero();
        assertThat(call("sleep", 5L).ret()).isZero();
        assertThat(target.whyBlocked()).isNull();
    }

    @Test
    void mainWaitWokenByAnotherThreadIsNotGivenUpOn() {
        int[] ab = call("socketpair").fds();
        target.spawn("writer", false);
        // the writer sleeps first, so main is asleep in its poll with another thread's call out
        startOn("writer", "sleep", 1500L);
        AtomicReference<SyscallResult> w = new AtomicReference<>();
        target.start("writer", new Invocation("write", List.of(l(ab[1]), "x"), null), w::set);
        SyscallResult r = call("poll", List.of(new Invocation.PollFd(ab[0], (short) Linux.EPOLLIN)), -1L);
        assertThat(r.ret()).isEqualTo(1);
    }
}
