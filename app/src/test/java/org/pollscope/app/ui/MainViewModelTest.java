package org.pollscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainViewModelTest {
    @TempDir
    Path dir;

    @Test
    void malformedScenarioShowsPositionedErrorAndKeepsTheLoadedOne() throws Exception {
        Path good = Files.writeString(dir.resolve("good.scn"), "@title \"ok\"\na, b = socketpair()\nwrite(b, \"x\") => 1\n");
        Path bad = Files.writeString(dir.resolve("bad.scn"), "a, b = socketpair()\nepoll_wait(a, 8\n");
        MainViewModel vm = new MainViewModel();
        assertThat(vm.open(good)).isTrue();
        assertThat(vm.open(bad)).isFalse();
        assertThat(vm.errorProperty().get()).startsWith(bad + ":2:").contains("expected");
        assertThat(vm.fileProperty().get()).isEqualTo(good);
        assertThat(vm.scenarioProperty().get().title()).isEqualTo("ok");
        assertThat(vm.titleProperty().get()).contains("good.scn");
    }

    @Test
    void openingAGoodScenarioClearsTheErrorAndRunsOnTheModel() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.scn"), "frob()\n");
        Path good = Files.writeString(dir.resolve("good.scn"), "a, b = socketpair()\nwrite(b, \"hi\") => 2\nread(a, 8) => 2 \"hi\"\n");
        MainViewModel vm = new MainViewModel();
        vm.open(bad);
        assertThat(vm.errorProperty().get()).contains("bad.scn:1:1: unknown call 'frob'");
        assertThat(vm.open(good)).isTrue();
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.runOnModel()).contains("model: 2 \"hi\"").endsWith("2 passed, 0 failed\n");
    }

    @Test
    void missingFileIsAnErrorNotAnException() {
        MainViewModel vm = new MainViewModel();
        assertThat(vm.open(dir.resolve("nope.scn"))).isFalse();
        assertThat(vm.errorProperty().get()).contains("nope.scn").contains("cannot be read");
    }
}
