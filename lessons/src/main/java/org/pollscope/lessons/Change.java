package org.pollscope.lessons;

/**
 * The change of a wrong belief: how its world differs from the lesson's. {@link #text()} is
 * the change as a lesson writes it.
 */
public sealed interface Change {
    String text();

    /** Every statement so far with each {@code from} replaced by {@code to} (a newline in {@code to} makes two). */
    record Replace(String from, String to) implements Change {
        public String text() {
            return "replace " + quote(from) + " with " + quote(to);
        }
    }

    /** Every statement so far that contains {@code text} left out. */
    record Drop(String what) implements Change {
        public String text() {
            return "drop " + quote(what);
        }
    }

    /** The same world counted by another measure. */
    record Measure(String measure) implements Change {
        public String text() {
            return "measure " + measure;
        }
    }

    /** The same workload run by another built-in program. */
    record Program(String name) implements Change {
        public String text() {
            return "program " + name;
        }
    }

    /** The same program under a workload with another {@code clients}, {@code active} or {@code seed}. */
    record Workload(String key, long value) implements Change {
        public String text() {
            return key + " " + value;
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
