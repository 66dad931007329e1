package org.pollscope.app.ui.bench;

import java.io.File;
import java.util.List;
import java.util.ResourceBundle;
import javafx.concurrent.Task;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import org.pollscope.app.ui.LogChart;
import org.pollscope.app.ui.Messages;
import org.pollscope.kernel.ModelBench;

/**
 * The Bench tab: choose N, A, W, runs and methods; run with progress and cancel; watch real
 * microseconds per event and the model's work units against N on log axes; export CSV and PNG.
 */
public final class BenchView {
    private final BenchViewModel model;
    private final BorderPane root = new BorderPane();
    private final LogChart realChart;
    private final LogChart modelChart;
    private final ProgressBar progress = new ProgressBar(0);
    private final Button run;
    private final Button cancel;
    private final Label status = new Label();
    private final ResourceBundle text;
    private Task<List<BenchViewModel.Result>> task;

    public BenchView(BenchViewModel model, ResourceBundle text) {
        this.model = model;
        this.text = text;
        TextField fds = new TextField();
        fds.setId("bench-fds");
        fds.textProperty().bindBidirectional(model.fdsProperty());
        Spinner<Integer> active = spinner("bench-active", 1, 100_000, model.activeProperty().get());
        active.valueProperty().addListener((o, a, b) -> model.activeProperty().set(b));
        Spinner<Integer> writes = spinner("bench-writes", 0, 10_000_000, model.writesProperty().get());
        writes.valueProperty().addListener((o, a, b) -> model.writesProperty().set(b));
        Spinner<Integer> runs = spinner("bench-runs", 1, 1000, model.runsProperty().get());
        runs.valueProperty().addListener((o, a, b) -> model.runsProperty().set(b));
        FlowPane form = new FlowPane(10, 8);
        form.setPadding(new Insets(10));
        // each label with its field, so that a row wraps between pairs, not inside one
        form.getChildren().addAll(org.pollscope.app.ui.Fields.labelled(text.getString("bench.n"), fds), org.pollscope.app.ui.Fields.labelled(text.getString("bench.a"), active),
            org.pollscope.app.ui.Fields.labelled(text.getString("bench.w"), writes), org.pollscope.app.ui.Fields.labelled(text.getString("bench.runs"), runs));
        for (String m : ModelBench.METHODS) {
            CheckBox cb = new CheckBox(m);
            cb.setId("bench-method-" + m);
            cb.setSelected(model.method(m));
            cb.selectedProperty().addListener((o, a, b) -> model.setMethod(m, b));
            form.getChildren().add(cb);
        }
        run = new Button(text.getString("bench.run"));
        run.setId("bench-run");
        run.setOnAction(e -> start());
        cancel = new Button(text.getString("bench.cancel"));
        cancel.setId("bench-cancel");
        cancel.setDisable(true);
        cancel.setOnAction(e -> {
            if (task != null) task.cancel();
        });
        Button csv = new Button(text.getString("bench.csv"));
        csv.setOnAction(e -> exportCsv());
        Button png = new Button(text.getString("bench.png"));
        png.setOnAction(e -> exportPng());
        progress.setId("bench-progress");
        progress.setPrefWidth(200);
        status.setId("bench-status");
        status.textProperty().bind(model.statusProperty());
        // a row that wraps: in the projector theme at 1024x768 one row does not hold them
        FlowPane actions = new FlowPane(10, 8, run, cancel, progress, csv, png, status);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        actions.setPadding(new Insets(0, 10, 10, 10));
        realChart = chart(text.getString("bench.chart.real"), text.getString("bench.axis.n"));
        realChart.setId("bench-real-chart");
        modelChart = chart(text.getString("bench.chart.model"), text.getString("bench.axis.n"));
        modelChart.setId("bench-model-chart");
        HBox charts = new HBox(10, realChart, modelChart);
        // the two charts share the width the window has
        for (LogChart c : List.of(realChart, modelChart)) {
            HBox.setHgrow(c, javafx.scene.layout.Priority.ALWAYS);
            c.setMaxWidth(Double.MAX_VALUE);
        }
        charts.setPadding(new Insets(10));
        root.setTop(new javafx.scene.layout.VBox(form, actions));
        root.setCenter(charts);
        model.results().addListener((javafx.collections.ListChangeListener<BenchViewModel.Result>) c -> redraw());
        model.leftOut().addListener((javafx.collections.ListChangeListener<BenchViewModel.LeftOut>) c -> redraw());
    }

