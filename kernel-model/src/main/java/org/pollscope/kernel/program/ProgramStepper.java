package org.pollscope.kernel.program;

import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.timeline.CheckpointStepper;
import org.pollscope.kernel.timeline.WorldCopier;
import org.pollscope.kernel.trace.CostMeter;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * Steps a built-in {@link Program} under a {@link Workload}: a step runs the simulation to the
 * next instant at which a thread of the server process returns from a system call (one that
 * slept included), with everything the clients and the kernel did meanwhile and what the
 * server's threads go on to do at that instant: a thread runs its code up to a call that sleeps
 * or takes simulated CPU time, so a step can hold a few calls (read, write, and the wait that
 * follows). The trace holds the events of the steps near the current one, so a view can show
 * each step's events and the listing line each thread is on.
 *
 * <p>A run is deterministic (every random choice comes from the workload's seed): going to a
 * step copies the nearest checkpoint of the run before it and replays from there (see
 * {@link CheckpointStepper}). There is no cap on the steps: they are found as the run goes,
 * until the workload's seconds of simulated time are over ({@link #complete()}).
 */
public final class ProgramStepper extends CheckpointStepper<ProgramStepper.Run> {
    private final Program program;
    private final Workload workload;
    private final boolean measured;

    /** A run for views: its {@link Simulation#measures()} are not kept (they grow with the run). */
    public ProgramStepper(Program program, Workload workload) {
        this(program, workload, BLOCK);
    }

    /** Checkpoints every {@code block} steps; 0: none, going back replays from the start (the reference for tests). */
    public ProgramStepper(Program program, Workload workload, int block) {
        this(program, workload, block, false);
    }

    private ProgramStepper(Program program, Workload workload, int block, boolean measured) {
        super(new WorldCopier().share(program).share(workload), block);
        this.program = program;
        this.workload = workload;
        this.measured = measured;
        start();
    }

    /** A run whose {@link Simulation#measures()} are kept (a lesson's counts), in memory that grows with the requests served. */
    public static ProgramStepper measured(Program program, Workload workload) {
        return new ProgramStepper(program, workload, BLOCK, true);
    }

    public Program program() {
        return program;
    }

    public Workload workload() {
        return workload;
    }

    /** The simulation being stepped (a new one after going back). */
    public Simulation simulation() {
        return world().sim;
    }

    @Override
    protected Run fresh() {
        return new Run(program, workload, measured);
    }

    @Override
    protected boolean step(Run w) {
        return w.next();
    }

    @Override
    protected Kernel kernelOf(Run w) {
        return w.sim.kernel;
    }

    @Override
    protected CostMeter meterOf(Run w) {
        return w.work;
    }

    /** The thread of the server that returned last in the current step, or -1 before the first. */
    public int lastTid() {
        return world().lastTid;
    }

    /** The listing line (from 1) that thread {@code tid} of the server is on, or 0. */
    public int lineOf(int tid) {
        return world().sim.lineOf(tid);
    }

    /** One run from the start; a step is an instant at which server calls returned. */
    static final class Run {
        final Simulation sim;
        final int serverPid;
        final long end;
        final CostMeter work = new CostMeter();
        int lastTid = -1;
        private int seen;

        Run(Program program, Workload workload, boolean measured) {
            sim = measured ? new Simulation(program, workload, true) : new Simulation(program, workload, true).withoutMeasures();
            serverPid = sim.server.process().pid();
            end = (long) (workload.seconds() * 1e9);
            sim.kernel.trace().addListener(this::see);
            sim.kernel.trace().addListener(work);
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
            int before = seen;
            sim.kernel.settle(() -> seen > before || sim.kernel.now() >= end);
            return seen > before;
        }
    }
}
