package org.pollscope.app.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompareViewModelTest {

    private static double work(List<CompareViewModel.Point> pts, String program, int idle) {
        return pts.stream().filter(p -> p.program().equals(program) && p.idle() == idle).findFirst().orElseThrow().workPerCall();
    }

    @Test
    void scanningServersPayForIdleClientsAndEpollDoesNot() {
        CompareViewModel vm = new CompareViewModel();
        vm.sweepProperty().set("10,300");
        vm.activeProperty().set(5);
        List<CompareViewModel.Point> pts = vm.measure(p -> { }, () -> false, p -> { });
        assertThat(work(pts, "poll", 300)).isGreaterThan(5 * work(pts, "poll", 10));
        assertThat(work(pts, "select", 300)).isGreaterThan(5 * work(pts, "select", 10));
        assertThat(work(pts, "epoll-lt", 300)).isLessThan(1.5 * work(pts, "epoll-lt", 10));
    }

    @Test
    void selectIsLeftOutWhereFdsPassFdSetSize() {
        CompareViewModel vm = new CompareViewModel();
        vm.sweepProperty().set("1030");
        vm.activeProperty().set(2);
        List<CompareViewModel.LeftOut> left = new java.util.ArrayList<>();
        List<CompareViewModel.Point> pts = vm.measure(p -> { }, () -> false, p -> { }, left::add);
        assertThat(pts).extracting(CompareViewModel.Point::program).containsExactly("poll", "epoll-lt");
        assertThat(left).containsExactly(new CompareViewModel.LeftOut("select", 1030, 1032));
        left.forEach(vm::addLeftOut);
        assertThat(vm.leftOutNote()).startsWith("select is left out at 1030 idle clients: ");
    }

    @Test
    void selectServesUpToTheHighestFdAnFdSetHolds() {
        // the listener is fd 0 and the n-th client fd n: fd 1023 is the last bit of an fd_set
        assertThat(CompareViewModel.selectRefused(1023)).isFalse();
        assertThat(CompareViewModel.selectRefused(1024)).isTrue();
        assertThat(CompareViewModel.selectFds(1023)).isEqualTo(1024);
    }

    @Test
    void badSweepIsExplained() {
        CompareViewModel vm = new CompareViewModel();
        vm.sweepProperty().set("10,x");
        assertThat(vm.validate()).startsWith("idle clients: expected numbers");
    }
}
