package org.pollscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pollscope.app.ui.lesson.LessonPlayer;
import org.pollscope.lessons.Course;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every step of every lesson, in both languages, at 1024x768 in the projector theme (the
 * largest type in the smallest window): the story pane is never wider than its view, so no
 * line of the narrative is cut at its right edge. A wide child (an option, the Try it title)
 * once held it wider, and the text was laid out past the view.
 */
@ExtendWith(ApplicationExtension.class)
class LessonFitTest {
    MainView view;

    @Start
    void start(Stage stage) {
        view = MainWindow.show(stage, new MainViewModel(), 1024, 768);
    }

    @Test
    void noStepOfAnyLessonIsWiderThanTheStoryPane(FxRobot robot) {
        robot.interact(() -> view.applyTheme("projector"));
        Course course = Course.builtIn();
        List<String> wide = new ArrayList<>();
        int checked = 0;
        for (String id : course.ids()) {
            for (String lang : course.languages(id)) {
                robot.interact(() -> {
                    view.openLesson(course.lesson(id, lang));
                    view.lesson().setTeacher(true); // notes and the answer shown: the most text a step has
                });
                LessonPlayer p = view.lesson();
                int steps = p.stepsProperty().get();
                for (int k = 0; k < steps; k++) {
                    int step = k;
                    robot.interact(() -> p.jump(step));
                    WaitForAsyncUtils.waitForFxEvents();
                    double[] w = new double[2];
                    robot.interact(() -> {
                        ScrollPane sp = robot.lookup("#lesson-story").queryAs(ScrollPane.class);
                        sp.layout();
                        w[0] = ((Region) sp.getContent()).getWidth();
                        w[1] = sp.getViewportBounds().getWidth();
                    });
                    if (w[0] > w[1] + 0.5) wide.add(id + " " + lang + " step " + (step + 1) + ": " + w[0] + " > " + w[1]);
                    checked++;
                }
            }
        }
        assertThat(wide).as("steps wider than the story pane").isEmpty();
        assertThat(checked).isGreaterThan(200);
    }
}
