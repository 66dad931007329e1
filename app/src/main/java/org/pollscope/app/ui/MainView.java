package org.pollscope.app.ui;

import java.io.File;
import java.util.ResourceBundle;
import javafx.concurrent.Task;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.pollscope.app.ui.bench.BenchView;
import org.pollscope.app.ui.bench.BenchViewModel;
import org.pollscope.app.ui.compare.CompareView;
import org.pollscope.app.ui.compare.CompareViewModel;
import org.pollscope.app.ui.kernel.KernelCanvas;
import org.pollscope.app.ui.scenario.ProgramChoice;
import org.pollscope.app.ui.scenario.ProgramChooser;
import org.pollscope.app.ui.scenario.StepViewModel;

/**
 * The main window, split as a kernel lecture draws it: user space above, kernel space below,
 * the report of the last run at the bottom. It only binds to the {@link MainViewModel}.
 */
public final class MainView {
    private final MainViewModel model;
    private final ResourceBundle text;
    private final BorderPane root = new BorderPane();
    private final MenuItem open;
    private final MenuItem run;
    private final MenuItem quit;
    private final Label errorBar = new Label();
    private final TextArea report = new TextArea();
    private final BenchViewModel bench;
    private final StepViewModel step;
    private final CompareViewModel compare;
    private final javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane();

    public MainView(MainViewModel model, ResourceBundle text) {
        this.model = model;
        this.text = text;
        canvas = new KernelCanvas(text);
        step = new StepViewModel(text);
        programChoice = new ProgramChoice(text);
        bench = new BenchViewModel(text);
        compare = new CompareViewModel(text);
        player = new javafx.animation.Timeline(new javafx.animation.KeyFrame(javafx.util.Duration.seconds(1), e -> {
            if (!step.forward()) stopPlaying();
        }));
        open = new MenuItem(text.getString("menu.file.open"));
        open.setId("open");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        quit = new MenuItem(text.getString("menu.file.quit"));
        quit.setId("quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        run = new MenuItem(text.getString("menu.run.model"));
        run.setId("run");
        run.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        run.disableProperty().bind(model.loadedProperty().not().or(model.runningProperty()));
        MenuItem exportPng = new MenuItem(text.getString("menu.file.exportPng"));
        exportPng.setId("export-png");
        exportPng.setAccelerator(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN));
        exportPng.setOnAction(e -> exportPng());
        MenuItem exportTrace = new MenuItem(text.getString("menu.file.exportTrace"));
        exportTrace.setId("export-trace");
        exportTrace.setAccelerator(new KeyCodeCombination(KeyCode.J, KeyCombination.SHORTCUT_DOWN));
        exportTrace.disableProperty().bind(model.loadedProperty().not());
        exportTrace.setOnAction(e -> exportTrace());
        MenuItem loadTrace = new MenuItem(text.getString("menu.file.loadTrace"));
        loadTrace.setId("load-trace");
        loadTrace.setOnAction(e -> loadTrace());
        MenuItem openProgram = new MenuItem(text.getString("menu.file.openProgram"));
        openProgram.setId("open-program");
        openProgram.setAccelerator(new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN));
        openProgram.setOnAction(e -> chooseProgram());
        Menu file = new Menu(text.getString("menu.file"), null, open, openProgram, exportPng, exportTrace, loadTrace, quit);
        Menu runMenu = new Menu(text.getString("menu.run"), null, run);
        MenuItem forward = stepItem("step-forward-menu", text.getString("step.forward"), KeyCode.RIGHT, step::forward);
        MenuItem back = stepItem("step-back-menu", text.getString("step.back"), KeyCode.LEFT, step::back);
        MenuItem reset = stepItem("step-reset-menu", text.getString("step.reset"), KeyCode.HOME, step::reset);
        MenuItem end = stepItem("step-end-menu", text.getString("step.end"), KeyCode.END, step::toEnd);
        MenuItem wakeup = stepItem("step-wakeup-menu", text.getString("step.wakeup"), KeyCode.W, step::runToNextWakeup);
        MenuItem nextReturn = stepItem("step-return-menu", text.getString("step.return"), KeyCode.R, step::runToNextReturn);
        MenuItem play = stepItem("step-play-menu", text.getString("step.play"), KeyCode.P, this::togglePlay);
        Menu stepMenu = new Menu(text.getString("menu.step"), null, forward, back, reset, end, wakeup, nextReturn, play);
        MenuItem zoomIn = viewItem("zoom-in", text.getString("view.zoomIn"), KeyCode.EQUALS, () -> canvas.zoomIn());
        MenuItem zoomOut = viewItem("zoom-out", text.getString("view.zoomOut"), KeyCode.MINUS, () -> canvas.zoomOut());
        MenuItem zoomReset = viewItem("zoom-reset", text.getString("view.zoomReset"), KeyCode.DIGIT0, () -> canvas.resetZoom());
        javafx.scene.control.ToggleGroup themes = new javafx.scene.control.ToggleGroup();
        Menu themeMenu = new Menu(text.getString("view.theme"));
        for (String t : THEMES) {
            javafx.scene.control.RadioMenuItem item = new javafx.scene.control.RadioMenuItem(text.getString("view.theme." + t));
            item.setId("theme-" + t);
            item.setToggleGroup(themes);
            item.setUserData(t);
            item.setOnAction(e -> applyTheme(t));
            themeMenu.getItems().add(item);
        }
        this.themeItems = themes;
        Menu viewMenu = new Menu(text.getString("menu.view"), null, zoomIn, zoomOut, zoomReset, themeMenu);
        MenuBar bar = new MenuBar(file, runMenu, stepMenu, viewMenu);
        model.scenarioProperty().addListener((o, a, s) -> {
            if (s != null) step.load(s);
        });
        model.programProperty().addListener((o, a, p) -> {
            if (p != null) step.loadProgram(p.program(), p.workload());
        });

