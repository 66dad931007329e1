package org.pollscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pollscope.kernel.program.Programs;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Opening a built-in program from the File menu and stepping it with its listing highlighted. */
@ExtendWith(ApplicationExtension.class)
class ProgramStepViewTest {
    MainViewModel model;
    MainView view;

    @Start
    void start(Stage stage) {
        model = new MainViewModel();
        view = MainWindow.show(stage, model, 1200, 760);
    }

    private MenuItem openProgramItem(FxRobot robot) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        return bar.getMenus().get(0).getItems().stream().filter(i -> "open-program".equals(i.getId())).findFirst().orElseThrow();
    }

    /** Opens the form from the File menu and fills it (as typed). */
    private void fill(FxRobot robot, String program, String clients, String active) {
        robot.interact(() -> openProgramItem(robot).fire());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            ChoiceBox<String> name = robot.lookup("#program-name").queryAs(ChoiceBox.class);
            name.setValue(program);
            robot.lookup("#program-clients").queryAs(TextField.class).setText(clients);
            robot.lookup("#program-active").queryAs(TextField.class).setText(active);
        });
    }

    @Test
    void theMenuItemHasItsShortcut(FxRobot robot) {
        MenuItem item = openProgramItem(robot);
        assertThat(item.getText()).isEqualTo("Open a built-in program…");
        assertThat(item.getAccelerator()).isEqualTo(new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN));
    }

    @Test
    void aBadFieldIsNamedAndNothingOpens(FxRobot robot) {
        fill(robot, "select", "0", "0");
        robot.clickOn("#program-open");
        Label problem = robot.lookup("#program-problem").queryAs(Label.class);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).startsWith("clients:").contains("\"0\"");
        assertThat(model.programProperty().get()).isNull();
        assertThat(view.programForm().isShowing()).isTrue();
        assertThat(robot.lookup("#step-forward").queryAs(Button.class).isDisable()).isTrue();
        robot.clickOn("#program-cancel");
        assertThat(view.programForm().isShowing()).isFalse();
        assertThat(model.programProperty().get()).isNull();
    }

    @Test
    void aProgramOpensAndStepsWithItsListingHighlighted(FxRobot robot) {
        fill(robot, "select", "3", "3");
        assertThat(robot.lookup("#program-description").queryAs(Label.class).getText())
            .isEqualTo(Programs.byName("select").description());
        robot.clickOn("#program-open");
        assertThat(view.programForm().isShowing()).isFalse();
        assertThat(((Stage) robot.window(0)).getTitle()).isEqualTo("PollScope — select");
        ListView<?> listing = robot.lookup("#listing").queryAs(ListView.class);
        assertThat(listing.getItems()).hasSize(Programs.byName("select").listing().size());
        for (int i = 0; i < 5; i++) robot.clickOn("#step-forward");
        int line = view.step().currentLineProperty().get();
        assertThat(line).isGreaterThanOrEqualTo(0);
        assertThat(listing.getSelectionModel().getSelectedIndex()).isEqualTo(line);
        assertThat(robot.lookup("#step-statement").queryAs(Label.class).getText()).contains("line " + (line + 1) + ":");
        assertThat(robot.lookup("#step-position").queryAs(Label.class).getText()).startsWith("5 / ");
        @SuppressWarnings("unchecked")
        ListView<String> log = robot.lookup("#syscall-log").queryAs(ListView.class);
        assertThat(log.getItems()).anyMatch(c -> c.contains("select"));
        robot.clickOn("#step-back");
        assertThat(robot.lookup("#step-position").queryAs(Label.class).getText()).startsWith("4 / ");
        assertThat(listing.getSelectionModel().getSelectedIndex()).isEqualTo(view.step().currentLineProperty().get());
    }

    @Test
    void runOnModelRunsTheWholeWorkloadAndReportsItsMeasures(FxRobot robot) throws Exception {
        fill(robot, "epoll-lt", "4", "2");
        robot.clickOn("#program-open");
        robot.interact(view::runOnModel);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !model.reportProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        // the report of the whole run is read in the explanation, the strip beneath the tab is gone
        assertThat(robot.lookup("#report").tryQuery()).isEmpty();
        assertThat(robot.lookup("#explanation").queryAs(Label.class).getText()).contains("epoll-lt").contains("requests");
    }
}
