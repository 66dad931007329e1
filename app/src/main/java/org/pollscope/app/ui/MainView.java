package org.pollscope.app.ui;

import java.io.File;
import java.util.ResourceBundle;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.pollscope.app.ui.bench.BenchView;
import org.pollscope.app.ui.bench.BenchViewModel;
import org.pollscope.app.ui.compare.CompareView;
import org.pollscope.app.ui.compare.CompareViewModel;
import org.pollscope.app.ui.kernel.KernelCanvas;
import org.pollscope.app.ui.kernel.StepViewModel;
import org.pollscope.app.ui.kernel.StepWork;
import org.pollscope.app.ui.live.LiveView;
import org.pollscope.app.ui.live.LiveViewModel;
import org.pollscope.app.ui.lesson.CourseView;
import org.pollscope.app.ui.lesson.LessonPlayer;
import org.pollscope.app.ui.lesson.LessonProgress;
import org.pollscope.app.ui.lesson.LessonView;
import org.pollscope.app.ui.scenario.ScenarioView;
import org.pollscope.lessons.Course;
import org.pollscope.lessons.LessonEngine;

/**
 * The main window: the menus, the error bar and a tab per screen (Course, Scenario, Bench,
 * Compare). It opens on the course.
 * It only binds to the {@link MainViewModel} and hands each menu command to the screen it is for.
 */
public final class MainView {
    private final MainViewModel model;
    private final ResourceBundle text;
    private final BorderPane root = new BorderPane();
    private final MenuItem open;
    private final MenuItem run;
    private final MenuItem quit;
    private final Label errorBar = new Label();
    private final BenchViewModel bench;
    private final StepViewModel step;
    private final CompareViewModel compare;
    private final ScenarioView scenario;
    private final javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane();

    public MainView(MainViewModel model, ResourceBundle text) {
        this(model, text, Course.builtIn(), LessonProgress.inMemory());
    }

    /** The window with a course and where the student is in it (kept in the preferences by the app). */
    public MainView(MainViewModel model, ResourceBundle text, Course course, LessonProgress progress) {
        this.model = model;
        this.text = text;
        scenario = new ScenarioView(model, text);
        canvas = scenario.canvas();
        step = scenario.step();
        bench = new BenchViewModel(text);
        compare = new CompareViewModel(text);
        String lang = "zh".equals(text.getLocale().getLanguage()) ? "zh" : "en";
        player = new LessonPlayer(text, new LessonEngine(), progress);
        lessonView = new LessonView(player, text);
        courseView = new CourseView(course, progress, text, lang);
        courseView.setOnLesson(l -> openLesson(l));
        courseView.setOnOpenScenario(() -> {
            scenario.chooseAndOpen(root.getScene() == null ? null : root.getScene().getWindow());
        });
        courseView.setOnOpenProgram(scenario::chooseProgram);
        courseView.setOnExample((name, source) -> model.openText(name, source));
        lessonView.setOnLeave(this::showCourse);
        // whatever opens a scenario or a program shows it, from any tab, the same one again too
        model.openedProperty().addListener((o, a, n) -> showScenario());
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
        exportTrace.setOnAction(e -> scenario.exportTrace());
        MenuItem loadTrace = new MenuItem(text.getString("menu.file.loadTrace"));
        loadTrace.setId("load-trace");
        loadTrace.setOnAction(e -> scenario.loadTrace());
        MenuItem openProgram = new MenuItem(text.getString("menu.file.openProgram"));
        openProgram.setId("open-program");
        openProgram.setAccelerator(new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN));
        openProgram.setOnAction(e -> scenario.chooseProgram());
        Menu file = new Menu(text.getString("menu.file"), null, open, openProgram, exportPng, exportTrace, loadTrace, quit);
        Menu runMenu = new Menu(text.getString("menu.run"), null, run);
        MenuItem forward = stepItem("step-forward-menu", text.getString("step.forward"), KeyCode.RIGHT, () -> step.inBackground(StepWork.FORWARD));
        MenuItem back = stepItem("step-back-menu", text.getString("step.back"), KeyCode.LEFT, () -> step.inBackground(StepWork.BACK));
        MenuItem reset = stepItem("step-reset-menu", text.getString("step.reset"), KeyCode.HOME, () -> step.inBackground(StepWork.RESET));
        MenuItem end = stepItem("step-end-menu", text.getString("step.end"), KeyCode.END, () -> step.inBackground(StepWork.TO_END));
        MenuItem wakeup = stepItem("step-wakeup-menu", text.getString("step.wakeup"), KeyCode.W,
            () -> step.inBackground(StepWork.NEXT_WAKEUP));
        MenuItem nextReturn = stepItem("step-return-menu", text.getString("step.return"), KeyCode.R,
            () -> step.inBackground(StepWork.NEXT_RETURN));
        MenuItem play = stepItem("step-play-menu", text.getString("step.play"), KeyCode.P, scenario::togglePlay);
        Menu stepMenu = new Menu(text.getString("menu.step"), null, forward, back, reset, end, wakeup, nextReturn, play);
        // zoom enlarges the type and the nodes of every pane; the tree's width zooms on the wheel
        MenuItem zoomIn = viewItem("zoom-in", text.getString("view.zoomIn"), KeyCode.EQUALS, () -> setFontScale(fontScale * ZOOM_STEP));
        MenuItem zoomOut = viewItem("zoom-out", text.getString("view.zoomOut"), KeyCode.MINUS, () -> setFontScale(fontScale / ZOOM_STEP));
        MenuItem zoomReset = viewItem("zoom-reset", text.getString("view.zoomReset"), KeyCode.DIGIT0, () -> {
            setFontScale(1);
            canvas.resetZoom();
        });
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

