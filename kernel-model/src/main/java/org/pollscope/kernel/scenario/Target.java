package org.pollscope.kernel.scenario;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.pollscope.kernel.SyscallResult;

/**
 * Something a scenario runs on: the model ({@code ModelTarget}) or the real kernel
 * ({@code LinuxTarget} in native-probe). The interpreter resolves names to this target's fd
 * numbers and hands it one {@link Invocation} at a time, on behalf of a scenario thread
 * ("main", or a name from {@code thread t { ... }}).
 *
 * <p>Calls complete through a callback because a call of a scenario thread may block: the
 * model parks the thread on a wait queue and completes the call when a later statement wakes
 * it; the kernel target runs each scenario thread on a real thread.
 */
public interface Target extends AutoCloseable {

    /** "model" or "linux". */
    String side();

    /** The kernel release this target behaves as ("6.1.0"), for {@code @needs kernel >= X}. */
    String kernelRelease();

    /** Whether {@code fork { ... }} can run here. */
    boolean canFork();

    /**
     * Creates scenario thread {@code thread}: a new thread of the main process, or with
     * {@code forkProcess} the only thread of a child process that shares the parent's files.
     */
    void spawn(String thread, boolean forkProcess);

    /**
     * Why {@code call} cannot run on this target (a model-only knob on the real kernel, say),
     * or null when it can. A call with a reason is reported as skipped and not started.
     */
    default String skipReason(Invocation call) {
        return null;
    }

    /**
     * Starts {@code call} on {@code thread}. {@code done} receives the outcome exactly once:
     * before this method returns, or later (when the thread is woken, or on another Java
     * thread for the kernel target).
     */
    void start(String thread, Invocation call, Consumer<SyscallResult> done);

    /**
     * Lets the world run until {@code condition} holds. The model runs woken threads and, when
     * none can run, advances the simulated clock to the next timer; it returns false when
     * nothing can change any more (every thread asleep with no timer). The kernel target waits
     * a bounded time.
     */
    boolean settle(BooleanSupplier condition);

    /**
     * Why main's last call was given up on, when {@link #settle} failed for it: a target that
     * cannot wait for ever (the real kernel) says what it waited ("blocked for 1 s on linux with
     * nothing to wake it"); null, the model's way, means no thread and no timer can wake it.
     */
    default String whyBlocked() {
        return null;
    }

    /** Returns once {@code thread} sleeps inside a system call; false if it never does. */
    boolean awaitBlocked(String thread);

    /** Releases everything the scenario opened. */
    @Override
    void close();
}
