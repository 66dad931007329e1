package org.pollscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every tab at the sizes of a classroom's screens and projectors, light and projector themes,
 * both languages: no label, button, check box or chart title shows its text elided ("Kernel
 * work per wait call (se...", "idle clie..."). Lines of a list (code, calls) scroll and are not
 * counted.
 */
@ExtendWith(ApplicationExtension.class)
class TabsFitTest {
    static final Path SCENARIO = Path.of("../kernel-model/src/test/resources/scenarios/exclusive-wakes-one-waiter.scn");
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.show();
    }

    /** Adds to {@code cut} each visible Labeled under {@code n} whose shown text is not its text. */
    private static int elided(Node n, String where, List<String> cut) {
        if (!n.isVisible() || n instanceof Cell) return 0;
        int checked = 0;
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            Node shown = l.lookup(".text");
            String text = shown instanceof Text t ? t.getText() : null;
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

    @Test
    void noTabElidesAText(FxRobot robot) {
        List<String> cut = new ArrayList<>();
        int checked = 0;
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
                    // the in-step panel with its numbers filled: ten wait calls of each server
                    robot.interact(() -> ((javafx.scene.control.Button) view[0].root().lookup("#compare-step10")).fire());
                    WaitForAsyncUtils.waitForFxEvents();
                    TabPane tabs = (TabPane) view[0].root().lookup(".tab-pane");
                    for (Tab t : tabs.getTabs()) {
                        robot.interact(() -> tabs.getSelectionModel().select(t));
                        WaitForAsyncUtils.waitForFxEvents();
                        String where = size[0] + "x" + size[1] + " " + theme + " " + locale + " " + t.getId();
                        int[] n = {0};
                        robot.interact(() -> {
                            stage.getScene().getRoot().applyCss();
                            stage.getScene().getRoot().layout();
                            n[0] = elided(t.getContent(), where, cut);
                        });
                        checked += n[0];
                    }
                }
            }
        }
        assertThat(cut).as("texts elided").isEmpty();
        assertThat(checked).isGreaterThan(400);
    }
}
