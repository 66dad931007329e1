package org.pollscope.app.ui;

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
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.scenario.Scenario;
import org.pollscope.kernel.scenario.ScenarioStepper;
import org.pollscope.kernel.scenario.Statement;
import org.pollscope.kernel.trace.CostMeter;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * Stepping a scenario through the model, forward and back, for the Scenario tab: the current
 * statement, an strace-style log of the system calls so far, the trace events of the last
 * step, an explanation of that step in words, and the kernel work so far. Everything is
 * derived from the trace; stepping back replays (see {@link ScenarioStepper}).
 */
public final class StepViewModel {
    private ScenarioStepper stepper;
    private final ReadOnlyIntegerWrapper position = new ReadOnlyIntegerWrapper(this, "position", 0);
    private final ReadOnlyIntegerWrapper steps = new ReadOnlyIntegerWrapper(this, "steps", 0);
    private final ReadOnlyStringWrapper statement = new ReadOnlyStringWrapper(this, "statement", "");
    private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper(this, "explanation", "");
    private final ReadOnlyStringWrapper cost = new ReadOnlyStringWrapper(this, "cost", "");
    private final ReadOnlyObjectWrapper<Kernel> kernel = new ReadOnlyObjectWrapper<>(this, "kernel");
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision", 0);
    private final ObservableList<String> syscalls = FXCollections.observableArrayList();
    private final ObservableList<String> events = FXCollections.observableArrayList();

    public ReadOnlyIntegerProperty positionProperty() {
        return position.getReadOnlyProperty();
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

    public ObservableList<String> syscalls() {
        return syscalls;
    }

    public ObservableList<String> events() {
        return events;
    }

    /** The whole trace of the run so far, as JSON lines (export). */
    public String traceJson() {
        return stepper == null ? "" : org.pollscope.kernel.trace.TraceJson.lines(stepper.kernel().trace().events());
    }

    /**
     * Shows a saved trace (JSON lines) in the event list, one line per event; returns null,
     * or what is wrong with the file (nothing is changed then).
     */
    public String showSavedTrace(String jsonLines) {
        List<java.util.Map<String, Object>> evs;
        try {
            evs = org.pollscope.kernel.trace.TraceJson.parseAll(jsonLines);
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
        explanation.set("a saved trace of " + shown.size() + " events");
        return null;
    }

    /** Starts stepping a scenario from its beginning. */
    public void load(Scenario scenario) {
        stepper = new ScenarioStepper(scenario);
        steps.set(stepper.steps());
        refresh(0);
    }

    public boolean forward() {
        if (stepper == null) return false;
        int before = stepper.kernel().trace().size();
        boolean moved = stepper.forward();
        if (moved) refresh(before);
        return moved;
    }

    public boolean back() {
        if (stepper == null || !stepper.canBack()) return false;
        stepper.back();
        // the events of the step now current: replay up to the step before it to find where they start
        int at = stepper.position();
        int start = 0;
        if (at > 0) {
            ScenarioStepper probe = new ScenarioStepper(stepper.scenario());
            probe.goTo(at - 1);
            start = probe.kernel().trace().size();
        }
        refresh(start);
        return true;
    }

    /** Steps forward until a step wakes a sleeping thread (or the end); true when one did. */
    public boolean runToNextWakeup() {
        while (forward()) {
            if (events.stream().anyMatch(e -> e.contains(" woken: "))) return true;
        }
        return false;
    }

    /** Whether there is a next step. */
    public boolean canForward() {
        return stepper != null && stepper.canForward();
    }

    public void reset() {
        if (stepper == null) return;
        stepper.reset();
        refresh(0);
    }

    public void toEnd() {
        if (stepper == null) return;
        int before = stepper.kernel().trace().size();
        stepper.goTo(stepper.steps());
        refresh(before);
    }

    private void refresh(int firstEventOfStep) {
        Kernel k = stepper.kernel();
        kernel.set(k);
        position.set(stepper.position());
        List<TraceEvent> all = k.trace().events();
        List<String> calls = new ArrayList<>();
        for (TraceEvent e : all) {
            if (e instanceof TraceEvent.SyscallExit x) calls.add(x.describe());
        }
        syscalls.setAll(calls);
        List<TraceEvent> step = all.subList(Math.min(firstEventOfStep, all.size()), all.size());
        events.setAll(step.stream().map(TraceEvent::describe).toList());
        explanation.set(explain(step));
        CostMeter meter = new CostMeter();
        all.forEach(meter);
        CostMeter.Cost c = meter.total();
        cost.set("fds visited " + c.fdsVisited() + "   bytes copied " + c.bytesCopied() + "   tree comparisons "
            + c.comparisons() + "   callbacks " + c.callbacks());
        int p = stepper.position();
        List<Statement> top = stepper.scenario().statements();
        statement.set(p == 0 ? "(before the first statement)" : "line " + top.get(p - 1).pos().line() + ": " + top.get(p - 1).text());
        revision.set(revision.get() + 1);
    }

    /** The step in words, naming the kernel function of each thing that happened. */
    static String explain(List<TraceEvent> step) {
        StringBuilder sb = new StringBuilder();
        for (TraceEvent e : step) {
            String line = null;
            if (e instanceof TraceEvent.Callback cb && cb.woke()) {
                line = cb.function() + ": " + cb.queue() + " was woken; " + cb.target()
                    + (cb.function().equals("ep_poll_callback") ? " joins the tail of rdllist (unless it is there already)" : " is woken");
            } else if (e instanceof TraceEvent.Wake w) {
                line = "thread T" + w.tid() + " is woken: " + w.why();
            } else if (e instanceof TraceEvent.Sleep s) {
                line = "thread T" + s.tid() + " sleeps in " + s.call() + " on " + s.on();
            } else if (e instanceof TraceEvent.TreeRotate r) {
                line = "the interest list rotates " + (r.left() ? "left" : "right") + " at " + r.pivot() + ": " + r.caseName();
            } else if (e instanceof TraceEvent.TreeLink l) {
                line = "ep_rbtree_insert links " + l.item() + " into the interest list";
            } else if (e instanceof TraceEvent.TreeErase er) {
                line = "ep_remove takes " + er.item() + " out of the interest list";
            } else if (e instanceof TraceEvent.ReadyLink r) {
                line = r.ep() + ": " + r.item() + " joins rdllist (" + r.why() + ")";
            } else if (e instanceof TraceEvent.Copy c && c.toUser() && c.what().startsWith("epoll_event")) {
                line = "ep_send_events copies " + c.what() + " to user space";
            } else if (e instanceof TraceEvent.SyscallExit x) {
                line = x.call() + " returns " + x.ret() + (x.errno() != null ? " (" + x.errno() + ")" : "");
            }
            if (line != null) sb.append(line).append('\n');
        }
        return sb.toString().strip();
    }
}
