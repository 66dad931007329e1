package org.pollscope.app.ui.kernel;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.pollscope.app.ui.Messages;
import org.pollscope.kernel.EventFd;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.OpenFile;
import org.pollscope.kernel.SimProcess;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.Socket;
import org.pollscope.kernel.Stepper;
import org.pollscope.kernel.program.Program;
import org.pollscope.kernel.program.ProgramStepper;
import org.pollscope.kernel.program.Workload;
import org.pollscope.kernel.scenario.Scenario;
import org.pollscope.kernel.scenario.ScenarioInterpreter;
import org.pollscope.kernel.scenario.ScenarioParser;
import org.pollscope.kernel.scenario.ScenarioStepper;
import org.pollscope.kernel.scenario.ScenarioSyntaxException;
import org.pollscope.kernel.scenario.Statement;
import org.pollscope.kernel.scenario.StepResult;
import org.pollscope.kernel.trace.CostMeter;
import org.pollscope.kernel.trace.TraceEvent;
import org.pollscope.kernel.trace.TraceText;

/**
 * Stepping a scenario through the model, forward and back, for the Scenario tab: the current
 * statement, an strace-style log of the system calls so far, the trace events of the last
 * step, an explanation of that step in words, and the kernel work so far. Everything is
 * derived from the trace; stepping back replays (see {@link ScenarioStepper}).
 */
public final class StepViewModel {
    private final StepText words;
    /** the scenario's stepper when a scenario is stepped, else null */
    private ScenarioStepper scenarioStepper;
    /** the program's stepper when a built-in program is stepped, else null */
    private ProgramStepper programStepper;
    private final ObservableList<String> listing = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper currentLine = new ReadOnlyIntegerWrapper(this, "currentLine", -1);
    private final ReadOnlyIntegerWrapper position = new ReadOnlyIntegerWrapper(this, "position", 0);
    private final ReadOnlyIntegerWrapper steps = new ReadOnlyIntegerWrapper(this, "steps", 0);
    private final ReadOnlyStringWrapper logRange = new ReadOnlyStringWrapper(this, "logRange", "");
    private final ReadOnlyStringWrapper positionText = new ReadOnlyStringWrapper(this, "positionText", "");
    private final ReadOnlyStringWrapper positionTip = new ReadOnlyStringWrapper(this, "positionTip", "");
    private final ReadOnlyStringWrapper statement = new ReadOnlyStringWrapper(this, "statement", "");
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper(this, "explanation", "");
    private final ReadOnlyStringWrapper cost = new ReadOnlyStringWrapper(this, "cost", "");
    private final ReadOnlyObjectWrapper<Kernel> kernel = new ReadOnlyObjectWrapper<>(this, "kernel");
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision", 0);
    private final ObservableList<String> syscalls = FXCollections.observableArrayList();
    private final ObservableList<String> events = FXCollections.observableArrayList();
    private final ObservableList<String> fdTables = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Scenario> scenario = new ReadOnlyObjectWrapper<>(this, "scenario");
    private final ReadOnlyStringWrapper lastCallCost = new ReadOnlyStringWrapper(this, "lastCallCost", "");
    private List<TraceEvent> lastStep = List.of();
    private final ObservableList<ListingLine> lines = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper verdicts = new ReadOnlyStringWrapper(this, "verdicts", "");
    /** the scenario's listing (null when a program is stepped) and the file's lines it is made of (null: not known) */
    private ScenarioListing scenarioListing;
    private List<String> sourceLines;
    /** the results of the last "Run on model", shown until the next step, or null */
    private java.util.Map<Statement, StepResult> runResults;

    /** What is stepped: the program's stepper or the scenario's (null before anything is loaded). */
    private Stepper stepper() {
        return programStepper != null ? programStepper : scenarioStepper;
    }

    /** English: the words of the bundle's root locale. */
    public StepViewModel() {
        this(Messages.english());
    }

    /** The words of {@code text}, the window's bundle. */
    public StepViewModel(java.util.ResourceBundle text) {
        this.words = new StepText(text);
    }

    public ReadOnlyIntegerProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    /**
     * Which steps the log and the events hold, when not all from the first ("Steps 129 to 150:
     * the log keeps the steps near the current one"), else "".
     */
    public ReadOnlyStringProperty logRangeProperty() {
        return logRange.getReadOnlyProperty();
    }

    /** The step counter as the toolbar shows it: "K / M", or "K / ≥M" while a program's end is not yet found. */
    public ReadOnlyStringProperty positionTextProperty() {
        return positionText.getReadOnlyProperty();
    }

