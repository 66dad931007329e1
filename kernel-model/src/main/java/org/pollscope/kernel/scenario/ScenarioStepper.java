package org.pollscope.kernel.scenario;

import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Stepper;

/**
 * Steps a scenario through the model one top-level statement at a time, forward and back.
 * Going back replays a fresh, deterministic run up to the earlier step, so the state after
 * stepping back is exactly the state that was there (no undo log to get wrong).
 */
public final class ScenarioStepper implements Stepper {
    private final Scenario scenario;
    private ModelTarget target;
    private ScenarioInterpreter interpreter;
    private int stepStart;
    /** the statements that had a result before the last step */
    private java.util.Set<Statement> before = java.util.Set.of();

    public ScenarioStepper(Scenario scenario) {
        this.scenario = scenario;
        reset();
    }

    /** Back to before the first statement. */
    @Override
    public void reset() {
        target = new ModelTarget();
        interpreter = new ScenarioInterpreter(scenario, target);
        stepStart = 0;
        before = java.util.Set.of();
    }

    public Scenario scenario() {
        return scenario;
    }

    /** How many steps (top-level statements) the scenario has. */
    @Override
    public int steps() {
        return scenario.statements().size();
    }

    /** How many steps have run. */
    @Override
    public int position() {
        return interpreter.position();
    }

    /** Runs to step {@code k} (0 = before the first statement), replaying when going back. */
    @Override
    public void goTo(int k) {
        int to = Math.max(0, Math.min(k, steps()));
        if (to < position()) reset();
        if (to == position()) return;
        interpreter.runUpTo(to - 1);
        stepStart = kernel().trace().size();
        before = java.util.Set.copyOf(interpreter.results().keySet());
        interpreter.runUpTo(to);
    }

    @Override
    public int stepStart() {
        return position() == 0 ? 0 : stepStart;
    }

    @Override
    public Kernel kernel() {
        return target.kernel();
    }

    public ModelTarget target() {
        return target;
    }

    /** The name the scenario last bound to {@code fd}, or null (for views that write statements). */
    public String nameOfFd(int fd) {
        return interpreter.nameOfFd(fd);
    }

    /** The names the statements run so far have bound. */
    public java.util.Set<String> boundNames() {
        return interpreter.boundNames();
    }

    /** Every result so far: the statements that ran, thread bodies' included. */
    public java.util.Map<Statement, StepResult> results() {
        return interpreter.results();
    }

    /**
     * The results the last step brought: its top-level statement's, and those of thread bodies'
     * statements that completed during it (empty before the first step).
     */
    public java.util.List<StepResult> stepResults() {
        if (position() == 0) return java.util.List.of();
        java.util.List<StepResult> out = new java.util.ArrayList<>();
        interpreter.results().forEach((s, r) -> {
            if (!before.contains(s)) out.add(r);
        });
        out.sort(java.util.Comparator.comparingInt((StepResult r) -> r.statement().pos().line())
            .thenComparingInt(r -> r.statement().pos().column()));
        return out;
    }

    /** What each unfinished scenario thread is on (see {@link ScenarioInterpreter#running()}). */
    public java.util.Map<String, Statement> running() {
        return interpreter.running();
    }

    /** The result of a statement that ran, or null. */
    public StepResult result(Statement s) {
        return interpreter.results().get(s);
    }
}
