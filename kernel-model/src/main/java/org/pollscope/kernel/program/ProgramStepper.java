package org.pollscope.kernel.program;

import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Stepper;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * Steps a built-in {@link Program} under a {@link Workload}: a step runs the simulation to the
 * next instant at which a thread of the server process returns from a system call (one that
 * slept included), with everything the clients and the kernel did meanwhile and what the
 * server's threads go on to do at that instant: a thread runs its code up to a call that sleeps
 * or takes simulated CPU time, so a step can hold a few calls (read, write, and the wait that
 * follows). The run records its whole trace, so a view can show each step's events and the
 * listing line each thread is on.
 *
 * <p>A run is deterministic (every random choice comes from the workload's seed), so going back
 * replays a fresh run to the earlier step. The number of steps is that of the whole run, found
 * by one counting run when the stepper is made, and at most {@link #MAX_STEPS}.
 */
public final class ProgramStepper implements Stepper {
    /** More steps than anyone clicks through; it also bounds the replay of a step back. */
    public static final int MAX_STEPS = 2_000;

    private final Program program;
    private final Workload workload;
    private final int steps;
    private Run run;

    public ProgramStepper(Program program, Workload workload) {
        this.program = program;
        this.workload = workload;
        Run counting = new Run();
        while (counting.exits < MAX_STEPS && counting.next()) {
            // count the steps of the whole run
        }
        this.steps = counting.exits;
        this.run = new Run();
    }

    public Program program() {
        return program;
    }

    public Workload workload() {
        return workload;
    }

    /** The simulation being stepped (a new one after going back). */
    public Simulation simulation() {
        return run.sim;
    }

    @Override
    public Kernel kernel() {
        return run.sim.kernel;
    }

    @Override
    public int position() {
        return run.exits;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public int stepStart() {
        return run.stepStart;
    }

    @Override
    public void goTo(int k) {
        int to = Math.max(0, Math.min(k, steps));
        if (to < run.exits) run = new Run();
        while (run.exits < to && run.next()) {
            // replay
        }
    }

    /** The thread of the server that returned last in the current step, or -1 before the first. */
    public int lastTid() {
        return run.lastTid;
    }

    /** The listing line (from 1) that thread {@code tid} of the server is on, or 0. */
    public int lineOf(int tid) {
        return run.sim.lineOf(tid);
    }

    /** One run from the start; a step is an instant at which server calls returned. */
    private final class Run {
        final Simulation sim = new Simulation(program, workload, true);
        final int serverPid = sim.server.process().pid();
        final long end = (long) (workload.seconds() * 1e9);
        int exits;
        int stepStart;
        int lastTid = -1;
        private int seen;

        Run() {
            sim.kernel.trace().addListener(this::see);
            sim.start();
        }

        private void see(TraceEvent e) {
            if (e instanceof TraceEvent.SyscallExit x && x.pid() == serverPid) {
                seen++;
                lastTid = x.tid();
            }
        }

        /**
         * Runs until a server call returns (threads run a call at a time, each followed by its
         * CPU time on the clock, so this stops at the first instant with a return; two threads
         * returning at that same instant make one step); false when the run has ended without one.
         */
        boolean next() {
            stepStart = sim.kernel.trace().size();
            int before = seen;
            sim.kernel.settle(() -> seen > before || sim.kernel.now() >= end);
            if (seen == before) return false;
            exits++;
            return true;
        }
    }
}
