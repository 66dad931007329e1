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
        assertThat(r.err()).contains("--fds: N must be 1 to ").contains("found 0").doesNotContain("Exception");
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

    @Test
    void theLoopsRunOnTheirOwnFileTableUnlessToldToShareAndLeaveNoFdEitherWay() {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel: " + LinuxSyscalls.UNAVAILABLE);
        long fds = org.pollscope.probe.Bench.openFds();
        for (boolean shared : new boolean[] {false, true}) {
            MainCommandTest.Result r = shared
                ? MainCommandTest.run("bench", "--fds", "30", "--writes", "20", "--runs", "2", "--methods", "poll", "--format", "csv", "--shared-fd-table")
                : MainCommandTest.run("bench", "--fds", "30", "--writes", "20", "--runs", "2", "--methods", "poll", "--format", "csv");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out().split("\n")[1]).startsWith("poll,30,1,20,2,");
            // told only when the own table was asked for and could not be had
            assertThat(r.err()).doesNotContain("share the JVM's file table");
            assertThat(org.pollscope.probe.Bench.openFds()).as("fds after shared=" + shared).isEqualTo(fds);
        }
    }

    @Test
    void aHugeNIsRefusedWithTheLargestAcceptedNotRunSmallerWithExit0() {
        MainCommandTest.Result r = MainCommandTest.run("bench", "--fds", "2000000000");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("pollscope bench: --fds: N must be 1 to 524288 ").contains("found 2000000000")
            .doesNotContain("-294967296").doesNotContain("running N=");
        assertThat(MainCommandTest.run("bench", "--fds", "524289").status()).isEqualTo(2);
        assertThat(MainCommandTest.run("bench", "--fds", "99999999999").err()).contains("--fds").doesNotContain("Exception");
    }

    @Test
    void tooManyWritesOrRunsAreRefused() {
        assertThat(MainCommandTest.run("bench", "--writes", "2000000000").err()).contains("--writes must be 0 to 100000000");
        assertThat(MainCommandTest.run("bench", "--runs", "2000000000").err()).contains("--runs must be 1 to 100000");
    }

    @Test
    void benchFramesRefusesCountsOutOfRangeBeforeStartingJavaFx() {
        for (String[] bad : new String[][] {{"--items", "-5"}, {"--items", "2147483647"}, {"--frames", "0"}, {"--frames-per-step", "0"}}) {
            MainCommandTest.Result r = MainCommandTest.run("bench-frames", bad[0], bad[1]);
            assertThat(r.status()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(r.err()).startsWith("pollscope bench-frames: " + bad[0] + " must be 1 to ").doesNotContain("Exception");
        }
    }
}