        errorBar.setId("error-bar");
        errorBar.getStyleClass().add("error-bar");
        errorBar.textProperty().bind(model.errorProperty());
        errorBar.visibleProperty().bind(model.errorProperty().isNotEmpty());
        errorBar.managedProperty().bind(errorBar.visibleProperty());
        errorBar.setMaxWidth(Double.MAX_VALUE);

        report.setId("report");
        report.setEditable(false);
        report.getStyleClass().add("report");
        report.textProperty().bind(model.reportProperty());

        spaces = new SplitPane(stepPane(text), report);
        spaces.setOrientation(Orientation.VERTICAL);
        spaces.setDividerPositions(0.88);

        root.setTop(new VBox(bar, errorBar));
        javafx.scene.control.Tab scenarioTab = new javafx.scene.control.Tab(text.getString("tab.scenario"), spaces);
        scenarioTab.setId("tab-scenario");
        scenarioTab.setClosable(false);
        javafx.scene.control.Tab benchTab = new javafx.scene.control.Tab(text.getString("tab.bench"),
            new BenchView(bench, text).root());
        benchTab.setId("tab-bench");
        benchTab.setClosable(false);
        javafx.scene.control.Tab compareTab = new javafx.scene.control.Tab(text.getString("tab.compare"),
            new CompareView(compare, text).root());
        compareTab.setId("tab-compare");
        compareTab.setClosable(false);
        tabs.getTabs().addAll(scenarioTab, benchTab, compareTab);
        root.setCenter(tabs);
        root.getStyleClass().add("main");
        root.getStylesheets().add(MainView.class.getResource("pollscope.css").toExternalForm());

