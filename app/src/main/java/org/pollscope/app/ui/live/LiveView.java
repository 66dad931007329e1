package org.pollscope.app.ui.live;

import java.io.File;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.pollscope.app.ui.Messages;
import org.pollscope.app.ui.kernel.KernelCanvas;
import org.pollscope.probe.live.Mirror;
import org.pollscope.probe.live.Mode;
import org.pollscope.probe.proc.ProcessList;

/**
 * The Live tab: PollScope's own server on 127.0.0.1, started and stopped here, with real clients
 * ({@code nc 127.0.0.1 7000}, a browser, the load slider); the model kernel the mirror keeps, drawn
 * as everywhere; the real interest list beside the model's; the calls and the divergences. Below,
 * the processes of this machine that hold epoll fds, to inspect, and strace logs to import.
 */
public final class LiveView {
    private final LiveViewModel vm;
    private final ResourceBundle text;
    private final KernelCanvas canvas;
    private final BorderPane root = new BorderPane();

    public LiveView(LiveViewModel vm, ResourceBundle text) {
        this.vm = vm;
        this.text = text;
        this.canvas = new KernelCanvas(text);
        canvas.setEmptyText(text.getString("live.canvas.empty"));
        build();
    }

    public Node root() {
        return root;
    }

    public KernelCanvas canvas() {
        return canvas;
    }

