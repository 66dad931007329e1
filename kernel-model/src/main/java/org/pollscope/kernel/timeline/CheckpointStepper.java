package org.pollscope.kernel.timeline;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Stepper;
import org.pollscope.kernel.trace.CostMeter;
import org.pollscope.kernel.trace.Trace;

/**
 * Steps a deterministic run of the model forward, back and to any step at a cost that does not
 * grow with the depth, and in memory that does not grow with the run.
 *
 * <p>The state at step K is what a replay from the start gives; so the stepper keeps
 * <em>checkpoints</em>, {@link WorldCopier copies} of the whole world (kernel, and the program's
 * or the scenario's state), at steps that are multiples of {@link #BLOCK}, and goes to step K by
 * copying the nearest checkpoint before K and replaying the few steps from there. At most
 * {@link #MAX_CHECKPOINTS} are kept: dense near where the user is, sparser the farther away
 * (when one must go, the one whose loss widens a gap the least relative to its distance from the
 * current step goes), and the one at step 0 is the fresh world, built anew when needed.
 *
 * <p>The trace: the kernel's trace holds only the events of the steps from the start of the
 * current block of {@link #BLOCK} steps to the current step ({@link #windowFirst()} to
 * {@link #position()}, the setup's events included in the first block), so what a view reads is
 * bounded; a checkpoint holds no events, and a replay from one always starts at or before the
 * start of the block. The kernel work of the whole run so far is kept by a {@link CostMeter}
 * that is part of the world ({@link #workSoFar()}).
 *
 * <p>Whether a run ends is found by running it: {@link #steps()} is the number of steps found so
 * far, all of them once {@link #complete()}.
 *
 * @param <W> the world: everything a step changes, reachable from one object
 */
public abstract class CheckpointStepper<W> implements Stepper {
    /** Checkpoints are taken at multiples of this; the trace holds at most this many steps. */
    public static final int BLOCK = 64;

    private final int block;
    /** At most this many checkpoints, the one at step 0 included. */
    public static final int MAX_CHECKPOINTS = 8;

    private final WorldCopier copier;
    private final boolean checkpointing;
    private final TreeMap<Integer, W> checkpoints = new TreeMap<>();
    private W live;
    private int pos;
    private int windowFrom;
    private int[] starts;
    private int found;
    private boolean ended;
    private long copyNanos;
    private long runNanosSinceCheckpoint;
    private volatile boolean cancelled;
    /** {@link #pos} as another thread may read it, for progress */
    private volatile int reached;

    /**
     * Checkpoints every {@code block} steps (and a trace of at most that many); {@code block} 0:
     * the reference stepper, which keeps the whole trace and goes back by replaying a fresh world
     * from the start (the property test compares the two).
     */
    protected CheckpointStepper(WorldCopier copier, int block) {
        this.copier = copier.reset(Trace.class, "events", java.util.ArrayList::new);
        this.checkpointing = block > 0;
        this.block = block > 0 ? block : Integer.MAX_VALUE;
        this.starts = new int[block > 0 ? block + 1 : 1024];
    }

    /** Call at the end of the subclass's constructor: builds the world at step 0. */
    protected final void start() {
        live = fresh();
        pos = 0;
        reached = 0;
        windowFrom = 0;
    }

    /** For runs whose length is known up front (a scenario's statements): {@code n} steps. */
    protected final void knownSteps(int n) {
        found = n;
        ended = true;
    }

    /** A fresh world, before the first step (the setup done). */
    protected abstract W fresh();

    /** Runs one step of {@code w}; false when the run has ended (then {@code w} is thrown away). */
    protected abstract boolean step(W w);

    /** The kernel of {@code w}. */
    protected abstract Kernel kernelOf(W w);

    /** The meter of kernel work of {@code w}, a listener on its trace, or null. */
    protected abstract CostMeter meterOf(W w);

    /** The world as it is after the current step (a new object after going back). */
    protected final W world() {
        return live;
    }

    @Override
    public final Kernel kernel() {
        return kernelOf(live);
    }

    @Override
    public final int position() {
        return pos;
    }

    /** The steps found so far: all the steps of the run once {@link #complete()}. */
    @Override
    public final int steps() {
        return found;
    }

    @Override
    public final boolean complete() {
        return ended;
    }

    @Override
    public boolean canForward() {
        return !ended || pos < found;
    }

