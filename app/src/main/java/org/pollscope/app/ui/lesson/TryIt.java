package org.pollscope.app.ui.lesson;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import javafx.concurrent.Task;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.pollscope.app.ui.Messages;
import org.pollscope.kernel.scenario.ModelTarget;
import org.pollscope.kernel.scenario.Scenario;
import org.pollscope.kernel.scenario.ScenarioParser;
import org.pollscope.kernel.scenario.ScenarioRunner;
import org.pollscope.kernel.scenario.ScenarioSyntaxException;
import org.pollscope.probe.LinuxSyscalls;
import org.pollscope.probe.LinuxTarget;

/**
 * "Try it": the step's statements in an editor, run again after the lesson's world up to the
 * step, on the model, and on Linux on the real kernel beside it. The run is off the JavaFX
 * thread; a statement that does not parse is reported at its line and nothing runs.
 */
final class TryIt {
    private final LessonPlayer player;
    private final ResourceBundle text;
    private final TitledPane pane;
    private final TextArea source = new TextArea();
    private final TextArea output = new TextArea();

    TryIt(LessonPlayer player, ResourceBundle text) {
        this.player = player;
        this.text = text;
        source.setId("tryit-source");
        source.setPrefRowCount(6);
        source.getStyleClass().add("lesson-code-area");
        output.setId("tryit-output");
        output.setEditable(false);
        output.setPrefRowCount(8);
        output.getStyleClass().add("lesson-code-area");
        Button model = new Button(text.getString("lesson.try.model"));
        model.setId("tryit-model");
        model.setOnAction(e -> run(false));
        Button linux = new Button(text.getString("lesson.try.both"));
        linux.setId("tryit-both");
        linux.setOnAction(e -> run(true));
        // the real kernel is there on Linux only: elsewhere the button says why it is off
        if (LinuxSyscalls.UNAVAILABLE != null) {
            linux.setDisable(true);
            linux.setTooltip(new javafx.scene.control.Tooltip(LinuxSyscalls.UNAVAILABLE));
        }
        pane = new TitledPane(text.getString("lesson.try"), new VBox(6, source, new HBox(8, model, linux), output));
        pane.setId("tryit");
        pane.setExpanded(false);
        // its title wraps rather than hold the story pane wider than its view (1024x768, projector theme)
        pane.setWrapText(true);
        pane.setMinWidth(0);
        pane.visibleProperty().bind(player.actionProperty().isEmpty());
        pane.managedProperty().bind(pane.visibleProperty());
        player.stepProperty().addListener((o, a, b) -> reset());
        player.lessonProperty().addListener((o, a, b) -> reset());
    }

    private void reset() {
        source.setText(player.stepSource());
        output.clear();
    }

    /** The world before the step, then the edited statements, as one scenario; null and a message when it does not parse. */
    Scenario scenario() {
        List<String> lines = new ArrayList<>(player.worldBefore());
        int first = lines.size();
        lines.addAll(List.of(source.getText().split("\n", -1)));
        try {
            return ScenarioParser.parse("try-it.scn", String.join("\n", lines));
        } catch (ScenarioSyntaxException e) {
            // the line is of the joined text: the editor's first line follows the world's statements
            output.setText(Messages.format(text, "lesson.try.error", e.getMessage(), first + 1));
            return null;
        }
    }

    private void run(boolean both) {
        Scenario s = scenario();
        if (s == null) return;
        output.setText(text.getString("lesson.try.running"));
        Task<String> task = new Task<>() {
            @Override
            protected String call() {
                Map<String, ScenarioRunner.TargetFactory> sides = new LinkedHashMap<>();
                sides.put("model", ModelTarget::new);
                if (both) sides.put("linux", LinuxTarget::new);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
                ScenarioRunner.Totals t = new ScenarioRunner(sides, ps, ps).runOne(s, List.copyOf(sides.keySet()));
                ps.println(t.line());
                return out.toString(StandardCharsets.UTF_8);
            }
        };
        task.setOnSucceeded(e -> output.setText(task.getValue()));
        task.setOnFailed(e -> output.setText(String.valueOf(task.getException().getMessage())));
        Thread t = new Thread(task, "pollscope-try-it");
        t.setDaemon(true);
        t.start();
    }

    void setSource(String s) {
        source.setText(s);
    }

    String output() {
        return output.getText();
    }

    Node root() {
        return pane;
    }
}
