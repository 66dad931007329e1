package org.pollscope.app.ui.lesson;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * How far a student got in each lesson: the furthest step reached and the checkpoints answered,
 * kept in the user's preferences (or only in memory, for tests and snapshots). A corrupt entry
 * counts as no progress, never as an error.
 */
public final class LessonProgress {
    private final Preferences node;
    private final Map<String, Integer> reached = new HashMap<>();
    private final Map<String, TreeSet<Integer>> answered = new HashMap<>();

    /** Progress kept in {@code node} (null: in memory only). */
    public LessonProgress(Preferences node) {
        this.node = node;
        if (node == null) return;
        try {
            for (String key : node.keys()) {
                String v = node.get(key, "");
                if (key.endsWith(".reached")) {
                    reached.put(key.substring(0, key.length() - ".reached".length()), parse(v));
                } else if (key.endsWith(".answered")) {
                    TreeSet<Integer> set = new TreeSet<>();
                    for (String s : v.split(",")) {
                        // a checkpoint that is not a step number is left out (parse would make it step 0, answered)
                        if (s.trim().matches("\\d{1,9}")) set.add(Integer.parseInt(s.trim()));
                    }
                    answered.put(key.substring(0, key.length() - ".answered".length()), set);
                }
            }
        } catch (BackingStoreException e) {
            // preferences that cannot be read: start afresh, in memory
        }
    }

    /** In memory only. */
    public static LessonProgress inMemory() {
        return new LessonProgress(null);
    }

    private static int parse(String s) {
        try {
            return Math.max(0, Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The furthest step (0-based) reached in lesson {@code id}. */
    public int reached(String id) {
        return reached.getOrDefault(id, 0);
    }

    /** Whether the student has opened lesson {@code id} at all. */
    public boolean started(String id) {
        return reached.containsKey(id);
    }

    void reached(String id, int step) {
        if (started(id) && step <= reached(id)) return;
        reached.put(id, step);
        if (node != null) node.putInt(id + ".reached", step);
    }

    /** How many checkpoints of lesson {@code id} have been answered. */
    public int answeredCount(String id) {
        TreeSet<Integer> s = answered.get(id);
        return s == null ? 0 : s.size();
    }

    void answered(String id, int step) {
        TreeSet<Integer> s = answered.computeIfAbsent(id, k -> new TreeSet<>());
        if (!s.add(step)) return;
        if (node != null) node.put(id + ".answered", String.join(",", s.stream().map(String::valueOf).toList()));
    }
}
