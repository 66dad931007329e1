package org.pollscope.app.ui.compare;

import java.util.List;
import java.util.ResourceBundle;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.pollscope.app.ui.LogChart;
import org.pollscope.app.ui.Messages;

/**
 * The Compare tab: select, poll and epoll servers of the model under one workload. On top, the
 * three side by side, in step ({@link CompareStepModel}): each server's listing with the line its
 * thread is on, and the work of its last wait call. Below, the sweep over idle clients: kernel
 * work per wait call and median latency against idle clients, log axes.
 */
public final class CompareView {
    private final CompareViewModel model;
    private final CompareStepModel stepModel;
    private final ResourceBundle text;
    private final SplitPane root = new SplitPane();
    private final LogChart work;
    private final LogChart latency;
    private final ProgressBar progress = new ProgressBar(0);
    private final Button run;
    private final Button cancel;
    private Task<List<CompareViewModel.Point>> task;

    public CompareView(CompareViewModel model, ResourceBundle text) {
        this(model, new CompareStepModel(text), text);
    }

    public CompareView(CompareViewModel model, CompareStepModel stepModel, ResourceBundle text) {
        this.model = model;
        this.stepModel = stepModel;
        this.text = text;
        work = chart(text.getString("compare.axis.idle"));
        latency = chart(text.getString("compare.axis.idle"));
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
        // rows that wrap, so that every label and button keeps its whole text (1024x768, projector theme)
        FlowPane controls = new FlowPane(10, 8, org.pollscope.app.ui.Fields.labelled(text.getString("compare.idle"), sweep), org.pollscope.app.ui.Fields.labelled(text.getString("bench.a"), active),
            run, cancel, progress, status);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(10));
        work.setTitle(text.getString("compare.chart.work"));
        work.setId("compare-work-chart");
        latency.setTitle(text.getString("compare.chart.latency"));
        latency.setId("compare-latency-chart");
        HBox charts = new HBox(10, work, latency);
        // the two charts share the width the window has
        for (LogChart c : List.of(work, latency)) {
            HBox.setHgrow(c, Priority.ALWAYS);
            c.setMaxWidth(Double.MAX_VALUE);
        }
        charts.setPadding(new Insets(10));
        BorderPane sweepPane = new BorderPane();
        sweepPane.setId("compare-sweep-pane");
        sweepPane.setTop(controls);
        sweepPane.setCenter(charts);
        root.setOrientation(Orientation.VERTICAL);
        root.getItems().addAll(stepPane(), sweepPane);
        root.setDividerPositions(0.58);
        model.points().addListener((javafx.collections.ListChangeListener<CompareViewModel.Point>) c -> redraw());
        model.leftOut().addListener((javafx.collections.ListChangeListener<CompareViewModel.LeftOut>) c -> redraw());
    }

    /** A chart on log axes, 1-2-5 ticks; until there is data, 1 to 100k idle clients and y from 1 to 1000. */
    private static LogChart chart(String xLabel) {
        LogChart c = new LogChart(xLabel, 0, 5, 0, 3);
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
        String note = model.leftOutNote();
        for (LogChart c : List.of(work, latency)) c.noteProperty().set(note);
    }

    /** Runs the sweep in the background; the charts grow point by point. */
    public void start() {
        String problem = model.validate();
        if (problem != null) {
            model.statusProperty().set(problem);
            return;
        }
        model.points().clear();
        model.leftOut().clear();
        task = new Task<>() {
            @Override
            protected List<CompareViewModel.Point> call() {
                return model.measure(p -> updateProgress(p, 1), this::isCancelled,
                    pt -> javafx.application.Platform.runLater(() -> model.add(pt)),
                    l -> javafx.application.Platform.runLater(() -> model.addLeftOut(l)));
            }
        };
        progress.progressProperty().bind(task.progressProperty());
        run.setDisable(true);
        cancel.setDisable(false);
        model.statusProperty().set(text.getString("status.running"));
        Runnable end = () -> {
            progress.progressProperty().unbind();
            run.setDisable(false);
            cancel.setDisable(true);
        };
        task.setOnSucceeded(e -> {
            end.run();
            model.statusProperty().set(Messages.format(text, "compare.status.points", model.points().size()));
        });
        task.setOnCancelled(e -> {
            end.run();
            model.statusProperty().set(text.getString("status.cancelled"));
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

    /** The in-step panel's model. */
    public CompareStepModel stepModel() {
        return stepModel;
    }

    // ---- the in-step panel ----

    private Node stepPane() {
        Label title = new Label(text.getString("compare.step.title"));
        title.setStyle("-fx-font-weight: bold");
        title.setWrapText(true);
        TextField idle = field("compare-step-idle", stepModel.idleProperty(), 6);
        TextField active = field("compare-step-active", stepModel.activeProperty(), 5);
        TextField seed = field("compare-step-seed", stepModel.seedProperty(), 5);
        Button step = new Button(text.getString("compare.step.step"));
        step.setId("compare-step");
        step.setOnAction(e -> stepModel.step());
        Button step10 = new Button(text.getString("compare.step.step10"));
        step10.setId("compare-step10");
        step10.setOnAction(e -> stepModel.stepMany(10));
        Button reset = new Button(text.getString("compare.step.reset"));
        reset.setId("compare-reset");
        reset.setOnAction(e -> stepModel.reset());
        // Enter in a settings field takes the new settings at once
        for (TextField f : List.of(idle, active, seed)) f.setOnAction(e -> stepModel.reset());
        FlowPane settings = new FlowPane(8, 6, org.pollscope.app.ui.Fields.labelled(text.getString("compare.step.idle"), idle),
            org.pollscope.app.ui.Fields.labelled(text.getString("compare.step.active"), active), org.pollscope.app.ui.Fields.labelled(text.getString("compare.step.seed"), seed),
            step, step10, reset);
        settings.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("compare-step-message");
        message.setStyle("-fx-text-fill: #b00020");
        message.textProperty().bind(stepModel.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());
        Label status = new Label();
        status.setId("compare-step-status");
        status.setWrapText(true);
        status.textProperty().bind(Bindings.createStringBinding(() -> stepModel.readyProperty().get()
                ? Messages.format(text, "compare.step.status", stepModel.stepsProperty().get(),
                    stepModel.clientsProperty().get(), stepModel.startLineProperty().get() / 1e6)
                : text.getString("compare.step.notStarted"),
            stepModel.readyProperty(), stepModel.stepsProperty(), stepModel.clientsProperty(), stepModel.startLineProperty()));
        VBox top = new VBox(6, title, settings, message, status);
        top.setPadding(new Insets(8, 10, 6, 10));
        HBox columns = new HBox(10);
        columns.setPadding(new Insets(0, 10, 8, 10));
        for (CompareStepModel.Column c : stepModel.columns()) {
            Node col = column(c);
            HBox.setHgrow(col, Priority.ALWAYS);
            columns.getChildren().add(col);
        }
        BorderPane pane = new BorderPane();
        pane.setId("compare-step-pane");
        pane.setTop(top);
        pane.setCenter(columns);
        // when its part of the window is too short for it (1024x768, projector theme), it scrolls rather than lose its top
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(pane);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        return scroll;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(columns);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private Node column(CompareStepModel.Column c) {
        String id = "compare-col-" + c.program();
        Label name = new Label(c.program());
        name.setStyle("-fx-font-weight: bold; -fx-font-size: 1.1em");
        ListView<String> listing = new ListView<>(c.listing());
        listing.setId(id + "-listing");
        listing.setStyle("-fx-font-family: monospace");
        listing.setPrefHeight(160);
        listing.setMinHeight(60);
        VBox.setVgrow(listing, Priority.ALWAYS);
        listing.setFocusTraversable(false);
        Runnable select = () -> {
            int line = c.lineProperty().get();
            if (line < 1) listing.getSelectionModel().clearSelection();
            else listing.getSelectionModel().clearAndSelect(line - 1);
        };
        c.lineProperty().addListener((o, a, b) -> {
            select.run();
            if (b.intValue() > 0) listing.scrollTo(Math.max(0, b.intValue() - 4));
        });
        // the selection says where the server thread is: a click may scroll, not move it
        listing.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() != c.lineProperty().get() - 1) Platform.runLater(select);
        });
        select.run();

        Label refusal = label(id + "-refusal", c.refusalProperty());
        refusal.setStyle("-fx-text-fill: #b00020; -fx-font-weight: bold");
        refusal.managedProperty().bind(c.refusalProperty().isNotEmpty());
        refusal.visibleProperty().bind(refusal.managedProperty());
        listing.disableProperty().bind(refusal.managedProperty());

        Label line = label(id + "-line", Bindings.createStringBinding(
            () -> c.lineProperty().get() < 1 ? "" : Messages.format(text, "compare.step.line", c.lineProperty().get()),
            c.lineProperty()));
        Label last = label(id + "-last", Bindings.createStringBinding(() -> lastCall(c), c.lastCallProperty(),
            c.lastReadyProperty(), c.lastFdsVisitedProperty(), c.lastItemsScannedProperty(), c.lastBytesCopiedProperty(),
            c.lastWorkProperty()));
        last.setStyle("-fx-font-weight: bold");
        Label total = label(id + "-total", Bindings.createStringBinding(
            () -> Messages.format(text, "compare.step.total", c.totalWorkProperty().get()), c.totalWorkProperty()));
        Label waits = label(id + "-waits", Bindings.createStringBinding(
            () -> Messages.format(text, "compare.step.waits", c.waitCallsProperty().get()), c.waitCallsProperty()));
        Label requests = label(id + "-requests", Bindings.createStringBinding(
            () -> Messages.format(text, "compare.step.requests", c.requestsProperty().get()), c.requestsProperty()));
        Label time = label(id + "-time", Bindings.createStringBinding(
            () -> Messages.format(text, "compare.step.time", c.timeNanosProperty().get() / 1e6), c.timeNanosProperty()));
        Label finished = new Label(text.getString("compare.step.finished"));
        finished.managedProperty().bind(c.finishedProperty());
        finished.visibleProperty().bind(c.finishedProperty());
        VBox numbers = new VBox(2, line, last, total, waits, requests, time, finished);
        numbers.setId(id + "-numbers");
        numbers.managedProperty().bind(c.refusalProperty().isEmpty());
        numbers.visibleProperty().bind(numbers.managedProperty());

        VBox col = new VBox(4, name, refusal, listing, numbers);
        col.setId(id);
        col.setPrefWidth(400);
        col.setMaxWidth(Double.MAX_VALUE);
        return col;
    }

    private String lastCall(CompareStepModel.Column c) {
        String call = c.lastCallProperty().get();
        if (call.isEmpty()) return text.getString("compare.step.last.none");
        boolean epoll = call.equals("epoll_wait");
        return Messages.format(text, epoll ? "compare.step.last.epoll" : "compare.step.last.scan", call,
            c.lastReadyProperty().get(), epoll ? c.lastItemsScannedProperty().get() : c.lastFdsVisitedProperty().get(),
            c.lastBytesCopiedProperty().get(), c.lastWorkProperty().get());
    }

    private static Label label(String id, javafx.beans.value.ObservableValue<String> value) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.textProperty().bind(value);
        return l;
    }
}
