package org.pollscope.probe.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SyscallResult;
import org.pollscope.kernel.scenario.Invocation;
import org.pollscope.kernel.scenario.ModelTarget;
import org.pollscope.kernel.scenario.Target;
import org.pollscope.probe.LinuxSyscalls;

/** The mirror on its own, fed real results by hand: what it infers of the outside, and what it does with a disagreement. */
class MirrorTest {

    private static Mirror setUp() {
        Mirror m = new Mirror();
        m.listener(SyscallResult.fd(40));
        m.eventfd(SyscallResult.fd(41));
        m.epollCreate1(Linux.EPOLL_CLOEXEC, SyscallResult.fd(42));
        m.epollCtl(42, Linux.EPOLL_CTL_ADD, 40, Linux.EPOLLIN, 40, SyscallResult.ok(0));
        m.epollCtl(42, Linux.EPOLL_CTL_ADD, 41, Linux.EPOLLIN, 41, SyscallResult.ok(0));
        return m;
    }

    @Test
    void aReportedListenerMakesTheModelsPeerConnect() {
        Mirror m = setUp();
        m.epollWait(42, 8, 1000, SyscallResult.events(java.util.List.of(new SyscallResult.Ready(40, Linux.EPOLLIN))), Map.of());
        m.accept4(40, SyscallResult.fd(43));
        m.accept4(40, SyscallResult.error(Linux.EAGAIN));
        m.epollCtl(42, Linux.EPOLL_CTL_ADD, 43, Linux.EPOLLIN | Linux.EPOLLRDHUP | Linux.EPOLLET, 43, SyscallResult.ok(0));
        // 12 bytes were queued when the wait returned, and the peer closed after them
        m.epollWait(42, 8, 1000, SyscallResult.events(java.util.List.of(new SyscallResult.Ready(43, Linux.EPOLLIN | Linux.EPOLLRDHUP))),
            Map.of(43, 12));
        m.read(43, 65536, SyscallResult.ok(12));
        m.read(43, 65536, SyscallResult.ok(0));
        m.close(43, SyscallResult.ok(0));
        assertThat(m.divergences()).isEmpty();
        assertThat(m.modelInterestList()).extracting(Mirror.Interest::fd).containsExactly(40, 41);
        assertThat(m.interestPeak()).isEqualTo(3);
    }

    @Test
    void aResetTheKernelWasHalfwayThroughIsNotADivergence() {
        Mirror m = setUp();
        m.epollWait(42, 8, 1000, SyscallResult.events(java.util.List.of(new SyscallResult.Ready(40, Linux.EPOLLIN))), Map.of());
        m.accept4(40, SyscallResult.fd(43));
        m.epollCtl(42, Linux.EPOLL_CTL_ADD, 43, Linux.EPOLLIN | Linux.EPOLLRDHUP, 43, SyscallResult.ok(0));
        m.epollWait(42, 8, 1000, SyscallResult.events(java.util.List.of(new SyscallResult.Ready(43, Linux.EPOLLIN))), Map.of(43, 5));
        m.read(43, 65536, SyscallResult.ok(5));
        m.write(43, 5, SyscallResult.ok(5));
        // the peer closed with the echo unread: a RST; tcp_poll saw sk_err before tcp_done set TCP_CLOSE
        int halfway = Linux.EPOLLIN | Linux.EPOLLERR | Linux.EPOLLRDHUP;
        m.epollWait(42, 8, 1000, SyscallResult.events(java.util.List.of(new SyscallResult.Ready(43, halfway))), Map.of(43, 0));
        assertThat(m.divergences()).isEmpty();
        assertThat(m.midResets()).isEqualTo(1);
        // EPOLLERR alone where the model has no error at all is still a divergence
        Mirror other = setUp();
        other.epollWait(42, 8, 1000, SyscallResult.events(java.util.List.of(new SyscallResult.Ready(41, Linux.EPOLLIN | Linux.EPOLLERR))), Map.of());
        assertThat(other.divergenceCount()).isEqualTo(1);
    }

