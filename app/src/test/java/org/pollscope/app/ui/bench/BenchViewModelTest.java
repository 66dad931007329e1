package org.pollscope.app.ui.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pollscope.probe.LinuxSyscalls;

class BenchViewModelTest {
    @TempDir
    Path dir;

    @Test
    void settingsAreCheckedBeforeAnythingRuns() {
        BenchViewModel vm = new BenchViewModel();
        vm.fdsProperty().set("100,abc");
        assertThat(vm.validate()).startsWith("N: expected numbers");
        vm.fdsProperty().set("0");
        assertThat(vm.validate()).isEqualTo("N must be at least 1, found 0");
        vm.fdsProperty().set("10");
        vm.activeProperty().set(11);
        assertThat(vm.validate()).isEqualTo("A (11) is greater than N (10)");
        vm.activeProperty().set(1);
        for (String m : org.pollscope.kernel.ModelBench.METHODS) vm.setMethod(m, false);
        assertThat(vm.validate()).isEqualTo("choose at least one method");
    }

    @Test
    void measuresEveryMethodWithTheModelBesideItAndExportsCsv() throws Exception {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel: " + LinuxSyscalls.UNAVAILABLE);
        BenchViewModel vm = new BenchViewModel();
        vm.fdsProperty().set("10,20");
        vm.writesProperty().set(30);
        vm.runsProperty().set(2);
        List<Double> progress = new ArrayList<>();
        List<BenchViewModel.Result> rs = vm.measure(progress::add, () -> false);
        assertThat(rs).hasSize(8);
        assertThat(rs).allSatisfy(r -> assertThat(r.modelUnits()).isPositive());
        assertThat(progress).isSortedAccordingTo(Double::compare).last().isEqualTo(1.0);
        vm.show(rs);
        Path csv = dir.resolve("b.csv");
        vm.exportCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).endsWith(",model_units_per_event");
        assertThat(lines).hasSize(9);
    }

    @Test
    void cancelStopsTheWork() {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel: " + LinuxSyscalls.UNAVAILABLE);
        BenchViewModel vm = new BenchViewModel();
        vm.fdsProperty().set("10");
        vm.writesProperty().set(10);
        assertThatThrownBy(() -> vm.measure(p -> { }, () -> true)).isInstanceOf(CancellationException.class);
    }

    @Test
    void theNoteNamesEveryNWhereSelectWasLeftOut() {
        BenchViewModel vm = new BenchViewModel();
        assertThat(vm.leftOutNote()).isEmpty();
        vm.addLeftOut(new BenchViewModel.LeftOut("select", 1000, 2012));
        vm.addLeftOut(new BenchViewModel.LeftOut("select", 8000, 16012));
        assertThat(vm.leftOutNote()).isEqualTo("select is left out at N = 1000, 8000: it would watch fd 2012 and up, past the 1024"
            + " bits of an fd_set (FD_SETSIZE: fds 0 to 1023 only).");
    }
}
