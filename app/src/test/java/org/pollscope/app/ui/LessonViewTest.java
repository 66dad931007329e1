package org.pollscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pollscope.app.ui.lesson.LessonPlayer;
import org.pollscope.lessons.LessonEngine;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The course in the window, as a student and a teacher use it: clicks, not calls. */
@ExtendWith(ApplicationExtension.class)
class LessonViewTest {
    MainViewModel model;
    MainView view;

    @Start
    void start(Stage stage) {
        model = new MainViewModel();
        view = MainWindow.show(stage, model, 1280, 800);
    }

    @Test
    void theWindowOpensOnTheCourse(FxRobot robot) {
        TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("tab-course");
        assertThat(robot.lookup("#lesson-lt-vs-et").queryAs(Button.class).getText()).contains("Level-triggered");
        assertThat(robot.lookup("#course-gallery").queryParent().getChildrenUnmodifiable()).isNotEmpty();
    }

    @Test
    void aStudentWalksALessonToItsEndAnsweringWrongThenRight(FxRobot robot) {
        robot.clickOn("#lesson-lt-vs-et");
        LessonPlayer p = view.lesson();
        assertThat(robot.lookup("#lesson-position").queryAs(Label.class).getText()).isEqualTo("1 / " + p.stepsProperty().get());
        boolean wrongTried = false;
        while (true) {
            if (p.hasCheckpointProperty().get() && !p.answeredProperty().get()) {
                assertThat(robot.lookup("#lesson-next").queryAs(Button.class).isDisable()).as("Next waits for the answer").isTrue();
                LessonEngine.Option wrong = p.options().stream().filter(o -> o.belief() != null).findFirst().orElseThrow();
                robot.clickOn("#lesson-option-" + p.options().indexOf(wrong));
                assertThat(robot.lookup("#lesson-feedback").queryAs(Label.class).getText()).contains(wrong.belief());
                assertThat(p.answeredProperty().get()).isFalse();
                wrongTried = true;
                LessonEngine.Option right = p.options().stream().filter(o -> o.belief() == null).findFirst().orElseThrow();
                robot.clickOn("#lesson-option-" + p.options().indexOf(right));
                assertThat(p.answeredProperty().get()).isTrue();
                assertThat(robot.lookup("#lesson-feedback").queryAs(Label.class).getText()).startsWith("Right");
            }
            Button next = robot.lookup("#lesson-next").queryAs(Button.class);
            if (next.isDisable()) break;
            robot.clickOn(next);
        }
        assertThat(wrongTried).isTrue();
        assertThat(p.stepProperty().get()).isEqualTo(p.stepsProperty().get() - 1);
        robot.clickOn("#lesson-leave");
        assertThat(robot.lookup("#lesson-lt-vs-et").queryAs(Button.class).getText()).contains("step " + p.stepsProperty().get());
    }

    @Test
    void theTeacherDrivesThePresenterWindow(FxRobot robot) {
        robot.clickOn("#lesson-inside-epoll");
        robot.clickOn("#lesson-teacher");
        LessonPlayer p = view.lesson();
        assertThat(p.teacherProperty().get()).isTrue();
        robot.clickOn("#lesson-present");
        WaitForAsyncUtils.waitForFxEvents();
        var presenter = view.lessonView().presenter();
        assertThat(presenter.stage().isShowing()).isTrue();
        assertThat(presenter.title()).startsWith("Step 1 / ");
        // teacher mode: the answer is the teacher's at once, so Next goes on, and the projector follows
        robot.interact(() -> {
            p.next();
            p.next();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(presenter.title()).startsWith("Step 3 / ");
        // the room has not seen it: the kernel waits before the predicted call until the teacher reveals it
        assertThat(p.hasCheckpointProperty().get()).isTrue();
        assertThat(p.answeredProperty().get()).isFalse();
        assertThat(p.canNextProperty().get()).isTrue();
        assertThat(robot.lookup("#lesson-feedback").queryAs(Label.class).getText()).startsWith("For you: the model gives ");
        assertThat(robot.lookup(".lesson-option-right").queryAll()).hasSize(1);
        int right = p.options().indexOf(p.options().stream().filter(o -> o.belief() == null).findFirst().orElseThrow());
        // the presenter window lies over the teacher's: the button is pressed, not clicked at its place on the screen
        Button rightButton = robot.lookup("#lesson-option-" + right).queryAs(Button.class);
        robot.interact(rightButton::fire);
        assertThat(p.answeredProperty().get()).isTrue();
        // the presenter draws the same kernel as the player: the same tree
        // (a canvas draws on its frames: the presenter's, in a window of its own, may take one more to lay out)
        try {
            WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS,
                () -> presenter.canvas().drawnNodes() > 0 && presenter.canvas().drawnNodes() == view.lessonView().canvas().drawnNodes());
        } catch (java.util.concurrent.TimeoutException e) {
            // the assertion below says what differs
        }
        assertThat(presenter.canvas().drawnNodes()).isEqualTo(view.lessonView().canvas().drawnNodes()).isPositive();
        robot.interact(() -> presenter.stage().hide());
    }
}
