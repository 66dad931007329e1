package org.pollscope.kernel.program;

import java.util.List;

/**
 * A built-in server of the model: a short pseudo-C listing and the simulated threads that run
 * it. A program is a description; {@link #start} makes the threads and the state of one run,
 * so one instance may be started in several simulations. Each thread is a small state machine
 * driven by the kernel's {@code submit} callbacks: no Java thread, nothing but the simulated
 * clock. As a thread goes it tells {@link Simulation#line} which listing line it is on.
 */
public interface Program {
    /** The name used on the command line ("epoll-lt"). */
    String name();

    /** One line saying what it is. */
    String description();

    /** The pseudo-C listing, one line a string; line numbers count from 1. */
    List<String> listing();

    /** Starts the server's threads in {@code sim}; the first is {@link Simulation#server}. */
    void start(Simulation sim);
}