    /** The counter in words ("Step K of at least M: ..."). */
    public ReadOnlyStringProperty positionTipProperty() {
        return positionTip.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty stepsProperty() {
        return steps.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statementProperty() {
        return statement.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty explanationProperty() {
        return explanation.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty costProperty() {
        return cost.getReadOnlyProperty();
    }

    /** The kernel as it is after the current step (a new object after each step back). */
    public ReadOnlyObjectProperty<Kernel> kernelProperty() {
        return kernel.getReadOnlyProperty();
    }

    /** Counts refreshes: the kernel object stays the same while stepping forward, so views redraw on this. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** The scenario being stepped, with any statements added by acting on the world. */
    public ReadOnlyObjectProperty<Scenario> scenarioProperty() {
        return scenario.getReadOnlyProperty();
    }

    /**
     * What is stepped, a line an item: the scenario's statements ("12  epoll_wait(...)", a
     * statement added by clicking a file marked "+"), or the program's numbered listing.
     */
    public ObservableList<String> listing() {
        return listing;
    }

    /**
     * The listing with the marks of the current step: the current statement, the running line
     * of each thread, and each prediction judged (met, or not met with what the model returned).
     */
    public ObservableList<ListingLine> lines() {
        return lines;
    }

    /** The predictions judged so far: met and not met (a scenario's), or the totals of the last run on the model. */
    public ReadOnlyStringProperty verdictsProperty() {
        return verdicts.getReadOnlyProperty();
    }

    /** The item of {@link #listing()} the current step is on, or -1. */
    public ReadOnlyIntegerProperty currentLineProperty() {
        return currentLine.getReadOnlyProperty();
    }

    /** The built-in program being stepped, or null when it is a scenario (or nothing). */
    public Program program() {
        return programStepper == null ? null : programStepper.program();
    }

    /** Each process, its threads and its fd table, a line each (user space). */
    public ObservableList<String> fdTables() {
        return fdTables;
    }

    /** The kernel work of the last system call that returned, in words. */
    public ReadOnlyStringProperty lastCallCostProperty() {
        return lastCallCost.getReadOnlyProperty();
    }

    /** The trace events of the last step. */
    public List<TraceEvent> lastStep() {
        return lastStep;
    }

    public ObservableList<String> syscalls() {
        return syscalls;
    }

    public ObservableList<String> events() {
        return events;
    }

    /** The whole trace of the run so far, as JSON lines (export). */
    public String traceJson() {
        return stepper() == null ? "" : org.pollscope.kernel.trace.TraceJson.lines(stepper().kernel().trace().events());
    }

    /**
     * Shows a saved trace (JSON lines) in the event list, one line per event; returns null,
     * or what is wrong with the file (nothing is changed then).
     */
    public String showSavedTrace(String jsonLines) {
        return showSavedTrace(jsonLines.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A saved trace file's bytes: a byte that is not UTF-8 is a problem at its line and column, like bad JSON. */
    public String showSavedTrace(byte[] file) {
        List<java.util.Map<String, Object>> evs;
        try {
            evs = org.pollscope.kernel.trace.TraceJson.parseAll(file);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        List<String> shown = new ArrayList<>();
        for (var m : evs) {
            StringBuilder sb = new StringBuilder(String.valueOf(m.get("type")));
            m.forEach((k, v) -> {
                if (!k.equals("type")) sb.append(' ').append(k).append('=').append(v);
            });
            shown.add(sb.toString());
        }
        events.setAll(shown);
        explanation.set(words.savedTrace(shown.size()));
        return null;
    }

    /** Starts stepping a scenario from its beginning; its listing is its file's text when the file can be read. */
    public void load(Scenario scenario) {
        load(scenario, readSource(scenario.file()));
    }

    /** Starts stepping a scenario from its beginning, listing {@code source}, its text (null: the statements alone). */
    public void load(Scenario scenario, String source) {
        job.cancel();
        programStepper = null;
        sourceLines = source == null ? null : ScenarioListing.linesOf(source);
        scenarioStepper = new ScenarioStepper(scenario);
        showScenario(scenario);
        refresh();
    }

    private static String readSource(String file) {
        try {
            java.nio.file.Path p = java.nio.file.Path.of(file);
            return java.nio.file.Files.isRegularFile(p) ? java.nio.file.Files.readString(p) : null;
        } catch (java.io.IOException | RuntimeException e) {
            // not a file of this machine (a scenario made in memory): the statements are listed
            return null;
        }
    }

    /**
     * Starts stepping a built-in program under a workload: a step is a system call of the server
     * returning, and the listing line of the thread that made it is the current line.
     */
    public void loadProgram(Program program, Workload workload) {
        job.cancel();
        scenarioStepper = null;
        scenarioListing = null;
        programStepper = new ProgramStepper(program, workload);
        scenario.set(null);
        List<String> lines = program.listing();
        List<String> numbered = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) numbered.add((i + 1) + "  " + lines.get(i));
        listing.setAll(numbered);
        steps.set(stepper().steps());
        refresh();
    }

    private void showScenario(Scenario s) {
        this.scenario.set(s);
        // a statement added by clicking a file has no line of the file: it is marked "+"
        scenarioListing = new ScenarioListing(s, sourceLines);
        listing.setAll(scenarioListing.plain());
        steps.set(stepper().steps());
    }

    /** The file name of statements added by clicking a file. */
    static final String CLICKED = "(clicked)";

    /** What a click on a file offers: a label and the statement it adds after the current step. */
    public record Action(String label, String statement) {}

    /**
     * The actions on {@code file} (named by {@code fd} in the first process): send bytes to it
     * (written at its peer, or to itself for an eventfd), close its peer, shut it down. Only
     * those whose files have a name in the scenario are offered.
     */
    public List<Action> actionsFor(OpenFile file, int fd) {
        List<Action> out = new ArrayList<>();
        if (scenarioStepper == null || file == null) return out;
        String self = nameOf(file, fd);
        OpenFile peer = file.peer();
        String peerName = peer == null ? null : nameOf(peer, -1);
        if (peerName != null && !(file instanceof EventFd)) {
            out.add(new Action(words.sendAction(self, peerName), "write(" + peerName + ", 5)"));
            out.add(new Action(words.closePeerAction(peerName), "close(" + peerName + ")"));
        }
        // eight bytes of 'x': the counter grows by 0x7878787878787878, which is all that makes it readable
        if (file instanceof EventFd && self != null) out.add(new Action(words.eventfdWriteAction(self), "write(" + self + ", 8)"));
        if (file instanceof Socket && self != null) out.add(new Action(words.shutdownAction(self), "shutdown(" + self + ", RDWR)"));
        return out;
    }

    /** The scenario's name for an fd of the first process that refers to {@code file} ({@code hint} tried first), or null. */
    private String nameOf(OpenFile file, int hint) {
        ScenarioStepper st = scenarioStepper;
        Kernel k = st.kernel();
        if (k.processes().isEmpty()) return null;
        var table = k.processes().get(0).fds();
        if (hint >= 0 && table.get(hint) == file && st.nameOfFd(hint) != null) return st.nameOfFd(hint);
        for (int fd = 0, hw = table.highWater(); fd < hw; fd++) {
            if (table.get(fd) == file && st.nameOfFd(fd) != null) return st.nameOfFd(fd);
        }
        return null;
    }

    /**
     * Adds {@code statement} to the scenario right after the current step and runs it: acting
     * on the world is part of the scenario, so stepping back and forth replays it. Returns null,
     * or what is wrong with the statement (then nothing changes).
     */
    public String insert(String statement) {
        if (scenarioStepper == null) return words.nothingLoaded();
        Scenario now = scenarioStepper.scenario();
        Scenario one;
        try {
            one = ScenarioParser.parse(CLICKED, statement, scenarioStepper.boundNames());
        } catch (ScenarioSyntaxException e) {
            return e.getMessage();
        }
        int at = scenarioStepper.position();
        List<Statement> list = new ArrayList<>(now.statements());
        list.addAll(at, one.statements());
        Scenario next = new Scenario(now.file(), now.title(), now.only(), now.onlyReason(), now.needsKernel(), List.copyOf(list));
        scenarioStepper = new ScenarioStepper(next);
        showScenario(next);
        scenarioStepper.goTo(at + 1);
        refresh();
        return null;
    }

    public boolean forward() {
        return run(StepWork.FORWARD, 0);
    }

    public boolean back() {
        return run(StepWork.BACK, 0);
    }

    /** Steps forward until a step wakes a sleeping thread (or the end); true when one did. */
    public boolean runToNextWakeup() {
        return run(StepWork.NEXT_WAKEUP, 0);
    }

    /** Steps forward until a system call that slept returns (or the end); true when one did. */
    public boolean runToNextReturn() {
        return run(StepWork.NEXT_RETURN, 0);
    }

    /** Runs {@code work} here and now (the calling thread), then shows where it got to. */
    private boolean run(StepWork work, int k) {
        if (stepper() == null || job.busy()) return false;
        Kernel before = stepper().kernel();
        int was = stepper().position();
        boolean r = work.apply(stepper(), k, () -> false);
        // a program's end is found by trying one more step: the stepper then rebuilds the last
        // step's world, a new kernel object the views must show in place of the one run past it
        if (stepper().position() != was || stepper().kernel() != before || work == StepWork.RESET) refresh();
        return r;
    }

    // ---- the same commands off the JavaFX thread, for the window ----

    private final StepJob job = new StepJob();

    /**
     * The command running off the JavaFX thread, if any: whether one is, its progress, and how to
     * cancel it. While one runs, the stepper and its kernel belong to it: the views keep what
     * they show and the other commands wait.
     */
    public StepJob job() {
        return job;
    }

    /** Runs {@code work} off the JavaFX thread (see {@link StepJob}); false when nothing is loaded or a command runs. */
    public boolean inBackground(StepWork work) {
        return inBackground(work, 0, null);
    }

    /** Runs {@code work} off the JavaFX thread; {@code done} is then given whether it did what it says. */
    public boolean inBackground(StepWork work, java.util.function.Consumer<Boolean> done) {
        return inBackground(work, 0, done);
    }

    /** Goes to step {@code k} off the JavaFX thread; {@code done} is then given whether it got there. */
    public boolean goToInBackground(int k, java.util.function.Consumer<Boolean> done) {
        return inBackground(StepWork.GO_TO, k, done);
    }

    private boolean inBackground(StepWork work, int k, java.util.function.Consumer<Boolean> done) {
        Stepper s = stepper();
        if (s == null) return false;
        Kernel before = s.kernel();
        int was = s.position();
        return job.start(s, work, k, words, (ok, failure) -> {
            if (failure != null) explanation.set(String.valueOf(failure));
            if (stepper() == s && (s.position() != was || s.kernel() != before || work == StepWork.RESET || failure != null)) refresh();
            if (done != null) done.accept(ok);
        });
    }

    /** Whether the number of steps is that of the whole run (a program's end has been found, or it is a scenario). */
    public boolean complete() {
        return stepper() != null && stepper().complete();
    }

    /** Whether there is a next step. */
    public boolean canForward() {
        // while a command runs the stepper is its own: "not now"
        return stepper() != null && !job.busy() && stepper().canForward();
    }

    public void reset() {
        run(StepWork.RESET, 0);
    }

    /** Runs to step {@code k} of what is loaded (0: before the first), as stepping there would. */
    public void goTo(int k) {
        run(StepWork.GO_TO, k);
    }

    /** Shows a program run that is already stepped (a lesson's, say): its listing, its current step. */
    public void showProgram(ProgramStepper stepper) {
        job.cancel();
        scenarioStepper = null;
        scenarioListing = null;
        programStepper = stepper;
        scenario.set(null);
        List<String> lines = stepper.program().listing();
        List<String> numbered = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) numbered.add((i + 1) + "  " + lines.get(i));
        listing.setAll(numbered);
        steps.set(stepper.steps());
        refresh();
    }

    /** To the last step: of a program, the end of its run, found by running it (its steps are found as it goes). */
    public void toEnd() {
        run(StepWork.TO_END, 0);
    }

    /** The listing's marks and the count of predictions, from the steps so far or from the last run on the model. */
    private void showMarks() {
        java.util.Map<Statement, StepResult> results = runResults != null ? runResults : scenarioStepper.results();
        Statement now = scenarioStepper.position() == 0 ? null : scenarioStepper.scenario().statements().get(scenarioStepper.position() - 1);
        lines.setAll(scenarioListing.lines(now, runResults != null ? java.util.Map.of() : scenarioStepper.running(), results));
        if (runResults == null) {
            int met = 0;
            int notMet = 0;
            for (StepResult r : results.values()) {
                if (r.skipped() != null) continue;
                if (r.failure() != null) notMet++;
                else if (r.hasExpectation()) met++;
            }
            verdicts.set(words.judged(met, notMet));
        }
    }

    /**
     * Shows the verdicts of a whole run on the model in the listing's marks and its totals in
     * {@link #verdictsProperty()}, counted as {@code pollscope run} counts them; the next step
     * shows the steps' own again.
     */
    public void showRun(ScenarioInterpreter.SideRun run) {
        if (scenarioStepper == null) return;
        if (run.skipped() != null) {
            verdicts.set(words.runSkipped(run.skipped()));
            return;
        }
        int passed = 0;
        int failed = run.failures().size();
        int skipped = 0;
        List<String> why = new ArrayList<>();
        for (Statement st : scenarioStepper.scenario().allStatements()) {
            StepResult r = run.results().get(st);
            boolean expects = st instanceof Statement.Call c && c.expect() != null;
            if (r == null) {
                if (expects) failed++;
            } else if (r.skipped() != null) {
                if (expects) skipped++;
            } else if (r.failure() != null) {
                failed++;
                why.add(r.failure());
            } else if (expects) {
                passed++;
            }
        }
        runResults = run.results();
        showMarks();
        verdicts.set(words.runTotals(passed, failed, skipped));
        why.addAll(run.failures());
        explanation.set(words.runExplained(why));
    }

    /** Shows the report of a whole run of a built-in program on the model in the explanation. */
    public void showRunReport(String report) {
        explanation.set(words.runReport(report.strip()));
    }

    private static SimThread threadOf(Kernel k, int tid) {
        for (SimProcess p : k.processes()) {
            for (SimThread t : p.threads()) {
                if (t.tid() == tid) return t;
            }
        }
        return null;
    }

    /** Shows the current step: its events are those from {@link Stepper#stepStart()} on. */
    private void refresh() {
        runResults = null;
        int firstEventOfStep = stepper().stepStart();
        Kernel k = stepper().kernel();
        kernel.set(k);
        position.set(stepper().position());
        steps.set(stepper().steps());   // a program's steps are found as it runs
        int first = stepper().windowFirst();
        logRange.set(first > 1 ? words.logRange(first, stepper().position()) : "");
        positionText.set(words.position(stepper().position(), stepper().steps(), stepper().complete()));
        positionTip.set(words.positionTip(stepper().position(), stepper().steps(), stepper().complete()));
        List<TraceEvent> all = k.trace().events();
        List<String> calls = new ArrayList<>();
        for (TraceEvent e : all) {
            if (e instanceof TraceEvent.SyscallExit x) calls.add(TraceText.describe(x));
        }
        syscalls.setAll(calls);
        List<TraceEvent> step = List.copyOf(all.subList(Math.min(firstEventOfStep, all.size()), all.size()));
        lastStep = step;
        events.setAll(step.stream().map(TraceText::describe).toList());
        String explained = words.explain(step);
        if (scenarioStepper != null) {
            String judged = words.verdictLines(scenarioStepper.stepResults());
            // the verdicts first: whether the prediction held is what the step is about
            explained = judged.isEmpty() ? explained : explained.isEmpty() ? judged : judged + "\n" + explained;
        }
        explanation.set(explained);
        CostMeter.Cost c = stepper().workSoFar();
        CostMeter.CallCost[] last = {stepper().lastCallCost()};
        if (c == null) {
            // a stepper that keeps the whole trace: sum it
            CostMeter meter = new CostMeter();
            meter.onCall(cc -> last[0] = cc);
            all.forEach(meter);
            c = meter.total();
        }
        cost.set(words.total(c));
        lastCallCost.set(last[0] == null ? "" : words.lastCall(last[0]));
        fdTables.setAll(words.fdTableLines(k));
        int p = stepper().position();
        if (programStepper != null) {
            // before the first step, the line the server's first thread has reached as it started
            int tid = programStepper.lastTid() >= 0 ? programStepper.lastTid() : programStepper.simulation().server.tid();
            int line = programStepper.lineOf(tid);
            currentLine.set(line - 1);
            SimThread t = p == 0 ? null : threadOf(k, tid);
            statement.set(t == null ? words.programStarted(programStepper.program().name()) : words.programAt(t, line));
            List<String> program = programStepper.program().listing();
            List<ListingLine> rows = new ArrayList<>(program.size());
            for (int i = 0; i < program.size(); i++) {
                rows.add(new ListingLine(String.valueOf(i + 1), program.get(i), i == line - 1, null, ListingLine.Verdict.NONE, ""));
            }
            lines.setAll(rows);
            verdicts.set("");
        } else {
            List<Statement> top = scenarioStepper.scenario().statements();
            Statement now = p == 0 ? null : top.get(p - 1);
            currentLine.set(scenarioListing.rowOf(now));
            statement.set(now == null ? words.beforeFirst()
                : ScenarioListing.clicked(now) ? words.statementAdded(now.text()) : words.statementAt(now.pos().line(), now.text()));
            showMarks();
        }
        revision.set(revision.get() + 1);
    }

}
