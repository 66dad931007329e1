package org.pollscope.kernel;

/**
 * Something run through the model one step at a time, forward and back: a scenario (a step is
 * a top-level statement) or a built-in program under a workload (a step is a system call of
 * the server returning). Going back replays a fresh, deterministic run, so the state after
 * stepping back is exactly the state that was there.
 */
public interface Stepper {
    /** The kernel as it is after the current step (a new object after going back). */
    Kernel kernel();

    /** How many steps have run. */
    int position();

    /** How many steps there are. */
    int steps();

    /** Runs to step {@code k} (0: before the first), replaying from the start when going back. */
    void goTo(int k);

    /** Where in the kernel's trace the events of the current step begin (the trace's size before it). */
    int stepStart();

    default boolean canForward() {
        return position() < steps();
    }

    default boolean canBack() {
        return position() > 0;
    }

    /** Runs the next step; false at the end. */
    default boolean forward() {
        if (!canForward()) return false;
        goTo(position() + 1);
        return true;
    }

    /** Back one step; false at the start. */
    default boolean back() {
        if (!canBack()) return false;
        goTo(position() - 1);
        return true;
    }

    /** Back to before the first step. */
    default void reset() {
        goTo(0);
    }
}
