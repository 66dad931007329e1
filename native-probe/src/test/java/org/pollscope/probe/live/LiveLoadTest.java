package org.pollscope.probe.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pollscope.probe.LinuxSyscalls;

/** A short load in every mode: 50 real clients for 2 s, every call mirrored, none diverging. */
class LiveLoadTest {

    @BeforeEach
    void needsLinux() {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel on x86-64 or aarch64: " + LinuxSyscalls.UNAVAILABLE);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shortLoadHasNoDivergenceAndTheInterestListsAgree(Mode mode) throws Exception {
        LiveLoad.Report r = LiveLoad.run(new LiveLoad.Options(LiveConfig.of(0, mode), 50, 200, 2, null), null);

        assertThat(r.clients().connected()).isEqualTo(50);
        assertThat(r.clients().echoed()).isEqualTo(r.clients().sent()).isPositive();
        assertThat(r.divergences()).as("divergences").isEmpty();
        assertThat(r.divergenceCount()).isZero();
        assertThat(r.callsByName()).containsKeys("accept4", "read", "write", "close");
        if (mode.usesEpoll()) {
            // the listener, the wake-up eventfd and the 50 clients, in the kernel and in the model alike
            assertThat(r.loaded().real()).hasSize(52);
            assertThat(r.loaded().model()).isEqualTo(r.loaded().real());
            assertThat(r.closed().real()).hasSize(2);
            assertThat(r.closed().model()).isEqualTo(r.closed().real());
            assertThat(r.interestPeak()).isEqualTo(52);
        } else {
            assertThat(r.loaded().applicable()).isFalse();
        }
    }

    /**
     * Half the clients end with an abort (SO_LINGER 0: a RST, not a FIN), all at once at the end
     * of the load. The real clients have read their last echo; the model's peers have not (they
     * drain only before they write again), so the model's close is a RST too. (An abort with
     * nothing unread on either side, placed as linger(c, 0), is LiveServerTest's.)
     */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void clientsThatAbortDoNotDiverge(Mode mode) throws Exception {
        LiveLoad.Report r = LiveLoad.run(new LiveLoad.Options(LiveConfig.of(0, mode), 40, 200, 1, null).withAborts(50), null);
        assertThat(r.clients().aborted()).isEqualTo(20);
        assertThat(r.divergences()).as("divergences").isEmpty();
        assertThat(r.divergenceCount()).isZero();
        if (mode.usesEpoll()) assertThat(r.closed().model()).isEqualTo(r.closed().real()).hasSize(2);
    }

    @Test
    void aSoftFdLimitTooLowIsRaisedToTheHardOne() throws Exception {
        Memory rl = new Memory(LinuxSyscalls.RLIMIT_SIZE);
        assertThat(LinuxSyscalls.getrlimit(LinuxSyscalls.RLIMIT_NOFILE, rl)).isZero();
        long soft = rl.getLong(LinuxSyscalls.RLIMIT_CUR);
        long hard = rl.getLong(LinuxSyscalls.RLIMIT_MAX);
        assumeTrue(hard >= 2 * 1000 + 2000, "the hard fd limit is " + hard + ", too low to try 1,000 clients");
        long open;
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            open = fds.count();
        }
        try {
            rl.setLong(LinuxSyscalls.RLIMIT_CUR, open + 200);
            assertThat(LinuxSyscalls.setrlimit(LinuxSyscalls.RLIMIT_NOFILE, rl)).isZero();
            assertThat(LiveLoad.makeRoomFor(1000)).isNull();
            assertThat(LinuxSyscalls.getrlimit(LinuxSyscalls.RLIMIT_NOFILE, rl)).isZero();
            assertThat(rl.getLong(LinuxSyscalls.RLIMIT_CUR)).isEqualTo(hard);
            assertThat(LiveLoad.makeRoomFor((int) Math.min(Integer.MAX_VALUE / 4, hard))).contains("the hard limit of open files is " + hard);
        } finally {
            rl.setLong(LinuxSyscalls.RLIMIT_CUR, soft);
            rl.setLong(LinuxSyscalls.RLIMIT_MAX, hard);
            LinuxSyscalls.setrlimit(LinuxSyscalls.RLIMIT_NOFILE, rl);
        }
    }
}
