package org.pollscope.app.ui.kernel;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.Stepper;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * What a step command does to a stepper, on whichever thread runs it: model work only, no view
 * state (the views are refreshed from the stepper when it is done).
 */
public enum StepWork {
    FORWARD, BACK, RESET, TO_END, GO_TO, NEXT_WAKEUP, NEXT_RETURN;

    /**
     * Runs the command on {@code s} ({@code k}: the step of {@link #GO_TO}); {@code stop} says the
     * user cancelled, and the work then ends at a step it reached. True when it did what it says:
     * moved, reached {@code k}, found a wakeup or a return.
     */
    public boolean apply(Stepper s, int k, BooleanSupplier stop) {
        switch (this) {
            case FORWARD:
                return s.forward();
            case BACK:
                return s.back();
            case RESET:
                s.reset();
                return true;
            case TO_END:
                s.goTo(Integer.MAX_VALUE);
                return true;
            case GO_TO:
                s.goTo(k);
                return s.position() == k;
            case NEXT_WAKEUP:
                while (!stop.getAsBoolean() && s.forward()) {
                    for (TraceEvent e : stepEvents(s)) if (e instanceof TraceEvent.Wake) return true;
                }
                return false;
            default:
                while (!stop.getAsBoolean()) {
                    // the threads asleep before the step, and those that fall asleep during it
                    Set<Integer> asleep = new HashSet<>();
                    for (SimThread t : s.kernel().sleepers()) asleep.add(t.tid());
                    if (!s.forward()) return false;
                    for (TraceEvent e : stepEvents(s)) {
                        if (e instanceof TraceEvent.Sleep sl) asleep.add(sl.tid());
                        if (e instanceof TraceEvent.SyscallExit x && asleep.contains(x.tid())) return true;
                    }
                }
                return false;
        }
    }

    /** The step the command is heading for from {@code at} ({@code k} of {@link #GO_TO}), or -1 when only the run can tell. */
    int target(int at, int k) {
        return this == GO_TO ? k : this == BACK ? Math.max(0, at - 1) : this == RESET ? 0 : -1;
    }

    /** The events of the stepper's current step. */
    private static List<TraceEvent> stepEvents(Stepper s) {
        List<TraceEvent> all = s.kernel().trace().events();
        return all.subList(Math.min(s.stepStart(), all.size()), all.size());
    }
}
