package org.pollscope.kernel.scenario;

import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.timeline.CheckpointStepper;
import org.pollscope.kernel.timeline.WorldCopier;
import org.pollscope.kernel.trace.CostMeter;

/**
 * Steps a scenario through the model one top-level statement at a time, forward and back.
 * The state at a step is what a fresh, deterministic run up to it gives: going back copies the
 * nearest checkpoint before the step and runs on from there (see {@link CheckpointStepper}),
 * so there is no undo log to get wrong.
 */
public final class ScenarioStepper extends CheckpointStepper<ScenarioStepper.World> {
    private final Scenario scenario;

    public ScenarioStepper(Scenario scenario) {
        this(scenario, BLOCK);
    }

    /** Checkpoints every {@code block} steps; 0: none, going back replays from the start (the reference for tests). */
    public ScenarioStepper(Scenario scenario, int block) {
        super(new WorldCopier().share(scenario), block);
        this.scenario = scenario;
        knownSteps(scenario.statements().size());
        start();
    }

    /** The world of a scenario: the model target and the interpreter running on it. */
    static final class World {
        final ModelTarget target = new ModelTarget();
        final ScenarioInterpreter interpreter;
        final CostMeter work = new CostMeter();
        /** how many statements had a result before the last step */
        int before;

        World(Scenario s) {
            interpreter = new ScenarioInterpreter(s, target);
            target.kernel().trace().addListener(work);
        }
    }

    @Override
    protected World fresh() {
        return new World(scenario);
    }

    @Override
    protected boolean step(World w) {
        int p = w.interpreter.position();
        if (p >= scenario.statements().size()) return false;
        w.before = w.interpreter.resultCount();
        w.interpreter.runUpTo(p + 1);
        return true;
    }

    @Override
    protected Kernel kernelOf(World w) {
        return w.target.kernel();
    }

    @Override
    protected CostMeter meterOf(World w) {
        return w.work;
    }

    public Scenario scenario() {
        return scenario;
    }

    public ModelTarget target() {
        return world().target;
    }

    /** The name the scenario last bound to {@code fd}, or null (for views that write statements). */
    public String nameOfFd(int fd) {
        return world().interpreter.nameOfFd(fd);
    }

    /** The names the statements run so far have bound. */
    public java.util.Set<String> boundNames() {
        return world().interpreter.boundNames();
    }

    /** Every result so far: the statements that ran, thread bodies' included. */
    public java.util.Map<Statement, StepResult> results() {
        return world().interpreter.results();
    }

    /**
     * The results the last step brought: its top-level statement's, and those of thread bodies'
     * statements that completed during it (empty before the first step).
     */
    public java.util.List<StepResult> stepResults() {
        if (position() == 0) return java.util.List.of();
        World w = world();
        java.util.List<StepResult> out = w.interpreter.resultsSince(w.before);
        out.sort(java.util.Comparator.comparingInt((StepResult r) -> r.statement().pos().line())
            .thenComparingInt(r -> r.statement().pos().column()));
        return out;
    }

    /** What each unfinished scenario thread is on (see {@link ScenarioInterpreter#running()}). */
    public java.util.Map<String, Statement> running() {
        return world().interpreter.running();
    }

    /** The result of a statement that ran, or null. */
    public StepResult result(Statement s) {
        return world().interpreter.result(s);
    }
}
