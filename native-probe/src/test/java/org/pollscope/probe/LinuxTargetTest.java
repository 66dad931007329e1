package org.pollscope.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.scenario.Invocation;
import org.pollscope.kernel.scenario.Outcome;

class LinuxTargetTest {
    LinuxTarget target;

    @BeforeEach
    void needsLinux() {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel: " + LinuxSyscalls.UNAVAILABLE);
        target = new LinuxTarget();
    }

    @AfterEach
    void close() {
        if (target != null) target.close();
    }

    Outcome call(String name, Object... args) {
        AtomicReference<Outcome> box = new AtomicReference<>();
        target.start("main", new Invocation(name, List.of(args), null), box::set);
        return box.get();
    }

    @Test
    void edgeTriggeredReportsOncePerArrival() {
        int[] sv = call("socketpair").fds();
        int ep = (int) call("epoll_create1", 0L).ret();
        assertThat(call("epoll_ctl", (long) ep, (long) Linux.EPOLL_CTL_ADD, (long) sv[0], (long) (Linux.EPOLLIN | Linux.EPOLLET), 5L).ret()).isZero();
        assertThat(call("write", (long) sv[1], "hi").ret()).isEqualTo(2);
        assertThat(call("epoll_wait", (long) ep, 8L, 0L).events()).containsExactly(new Outcome.Ready(5, Linux.EPOLLIN));
        assertThat(call("epoll_wait", (long) ep, 8L, 0L).ret()).isZero();
        assertThat(call("epoll_ctl", (long) ep, (long) Linux.EPOLL_CTL_ADD, (long) sv[0], (long) Linux.EPOLLIN, 5L).errno()).isEqualTo(Linux.EEXIST);
    }

    @Test
    void threadAsleepInEpollWaitIsSeenBlockedAndWokenByAWrite() {
        int[] sv = call("socketpair").fds();
        int ep = (int) call("epoll_create1", 0L).ret();
        call("epoll_ctl", (long) ep, (long) Linux.EPOLL_CTL_ADD, (long) sv[0], (long) Linux.EPOLLIN, (long) sv[0]);
        target.spawn("t", false);
        AtomicReference<Outcome> got = new AtomicReference<>();
        target.start("t", new Invocation("epoll_wait", List.of((long) ep, 1L, -1L), null), got::set);
        assertThat(target.awaitBlocked("t")).isTrue();
        assertThat(got.get()).isNull();
        call("write", (long) sv[1], "x");
        assertThat(target.settle(() -> got.get() != null)).isTrue();
        assertThat(got.get().events()).containsExactly(new Outcome.Ready(sv[0], Linux.EPOLLIN));
    }

    @Test
    void selectAndPollReportWhatIsReady() {
        int[] sv = call("socketpair").fds();
        call("write", (long) sv[1], "x");
        Outcome s = call("select", new Invocation.SelectSets(new int[] {sv[0]}, new int[] {sv[0]}, new int[0], 0,
            Invocation.SelectSets.DEFAULT_NFDS));
        assertThat(s.ret()).isEqualTo(2);
        assertThat(s.events()).containsExactly(new Outcome.Ready(sv[0], Linux.SELECT_READ | Linux.SELECT_WRITE));
        Outcome p = call("poll", List.of(new Invocation.PollFd(sv[0], (short) Linux.EPOLLIN), new Invocation.PollFd(-1, (short) Linux.EPOLLIN)), 0L);
        assertThat(p.ret()).isEqualTo(1);
        assertThat(p.events()).containsExactly(new Outcome.Ready(sv[0], Linux.EPOLLIN));
    }

    @Test
    void freshPipeTakes64KiB() {
        int[] p = call("pipe").fds();
        assertThat(call("fill", (long) p[1]).ret()).isEqualTo(65536);
        assertThat(call("write", (long) p[1], "x").errno()).isEqualTo(Linux.EAGAIN);
    }

    @Test
    void listenerIsOnLoopbackAndAcceptsAConnection() {
        int l = (int) call("listener").ret();
        assertThat(call("accept", (long) l).errno()).isEqualTo(Linux.EAGAIN);
        assertThat(call("connect", (long) l).failed()).isFalse();
        assertThat(call("accept", (long) l).failed()).isFalse();
    }

    @Test
    void modelOnlyKnobsAreSkippedWithAReason() {
        assertThat(call("set_fd_limit", 4L).skipped()).contains("model only");
    }
}
