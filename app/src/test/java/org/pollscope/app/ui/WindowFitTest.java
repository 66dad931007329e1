package org.pollscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pollscope.lessons.Course;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * At the sizes of a classroom's screens and projectors, in the light and projector themes and
 * in both languages, every button of the Scenario tab's and the lesson player's toolbars and
 * their step counters show their whole text: none is elided, none squeezed, none off the window.
 */
@ExtendWith(ApplicationExtension.class)
class WindowFitTest {
    static final Path SCENARIO = Path.of("../kernel-model/src/test/resources/scenarios/exclusive-wakes-one-waiter.scn");
    static final List<String> SCENARIO_BAR = List.of("#step-back", "#step-forward", "#step-reset", "#step-play", "#step-position");
    static final List<String> LESSON_BAR = List.of("#lesson-leave", "#lesson-back", "#lesson-next", "#lesson-position",
        "#lesson-teacher", "#lesson-present");

    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.show();
    }

    @Test
    void everyToolbarButtonAndCounterShowsItsWholeText(FxRobot robot) {
        List<String> cut = new ArrayList<>();
        int checked = 0;
        for (int[] size : new int[][] {{1024, 768}, {1280, 800}}) {
            for (String theme : List.of("light", "projector")) {
                for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                    String where = size[0] + "x" + size[1] + " " + theme + " " + locale;
                    MainViewModel model = new MainViewModel(Messages.of(locale));
                    MainView[] view = new MainView[1];
                    robot.interact(() -> {
                        view[0] = new MainView(model, Messages.of(locale));
                        view[0].applyTheme(theme);
                        stage.setScene(new Scene(view[0].root(), size[0], size[1]));
                        assertThat(model.open(SCENARIO)).isTrue();
                        view[0].step().goTo(21); // a long statement in the status: line 28, write(b, "z") => 1
                    });
                    WaitForAsyncUtils.waitForFxEvents();
                    checked += check(robot, where + " scenario", SCENARIO_BAR, size[0], cut);
                    robot.interact(() -> {
                        String lang = locale == Locale.ENGLISH ? "en" : "zh";
                        view[0].openLesson(Course.builtIn().lesson("lt-vs-et", lang));
                        view[0].lesson().setTeacher(true);
                    });
                    WaitForAsyncUtils.waitForFxEvents();
                    checked += check(robot, where + " lesson", LESSON_BAR, size[0], cut);
                }
            }
        }
        assertThat(cut).as("labels cut short").isEmpty();
        assertThat(checked).isEqualTo(8 * (SCENARIO_BAR.size() + LESSON_BAR.size()));
    }

    /** Counts the labels checked; adds to {@code cut} each that does not show its whole text. */
    private int check(FxRobot robot, String where, List<String> ids, double windowWidth, List<String> cut) {
        int[] n = {0};
        robot.interact(() -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            for (String id : ids) {
                Labeled l = robot.lookup(id).queryAs(Labeled.class);
                Node shown = l.lookup(".text");
                String text = shown instanceof Text t ? t.getText() : null;
                Bounds b = l.localToScene(l.getBoundsInLocal());
                if (!l.getText().equals(text) || l.getWidth() + 0.5 < l.prefWidth(-1) || b.getMaxX() > windowWidth + 0.5 || !l.isVisible()) {
                    cut.add(where + " " + id + ": \"" + l.getText() + "\" shown as \"" + text + "\", " + Math.round(l.getWidth()) + " of "
                        + Math.round(l.prefWidth(-1)) + " px, right edge at " + Math.round(b.getMaxX()));
                }
                n[0]++;
            }
        });
        return n[0];
    }
}
