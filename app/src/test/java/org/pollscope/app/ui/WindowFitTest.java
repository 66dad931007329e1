package org.pollscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Cell;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
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
 * their step counters show their whole text: none is elided, none squeezed, none off the window;
 * and no text of any tab is elided.
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

    /** One window of the classroom: its size, theme and language, and where a failure is. */
    record Window(MainView view, MainViewModel model, int width, Locale locale, String where) {}

    /** A fresh window, with SCENARIO open, at each size, in each theme and language, given to {@code each}. */
    private void eachWindow(FxRobot robot, java.util.function.Consumer<Window> each) {
        for (int[] size : new int[][] {{1024, 768}, {1280, 800}}) {
            for (String theme : List.of("light", "projector")) {
                for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                    MainViewModel model = new MainViewModel(Messages.of(locale));
                    MainView[] view = new MainView[1];
                    robot.interact(() -> {
                        view[0] = new MainView(model, Messages.of(locale));
                        view[0].applyTheme(theme);
                        stage.setScene(new Scene(view[0].root(), size[0], size[1]));
                        assertThat(model.open(SCENARIO)).isTrue();
                    });
                    each.accept(new Window(view[0], model, size[0], locale, size[0] + "x" + size[1] + " " + theme + " " + locale));
                }
            }
        }
    }

    @Test
    void everyToolbarButtonAndCounterShowsItsWholeText(FxRobot robot) {
        List<String> cut = new ArrayList<>();
        int[] checked = {0};
        eachWindow(robot, w -> {
            robot.interact(() -> w.view().step().goTo(21)); // a long statement in the status: line 28, write(b, "z") => 1
            WaitForAsyncUtils.waitForFxEvents();
            checked[0] += check(robot, w.where() + " scenario", SCENARIO_BAR, w.width(), cut);
            robot.interact(() -> {
                String lang = w.locale() == Locale.ENGLISH ? "en" : "zh";
                w.view().openLesson(Course.builtIn().lesson("lt-vs-et", lang));
                w.view().lesson().setTeacher(true);
            });
            WaitForAsyncUtils.waitForFxEvents();
            checked[0] += check(robot, w.where() + " lesson", LESSON_BAR, w.width(), cut);
        });
        assertThat(cut).as("labels cut short").isEmpty();
        assertThat(checked[0]).isEqualTo(8 * (SCENARIO_BAR.size() + LESSON_BAR.size()));
    }

    /**
     * Every tab, in every window: no label, button, check box or chart title shows its text
     * elided ("Kernel work per wait call (se...", "idle clie..."). Lines of a list (code, calls)
     * scroll and are not counted.
     */
    @Test
    void noTabElidesAText(FxRobot robot) {
        List<String> cut = new ArrayList<>();
        int[] checked = {0};
        eachWindow(robot, w -> {
            // the in-step panel with its numbers filled: ten wait calls of each server
            robot.interact(() -> ((javafx.scene.control.Button) w.view().root().lookup("#compare-step10")).fire());
            WaitForAsyncUtils.waitForFxEvents();
            TabPane tabs = (TabPane) w.view().root().lookup(".tab-pane");
            for (Tab t : tabs.getTabs()) {
                robot.interact(() -> tabs.getSelectionModel().select(t));
                WaitForAsyncUtils.waitForFxEvents();
                robot.interact(() -> {
                    stage.getScene().getRoot().applyCss();
                    stage.getScene().getRoot().layout();
                    checked[0] += elided(t.getContent(), w.where() + " " + t.getId(), cut);
                });
            }
        });
        assertThat(cut).as("texts elided").isEmpty();
        assertThat(checked[0]).isGreaterThan(400);
    }

    /** The text a Labeled shows: its {@code .text} node's, or null. */
    private static String shown(Labeled l) {
        Node shown = l.lookup(".text");
        return shown instanceof Text t ? t.getText() : null;
    }

    /** Adds to {@code cut} each visible Labeled under {@code n} whose shown text is not its text; returns how many it looked at. */
    private static int elided(Node n, String where, List<String> cut) {
        if (!n.isVisible() || n instanceof Cell) return 0;
        int checked = 0;
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            String text = shown(l);
            // a mnemonic's underscore is not shown ("_Step" reads "Step")
            String full = l.isMnemonicParsing() ? l.getText().replaceFirst("_(?=.)", "") : l.getText();
            // a label that wraps shows its text over several lines: compare without the breaks
            if (text != null && !text.replace("\n", " ").strip().equals(full.replace("\n", " ").strip())
                && !text.replace("\n", "").equals(full.replace(" ", "").replace("\n", ""))) {
                if (!l.isWrapText() || text.endsWith("…") || text.endsWith("...")) {
                    cut.add(where + ": \"" + full + "\" shown as \"" + text + "\"");
                }
            }
            checked++;
        }
        if (n instanceof Parent p) for (Node c : p.getChildrenUnmodifiable()) checked += elided(c, where, cut);
        return checked;
    }

    /** Counts the labels checked; adds to {@code cut} each that does not show its whole text. */
    private int check(FxRobot robot, String where, List<String> ids, double windowWidth, List<String> cut) {
        int[] n = {0};
        robot.interact(() -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            for (String id : ids) {
                Labeled l = robot.lookup(id).queryAs(Labeled.class);
                String text = shown(l);
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