    /** A RST from a peer with nothing unread (an abort, SO_LINGER 0): the model's peer aborts too, and the echo's write fails alike. */
    @Test
    void aResetWithNothingUnreadIsAnAbortOfTheModelsPeer() {
        Mirror m = setUp();
        java.util.List<Mirror.Event> seen = new java.util.ArrayList<>();
        m.addListener(seen::add);
        m.epollWait(42, 8, 1000, SyscallResult.events(java.util.List.of(new SyscallResult.Ready(40, Linux.EPOLLIN))), Map.of());
        m.accept4(40, SyscallResult.fd(43));
        m.epollCtl(42, Linux.EPOLL_CTL_ADD, 43, Linux.EPOLLIN | Linux.EPOLLRDHUP, 43, SyscallResult.ok(0));
        int reset = Linux.EPOLLIN | Linux.EPOLLERR | Linux.EPOLLHUP | Linux.EPOLLRDHUP;
        m.epollWait(42, 8, 1000, SyscallResult.events(java.util.List.of(new SyscallResult.Ready(43, reset))), Map.of(43, 0),
            Map.of(43, SyscallResult.error(Linux.ECONNRESET)));
        m.read(43, 65536, SyscallResult.error(Linux.ECONNRESET));
        m.read(43, 65536, SyscallResult.ok(0));
        m.close(43, SyscallResult.ok(0));
        assertThat(m.divergences()).isEmpty();
        assertThat(seen).flatMap(Mirror.Event::outside).containsSubsequence("linger(c1, 0)", "close(c1)");
    }

    @Test
    void aDisagreementIsADivergenceWithItsScenario() {
        Mirror m = setUp();
        // a kernel that took a second ADD of the same fd would be wrong; the model says EEXIST
        m.epollCtl(42, Linux.EPOLL_CTL_ADD, 40, Linux.EPOLLIN, 40, SyscallResult.ok(0));
        assertThat(m.divergenceCount()).isEqualTo(1);
        Mirror.Divergence d = m.divergences().get(0);
        assertThat(d.index()).isEqualTo(6);
        assertThat(d.model()).isEqualTo("-1 EEXIST");
        assertThat(d.real()).isEqualTo("0");
        assertThat(d.call()).startsWith("epoll_ctl(42, EPOLL_CTL_ADD, 40");
        assertThat(d.scenario()).contains("l = listener()", "ep = epoll_create1(EPOLL_CLOEXEC)", "epoll_ctl(ep, ADD, l, EPOLLIN)");
    }

    @Test
    void theScenarioOfADivergenceOnAConnectionParsesAndNamesWhatItsPeerDid() throws Exception {
        Mirror m = setUp();
        m.epollWait(42, 8, 1000, SyscallResult.events(java.util.List.of(new SyscallResult.Ready(40, Linux.EPOLLIN))), Map.of());
        m.accept4(40, SyscallResult.fd(43));
        m.epollCtl(42, Linux.EPOLL_CTL_ADD, 43, Linux.EPOLLIN | Linux.EPOLLRDHUP, 43, SyscallResult.ok(0));
        m.epollWait(42, 8, 1000, SyscallResult.events(java.util.List.of(new SyscallResult.Ready(43, Linux.EPOLLIN))), Map.of(43, 12));
        // a "real" read that found nothing, though 12 bytes came: the model reads them
        m.read(43, 65536, SyscallResult.error(Linux.EAGAIN));
        Mirror.Divergence d = m.divergences().get(0);
        assertThat(d.model()).isEqualTo("12");
        assertThat(d.real()).isEqualTo("-1 EAGAIN");
        assertThat(d.scenario()).contains("c1 = connect(l)\n", "s1 = accept(l)\n", "epoll_ctl(ep, ADD, s1, EPOLLIN | EPOLLRDHUP)\n",
            "write(c1, 12)\n", "epoll_wait(ep, 8, 0)\n", "read(s1, 65536)\n");
        var scenario = org.pollscope.kernel.scenario.ScenarioParser.parse("live.scn", d.scenario());
        try (Target t = new ModelTarget()) {
            var run = new org.pollscope.kernel.scenario.ScenarioInterpreter(scenario, t).run();
            assertThat(run.results()).hasSize(scenario.allStatements().size());
        }
    }

