package org.pollscope.app.ui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.pollscope.kernel.program.Program;
import org.pollscope.kernel.program.Simulation;
import org.pollscope.kernel.program.Workload;
import org.pollscope.kernel.scenario.ModelTarget;
import org.pollscope.kernel.scenario.Scenario;
import org.pollscope.kernel.scenario.ScenarioParser;
import org.pollscope.kernel.scenario.ScenarioRunner;
import org.pollscope.kernel.scenario.ScenarioSyntaxException;

/**
 * The main window's state: the loaded scenario, the last report, and an error. Plain Java with
 * JavaFX properties, so it is tested without a toolkit; the view only binds and calls.
 * Opening a file that cannot be read sets the error and changes nothing else.
 */
public final class MainViewModel {
    private final ReadOnlyObjectWrapper<Scenario> scenario = new ReadOnlyObjectWrapper<>(this, "scenario");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyStringWrapper report = new ReadOnlyStringWrapper(this, "report", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "PollScope");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyObjectWrapper<ProgramRun> program = new ReadOnlyObjectWrapper<>(this, "program");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded", false);

    /**
     * Counts what was opened: it moves on every open, an equal scenario or program again
     * included (the properties above change only when the value is not equal to the last).
     */
    private final javafx.beans.property.ReadOnlyIntegerWrapper opened = new javafx.beans.property.ReadOnlyIntegerWrapper(this, "opened", 0);

    /** A built-in program and the workload it runs under. */
    public record ProgramRun(Program program, Workload workload) {}
    private final ResourceBundle text;

    /** English: the words of the bundle's root locale. */
    public MainViewModel() {
        this(Messages.english());
    }

    /** The window title and errors in the words of {@code text}, the window's bundle. */
    public MainViewModel(ResourceBundle text) {
        this.text = text;
        loaded.bind(scenario.isNotNull().or(program.isNotNull()));
    }

    public ReadOnlyObjectProperty<Scenario> scenarioProperty() {
        return scenario.getReadOnlyProperty();
    }

    /** The text of the scenario opened (set before {@link #scenarioProperty()} changes), or null. */
    public String source() {
        return source;
    }

    private String source;

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The built-in program opened (null when a scenario is, or nothing). */
    public ReadOnlyObjectProperty<ProgramRun> programProperty() {
        return program.getReadOnlyProperty();
    }

    /** Moves on each time a scenario or a program is opened, the same one again included. */
    public javafx.beans.property.ReadOnlyIntegerProperty openedProperty() {
        return opened.getReadOnlyProperty();
    }

    /** Whether there is something to step and run: a scenario or a built-in program. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** Opens a built-in program under a workload in place of what was open. */
    public void openProgram(Program p, Workload w) {
        program.set(new ProgramRun(p, w));
        scenario.set(null);
        file.set(null);
        report.set("");
        error.set("");
        title.set(Messages.format(text, "window.title", p.name()));
        opened.set(opened.get() + 1);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Reads a scenario; on a bad file shows the positioned message and keeps what was loaded. */
    public boolean open(Path path) {
        try {
            Scenario s = ScenarioParser.parse(path);
            // the text the listing shows, read before the scenario is published
            source = java.nio.file.Files.readString(path, StandardCharsets.UTF_8);
            // the new one first, so that something stays loaded throughout
            scenario.set(s);
            program.set(null);
            file.set(path);
            report.set("");
            error.set("");
            String name = String.valueOf(path.getFileName());
            title.set(s.title() != null ? Messages.format(text, "window.title.scenario", name, s.title())
                : Messages.format(text, "window.title", name));
            opened.set(opened.get() + 1);
            return true;
        } catch (ScenarioSyntaxException e) {
            error.set(e.getMessage());
        } catch (IOException e) {
            error.set(Messages.format(text, "file.cannotRead", String.valueOf(path), e.getMessage()));
        }
        return false;
    }

    /**
     * Opens a scenario given as text (an example of the gallery, shipped in the jar); a bad one
     * shows its positioned message and keeps what was loaded.
     */
    public boolean openText(String name, String source) {
        try {
            Scenario s = ScenarioParser.parse(name, source);
            this.source = source;
            scenario.set(s);
            program.set(null);
            file.set(null);
            report.set("");
            error.set("");
            title.set(s.title() != null ? Messages.format(text, "window.title.scenario", name, s.title())
                : Messages.format(text, "window.title", name));
            opened.set(opened.get() + 1);
            return true;
        } catch (ScenarioSyntaxException e) {
            error.set(e.getMessage());
            return false;
        }
    }

    /**
     * Runs the loaded scenario on the model and returns the report; for a built-in program, the
     * whole run headless and its measures (call off the FX thread).
     */
    public String runOnModel() {
        return runOnModel(null);
    }

    /**
     * The same, running {@code edited} in place of the opened scenario when it is not null: the
     * scenario as the Scenario tab has it, with the statements added by clicking a file.
     */
    public String runOnModel(Scenario edited) {
        ProgramRun pr = program.get();
        if (pr != null) return new Simulation(pr.program(), pr.workload()).run().text() + "\n";
        Scenario s = edited != null ? edited : scenario.get();
        if (s == null) {
            return "";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        ScenarioRunner runner = new ScenarioRunner(Map.of("model", ModelTarget::new), ps, ps);
        ScenarioRunner.Totals t = runner.runOne(s, List.of("model"));
        ps.println(t.line());
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Publishes a report (on the FX thread). */
    public void showReport(String text) {
        report.set(text);
    }

    public void setRunning(boolean on) {
        running.set(on);
    }

    /** Shows a problem in the error bar (a file that cannot be written, say). */
    public void showError(String message) {
        error.set(message);
    }

    public void clearError() {
        error.set("");
    }
}
