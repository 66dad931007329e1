package org.pollscope.kernel;

import java.util.function.Function;

/**
 * A system call in progress. {@link #attempt} runs it from its current state: it returns the
 * outcome when the call is over, or null after arranging to sleep (hooked on a wait queue
 * and/or a timer); the kernel calls it again when the thread is woken.
 */
public interface Syscall {
    String name();

    /** The arguments as strace would print them. */
    String args();

    SyscallResult attempt(SimThread thread);

    /** A call that never sleeps, its arguments printed only when someone reads the trace. */
    static Syscall of(String name, java.util.function.Supplier<String> args, Function<SimThread, SyscallResult> body) {
        return new Syscall() {
            public String name() {
                return name;
            }

            public String args() {
                return args.get();
            }

            public SyscallResult attempt(SimThread t) {
                return body.apply(t);
            }
        };
    }

    /** A call that never sleeps. */
    static Syscall of(String name, String args, Function<SimThread, SyscallResult> body) {
        return new Syscall() {
            public String name() {
                return name;
            }

            public String args() {
                return args;
            }

            public SyscallResult attempt(SimThread t) {
                return body.apply(t);
            }
        };
    }
}