        errorBar.setId("error-bar");
        errorBar.getStyleClass().add("error-bar");
        errorBar.textProperty().bind(model.errorProperty());
        errorBar.visibleProperty().bind(model.errorProperty().isNotEmpty());
        errorBar.managedProperty().bind(errorBar.visibleProperty());
        errorBar.setMaxWidth(Double.MAX_VALUE);

        root.setTop(new VBox(bar, errorBar));
        courseTab = new javafx.scene.control.Tab(text.getString("tab.course"), courseView.root());
        courseTab.setId("tab-course");
        courseTab.setClosable(false);
        javafx.scene.control.Tab scenarioTab = new javafx.scene.control.Tab(text.getString("tab.scenario"), scenario.root());
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
        live = new LiveViewModel(text);
        liveView = new LiveView(live, text);
        javafx.scene.control.Tab liveTab = new javafx.scene.control.Tab(text.getString("tab.live"), liveView.root());
        liveTab.setId("tab-live");
        liveTab.setClosable(false);
        tabs.getTabs().addAll(courseTab, scenarioTab, benchTab, compareTab, liveTab);
        root.setCenter(tabs);
        root.getStyleClass().add("main");
        root.getStylesheets().add(MainView.class.getResource("pollscope.css").toExternalForm());

        open.setOnAction(e -> scenario.chooseAndOpen(root.getScene() == null ? null : root.getScene().getWindow()));
        run.setOnAction(e -> scenario.runOnModel());
        quit.setOnAction(e -> {
            if (root.getScene() != null) root.getScene().getWindow().hide();
        });
    }

    private LiveViewModel live;
    private LiveView liveView;

    /** The Live tab's state (its server, its lists). */
    public LiveViewModel live() {
        return live;
    }

    /** The Live tab's view. */
    public LiveView liveView() {
        return liveView;
    }

    /**
     * Plays what is loaded in the Scenario tab, {@code stepsPerSecond} steps a second (0.5 to 10,
     * the speed slider's range), as the Play button does.
     */
    public void play(double stepsPerSecond) {
        scenario.setSpeed(stepsPerSecond);
        if (!scenario.playing()) scenario.togglePlay();
    }

    /** Shows the Live tab. */
    public void showLive() {
        select("tab-live");
    }

    /**
     * What the window leaves behind when it closes: the live server and its load stopped (every
     * fd closed, every thread joined), a running step command cancelled.
     */
    public void close() {
        live.close();
        step().job().cancel();
    }

    private final LessonPlayer player;
    private final LessonView lessonView;
    private final CourseView courseView;
    private javafx.scene.control.Tab courseTab;

    /** Opens a lesson in the Course tab, where the student left it. */
    public void openLesson(org.pollscope.lessons.Lesson lesson) {
        player.open(lesson, true);
        courseTab.setContent(lessonView.root());
        tabs.getSelectionModel().select(courseTab);
        model.clearError();
    }

    /** Back to the list of lessons, with the progress made. */
    public void showCourse() {
        courseView.refresh();
        courseTab.setContent(courseView.root());
        tabs.getSelectionModel().select(courseTab);
    }

    /** The lesson being played (or last played). */
    public LessonPlayer lesson() {
        return player;
    }

    /** The lesson player's view (for tests and snapshots). */
    public LessonView lessonView() {
        return lessonView;
    }

    /** Shows the Scenario tab. */
    public void showScenario() {
        select("tab-scenario");
    }

    private void select(String id) {
        for (javafx.scene.control.Tab t : tabs.getTabs()) {
            if (id.equals(t.getId())) tabs.getSelectionModel().select(t);
        }
    }

    /** The themes, in the order of the View menu. */
    public static final java.util.List<String> THEMES = java.util.List.of("light", "dark", "projector");
    private javafx.scene.control.ToggleGroup themeItems;
    private String theme = "light";
    private final KernelCanvas canvas;

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

    /** The menu the last click on a file opened (for tests). */
    public javafx.scene.control.ContextMenu lastFileMenu() {
        return scenario.lastFileMenu();
    }

    /** The kernel-space canvas of the Scenario tab. */
    public KernelCanvas canvas() {
        return canvas;
    }

    /** Whether the scenario is playing step after step. */
    public boolean playing() {
        return scenario.playing();
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
        lessonView.setTheme(theme);
        liveView.canvas().setTheme(theme);
        // the root's type size follows the theme's
        if (fontScale != 1) setFontScale(fontScale);
        for (javafx.scene.control.Toggle t : themeItems.getToggles()) {
            if (theme.equals(t.getUserData())) themeItems.selectToggle(t);
        }
    }

    public String theme() {
        return theme;
    }

    /** The type size of View > Zoom: from 0.75 to 3 times the theme's, in steps of 1.25. */
    public static final double ZOOM_MIN = 0.75;
    public static final double ZOOM_MAX = 3;
    public static final double ZOOM_STEP = 1.25;
    private double fontScale = 1;

    /**
     * Scales the type of every pane: the window's root font (lists, labels, the lesson
     * narrative, all sized in em from it) and every kernel canvas (fonts, nodes, rows, boxes).
     */
    public void setFontScale(double scale) {
        // a step that lands within a hair of 1 is 1 (0.8 x 1.25 is not quite)
        double f = Math.abs(scale - 1) < 1e-9 ? 1 : Math.max(ZOOM_MIN, Math.min(ZOOM_MAX, scale));
        fontScale = f;
        root.setStyle(f == 1 ? "" : String.format(java.util.Locale.ROOT, "-fx-font-size: %.2fpx;", baseFontSize() * f));
        canvas.setFontScale(f);
        lessonView.setFontScale(f);
        liveView.canvas().setFontScale(f);
    }

    public double fontScale() {
        return fontScale;
    }

    /** The root's type size the theme sets (the projector's is larger). */
    private double baseFontSize() {
        return "projector".equals(theme) ? 20 : javafx.scene.text.Font.getDefault().getSize();
    }

    /**
     * Restores what the user arranged last time: theme, type size, divider positions, play speed and the
     * folder scenarios were opened from. The window opens on the course, whatever tab was last.
     */
    public void restoreLayout(java.util.prefs.Preferences prefs) {
        restoreLayout(new RememberedSettings(prefs));
    }

    /** {@link #restoreLayout(java.util.prefs.Preferences)}, each value checked: an odd one is its default (and told by the settings' warning). */
    public void restoreLayout(RememberedSettings prefs) {
        applyTheme(prefs.choice("theme", "light", THEMES));
        setFontScale(prefs.number("fontScale", 1, ZOOM_MIN, ZOOM_MAX));
        scenario.restoreLayout(prefs);
    }

    /** Saves what {@link #restoreLayout} restores. */
    public void saveLayout(java.util.prefs.Preferences prefs) {
        prefs.put("theme", theme);
        prefs.putDouble("fontScale", fontScale);
        scenario.saveLayout(prefs);
    }

    /** The stepping state of the Scenario tab. */
    public StepViewModel step() {
        return step;
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

    /** The window of the last "Open a built-in program" (for tests). */
    public javafx.stage.Stage programForm() {
        return scenario.programForm();
    }

    /** Runs the scenario on the model in the background and shows the report when done. */
    public void runOnModel() {
        scenario.runOnModel();
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
        select("tab-compare");
    }

    /** Shows the Bench tab. */
    public void showBench() {
        select("tab-bench");
    }
}
