package org.pollscope.lessons;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A number a {@code choose:} checkpoint asks for (the table of docs/authoring-lessons.md):
 * counted in the kernel's trace events of a step, read from the kernel after it ({@code items
 * NAME}: of the epoll fd bound to NAME), or one of the measures of a program run.
 *
 * @param name the measure ("visited", "items", "requests")
 * @param fd   the scenario name it reads, for items, ready and height; else null
 */
public record Measure(String name, String fd) {

    /** Counted in the events of the step. */
    public static final List<String> COUNTED = List.of("visited", "ready-fds", "callbacks", "wakeups", "copied",
        "compares", "rotations", "work", "calls");
    /** Read from an epoll instance after the step: these take the name of an epoll fd. */
    public static final List<String> READ = List.of("items", "ready", "height");
    /** Of a program run, as {@code pollscope simulate} measures it. */
    public static final List<String> PROGRAM = List.of("requests", "syscalls-per-request", "work-per-request",
        "wait-call-work", "woken-per-connection", "woken-per-wakeup", "max-woken", "starvation-ms", "unserved");

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    /** Whether it measures a program run (else the scenario world). */
    public boolean ofProgram() {
        return PROGRAM.contains(name);
    }

    public String text() {
        return fd == null ? name : name + " " + fd;
    }

    /** The measure {@code text} names; the exception's problem says what would be accepted. */
    public static Measure parse(String text) throws IllegalArgumentException {
        String[] w = text.trim().split("\\s+");
        String name = w[0];
        if (READ.contains(name)) {
            if (w.length != 2 || !NAME.matcher(w[1]).matches()) {
                throw new IllegalArgumentException("measure '" + name + "' takes the name of an epoll fd ('" + name + " ep')");
            }
            return new Measure(name, w[1]);
        }
        if (COUNTED.contains(name) || PROGRAM.contains(name)) {
            if (w.length != 1) throw new IllegalArgumentException("measure '" + name + "' takes no name");
            return new Measure(name, null);
        }
        throw new IllegalArgumentException("unknown measure '" + text.trim() + "' (known: " + String.join(", ", COUNTED)
            + ", " + String.join(" NAME, ", READ) + " NAME; after a program: " + String.join(", ", PROGRAM) + ")");
    }
}
