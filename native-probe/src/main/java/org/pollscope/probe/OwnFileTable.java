package org.pollscope.probe;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.pollscope.kernel.Linux;

/**
 * Runs a piece of work on a thread of its own whose file table is its own too:
 * {@code unshare(CLONE_FILES)} first, then the work.
 *
 * <p>Why: every system call that takes an fd looks it up with {@code fdget}
 * ({@code __fget_light} in fs/file.c). When the process's file table has one user
 * ({@code atomic_read_acquire(&files->count) == 1}) the kernel borrows the {@code struct file}
 * as it is; otherwise it takes a reference and {@code fdput} drops it, two atomic operations on
 * the file's count per fd. A one-threaded C program always has the fast path. A JVM never does,
 * since its GC and JIT threads share its file table, and poll and select pay for this once for
 * every fd they watch, on every call. A thread that has unshared its table is that table's one
 * user, so its system calls take the same path as a one-threaded C program's. The bench runs
 * its loops so, for its comparison with bench.c to measure the binding and not the kernel's
 * price for threads.
 *
 * <p>The price: after the unshare, the thread and the rest of the JVM no longer see each other's
 * new fds. The work must open, use and close its own fds and must not open files that other
 * threads will use. (Classes come from jars and the jimage the JVM opened earlier, which are
 * in the copy.) When the thread ends, the kernel closes whatever its table still holds, so the
 * work leaks no fd even when it throws.
 */
public final class OwnFileTable {
    private OwnFileTable() {}

    /** What the work returned, and whether it ran with its own table (false: why not, in {@code why}). */
    public record Outcome<T>(T value, boolean own, String why) {}

    /**
     * Runs {@code work} on a new thread that first unshares its file table, waits for it and
     * returns its value. If the unshare fails, the work runs all the same, on the shared table,
     * and the outcome says why. An exception the work throws is thrown here (a checked one
     * wrapped); an interrupt of the caller is passed on to the work's thread.
     */
    public static <T> Outcome<T> call(String name, boolean unshare, Supplier<T> work) {
        AtomicReference<Outcome<T>> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            String why = null;
            if (!unshare) {
                why = "asked to share the JVM's file table";
            } else if (LinuxSyscalls.UNAVAILABLE != null) {
                why = LinuxSyscalls.UNAVAILABLE;
            } else if (LinuxSyscalls.unshare(LinuxSyscalls.CLONE_FILES) < 0) {
                why = "unshare(CLONE_FILES) failed: " + Linux.errnoName(LinuxSyscalls.errno());
            }
            try {
                result.set(new Outcome<>(work.get(), why == null, why));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                t.interrupt();
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) throw re;
        if (e instanceof Error er) throw er;
        if (e != null) throw new IllegalStateException(e);
        return result.get();
    }
}
