package org.pollscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pollscope.kernel.KernelDump;
import org.pollscope.kernel.program.ProgramStepper;
import org.pollscope.kernel.program.Programs;
import org.pollscope.kernel.program.Workload;
import org.pollscope.kernel.scenario.ScenarioParser;
import org.pollscope.kernel.scenario.ScenarioStepper;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Steps at any depth in the window: a program of 10,000 clients stepped forward and back, a
 * 100,001-line scenario opened at its last step, and a long jump shown with its progress and
 * cancelled, all run off the JavaFX thread, the window showing what a fresh replay gives.
 */
@ExtendWith(ApplicationExtension.class)
class DeepStepViewTest {
    MainViewModel model;
    MainView view;

    @Start
    void start(Stage stage) {
        model = new MainViewModel();
        view = MainWindow.show(stage, model, 1024, 768);
    }

    private void idle(long seconds) throws Exception {
        MainWindow.idle(view, seconds);
    }

    private String shownDump() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> KernelDump.of(view.step().kernelProperty().get())).get();
    }

    @Test
    void aProgramOfTenThousandClientsStepsForwardAndBack(FxRobot robot) throws Exception {
        Workload w = Workload.of(10_000, 100, 1.0, 1);
        robot.interact(() -> model.openProgram(Programs.byName("epoll-lt"), w));
        idle(60);
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#step-forward");
            idle(60);
        }
        assertThat(view.step().positionProperty().get()).isEqualTo(3);
        robot.interact(() -> view.step().goToInBackground(2_000, null));
        idle(120);
        assertThat(view.step().positionProperty().get()).isEqualTo(2_000);
        robot.clickOn("#step-back");
        idle(60);
        assertThat(view.step().positionProperty().get()).isEqualTo(1_999);
        // what the window shows is what a fresh replay to that step gives
        ProgramStepper fresh = new ProgramStepper(Programs.byName("epoll-lt"), w);
        fresh.goTo(1_999);
        assertThat(shownDump()).isEqualTo(KernelDump.of(fresh.kernel()));
        assertThat(view.step().kernelProperty().get().eventPolls().get(0).interestList().size()).isGreaterThan(500);
        assertThat(view.canvas().drawnNodes()).isGreaterThan(0);
        robot.clickOn("#step-forward");
        idle(60);
        assertThat(view.step().positionProperty().get()).isEqualTo(2_000);
        // the run's end is not found yet: the counter says "at least"
        assertThat(robot.lookup("#step-position").queryAs(Label.class).getText()).isEqualTo("2,000 / ≥2,000");
        // the log holds the steps of the current block only, and says so
        assertThat(robot.lookup("#log-range").queryAs(Label.class).getText()).startsWith("Steps 1,985 to 2,000: ");
    }

    @Test
    void aHundredThousandLineScenarioOpensAtItsLastStep(@TempDir Path dir, FxRobot robot) throws Exception {
        StringBuilder sb = new StringBuilder("a, b = socketpair()\n");
        for (int i = 0; i < 50_000; i++) sb.append("write(a, 1)  => 1\nread(b, 1)  => 1 \"x\"\n");
        Path file = dir.resolve("long.scn");
        Files.writeString(file, sb);
        // how long it takes is measured by LongScenarioBenchmark (docs/benchmarks.md), not here
        robot.interact(() -> {
            model.open(file);
            view.step().goToInBackground(100_001, null);
        });
        idle(30);
        assertThat(view.step().positionProperty().get()).isEqualTo(100_001);
        assertThat(robot.lookup("#step-position").queryAs(Label.class).getText()).isEqualTo("100,001 / 100,001");
        assertThat(view.step().statementProperty().get()).contains("100001");
        ScenarioStepper fresh = new ScenarioStepper(ScenarioParser.parse(file));
        fresh.goTo(100_001);
        assertThat(shownDump()).isEqualTo(KernelDump.of(fresh.kernel()));
        // and back one step, at once
        robot.clickOn("#step-back");
        idle(10);
        assertThat(view.step().positionProperty().get()).isEqualTo(100_000);
    }

    @Test
    void aLongJumpShowsItsProgressAndCanBeCancelled(FxRobot robot) throws Exception {
        // ten simulated minutes of the select server: far more steps than a quarter of a second runs
        Workload w = Workload.of(200, 20, 600.0, 1);
        robot.interact(() -> model.openProgram(Programs.byName("select"), w));
        idle(60);
        robot.interact(() -> view.step().goToInBackground(5_000_000, null));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.step().job().shownProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#step-busy").queryAs(Label.class).getText()).startsWith("Going to step 5,000,000: at step ");
        assertThat(robot.lookup("#step-forward").queryAs(Button.class).isDisable()).isTrue();
        Button cancel = robot.lookup("#step-cancel").queryAs(Button.class);
        assertThat(cancel.isVisible()).isTrue();
        robot.clickOn("#step-cancel");
        idle(20);
        int reached = view.step().positionProperty().get();
        assertThat(reached).isBetween(1, 4_999_999);
        assertThat(robot.lookup("#step-busy-row").query().isVisible()).isFalse();
        assertThat(robot.lookup("#step-forward").queryAs(Button.class).isDisable()).isFalse();
        // the step it stopped at is the state a fresh replay gives
        ProgramStepper fresh = new ProgramStepper(Programs.byName("select"), w);
        fresh.goTo(reached);
        assertThat(shownDump()).isEqualTo(KernelDump.of(fresh.kernel()));
        robot.clickOn("#step-forward");
        idle(20);
        assertThat(view.step().positionProperty().get()).isEqualTo(reached + 1);
    }
}
