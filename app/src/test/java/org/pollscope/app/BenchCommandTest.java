package org.pollscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.pollscope.probe.LinuxSyscalls;

class BenchCommandTest {

    @Test
    void nBelowOneIsExit2() {
        MainCommandTest.Result r = MainCommandTest.run("bench", "--fds", "0");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--fds").contains("at least 1").doesNotContain("Exception");
    }

    @Test
    void moreActiveThanNIsExit2() {
        MainCommandTest.Result r = MainCommandTest.run("bench", "--fds", "10", "--active", "11");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--active 11 is greater than N=10");
    }

    @Test
    void unknownMethodIsExit2() {
        MainCommandTest.Result r = MainCommandTest.run("bench", "--methods", "poll,kqueue");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("unknown method 'kqueue'");
    }

    @Test
    void csvHasTheColumnsInOrderAndARowPerMethod() {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel: " + LinuxSyscalls.UNAVAILABLE);
        MainCommandTest.Result r = MainCommandTest.run("bench", "--fds", "10", "--writes", "20", "--runs", "2", "--format", "csv");
        assertThat(r.status()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).isEqualTo("method,fds,active,writes,runs,per_event_us_median,per_event_us_p95,setup_us_median");
        assertThat(lines).hasSize(5);
        assertThat(lines[1]).startsWith("select,10,1,20,2,");
        assertThat(lines[4]).startsWith("epoll-et,10,1,20,2,");
    }
}
