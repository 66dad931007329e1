package org.pollscope.kernel.program;

/**
 * Told each time a thread of a built-in program reaches a line of the program's listing
 * ({@link Program#listing()}, numbered from 1), so that a view can highlight it. It is called
 * on the simulation's own (Java) thread, in simulated-time order, before the system call the
 * line makes; it must not call back into the simulation. The same fact is on the trace as
 * {@link org.pollscope.kernel.trace.TraceEvent.ProgramLine} when the simulation records its
 * trace, and {@link Simulation#lineOf} answers it at any moment.
 */
@FunctionalInterface
public interface ProgramListener {
    void onLine(int tid, int line);
}
