package org.pollscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class StepViewTest {
    MainViewModel model;
    MainView view;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        model = new MainViewModel();
        view = MainWindow.show(stage, model, 1200, 760);
    }

    @Test
    void steppingForwardAndBackThroughTheButtons(FxRobot robot) throws Exception {
        Path f = Files.writeString(dir.resolve("s.scn"), "a, b = socketpair()\nep = epoll_create1(0)\n"
            + "epoll_ctl(ep, ADD, a, EPOLLIN) => 0\nwrite(b, \"x\") => 1\n");
        robot.interact(() -> model.open(f));
        assertThat(robot.lookup("#step-position").queryAs(Label.class).getText()).isEqualTo("0 / 4");
        for (int i = 0; i < 4; i++) robot.clickOn("#step-forward");
        assertThat(robot.lookup("#step-position").queryAs(Label.class).getText()).isEqualTo("4 / 4");
        assertThat(robot.lookup("#explanation").queryAs(Label.class).getText()).contains("ep_poll_callback");
        @SuppressWarnings("unchecked")
        ListView<String> log = robot.lookup("#syscall-log").queryAs(ListView.class);
        assertThat(log.getItems()).hasSize(4).last().asString().contains("write = 1");
        @SuppressWarnings("unchecked")
        ListView<org.pollscope.app.ui.kernel.ListingLine> listing = robot.lookup("#listing").queryAs(ListView.class);
        assertThat(listing.getSelectionModel().getSelectedIndex()).isEqualTo(3);
        robot.clickOn("#step-back");
        assertThat(robot.lookup("#step-position").queryAs(Label.class).getText()).isEqualTo("3 / 4");
        assertThat(log.getItems()).hasSize(3);
        assertThat(robot.lookup("#step-statement").queryAs(Label.class).getText()).startsWith("line 3: epoll_ctl");
    }

    @Test
    void playStepsToTheEndByItself(FxRobot robot) throws Exception {
        Path f = Files.writeString(dir.resolve("p.scn"), "a, b = socketpair()\nwrite(b, \"x\") => 1\nread(a, 1) => 1 \"x\"\n");
        robot.interact(() -> model.open(f));
        robot.interact(() -> robot.lookup("#step-speed").queryAs(javafx.scene.control.Slider.class).setValue(10));
        robot.clickOn("#step-play");
        org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
            () -> view.step().positionProperty().get() == 3);
        org.testfx.util.WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> !view.playing());
        assertThat(robot.lookup("#step-position").queryAs(Label.class).getText()).isEqualTo("3 / 3");
    }

    @Test
    void aFailingExpectationIsMarkedOnItsLineAndCountedAsItsStepRuns(FxRobot robot) throws Exception {
        Path f = Path.of("../docs/screenshots/wrong-prediction.scn");
        robot.interact(() -> model.open(f));
        for (int i = 0; i < 6; i++) robot.clickOn("#step-forward");
        // line 10 predicts => 0; level-triggered, the model reports the unread byte again
        @SuppressWarnings("unchecked")
        ListView<org.pollscope.app.ui.kernel.ListingLine> listing = robot.lookup("#listing").queryAs(ListView.class);
        assertThat(listing.getItems().get(listing.getSelectionModel().getSelectedIndex()).number()).isEqualTo("10");
        assertThat(robot.lookup(".listing-verdict").queryAllAs(Label.class)).extracting(Label::getText).contains("✗", "✓");
        assertThat(robot.lookup(".listing-note").queryAllAs(Label.class)).extracting(Label::getText)
            .containsExactly("the model returned 1 [a: EPOLLIN]");
        assertThat(robot.lookup("#step-verdicts").queryAs(Label.class).getText()).isEqualTo("predictions: 3 met ✓, 1 not met ✗");
        assertThat(robot.lookup("#explanation").queryAs(Label.class).getText())
            .startsWith("✗ line 10, epoll_wait(ep, 8, 0): predicted => 0, but the model returned 1 [a: EPOLLIN]");
        // the listing is the file: its comments too
        assertThat(listing.getItems().get(1).text()).startsWith("# A student predicts");
    }
}
