package org.pollscope.kernel.scenario;

import org.pollscope.kernel.Kernel;

/**
 * Steps a scenario through the model one top-level statement at a time, forward and back.
 * Going back replays a fresh, deterministic run up to the earlier step, so the state after
 * stepping back is exactly the state that was there (no undo log to get wrong).
 */
public final class ScenarioStepper {
    private final Scenario scenario;
    private ModelTarget target;
    private ScenarioInterpreter interpreter;

    public ScenarioStepper(Scenario scenario) {
        this.scenario = scenario;
        reset();
    }

    /** Back to before the first statement. */
    public void reset() {
        target = new ModelTarget();
        interpreter = new ScenarioInterpreter(scenario, target);
    }

    public Scenario scenario() {
        return scenario;
    }

    /** How many steps (top-level statements) the scenario has. */
    public int steps() {
        return scenario.statements().size();
    }

    /** How many steps have run. */
    public int position() {
        return interpreter.position();
    }

    public boolean canForward() {
        return position() < steps();
    }

    public boolean canBack() {
        return position() > 0;
    }

    /** Runs the next statement; false at the end. */
    public boolean forward() {
        if (!canForward()) return false;
        interpreter.runUpTo(position() + 1);
        return true;
    }

    /** Undoes the last statement by replaying up to the one before; false at the start. */
    public boolean back() {
        if (!canBack()) return false;
        goTo(position() - 1);
        return true;
    }

    /** Runs to step {@code k} (0 = before the first statement), replaying when going back. */
    public void goTo(int k) {
        int to = Math.max(0, Math.min(k, steps()));
        if (to < position()) reset();
        interpreter.runUpTo(to);
    }

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

    /** The result of a statement that ran, or null. */
    public StepResult result(Statement s) {
        return interpreter.results().get(s);
    }
}
