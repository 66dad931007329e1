package org.pollscope.app.ui.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pollscope.app.ui.MainView;
import org.pollscope.app.ui.MainViewModel;
import org.pollscope.app.ui.MainWindow;
import org.pollscope.app.ui.lesson.LessonPlayer;
import org.pollscope.lessons.Course;
import org.pollscope.lessons.LessonEngine;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * While a checkpoint waits for the student, the kernel view does not show its answer: what the
 * ready item would report now (ep_item_poll) is the next epoll_wait's result. The lesson
 * "hangups", step 3: the RST is in, sa is on the ready list with EPOLLIN|EPOLLERR|EPOLLHUP.
 */
@ExtendWith(ApplicationExtension.class)
class OutcomeHiddenTest {
    private static final String ANSWER = "EPOLLIN|EPOLLERR|EPOLLHUP";
    MainView view;

    @Start
    void start(Stage stage) {
        view = MainWindow.show(stage, new MainViewModel(), 1280, 800);
    }

    private static void answer(FxRobot robot, LessonPlayer p) {
        LessonEngine.Option right = p.options().stream().filter(o -> o.belief() == null).findFirst().orElseThrow();
        // pressed, not clicked at its place: the presenter window may lie over it
        javafx.scene.control.Button b = robot.lookup("#lesson-option-" + p.options().indexOf(right)).queryAs(javafx.scene.control.Button.class);
        robot.interact(b::fire);
    }

    /**
     * The texts of {@code c}'s last whole frame once {@code done} holds of them, read on the
     * JavaFX thread (a canvas draws on its animation's frames; a read between two would see a
     * frame half drawn). Fails with the last texts when it does not hold within 5 s.
     */
    private static List<String> textsOnceThey(KernelCanvas c, Predicate<List<String>> done) throws Exception {
        List<String> last = List.of();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        do {
            WaitForAsyncUtils.waitForFxEvents();
            last = WaitForAsyncUtils.asyncFx(c::drawnTexts).get();
            if (done.test(last)) return last;
            Thread.sleep(20);
        } while (System.nanoTime() < until);
        return last;
    }

    @Test
    void theReadyListHidesWhatItsItemsReportUntilTheAnswerAndTheProjectorUntilTheTeacherReveals(FxRobot robot) throws Exception {
        robot.interact(() -> view.openLesson(Course.builtIn().lesson("hangups", "en")));
        LessonPlayer p = view.lesson();
        while (p.stepProperty().get() < 2) {
            answer(robot, p);
            robot.interact(p::next);
        }
        KernelCanvas canvas = view.lessonView().canvas();
        assertThat(p.hasCheckpointProperty().get()).isTrue();
        assertThat(p.answeredProperty().get()).isFalse();
        assertThat(textsOnceThey(canvas, t -> t.contains("?"))).as("before the answer").doesNotContain(ANSWER).contains("?")
            .anyMatch(t -> t.endsWith("what each reports is hidden until you answer"));
        // teacher mode shows it on the teacher's screen, not on the projector until revealed
        robot.clickOn("#lesson-teacher");
        robot.clickOn("#lesson-present");
        assertThat(textsOnceThey(canvas, t -> t.contains(ANSWER))).as("teacher mode").contains(ANSWER);
        KernelCanvas projector = view.lessonView().presenter().canvas();
        assertThat(textsOnceThey(projector, t -> t.contains("?"))).as("projector before the reveal").doesNotContain(ANSWER).contains("?");
        // the teacher reveals it by choosing the right option
        answer(robot, p);
        assertThat(p.answeredProperty().get()).isTrue();
        // level-triggered: after the epoll_wait the item is back on rdllist, and now its events show
        assertThat(textsOnceThey(canvas, t -> t.contains(ANSWER) && !t.contains("?"))).as("after the answer")
            .contains(ANSWER).doesNotContain("?");
        assertThat(textsOnceThey(projector, t -> t.contains(ANSWER) && !t.contains("?"))).as("projector after the answer")
            .contains(ANSWER).doesNotContain("?");
        robot.interact(() -> view.lessonView().presenter().stage().close());
    }
}
