package org.pollscope.app.ui.scenario;

import java.io.File;
import java.util.ResourceBundle;
import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.pollscope.app.ui.MainViewModel;
import org.pollscope.app.ui.Messages;
import org.pollscope.app.ui.kernel.KernelCanvas;
import org.pollscope.app.ui.kernel.ListingLine;
import org.pollscope.app.ui.kernel.StepViewModel;
import org.pollscope.app.ui.kernel.StepWork;

/**
 * The Scenario tab: a scenario or a built-in program stepped forward and back, split as a kernel
 * lecture draws it: user space on the left, kernel space in the middle, what the step did on the
 * right. A prediction is judged on its listing line as its step runs, and "Run on model" writes
 * its verdicts into the same marks. It only binds to the {@link MainViewModel} and the
 * {@link StepViewModel}; the window's menus call its commands.
 */
public final class ScenarioView {
    private final MainViewModel model;
    private final ResourceBundle text;
    private final StepViewModel step;
    private final KernelCanvas canvas;
    private final Node spaces;
    private SplitPane body;
    private javafx.scene.control.Slider speed;

    public ScenarioView(MainViewModel model, ResourceBundle text) {
        this.model = model;
        this.text = text;
        canvas = new KernelCanvas(text);
        step = new StepViewModel(text);
        programChoice = new ProgramChoice(text);
        player = new javafx.animation.Timeline(new javafx.animation.KeyFrame(javafx.util.Duration.seconds(1), e -> {
            // a step still running when the next is due is not stacked up: the next tick tries again
            if (!step.job().busy()) step.inBackground(StepWork.FORWARD, moved -> {
                if (!moved) stopPlaying();
            });
        }));
        model.scenarioProperty().addListener((o, a, s) -> {
            if (s != null) step.load(s, model.source());
        });
        model.programProperty().addListener((o, a, p) -> {
            if (p != null) step.loadProgram(p.program(), p.workload());
        });
        spaces = stepPane();
    }

    /** The tab's content. */
    public Node root() {
        return spaces;
    }

    /** The stepping state of the tab. */
    public StepViewModel step() {
        return step;
    }