    @Test
    void aPollDivergenceWritesAPollOfTheConnectionsItNames() throws Exception {
        Mirror m = new Mirror();
        m.listener(SyscallResult.fd(40));
        m.eventfd(SyscallResult.fd(41));
        short in = (short) Linux.EPOLLIN;
        short inRdhup = (short) (Linux.EPOLLIN | Linux.EPOLLRDHUP);
        m.poll(new int[] {40, 41}, new short[] {in, in}, 1000, SyscallResult.events(1, java.util.List.of(new SyscallResult.Ready(40, Linux.EPOLLIN))), Map.of());
        m.accept4(40, SyscallResult.fd(43));
        m.accept4(40, SyscallResult.error(Linux.EAGAIN));
        // a "real" poll that says s1 is readable with nothing queued and no RDHUP: the model's peer shuts down, which the model reports as RDHUP
        m.poll(new int[] {40, 41, 43}, new short[] {in, in, inRdhup}, 1000,
            SyscallResult.events(1, java.util.List.of(new SyscallResult.Ready(43, Linux.EPOLLIN))), Map.of(43, 0));
        assertThat(m.divergences()).singleElement().satisfies(d -> {
            assertThat(d.real()).isEqualTo("1 {s1: POLLIN}");
            assertThat(d.model()).isEqualTo("1 {s1: POLLIN|POLLRDHUP}");
            assertThat(d.scenario()).contains("shutdown(c1, WR)\n", "poll([l: POLLIN, wake: POLLIN, s1: POLLIN | POLLRDHUP], 0)\n");
            org.pollscope.kernel.scenario.ScenarioParser.parse("live.scn", d.scenario());
        });
        // a wait a signal cut short is counted and not replayed
        long calls = m.calls();
        m.poll(new int[] {40, 41}, new short[] {in, in}, 1000, SyscallResult.error(Linux.EINTR), Map.of());
        assertThat(m.calls()).isEqualTo(calls + 1);
        assertThat(m.divergenceCount()).isEqualTo(1);
    }

    /** A "kernel" that takes a second ADD: the model is right, and the reproducer shows the disagreement in four lines. */
    @Test
    void theReproducerIsShrunkAndConfirmedOnBothSides(@TempDir Path dir) throws Exception {
        Mirror m = setUp();
        m.epollWait(42, 8, 1000, SyscallResult.events(java.util.List.of()), Map.of());
        m.epollCtl(42, Linux.EPOLL_CTL_ADD, 40, Linux.EPOLLIN, 40, SyscallResult.ok(0));
        Mirror.Divergence d = m.divergences().get(0);
        Reproducer.Written w = new Reproducer(ModelTarget::new, DoubleAddKernel::new).write(d, dir);
        assertThat(w.reproduced()).isTrue();
        String text = Files.readString(w.file());
        assertThat(text).contains("epoll_ctl(ep, ADD, l, EPOLLIN)").doesNotContain("eventfd").doesNotContain("epoll_wait");
        assertThat(w.lines()).isEqualTo(4);
    }

    @Test
    void aDivergenceTheKernelDoesNotRepeatIsWrittenUnshrunkAndSaysSo(@TempDir Path dir) throws Exception {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel on x86-64 or aarch64: " + LinuxSyscalls.UNAVAILABLE);
        Mirror m = setUp();
        m.epollCtl(42, Linux.EPOLL_CTL_ADD, 40, Linux.EPOLLIN, 40, SyscallResult.ok(0));
        Reproducer.Written w = new Reproducer().write(m.divergences().get(0), dir);
        assertThat(w.reproduced()).isFalse();
        assertThat(Files.readString(w.file())).contains("does not reproduce it");
    }

    /** The model, but an epoll_ctl ADD that fails with EEXIST returns 0. */
    static final class DoubleAddKernel implements Target {
        private final ModelTarget model = new ModelTarget();

        @Override
        public String side() {
            return "linux";
        }

        @Override
        public String kernelRelease() {
            return model.kernelRelease();
        }

        @Override
        public boolean canFork() {
            return false;
        }

        @Override
        public void spawn(String thread, boolean forkProcess) {
            model.spawn(thread, forkProcess);
        }

        @Override
        public void start(String thread, Invocation call, Consumer<SyscallResult> done) {
            model.start(thread, call, r -> done.accept(call.call().equals("epoll_ctl") && r.failed() && r.errno() == Linux.EEXIST
                ? SyscallResult.ok(0) : r));
        }

        @Override
        public boolean settle(BooleanSupplier condition) {
            return model.settle(condition);
        }

        @Override
        public boolean awaitBlocked(String thread) {
            return model.awaitBlocked(thread);
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
