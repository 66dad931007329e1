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
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

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
    private final BenchViewModel bench = new BenchViewModel();
    private final javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane();

    public MainView(MainViewModel model, ResourceBundle text) {
        this.model = model;
        this.text = text;
        open = new MenuItem(text.getString("menu.file.open"));
        open.setId("open");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        quit = new MenuItem(text.getString("menu.file.quit"));
        quit.setId("quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        run = new MenuItem(text.getString("menu.run.model"));
        run.setId("run");
        run.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        run.disableProperty().bind(model.scenarioProperty().isNull().or(model.runningProperty()));
        Menu file = new Menu(text.getString("menu.file"), null, open, quit);
        Menu runMenu = new Menu(text.getString("menu.run"), null, run);
        MenuBar bar = new MenuBar(file, runMenu);

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

        SplitPane spaces = new SplitPane(pane("user-space", text.getString("pane.user")),
            pane("kernel-space", text.getString("pane.kernel")), report);
        spaces.setOrientation(Orientation.VERTICAL);
        spaces.setDividerPositions(0.3, 0.7);

        root.setTop(new VBox(bar, errorBar));
        javafx.scene.control.Tab scenarioTab = new javafx.scene.control.Tab(text.getString("tab.scenario"), spaces);
        scenarioTab.setId("tab-scenario");
        scenarioTab.setClosable(false);
        javafx.scene.control.Tab benchTab = new javafx.scene.control.Tab(text.getString("tab.bench"),
            new BenchView(bench, text).root());
        benchTab.setId("tab-bench");
        benchTab.setClosable(false);
        tabs.getTabs().addAll(scenarioTab, benchTab);
        root.setCenter(tabs);
        root.getStyleClass().add("main");
        root.getStylesheets().add(MainView.class.getResource("pollscope.css").toExternalForm());

        open.setOnAction(e -> chooseAndOpen(root.getScene() == null ? null : root.getScene().getWindow()));
        run.setOnAction(e -> runOnModel());
        quit.setOnAction(e -> {
            if (root.getScene() != null) root.getScene().getWindow().hide();
        });
    }

    private StackPane pane(String id, String caption) {
        Label l = new Label(caption);
        l.getStyleClass().add("pane-caption");
        StackPane p = new StackPane(l);
        p.setId(id);
        p.getStyleClass().add("space");
        return p;
    }

    private void chooseAndOpen(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.getString("menu.file.open"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(text.getString("filter.scenario"), "*.scn"));
        File f = chooser.showOpenDialog(owner);
        if (f != null) model.open(f.toPath());
    }

    /** Runs the scenario on the model in the background and shows the report when done. */
    public void runOnModel() {
        model.setRunning(true);
        Task<String> task = new Task<>() {
            @Override
            protected String call() {
                return model.runOnModel();
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

    /** Shows the Bench tab. */
    public void showBench() {
        tabs.getSelectionModel().select(1);
    }
}