    /** The stepping view: controls, the scenario with the current line, kernel space, the log and the explanation. */
    private javafx.scene.Node stepPane() {
        javafx.scene.control.Button back = button("step-back", "◀ " + text.getString("step.back"), () -> step.inBackground(StepWork.BACK));
        javafx.scene.control.Button forward = button("step-forward", text.getString("step.forward") + " ▶",
            () -> step.inBackground(StepWork.FORWARD));
        javafx.scene.control.Button reset = button("step-reset", text.getString("step.reset"), () -> step.inBackground(StepWork.RESET));
        javafx.scene.control.Button playButton = button("step-play", text.getString("step.play"), this::togglePlay);
        speed = new javafx.scene.control.Slider(0.5, 10, 2);
        speed.setId("step-speed");
        speed.setPrefWidth(120);
        speed.valueProperty().addListener((o, a, b) -> {
            player.setRate(b.doubleValue());
            canvas.setSpeed(b.doubleValue());
        });
        Label where = new Label();
        where.setId("step-position");
        where.textProperty().bind(step.positionTextProperty());
        javafx.scene.control.Tooltip whereTip = new javafx.scene.control.Tooltip();
        whereTip.textProperty().bind(step.positionTipProperty());
        where.setTooltip(whereTip);
        Label speedLabel = new Label(text.getString("step.speed"));
        // the buttons and the counter keep their whole text; the status beside them wraps instead
        for (Region r : new Region[] {back, forward, reset, playButton, speedLabel, where}) r.setMinWidth(Region.USE_PREF_SIZE);
        speed.setMinWidth(60);
        Label statement = new Label();
        statement.setId("step-statement");
        statement.setWrapText(true);
        statement.textProperty().bind(step.statementProperty());
        Label verdicts = new Label();
        verdicts.setId("step-verdicts");
        verdicts.getStyleClass().add("step-verdicts");
        verdicts.setWrapText(true);
        verdicts.textProperty().bind(step.verdictsProperty());
        verdicts.visibleProperty().bind(step.verdictsProperty().isNotEmpty());
        verdicts.managedProperty().bind(verdicts.visibleProperty());
        VBox status = new VBox(2, statement, verdicts);
        status.setId("step-status");
        status.setMinWidth(0);
        status.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);
        player.setCycleCount(javafx.animation.Animation.INDEFINITE);
        player.setRate(speed.getValue());
        canvas.setSpeed(speed.getValue());
        HBox buttons = new HBox(8, back, forward, reset, playButton, speedLabel, speed, where);
        // a command that takes long: what it does, how far it got, and a way to stop it (Esc)
        javafx.scene.control.ProgressBar busyBar = new javafx.scene.control.ProgressBar();
        busyBar.setId("step-progress");
        busyBar.progressProperty().bind(step.job().progressProperty());
        Label busyText = new Label();
        busyText.setId("step-busy");
        busyText.textProperty().bind(step.job().textProperty());
        busyText.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.control.Button cancel = new javafx.scene.control.Button(text.getString("step.cancel"));
        cancel.setId("step-cancel");
        cancel.setTooltip(new javafx.scene.control.Tooltip(text.getString("step.cancel.tip")));
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> step.job().cancel());
        cancel.disableProperty().bind(step.job().shownProperty().not());
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        HBox busy = new HBox(8, busyBar, busyText, cancel);
        busy.setId("step-busy-row");
        busy.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        busy.visibleProperty().bind(step.job().shownProperty());
        busy.managedProperty().bind(busy.visibleProperty());
        buttons.getChildren().add(busy);
        step.job().busyProperty().addListener((o, a, b) -> canvas.setFrozen(b));
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        // the status beside the buttons while it has room for a line of words, else on a row of its own beneath them
        org.pollscope.app.ui.ToolbarPane controls = new org.pollscope.app.ui.ToolbarPane(buttons, status, 18);
        controls.setId("step-toolbar");
        controls.setPadding(new javafx.geometry.Insets(6, 10, 6, 10));

        javafx.scene.control.ListView<ListingLine> listing = new javafx.scene.control.ListView<>(step.lines());
        listing.setId("listing");
        listing.setCellFactory(v -> new ListingCell(text));
        step.lines().addListener((javafx.collections.ListChangeListener<ListingLine>) c -> selectCurrent(listing));
        step.currentLineProperty().addListener((o, a, p) -> selectCurrent(listing));
        javafx.scene.control.ListView<String> fdTables = new javafx.scene.control.ListView<>(step.fdTables());
        fdTables.setId("fd-tables");
        VBox user = new VBox(4, caption(text.getString("pane.user")), listing, caption(text.getString("pane.fdTables")), fdTables);
        user.setId("user-space");
        VBox.setVgrow(listing, javafx.scene.layout.Priority.ALWAYS);
        VBox.setVgrow(fdTables, javafx.scene.layout.Priority.ALWAYS);

        canvas.setId("kernel-space");
        canvas.setMinSize(200, 200);
        step.revisionProperty().addListener((o, a, r) -> canvas.show(step.kernelProperty().get(), step.lastStep(), true));
        canvas.setOnFileClicked(this::actOn);
        // captioned like user space, so that before a scenario is loaded the empty canvas still says what it will show
        VBox kernel = new VBox(4, caption(text.getString("pane.kernel")), canvas);
        VBox.setVgrow(canvas, javafx.scene.layout.Priority.ALWAYS);

        // what the last step did reads whole: the pane grows with its text, and scrolls only when the side is too short
        Label explanation = new Label();
        explanation.setId("explanation");
        explanation.getStyleClass().add("explanation");
        explanation.setWrapText(true);
        explanation.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        explanation.setMinHeight(Region.USE_PREF_SIZE);
        explanation.textProperty().bind(step.explanationProperty());
        javafx.scene.control.ScrollPane explained = new javafx.scene.control.ScrollPane(explanation);
        explained.setId("explanation-pane");
        explained.setFitToWidth(true);
        explained.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        explained.prefViewportHeightProperty().bind(explanation.heightProperty());

        javafx.scene.control.TextField filter = new javafx.scene.control.TextField();
        filter.setId("event-filter");
        filter.setPromptText(text.getString("pane.filter"));
        javafx.collections.transformation.FilteredList<String> shownCalls = new javafx.collections.transformation.FilteredList<>(step.syscalls());
        javafx.collections.transformation.FilteredList<String> shownEvents = new javafx.collections.transformation.FilteredList<>(step.events());
        filter.textProperty().addListener((o, a, f) -> {
            String needle = f.strip().toLowerCase(java.util.Locale.ROOT);
            java.util.function.Predicate<String> keep = needle.isEmpty() ? x -> true : x -> x.toLowerCase(java.util.Locale.ROOT).contains(needle);
            shownCalls.setPredicate(keep);
            shownEvents.setPredicate(keep);
        });
        javafx.scene.control.ListView<String> log = new javafx.scene.control.ListView<>(shownCalls);
        log.setId("syscall-log");
        // the newest call is the one to see
        step.syscalls().addListener((javafx.collections.ListChangeListener<String>) c -> log.scrollTo(Math.max(0, shownCalls.size() - 1)));
        javafx.scene.control.ListView<String> events = new javafx.scene.control.ListView<>(shownEvents);
        events.setId("trace-events");
        Label cost = new Label();
        cost.setId("cost");
        cost.setWrapText(true);
        cost.textProperty().bind(step.costProperty());
        Label callCost = new Label();
        callCost.setId("call-cost");
        callCost.setWrapText(true);
        callCost.textProperty().bind(step.lastCallCostProperty());
        // the cost lines wrap rather than end in "…": the lists above give up the room
        cost.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        callCost.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label logRange = new Label();
        logRange.setId("log-range");
        logRange.setWrapText(true);
        logRange.setMinHeight(Region.USE_PREF_SIZE);
        logRange.textProperty().bind(step.logRangeProperty());
        logRange.visibleProperty().bind(step.logRangeProperty().isNotEmpty());
        logRange.managedProperty().bind(logRange.visibleProperty());
        VBox side = new VBox(4, caption(text.getString("pane.explanation")), explained, filter, caption(text.getString("pane.log")),
            logRange, log, caption(text.getString("pane.events")), events, caption(text.getString("pane.cost")), callCost, cost);
        side.setPadding(new javafx.geometry.Insets(4));
        // a side too short for all of it scrolls, rather than drawing over the toolbar
        javafx.scene.control.ScrollPane sideScroll = new javafx.scene.control.ScrollPane(side);
        sideScroll.setId("side-pane");
        sideScroll.setFitToWidth(true);
        sideScroll.setFitToHeight(true);
        sideScroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        // the lists give their room to the explanation first, and take what is left
        log.setMinHeight(60);
        events.setMinHeight(60);
        log.setPrefHeight(60);
        events.setPrefHeight(60);
        VBox.setVgrow(explained, Priority.SOMETIMES);
        // it gives up room only past half the side's height, and then scrolls
        explained.minViewportHeightProperty().bind(javafx.beans.binding.Bindings.max(40,
            javafx.beans.binding.Bindings.min(explanation.heightProperty(),
                javafx.beans.binding.Bindings.createDoubleBinding(() -> sideScroll.getViewportBounds().getHeight() * 0.5,
                    sideScroll.viewportBoundsProperty()))));
        VBox.setVgrow(log, javafx.scene.layout.Priority.ALWAYS);
        VBox.setVgrow(events, javafx.scene.layout.Priority.ALWAYS);

        body = new SplitPane(user, kernel, sideScroll);
        body.setDividerPositions(0.24, 0.72);
        BorderPane pane = new BorderPane(body);
        pane.setTop(controls);
        return pane;
    }

    private void selectCurrent(javafx.scene.control.ListView<ListingLine> listing) {
        int line = step.currentLineProperty().get();
        if (line >= 0 && line < listing.getItems().size()) {
            listing.getSelectionModel().select(line);
            listing.scrollTo(Math.max(0, line - 2));
        } else {
            listing.getSelectionModel().clearSelection();
        }
    }

    /** A click on a file: a menu of what can be done to it, each a statement added after the current step. */
    private void actOn(KernelCanvas.FileTarget target) {
        if (step.job().busy()) return;
        java.util.List<StepViewModel.Action> actions = step.actionsFor(target.file(), target.fd());
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu();
        menu.setId("file-menu");
        if (actions.isEmpty()) {
            // a built-in program's clients are driven by its workload: acting on the world is for scenarios
            String why = step.program() != null ? text.getString("act.program") : Messages.format(text, "act.none", target.file().label());
            MenuItem none = new MenuItem(why);
            none.setDisable(true);
            menu.getItems().add(none);
        }
        for (StepViewModel.Action a : actions) {
            MenuItem item = new MenuItem(a.label() + "   →   " + a.statement());
            item.setOnAction(e -> {
                String problem = step.insert(a.statement());
                if (problem != null) model.showError(problem);
                else model.clearError();
            });
            menu.getItems().add(item);
        }
        lastFileMenu = menu;
        menu.show(canvas, target.screenX(), target.screenY());
    }

    private javafx.scene.control.ContextMenu lastFileMenu;

    /** The menu the last click on a file opened (for tests). */
    public javafx.scene.control.ContextMenu lastFileMenu() {
        return lastFileMenu;
    }

    /** The kernel-space canvas. */
    public KernelCanvas canvas() {
        return canvas;
    }

    /** Steps forward once a second times the speed until the end or until paused. */
    private final javafx.animation.Timeline player;

    public void togglePlay() {
        if (player.getStatus() == javafx.animation.Animation.Status.RUNNING) {
            stopPlaying();
        } else if (step.canForward()) {
            player.play();
        }
    }

    private void stopPlaying() {
        player.stop();
    }

    /** The play speed, in steps a second, within the slider's range. */
    public void setSpeed(double stepsPerSecond) {
        speed.setValue(stepsPerSecond);
    }

    /** Whether the scenario is playing step after step. */
    public boolean playing() {
        return player.getStatus() == javafx.animation.Animation.Status.RUNNING;
    }

    private javafx.scene.control.Button button(String id, String label, Runnable action) {
        javafx.scene.control.Button b = new javafx.scene.control.Button(label);
        b.setId(id);
        b.setOnAction(e -> action.run());
        b.disableProperty().bind(model.loadedProperty().not().or(step.job().busyProperty()));
        return b;
    }

    /** Restores the dividers, the play speed and the folder scenarios were opened from. */
    public void restoreLayout(java.util.prefs.Preferences prefs) {
        restoreLayout(new org.pollscope.app.ui.RememberedSettings(prefs));
    }

    /** The same, each value checked: a divider outside 0 to 1 or a speed off the slider is its default. */
    public void restoreLayout(org.pollscope.app.ui.RememberedSettings prefs) {
        double[] d = body.getDividerPositions();
        body.setDividerPositions(prefs.number("divider.user", d[0], 0, 1), prefs.number("divider.kernel", d[1], 0, 1));
        speed.setValue(prefs.number("speed", speed.getValue(), speed.getMin(), speed.getMax()));
        String dir = prefs.text("dir");
        if (dir != null && new File(dir).isDirectory()) lastDir = new File(dir);
    }

    /** Saves what {@link #restoreLayout} restores. */
    public void saveLayout(java.util.prefs.Preferences prefs) {
        prefs.putDouble("divider.user", body.getDividerPositions()[0]);
        prefs.putDouble("divider.kernel", body.getDividerPositions()[1]);
        prefs.putDouble("speed", speed.getValue());
        if (lastDir != null) prefs.put("dir", lastDir.getAbsolutePath());
    }

    private File lastDir;

    /** A pane's caption; it wraps rather than being cut off when the pane is narrow. */
    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("pane-caption");
        l.setWrapText(true);
        // a VBox short of room shrinks its children to their minimum: a caption keeps all its lines
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private File chooseSave(String name) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(name);
        return fc.showSaveDialog(spaces.getScene() == null ? null : spaces.getScene().getWindow());
    }

    /** The trace so far as JSON lines. */
    public void exportTrace() {
        File f = chooseSave("trace.jsonl");
        if (f == null) return;
        try {
            java.nio.file.Files.writeString(f.toPath(), step.traceJson());
        } catch (java.io.IOException ex) {
            model.showError(Messages.format(text, "file.cannotWrite", String.valueOf(f), ex.getMessage()));
        }
    }

    /** A saved trace, shown in the trace event list; a bad file says where and changes nothing. */
    public void loadTrace() {
        FileChooser fc = new FileChooser();
        File f = fc.showOpenDialog(spaces.getScene() == null ? null : spaces.getScene().getWindow());
        if (f == null) return;
        try {
            String problem = step.showSavedTrace(org.pollscope.kernel.text.Utf8.readFile(f.toPath()));
            if (problem != null) model.showError(f + ": " + problem);
            else model.clearError();
        } catch (java.io.IOException ex) {
            model.showError(Messages.format(text, "file.cannotRead", String.valueOf(f), ex.getMessage()));
        }
    }

    /** The form of "Open a built-in program", in a window of its own over the main one. */
    public void chooseProgram() {
        javafx.stage.Stage form = new javafx.stage.Stage();
        form.setTitle(text.getString("program.title"));
        if (spaces.getScene() != null) {
            form.initOwner(spaces.getScene().getWindow());
            form.initModality(javafx.stage.Modality.WINDOW_MODAL);
        }
        ProgramChooser chooser = new ProgramChooser(programChoice, text, c -> {
            form.hide();
            model.openProgram(c.chosenProgram(), c.workload());
        }, form::hide);
        javafx.scene.Scene scene = new javafx.scene.Scene(chooser.root());
        if (spaces.getScene() != null) scene.getStylesheets().setAll(spaces.getScene().getRoot().getStylesheets());
        form.setScene(scene);
        programForm = form;
        form.show();
    }

    /** The fields of the last "Open a built-in program" (they are kept from one opening to the next). */
    private final ProgramChoice programChoice;
    private javafx.stage.Stage programForm;

    /** The window of the last "Open a built-in program" (for tests). */
    public javafx.stage.Stage programForm() {
        return programForm;
    }

    public void chooseAndOpen(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.getString("menu.file.open"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(text.getString("filter.scenario"), "*.scn"));
        if (lastDir != null) chooser.setInitialDirectory(lastDir);
        File f = chooser.showOpenDialog(owner);
        if (f != null) {
            lastDir = f.getParentFile();
            model.open(f.toPath());
        }
    }

    /**
     * Runs the scenario on the model to its end in the background; its verdicts go into the
     * listing's marks and its totals into the status (a built-in program's report into the
     * explanation).
     */
    public void runOnModel() {
        // with the statements added by clicking files, as the Scenario tab steps it
        org.pollscope.kernel.scenario.Scenario edited = step.scenarioProperty().get();
        model.setRunning(true);
        Task<String> task = new Task<>() {
            private org.pollscope.kernel.scenario.ScenarioInterpreter.SideRun run;

            @Override
            protected String call() {
                if (edited != null) {
                    try (org.pollscope.kernel.scenario.ModelTarget target = new org.pollscope.kernel.scenario.ModelTarget()) {
                        run = new org.pollscope.kernel.scenario.ScenarioInterpreter(edited, target).run();
                    }
                }
                return model.runOnModel(edited);
            }

            @Override
            protected void succeeded() {
                if (run != null) step.showRun(run);
                else step.showRunReport(getValue());
            }
        };
        task.setOnSucceeded(e -> {
            model.showReport(task.getValue());
            model.setRunning(false);
        });
        task.setOnFailed(e -> {
            model.showError(String.valueOf(task.getException().getMessage()));
            model.setRunning(false);
        });
        Thread t = new Thread(task, "pollscope-run");
        t.setDaemon(true);
        t.start();
    }

}
