package org.pollscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pollscope.app.ui.lesson.LessonProgress;
import org.pollscope.lessons.Course;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A broken lesson file in the window: its place and problem on the start page, the others still there and playable. */
@ExtendWith(ApplicationExtension.class)
class BrokenLessonViewTest {
    MainView view;

    @Start
    void start(Stage stage) {
        try {
            Path dir = Files.createTempDirectory("course");
            Files.createDirectories(dir.resolve("en"));
            Files.writeString(dir.resolve("index.txt"), "lt-vs-et\nbroken\n");
            Files.writeString(dir.resolve("en/lt-vs-et.md"), Course.builtIn().lesson("lt-vs-et", "en") == null ? ""
                : new String(Course.class.getResourceAsStream("/org/pollscope/lessons/en/lt-vs-et.md").readAllBytes()));
            Files.writeString(dir.resolve("en/broken.md"), "---\nid: broken\ntitle: Broken\nlevel: easy\nminutes: 10\n---\n");
            view = new MainView(new MainViewModel(), Messages.of(Locale.ENGLISH), Course.of(dir), LessonProgress.inMemory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stage.setScene(new Scene(view.root(), 1024, 768));
        stage.show();
    }

    @Test
    void theStartPageNamesTheBrokenFileAndTheOthersStillPlay(FxRobot robot) {
        assertThat(robot.lookup(".error-bar").queryAllAs(Label.class)).anyMatch(l -> l.getText().matches("en/broken\\.md:\\d+: .*"));
        robot.clickOn("#lesson-lt-vs-et");
        assertThat(view.lesson().lesson().id()).isEqualTo("lt-vs-et");
        assertThat(robot.lookup("#lesson-next").queryAs(Button.class)).isNotNull();
    }
}