    private void build() {
        ChoiceBox<Mode> mode = new ChoiceBox<>();
        mode.setId("live-mode");
        mode.getItems().setAll(Mode.values());
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(Mode m) {
                return m == null ? "" : text.getString("live.mode." + m.word());
            }

            @Override
            public Mode fromString(String s) {
                return null;
            }
        });
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        TextField port = new TextField();
        port.setId("live-port");
        port.setPrefColumnCount(5);
        port.textProperty().bindBidirectional(vm.portProperty());
        Button start = new Button(text.getString("live.start"));
        start.setId("live-start");
        start.setOnAction(e -> vm.start());
        Button stop = new Button(text.getString("live.stop"));
        stop.setId("live-stop");
        stop.setOnAction(e -> vm.stop());
        start.disableProperty().bind(vm.runningProperty().or(vm.workingProperty()));
        stop.disableProperty().bind(vm.runningProperty().not().or(vm.workingProperty()));
        mode.disableProperty().bind(vm.runningProperty());
        port.disableProperty().bind(vm.runningProperty());
        Label status = new Label();
        status.setId("live-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        status.setMinHeight(Region.USE_PREF_SIZE);

        Slider clients = new Slider(0, LoadGenerator.MAX_CLIENTS, 0);
        clients.setId("live-load");
        clients.setPrefWidth(160);
        clients.setMinWidth(80);
        clients.disableProperty().bind(vm.runningProperty().not());
        Label clientsLabel = new Label();
        clientsLabel.setId("live-load-label");
        clientsLabel.textProperty().bind(Bindings.createStringBinding(
            () -> Messages.format(text, "live.load.clients", (int) clients.getValue()), clients.valueProperty()));
        clientsLabel.setMinWidth(Region.USE_PREF_SIZE);
        // the load changes when the slider is let go, not at every pixel of a drag
        clients.valueChangingProperty().addListener((o, was, now) -> {
            if (!now) vm.setLoad((int) clients.getValue(), LOAD_RATE);
        });
        clients.setOnMouseReleased(e -> vm.setLoad((int) clients.getValue(), LOAD_RATE));
        vm.runningProperty().addListener((o, a, on) -> {
            if (!on) clients.setValue(0);
        });
        Label counts = new Label();
        counts.setId("live-counts");
        counts.textProperty().bind(vm.countsProperty());
        counts.setWrapText(true);

        // each label with its control, so that the row wraps between them
        javafx.scene.layout.HBox load = org.pollscope.app.ui.Fields.labelled(text.getString("live.load"), clients);
        load.getChildren().add(clientsLabel);
        FlowPane controls = new FlowPane(10, 6, org.pollscope.app.ui.Fields.labelled(text.getString("live.mode"), mode),
            org.pollscope.app.ui.Fields.labelled(text.getString("live.port"), port), start, stop, load);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label error = new Label();
        error.setId("live-error");
        error.getStyleClass().add("error-bar");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        VBox top = new VBox(4, controls, status, counts, error);
        top.setPadding(new Insets(6, 10, 6, 10));
        root.setTop(top);

        canvas.setId("live-kernel");
        canvas.setMinSize(200, 200);
        vm.revisionProperty().addListener((o, a, r) -> canvas.show(vm.kernel(), vm.lastStep(), true));
        VBox kernel = new VBox(4, caption("live.pane.kernel"), canvas);
        VBox.setVgrow(canvas, Priority.ALWAYS);

        ListView<String> lists = list("live-interest", vm.interest());
        Label equal = new Label();
        equal.setId("live-lists-equal");
        equal.setWrapText(true);
        equal.setMinHeight(Region.USE_PREF_SIZE);
        // said only when there is something to compare: a server running, or the lists it left
        equal.textProperty().bind(Bindings.when(vm.runningProperty().or(Bindings.isNotEmpty(vm.interest())))
            .then(Bindings.when(vm.listsEqualProperty()).then(text.getString("live.lists.equal"))
                .otherwise(text.getString("live.lists.differ")))
            .otherwise(""));
        ListView<String> calls = list("live-calls", vm.calls());
        vm.calls().addListener((javafx.collections.ListChangeListener<String>) c -> calls.scrollTo(Math.max(0, vm.calls().size() - 1)));
        ListView<Mirror.Divergence> divergences = new ListView<>(vm.divergences());
        divergences.setId("live-divergences");
        divergences.setPrefHeight(70);
        divergences.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Mirror.Divergence d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : d.line());
            }
        });
        Button export = new Button(text.getString("live.export"));
        export.setId("live-export");
        export.disableProperty().bind(divergences.getSelectionModel().selectedItemProperty().isNull());
        export.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle(text.getString("live.export"));
            File dir = dc.showDialog(root.getScene() == null ? null : root.getScene().getWindow());
            if (dir != null) vm.export(divergences.getSelectionModel().getSelectedItem(), dir.toPath());
        });
        // each list gets the side's whole height, in front of a class too
        VBox interestBox = new VBox(4, caption("live.pane.interest"), lists, equal);
        VBox callsBox = new VBox(4, caption("live.pane.calls"), calls);
        VBox divergenceBox = new VBox(4, caption("live.pane.divergences"), divergences, export);
        VBox.setVgrow(lists, Priority.ALWAYS);
        VBox.setVgrow(calls, Priority.ALWAYS);
        VBox.setVgrow(divergences, Priority.ALWAYS);
        for (VBox b : new VBox[] {interestBox, callsBox, divergenceBox}) b.setPadding(new Insets(4));
        javafx.scene.control.Tab interestTab = new javafx.scene.control.Tab(text.getString("live.tab.interest"), interestBox);
        interestTab.setId("live-tab-interest");
        javafx.scene.control.Tab callsTab = new javafx.scene.control.Tab(text.getString("live.tab.calls"), callsBox);
        callsTab.setId("live-tab-calls");
        javafx.scene.control.Tab divergenceTab = new javafx.scene.control.Tab();
        divergenceTab.setId("live-tab-divergences");
        divergenceTab.setContent(divergenceBox);
        divergenceTab.textProperty().bind(Bindings.createStringBinding(
            () -> Messages.format(text, "live.tab.divergences", vm.divergences().size()), vm.divergences()));
        javafx.scene.control.TabPane side = new javafx.scene.control.TabPane(interestTab, callsTab, divergenceTab);
        side.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);

        ComboBox<ProcessList.EpollProcess> picker = new ComboBox<>(vm.processes());
        picker.setId("live-processes");
        picker.setPromptText(text.getString("live.processes.prompt"));
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(ProcessList.EpollProcess p) {
                return p == null ? "" : Messages.format(text, "live.process", String.valueOf(p.pid()), p.command(), p.epollFds().size());
            }

            @Override
            public ProcessList.EpollProcess fromString(String s) {
                return null;
            }
        });
        picker.setOnShowing(e -> vm.listProcesses());
        Button refresh = new Button(text.getString("live.processes.refresh"));
        refresh.setId("live-processes-refresh");
        refresh.setOnAction(e -> vm.listProcesses());
        Button inspect = new Button(text.getString("live.inspect"));
        inspect.setId("live-inspect");
        inspect.disableProperty().bind(picker.valueProperty().isNull().or(vm.workingProperty()));
        inspect.setOnAction(e -> vm.inspect(picker.getValue().pid()));
        Button follow = new Button(Messages.format(text, "live.trace", (int) LiveViewModel.TRACE_SECONDS));
        follow.setId("live-trace");
        follow.disableProperty().bind(picker.valueProperty().isNull().or(vm.workingProperty()));
        follow.setOnAction(e -> vm.trace(picker.getValue().pid()));
        Button strace = new Button(text.getString("live.strace"));
        strace.setId("live-strace");
        strace.disableProperty().bind(vm.workingProperty());
        strace.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(text.getString("live.strace"));
            File f = fc.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
            if (f != null) vm.importStrace(f.toPath());
        });
        FlowPane procRow = new FlowPane(8, 6, caption("live.pane.processes"), picker, refresh, inspect, follow, strace);
        procRow.setAlignment(Pos.CENTER_LEFT);
        TextArea report = new TextArea();
        report.setId("live-report");
        report.setEditable(false);
        report.getStyleClass().add("live-report");
        report.textProperty().bind(vm.reportProperty());
        report.setPrefRowCount(6);
        VBox processes = new VBox(4, procRow, report);
        processes.setPadding(new Insets(4, 10, 6, 10));
        VBox.setVgrow(report, Priority.ALWAYS);

        SplitPane body = new SplitPane(kernel, side);
        body.setDividerPositions(0.55);
        SplitPane vertical = new SplitPane(body, processes);
        vertical.setOrientation(javafx.geometry.Orientation.VERTICAL);
        vertical.setDividerPositions(0.78);
        root.setCenter(vertical);
        root.setId("live-tab");
    }

    /** The load slider's requests a second, in all. */
    static final double LOAD_RATE = 20;

    private Label caption(String key) {
        Label l = new Label(text.getString(key));
        l.getStyleClass().add("pane-caption");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private static ListView<String> list(String id, javafx.collections.ObservableList<String> items) {
        ListView<String> l = new ListView<>(items);
        l.setId(id);
        l.setMinHeight(50);
        l.setPrefHeight(80);
        return l;
    }
}
