package org.pollscope.kernel;

/**
 * Something run through the model one step at a time, forward and back: a scenario (a step is
 * a top-level statement) or a built-in program under a workload (a step is a system call of
 * the server returning). The state at a step is what a fresh, deterministic replay to it gives, so the state after
 * stepping back is exactly the state that was there.
 */
public interface Stepper {
    /** The kernel as it is after the current step (a new object after going back). */
    Kernel kernel();

    /** How many steps have run. */
    int position();

    /**
     * How many steps there are: for a run whose end is found by running it (a program), the
     * steps found so far, so a view says "step K of at least M" until {@link #complete()}.
     */
    int steps();

    /** Whether {@link #steps()} is the number of steps of the whole run. */
    default boolean complete() {
        return true;
    }

    /**
     * The first step whose events the kernel's trace still holds (a stepper may keep only the
     * steps near the current one); the trace holds the events from there to {@link #position()}.
     */
    default int windowFirst() {
        return 1;
    }

    /** The kernel work of the whole run so far, or null when the trace holds it all (sum it). */
    default org.pollscope.kernel.trace.CostMeter.Cost workSoFar() {
        return null;
    }

    /** The kernel work of the last system call that returned, or null (see {@link #workSoFar()}). */
    default org.pollscope.kernel.trace.CostMeter.CallCost lastCallCost() {
        return null;
    }

    /** Runs to step {@code k} (0: before the first), or to the last step when the run has fewer. */
    void goTo(int k);

    /** Where in the kernel's trace the events of the current step begin (the trace's size before it). */
    int stepStart();

    default boolean canForward() {
        return position() < steps() || !complete();
    }

    default boolean canBack() {
        return position() > 0;
    }

    /** Runs the next step; false at the end. */
    default boolean forward() {
        if (!canForward()) return false;
        int was = position();
        goTo(was + 1);
        return position() > was;
    }

    /** Back one step; false at the start. */
    default boolean back() {
        if (!canBack()) return false;
        goTo(position() - 1);
        return true;
    }

    /**
     * The step a {@link #goTo} running on another thread has reached, for a progress bar (it may
     * be read from any thread; between runs it is {@link #position()}).
     */
    default int progress() {
        return position();
    }

    /** Stops a {@link #goTo} running on another thread at its next step; it stays at a step it reached. */
    default void cancel() {
    }

    /** Back to before the first step. */
    default void reset() {
        goTo(0);
    }
}
