package org.pollscope.probe.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
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
}
