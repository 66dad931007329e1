package org.pollscope.lessons;

/** What a step does to a world: statements of the lesson's scenario, or a built-in program run. */
public sealed interface Action {
    /** The line of the action's first line of content (the line after its opening fence). */
    int line();

    /**
     * A {@code scn} block: statements of the lesson's one world. Line {@code j} (from 0) of
     * {@code text} is line {@code line + j} of the lesson file.
     */
    record Scn(int line, String text) implements Action {}

    /**
     * A {@code program} block: built-in program {@code name} under a workload of its own,
     * stepped to its step {@code run} (a step is one return of a server call).
     */
    record Program(int line, String name, int clients, int active, long seed, int run) implements Action {}
}