        open.setOnAction(e -> chooseAndOpen(root.getScene() == null ? null : root.getScene().getWindow()));
        run.setOnAction(e -> runOnModel());
        quit.setOnAction(e -> {
            if (root.getScene() != null) root.getScene().getWindow().hide();
        });
    }

    /** The themes, in the order of the View menu. */
    public static final java.util.List<String> THEMES = java.util.List.of("light", "dark", "projector");
    private javafx.scene.control.ToggleGroup themeItems;
    private String theme = "light";
    private final KernelCanvas canvas;
    private SplitPane body;
    private SplitPane spaces;
    private javafx.scene.control.Slider speed;

    private MenuItem viewItem(String id, String label, KeyCode key, Runnable action) {
        MenuItem item = new MenuItem(label);
        item.setId(id);
        item.setAccelerator(new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN));
        item.setOnAction(e -> action.run());
        return item;
    }

    /** A Step menu item: a View item that waits for a scenario. */
    private MenuItem stepItem(String id, String label, KeyCode key, Runnable action) {
        MenuItem item = viewItem(id, label, key, action);
        item.disableProperty().bind(model.loadedProperty().not());
        return item;
    }

    /** The stepping view: controls, the scenario with the current line, kernel space, the log and the explanation. */
    private javafx.scene.Node stepPane(ResourceBundle text) {
        javafx.scene.control.Button back = button("step-back", "◀ " + text.getString("step.back"), step::back);
        javafx.scene.control.Button forward = button("step-forward", text.getString("step.forward") + " ▶", step::forward);
        javafx.scene.control.Button reset = button("step-reset", text.getString("step.reset"), step::reset);
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
        where.textProperty().bind(javafx.beans.binding.Bindings.format("%d / %d", step.positionProperty(), step.stepsProperty()));
        Label statement = new Label();
        statement.setId("step-statement");
        statement.textProperty().bind(step.statementProperty());
        player.setCycleCount(javafx.animation.Animation.INDEFINITE);
        player.setRate(speed.getValue());
        canvas.setSpeed(speed.getValue());
        javafx.scene.layout.HBox controls = new javafx.scene.layout.HBox(8, back, forward, reset, playButton,
            new Label(text.getString("step.speed")), speed, where, statement);
        controls.setPadding(new javafx.geometry.Insets(6, 10, 6, 10));
        controls.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        javafx.scene.control.ListView<String> listing = new javafx.scene.control.ListView<>(step.listing());
        listing.setId("listing");
        step.listing().addListener((javafx.collections.ListChangeListener<String>) c -> selectCurrent(listing));
        step.currentLineProperty().addListener((o, a, p) -> selectCurrent(listing));
        javafx.scene.control.ListView<String> fdTables = new javafx.scene.control.ListView<>(step.fdTables());
        fdTables.setId("fd-tables");
        VBox user = new VBox(4, caption(text.getString("pane.user")), listing, new Label(text.getString("pane.fdTables")), fdTables);
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

        TextArea explanation = new TextArea();
        explanation.setId("explanation");
        explanation.setEditable(false);
        explanation.setWrapText(true);
        explanation.setPrefRowCount(5);
        explanation.textProperty().bind(step.explanationProperty());
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
        VBox side = new VBox(4, new Label(text.getString("pane.explanation")), explanation, filter, new Label(text.getString("pane.log")),
            log, new Label(text.getString("pane.events")), events, new Label(text.getString("pane.cost")), callCost, cost);
        side.setPadding(new javafx.geometry.Insets(4));
        VBox.setVgrow(log, javafx.scene.layout.Priority.ALWAYS);
        VBox.setVgrow(events, javafx.scene.layout.Priority.ALWAYS);

        body = new SplitPane(user, kernel, side);
        body.setDividerPositions(0.2, 0.7);
        BorderPane pane = new BorderPane(body);
        pane.setTop(controls);
        return pane;
    }

    private void selectCurrent(javafx.scene.control.ListView<String> listing) {
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

    private void togglePlay() {
        if (player.getStatus() == javafx.animation.Animation.Status.RUNNING) {
            stopPlaying();
        } else if (step.canForward()) {
            player.play();
        }
    }

    private void stopPlaying() {
        player.stop();
    }

    /** Whether the scenario is playing step after step. */
    public boolean playing() {
        return player.getStatus() == javafx.animation.Animation.Status.RUNNING;
    }

    private javafx.scene.control.Button button(String id, String label, Runnable action) {
        javafx.scene.control.Button b = new javafx.scene.control.Button(label);
        b.setId(id);
        b.setOnAction(e -> action.run());
        b.disableProperty().bind(model.loadedProperty().not());
        return b;
    }

    /** Applies a theme: "light" (the default), "dark" or "projector" (large type, high contrast). */
    public void applyTheme(String theme) {
        if (!THEMES.contains(theme)) theme = "light";
        this.theme = theme;
        root.getStylesheets().removeIf(s -> s.contains("theme-"));
        if (!theme.equals("light")) {
            root.getStylesheets().add(MainView.class.getResource("theme-" + theme + ".css").toExternalForm());
        }
        canvas.setTheme(theme);
        for (javafx.scene.control.Toggle t : themeItems.getToggles()) {
            if (theme.equals(t.getUserData())) themeItems.selectToggle(t);
        }
    }

    public String theme() {
        return theme;
    }

    /**
     * Restores what the user arranged last time: theme, divider positions, play speed, the
     * tab shown and the folder scenarios were opened from.
     */
    public void restoreLayout(java.util.prefs.Preferences prefs) {
        applyTheme(prefs.get("theme", "light"));
        double[] d = body.getDividerPositions();
        body.setDividerPositions(prefs.getDouble("divider.user", d[0]), prefs.getDouble("divider.kernel", d[1]));
        spaces.setDividerPositions(prefs.getDouble("divider.report", spaces.getDividerPositions()[0]));
        speed.setValue(prefs.getDouble("speed", speed.getValue()));
        tabs.getSelectionModel().select(Math.max(0, Math.min(tabs.getTabs().size() - 1, prefs.getInt("tab", 0))));
        String dir = prefs.get("dir", null);
        if (dir != null && new File(dir).isDirectory()) lastDir = new File(dir);
    }

    /** Saves what {@link #restoreLayout} restores. */
    public void saveLayout(java.util.prefs.Preferences prefs) {
        prefs.put("theme", theme);
        prefs.putDouble("divider.user", body.getDividerPositions()[0]);
        prefs.putDouble("divider.kernel", body.getDividerPositions()[1]);
        prefs.putDouble("divider.report", spaces.getDividerPositions()[0]);
        prefs.putDouble("speed", speed.getValue());
        prefs.putInt("tab", tabs.getSelectionModel().getSelectedIndex());
        if (lastDir != null) prefs.put("dir", lastDir.getAbsolutePath());
    }

    private File lastDir;

    /** The stepping state of the Scenario tab. */
    public StepViewModel step() {
        return step;
    }

    /** A pane's caption; it wraps rather than being cut off when the pane is narrow. */
    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("pane-caption");
        l.setWrapText(true);
        return l;
    }

    private File chooseSave(String name) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(name);
        return fc.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
    }

    /** The current tab as a PNG (for slides). */
    private void exportPng() {
        File f = chooseSave("pollscope.png");
        if (f == null) return;
        try {
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(
                tabs.getSelectionModel().getSelectedItem().getContent().snapshot(null, null), null), "png", f);
        } catch (java.io.IOException ex) {
            model.showError(Messages.format(text, "file.cannotWrite", String.valueOf(f), ex.getMessage()));
        }
    }

    /** The trace so far as JSON lines. */
    private void exportTrace() {
        File f = chooseSave("trace.jsonl");
        if (f == null) return;
        try {
            java.nio.file.Files.writeString(f.toPath(), step.traceJson());
        } catch (java.io.IOException ex) {
            model.showError(Messages.format(text, "file.cannotWrite", String.valueOf(f), ex.getMessage()));
        }
    }

    /** A saved trace, shown in the trace event list; a bad file says where and changes nothing. */
    private void loadTrace() {
        FileChooser fc = new FileChooser();
        File f = fc.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (f == null) return;
        try {
            String problem = step.showSavedTrace(java.nio.file.Files.readString(f.toPath()));
            if (problem != null) model.showError(f + ": " + problem);
            else model.clearError();
        } catch (java.io.IOException ex) {
            model.showError(Messages.format(text, "file.cannotRead", String.valueOf(f), ex.getMessage()));
        }
    }

    /** The form of "Open a built-in program", in a window of its own over the main one. */
    private void chooseProgram() {
        javafx.stage.Stage form = new javafx.stage.Stage();
        form.setTitle(text.getString("program.title"));
        if (root.getScene() != null) {
            form.initOwner(root.getScene().getWindow());
            form.initModality(javafx.stage.Modality.WINDOW_MODAL);
        }
        ProgramChooser chooser = new ProgramChooser(programChoice, text, c -> {
            form.hide();
            model.openProgram(c.chosenProgram(), c.workload());
        }, form::hide);
        javafx.scene.Scene scene = new javafx.scene.Scene(chooser.root());
        scene.getStylesheets().setAll(root.getStylesheets());
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

    private void chooseAndOpen(Window owner) {
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

    /** Runs the scenario on the model in the background and shows the report when done. */
    public void runOnModel() {
        // with the statements added by clicking files, as the Scenario tab steps it
        org.pollscope.kernel.scenario.Scenario edited = step.scenarioProperty().get();
        model.setRunning(true);
        Task<String> task = new Task<>() {
            @Override
            protected String call() {
                return model.runOnModel(edited);
            }
        };
        task.setOnSucceeded(e -> {
            model.showReport(task.getValue());
            model.setRunning(false);
        });
        task.setOnFailed(e -> {
            model.showReport(String.valueOf(task.getException().getMessage()));
            model.setRunning(false);
        });
        Thread t = new Thread(task, "pollscope-run");
        t.setDaemon(true);
        t.start();
    }

    public Parent root() {
        return root;
    }

    /** The Bench tab's view model. */
    public BenchViewModel bench() {
        return bench;
    }

    /** The Compare tab's view model. */
    public CompareViewModel compare() {
        return compare;
    }

    /** Shows the Compare tab. */
    public void showCompare() {
        tabs.getSelectionModel().select(2);
    }

    /** Shows the Bench tab. */
    public void showBench() {
        tabs.getSelectionModel().select(1);
    }
}
