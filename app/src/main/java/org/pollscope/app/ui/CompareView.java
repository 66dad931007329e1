package org.pollscope.app.ui;

import java.util.List;
import java.util.ResourceBundle;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/**
 * The Compare tab: select, poll and epoll servers of the model under one workload, swept over
 * idle clients; kernel work per wait call and median latency against idle clients, log axes.
 */
public final class CompareView {
    private final CompareViewModel model;
    private final BorderPane root = new BorderPane();
    private final LineChart<Number, Number> work = chart();
    private final LineChart<Number, Number> latency = chart();
    private final ProgressBar progress = new ProgressBar(0);
    private final Button run;
    private final Button cancel;
    private Task<List<CompareViewModel.Point>> task;

    public CompareView(CompareViewModel model, ResourceBundle text) {
        this.model = model;
        TextField sweep = new TextField();
        sweep.setId("compare-sweep");
        sweep.textProperty().bindBidirectional(model.sweepProperty());
        Spinner<Integer> active = new Spinner<>(1, 10_000, model.activeProperty().get());
        active.setId("compare-active");
        active.valueProperty().addListener((o, a, b) -> model.activeProperty().set(b));
        run = new Button(text.getString("bench.run"));
        run.setId("compare-run");
        run.setOnAction(e -> start());
        cancel = new Button(text.getString("bench.cancel"));
        cancel.setDisable(true);
        cancel.setOnAction(e -> {
            if (task != null) task.cancel();
        });
        Label status = new Label();
        status.setId("compare-status");
        status.textProperty().bind(model.statusProperty());
        HBox controls = new HBox(10, new Label(text.getString("compare.idle")), sweep, new Label(text.getString("bench.a")), active,
            run, cancel, progress, status);
        controls.setPadding(new Insets(10));
        work.setTitle(text.getString("compare.chart.work"));
        work.setId("compare-work-chart");
        latency.setTitle(text.getString("compare.chart.latency"));
        latency.setId("compare-latency-chart");
        HBox charts = new HBox(10, work, latency);
        charts.setPadding(new Insets(10));
        root.setTop(controls);
        root.setCenter(charts);
        model.points().addListener((javafx.collections.ListChangeListener<CompareViewModel.Point>) c -> redraw());
    }

    private static final StringConverter<Number> POWERS = new StringConverter<>() {
        @Override
        public String toString(Number v) {
            double p = Math.pow(10, v.doubleValue());
            return p >= 1000 ? String.format("%.0fk", p / 1000) : p >= 1 ? String.format("%.0f", p) : String.format("%.2g", p);
        }

        @Override
        public Number fromString(String s) {
            return Math.log10(Double.parseDouble(s));
        }
    };

    private static LineChart<Number, Number> chart() {
        NumberAxis x = new NumberAxis(0, 5, 1);
        x.setLabel("idle clients (log)");
        x.setTickLabelFormatter(POWERS);
        NumberAxis y = new NumberAxis();
        y.setTickLabelFormatter(POWERS);
        y.setForceZeroInRange(false);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setAnimated(false);
        c.setPrefSize(560, 420);
        return c;
    }

    private void redraw() {
        work.getData().clear();
        latency.getData().clear();
        for (String p : CompareViewModel.PROGRAMS) {
            XYChart.Series<Number, Number> w = new XYChart.Series<>();
            XYChart.Series<Number, Number> l = new XYChart.Series<>();
            w.setName(p);
            l.setName(p);
            for (CompareViewModel.Point pt : model.points()) {
                if (!pt.program().equals(p)) continue;
                double x = Math.log10(pt.idle());
                if (pt.workPerCall() > 0) w.getData().add(new XYChart.Data<>(x, Math.log10(pt.workPerCall())));
                if (pt.latencyMs() > 0) l.getData().add(new XYChart.Data<>(x, Math.log10(pt.latencyMs())));
            }
            if (!w.getData().isEmpty()) work.getData().add(w);
            if (!l.getData().isEmpty()) latency.getData().add(l);
        }
    }

    /** Runs the sweep in the background; the charts grow point by point. */
    public void start() {
        String problem = model.validate();
        if (problem != null) {
            model.statusProperty().set(problem);
            return;
        }
        model.points().clear();
        task = new Task<>() {
            @Override
            protected List<CompareViewModel.Point> call() {
                return model.measure(p -> updateProgress(p, 1), this::isCancelled,
                    pt -> javafx.application.Platform.runLater(() -> model.add(pt)));
            }
        };
        progress.progressProperty().bind(task.progressProperty());
        run.setDisable(true);
        cancel.setDisable(false);
        model.statusProperty().set("running");
        Runnable end = () -> {
            progress.progressProperty().unbind();
            run.setDisable(false);
            cancel.setDisable(true);
        };
        task.setOnSucceeded(e -> {
            end.run();
            model.statusProperty().set(model.points().size() + " points");
        });
        task.setOnCancelled(e -> {
            end.run();
            model.statusProperty().set("cancelled");
        });
        task.setOnFailed(e -> {
            end.run();
            model.statusProperty().set(String.valueOf(task.getException().getMessage()));
        });
        Thread t = new Thread(task, "pollscope-compare");
        t.setDaemon(true);
        t.start();
    }

    public Parent root() {
        return root;
    }
}