    @Override
    public final int stepStart() {
        return pos == windowFrom ? 0 : starts[pos - windowFrom - 1];
    }

    @Override
    public final int windowFirst() {
        return Math.min(windowFrom + 1, Math.max(pos, 1));
    }

    @Override
    public final CostMeter.Cost workSoFar() {
        CostMeter m = meterOf(live);
        return m == null ? null : m.total();
    }

    @Override
    public final CostMeter.CallCost lastCallCost() {
        CostMeter m = meterOf(live);
        return m == null ? null : m.lastCall();
    }

    @Override
    public final int progress() {
        return reached;
    }

    /** Stops a {@link #goTo} running on another thread at its next step (it stays where it got to). */
    @Override
    public final void cancel() {
        cancelled = true;
    }

    /** The steps that have checkpoints now (for tests and the benchmark). */
    public final java.util.Set<Integer> checkpointSteps() {
        return java.util.Collections.unmodifiableSet(checkpoints.keySet());
    }

    /** Runs to step {@code k} (0: before the first), or to the end of the run when it has fewer. */
    @Override
    public final void goTo(int k) {
        cancelled = false;
        int to = Math.max(0, ended ? Math.min(k, found) : k);
        if (to == pos) return;
        if (to == 0) {
            start();
            return;
        }
        Map.Entry<Integer, W> c = checkpointing ? checkpoints.floorEntry(to - 1) : null;
        int from = c == null ? 0 : c.getKey();
        if (to < pos || from > pos) restore(from, c == null ? null : c.getValue());
        runTo(to);
    }

    private void restore(int at, W checkpoint) {
        if (checkpoint == null) {
            start();
            return;
        }
        live = copier.copy(checkpoint);
        pos = at;
        reached = at;
        windowFrom = at;
    }

    private void runTo(int to) {
        while (pos < to && !cancelled) {
            if (!forwardOne(to)) return;
        }
    }

    private boolean forwardOne(int target) {
        if (ended && pos >= found) return false;
        Trace trace = kernelOf(live).trace();
        if (pos % block == 0 && pos > 0 && windowFrom != pos) {
            if (checkpointing && !checkpoints.containsKey(pos)
                && (pos == (target - 1) / block * block || runNanosSinceCheckpoint >= 4 * copyNanos)) {
                checkpoint();
            }
            trace.discardFirst(trace.size());
            windowFrom = pos;
        }
        int start = trace.size();
        long t0 = System.nanoTime();
        if (!step(live)) {
            ended = true;
            found = pos;
            // the failed step moved the world on (the clock to the end): back to the state at pos
            int at = pos;
            Map.Entry<Integer, W> c = checkpointing ? checkpoints.floorEntry(Math.max(0, at - 1)) : null;
            if (at == 0) {
                start();
            } else {
                restore(c == null ? 0 : c.getKey(), c == null ? null : c.getValue());
                runTo(at);
            }
            return false;
        }
        runNanosSinceCheckpoint += System.nanoTime() - t0;
        if (pos - windowFrom >= starts.length) starts = Arrays.copyOf(starts, starts.length * 2);
        starts[pos - windowFrom] = start;
        pos++;
        reached = pos;
        if (pos > found) found = pos;
        return true;
    }

    private void checkpoint() {
        long t0 = System.nanoTime();
        checkpoints.put(pos, copier.copy(live));
        copyNanos = System.nanoTime() - t0;
        runNanosSinceCheckpoint = 0;
        while (checkpoints.size() > MAX_CHECKPOINTS - 1) thin();
    }

    /** Drops the checkpoint whose loss widens a gap the least for its distance from the current step. */
    private void thin() {
        Integer[] at = checkpoints.keySet().toArray(Integer[]::new);
        Arrays.sort(at);
        int nearest = checkpoints.floorKey(pos);
        int drop = -1;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < at.length; i++) {
            if (at[i] == nearest || at[i] == nearest - block) continue;
            int before = i > 0 ? at[i - 1] : 0;
            int after = i + 1 < at.length ? at[i + 1] : Math.max(pos, at[i]);
            double loss = (double) (after - before) / (1 + Math.abs(pos - at[i]));
            if (loss < best) {
                best = loss;
                drop = at[i];
            }
        }
        checkpoints.remove(drop >= 0 ? drop : at[0]);
    }

    /** The bytes and objects of the last checkpoint copied (for the benchmark). */
    public final WorldCopier.Stats lastCopy() {
        return copier.lastStats();
    }
}
