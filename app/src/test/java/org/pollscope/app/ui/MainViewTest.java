package org.pollscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainViewTest {
    MainViewModel model;
    MainView view;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        model = new MainViewModel();
        view = MainWindow.show(stage, model, 1000, 700);
    }

    @Test
    void menusCarryTheirShortcuts(FxRobot robot) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        MenuItem open = bar.getMenus().get(0).getItems().get(0);
        MenuItem run = bar.getMenus().get(1).getItems().get(0);
        assertThat(open.getText()).isEqualTo("Open scenario…");
        assertThat(open.getAccelerator()).isEqualTo(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        assertThat(run.getAccelerator()).isEqualTo(new KeyCodeCombination(KeyCode.F5));
        MenuItem quit = bar.getMenus().get(0).getItems().stream().filter(i -> "quit".equals(i.getId())).findFirst().orElseThrow();
        assertThat(run.getText()).isEqualTo("Run on model");
        assertThat(quit.getText()).isEqualTo("Quit");
        assertThat(quit.getAccelerator()).isEqualTo(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        assertThat(run.isDisable()).as("nothing loaded yet").isTrue();
        assertThat(robot.window(0).getScene().getWindow()).isNotNull();
        assertThat(((Stage) robot.window(0)).getTitle()).isEqualTo("PollScope");
    }

    @Test
    void userAndKernelSpaceAreLabelledBeforeAScenarioIsLoaded(FxRobot robot) {
        assertThat(robot.lookup(".pane-caption").queryAllAs(Label.class)).extracting(Label::getText)
            .anyMatch(t -> t.startsWith("user space"))
            .anyMatch(t -> t.startsWith("kernel space"));
    }

    @Test
    void malformedScenarioShowsThePositionedErrorInTheWindow(FxRobot robot) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.scn"), "a, b = socketpair()\nepoll_ctl(a, ADD)\n");
        robot.interact(() -> model.open(bad));
        Label error = robot.lookup("#error-bar").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).startsWith(bad + ":2:10: epoll_ctl takes 4 to 5 arguments");
    }

    @Test
    void runningALoadedScenarioShowsItsReport(FxRobot robot) throws Exception {
        Path good = Files.writeString(dir.resolve("good.scn"), "a, b = socketpair()\nwrite(b, \"x\") => 1\n");
        robot.interact(() -> model.open(good));
        robot.interact(view::runOnModel);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.reportProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        // the totals in the status, the verdict on the line
        assertThat(robot.lookup("#step-verdicts").queryAs(Label.class).getText()).isEqualTo("run on the model: 1 passed, 0 failed");
        assertThat(view.step().lines().get(1).verdict()).isEqualTo(org.pollscope.app.ui.kernel.ListingLine.Verdict.MET);
        assertThat(((Stage) robot.window(0)).getTitle()).contains("good.scn");
    }

    @Test
    void runOnModelRunsTheStatementsAddedByClickingAFile(FxRobot robot) throws Exception {
        Path good = Files.writeString(dir.resolve("clicked.scn"), "a, b = socketpair()\nwrite(b, \"x\") => 1\n");
        robot.interact(() -> model.open(good));
        robot.clickOn("#step-forward");
        robot.interact(() -> assertThat(view.step().insert("write(a, 5)")).isNull());
        robot.interact(view::runOnModel);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.reportProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.reportProperty().get()).containsPattern("write\\(a, 5\\) +model: 5").contains("1 passed, 0 failed");
        assertThat(robot.lookup("#step-verdicts").queryAs(Label.class).getText()).isEqualTo("run on the model: 1 passed, 0 failed");
        // the added statement is listed where it was inserted, after line 1
        assertThat(view.step().lines()).extracting(org.pollscope.app.ui.kernel.ListingLine::plain)
            .containsExactly("1  a, b = socketpair()", "+  write(a, 5)", "2  write(b, \"x\") => 1");
        assertThat(robot.lookup("#step-statement").queryAs(Label.class).getText()).isEqualTo("added by a click on a file: write(a, 5)");
    }

    @Test
    void malformedScenarioChangesNothingInTheWindow(FxRobot robot) throws Exception {
        Path good = Files.writeString(dir.resolve("good.scn"), "a, b = socketpair()\nwrite(b, \"x\") => 1\nread(a, 1) => 1 \"x\"\n");
        Path bad = Files.writeString(dir.resolve("bad.scn"), "e = eventfd(0)\nwrite(e\n");
        robot.interact(() -> model.open(good));
        robot.clickOn("#step-forward");
        robot.clickOn("#step-forward");
        javafx.scene.control.ListView<?> listing = robot.lookup("#listing").queryAs(javafx.scene.control.ListView.class);
        java.util.List<Object> before = java.util.List.copyOf(listing.getItems());
        String position = robot.lookup("#step-position").queryAs(Label.class).getText();
        String statement = robot.lookup("#step-statement").queryAs(Label.class).getText();
        var kernel = view.step().kernelProperty().get();
        String state = kernel.describeState();
        robot.interact(() -> model.open(bad));
        assertThat(robot.lookup("#error-bar").queryAs(Label.class).getText()).startsWith(bad + ":2:");
        assertThat(java.util.List.<Object>copyOf(listing.getItems())).isEqualTo(before);
        assertThat(robot.lookup("#step-position").queryAs(Label.class).getText()).isEqualTo(position).isEqualTo("2 / 3");
        assertThat(robot.lookup("#step-statement").queryAs(Label.class).getText()).isEqualTo(statement);
        assertThat(view.step().kernelProperty().get()).isSameAs(kernel);
        assertThat(kernel.describeState()).isEqualTo(state);
        assertThat(((Stage) robot.window(0)).getTitle()).contains("good.scn");
        // and the window goes on: the next step runs
        robot.clickOn("#step-forward");
        assertThat(robot.lookup("#step-position").queryAs(Label.class).getText()).isEqualTo("3 / 3");
    }

    private String selectedTab() {
        return ((javafx.scene.control.TabPane) view.root().lookup(".tab-pane")).getSelectionModel().getSelectedItem().getId();
    }

    private void selectTab(FxRobot robot, String id) {
        robot.interact(() -> {
            javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) view.root().lookup(".tab-pane");
            tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().ifPresent(t -> tabs.getSelectionModel().select(t));
        });
        assertThat(selectedTab()).isEqualTo(id);
    }

    /** What open FILE and open --program do (PollScopeApp opens them in the model): the Scenario tab, from any tab. */
    @Test
    void openingAScenarioOrAProgramShowsTheScenarioTabWhateverTabWasLast(FxRobot robot) throws Exception {
        assertThat(selectedTab()).as("the window opens on the course").isEqualTo("tab-course");
        Path good = Files.writeString(dir.resolve("tabs.scn"), "a, b = socketpair()\nwrite(b, \"x\") => 1\n");
        robot.interact(() -> model.open(good));
        assertThat(selectedTab()).isEqualTo("tab-scenario");
        org.pollscope.kernel.program.Workload w = org.pollscope.kernel.program.Workload.of(4, 2, 0.1, 1);
        for (String from : new String[] {"tab-course", "tab-bench", "tab-compare"}) {
            selectTab(robot, from);
            robot.interact(() -> model.openProgram(org.pollscope.kernel.program.Programs.byName("blocking"), w));
            assertThat(selectedTab()).as("program opened from " + from).isEqualTo("tab-scenario");
            selectTab(robot, from);
            // the same file again: an equal scenario, still shown
            robot.interact(() -> model.open(good));
            assertThat(selectedTab()).as("file opened from " + from).isEqualTo("tab-scenario");
            selectTab(robot, from);
            robot.interact(() -> model.open(good));
            assertThat(selectedTab()).as("the same file again from " + from).isEqualTo("tab-scenario");
        }
        selectTab(robot, "tab-bench");
        robot.interact(() -> model.openText("example", "a, b = socketpair()\n"));
        assertThat(selectedTab()).isEqualTo("tab-scenario");
        selectTab(robot, "tab-bench");
        robot.interact(() -> model.openText("example", "a, b = socketpair()\n"));
        assertThat(selectedTab()).as("the same example again").isEqualTo("tab-scenario");
    }
}