    private static Spinner<Integer> spinner(String id, int min, int max, int value) {
        Spinner<Integer> s = new Spinner<>(min, max, value);
        s.setEditable(true);
        s.setId(id);
        // wide enough for its largest value in any type size (a width in pixels cut "1000" in the projector theme)
        s.getEditor().setPrefColumnCount(String.valueOf(max).length());
        return s;
    }

    /** A chart on log axes, 1-2-5 ticks; until there is data, N from 10 to 100k and y from 1 to 1000. */
    private static LogChart chart(String title, String xLabel) {
        LogChart c = new LogChart(xLabel, 1, 5, 0, 3);
        c.setTitle(title);
        c.setPrefSize(560, 420);
        return c;
    }

    private void redraw() {
        realChart.getData().clear();
        modelChart.getData().clear();
        for (String m : ModelBench.METHODS) {
            XYChart.Series<Number, Number> real = new XYChart.Series<>();
            XYChart.Series<Number, Number> mod = new XYChart.Series<>();
            real.setName(m);
            mod.setName(m);
            for (BenchViewModel.Result r : model.results()) {
                if (!r.row().method().label.equals(m)) continue;
                double lx = Math.log10(r.row().fds());
                real.getData().add(new XYChart.Data<>(lx, Math.log10(r.row().perEventMedian())));
                if (r.modelUnits() > 0) mod.getData().add(new XYChart.Data<>(lx, Math.log10(r.modelUnits())));
            }
            if (!real.getData().isEmpty()) realChart.getData().add(real);
            if (!mod.getData().isEmpty()) modelChart.getData().add(mod);
        }
        String note = model.leftOutNote();
        for (LogChart c : List.of(realChart, modelChart)) c.noteProperty().set(note);
    }

    /** Runs the bench in the background with progress; the chart fills in when it ends. */
    public void start() {
        String problem = model.validate();
        if (problem != null) {
            model.statusProperty().set(problem);
            return;
        }
        task = new Task<>() {
            @Override
            protected List<BenchViewModel.Result> call() {
                return model.measure(p -> updateProgress(p, 1.0), this::isCancelled,
                    r -> javafx.application.Platform.runLater(() -> model.add(r)),
                    l -> javafx.application.Platform.runLater(() -> model.addLeftOut(l)));
            }
        };
        progress.progressProperty().bind(task.progressProperty());
        run.setDisable(true);
        cancel.setDisable(false);
        model.results().clear();
        model.leftOut().clear();
        model.statusProperty().set(text.getString("status.running"));
        task.setOnSucceeded(e -> finish(task.getValue(), null));
        task.setOnCancelled(e -> finish(null, text.getString("status.cancelled")));
        task.setOnFailed(e -> finish(null, String.valueOf(task.getException().getMessage())));
        Thread t = new Thread(task, "pollscope-bench");
        t.setDaemon(true);
        t.start();
    }

    private void finish(List<BenchViewModel.Result> rs, String why) {
        progress.progressProperty().unbind();
        run.setDisable(false);
        cancel.setDisable(true);
        if (rs != null) model.show(rs); else model.statusProperty().set(why);
    }

    private void exportCsv() {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName("bench.csv");
        File f = fc.showSaveDialog(root.getScene().getWindow());
        if (f == null) return;
        try {
            model.exportCsv(f.toPath());
            model.statusProperty().set(Messages.format(text, "status.written", String.valueOf(f)));
        } catch (java.io.IOException e) {
            model.statusProperty().set(Messages.format(text, "file.cannotWrite", String.valueOf(f), e.getMessage()));
        }
    }

    private void exportPng() {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName("bench.png");
        File f = fc.showSaveDialog(root.getScene().getWindow());
        if (f == null) return;
        try {
            javax.imageio.ImageIO.write(SwingFXUtils.fromFXImage(root.getCenter().snapshot(null, null), null), "png", f);
            model.statusProperty().set(Messages.format(text, "status.written", String.valueOf(f)));
        } catch (java.io.IOException e) {
            model.statusProperty().set(Messages.format(text, "file.cannotWrite", String.valueOf(f), e.getMessage()));
        }
    }

    public Parent root() {
        return root;
    }
}
