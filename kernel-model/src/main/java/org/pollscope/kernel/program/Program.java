package org.pollscope.kernel.program;

import java.util.List;

/**
 * A built-in server of the model: a short pseudo-C listing and the simulated threads that run
 * it. As they run, {@link Simulation#line} records which listing line each thread is on, so
 * that a view can highlight it.
 */
public interface Program {
    /** The name used on the command line ("epoll-lt"). */
    String name();

    /** One line saying what it is. */
    String description();

    /** The pseudo-C listing; {@link Simulation#line} numbers count from 1. */
    List<String> listing();

    /** Starts the server's threads in the simulation. */
    void start(Simulation sim);
}
