package org.pollscope.app.ui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the window remembers between runs (size, theme, type size, dividers, speed, folder), read
 * from {@code java.util.prefs} so that nothing in the store can break the window: a value that is
 * not a number, is NaN or infinite, or lies outside what the setting allows, or a theme that does
 * not exist, is replaced by its default; a store that cannot be read at all (on Linux the file
 * {@code ~/.java/.userPrefs/org/pollscope/app/prefs.xml}: not XML, binary, unreadable) counts as
 * empty. Whatever was wrong is told in one line, by {@link #warning()}, once.
 *
 * <p>The JDK's own store reports a corrupt file through {@code java.util.logging} (logger
 * {@code java.util.prefs}: "Invalid preferences format in ...", then "Prefs file removed in
 * background" when it syncs; it keeps the bad file as {@code IncorrectFormatPrefs.xml}), two
 * timestamped lines of its own, and when it cannot write, one more every 30 s.
 * {@link #capturingJdkWarnings} takes those records: they become part of the one line, and any
 * later record is printed once, as a line of ours, rather than every 30 s.
 */
public final class RememberedSettings {
    /** The logger of {@code java.util.prefs.FileSystemPreferences}; held so that its configuration is not collected. */
    private static Logger jdkLogger;
    private static Capture capture;

    private final Preferences node;
    private final List<String> problems = new ArrayList<>();
    private boolean warned;

    /**
     * Reads {@code node}, which may be null (nothing remembered: every setting its default). The
     * store is loaded at once: one that cannot be listed is treated as empty, and said so.
     */
    public RememberedSettings(Preferences node) {
        Preferences usable = node;
        if (node != null) {
            try {
                node.keys();
            } catch (BackingStoreException | RuntimeException e) {
                // AbstractPreferences.get swallows a failing store and gives the default: only keys() tells
                problems.add("the preferences cannot be read (" + e.getMessage() + ")");
                usable = null;
            }
        }
        this.node = usable;
    }

    /**
     * The settings of the application's package, with the JDK's warnings about the store taken
     * (see the class comment); a store that cannot be reached at all gives the defaults.
     */
    public static RememberedSettings ofUser(Class<?> app, java.io.PrintStream err) {
        capturingJdkWarnings(err);
        Preferences p;
        try {
            p = Preferences.userNodeForPackage(app);
        } catch (RuntimeException e) {
            RememberedSettings s = new RememberedSettings(null);
            s.problems.add("the preferences cannot be read (" + e.getMessage() + ")");
            return s;
        }
        return new RememberedSettings(p);
    }

    /** Routes the records of the logger {@code java.util.prefs} to us: kept until {@link #warning()}, printed once after. */
    static synchronized void capturingJdkWarnings(java.io.PrintStream err) {
        if (capture != null) return;
        jdkLogger = Logger.getLogger("java.util.prefs");
        capture = new Capture(err);
        jdkLogger.setUseParentHandlers(false);
        jdkLogger.addHandler(capture);
    }

    /** The node read, or null. */
    public Preferences node() {
        return node;
    }

    /** A child node (the lessons' progress), or null when the store cannot give one. */
    public Preferences child(String name) {
        if (node == null) return null;
        try {
            Preferences c = node.node(name);
            c.keys();
            return c;
        } catch (BackingStoreException | RuntimeException e) {
            problems.add("preferences " + name + " cannot be read (" + e.getMessage() + ")");
            return null;
        }
    }

    /** The number under {@code key}, or {@code def} when there is none or it is not a finite number from min to max. */
    public double number(String key, double def, double min, double max) {
        String v = text(key);
        if (v == null) return def;
        double d;
        try {
            d = Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        if (!Double.isFinite(d) || d < min || d > max) {
            problems.add(String.format(Locale.ROOT, "%s '%s' is not a number from %s to %s", key, shortened(v), plain(min), plain(max)));
            return def;
        }
        return d;
    }

    /** The value under {@code key} when it is one of {@code allowed}; otherwise {@code def}. */
    public String choice(String key, String def, Collection<String> allowed) {
        String v = text(key);
        if (v == null) return def;
        if (!allowed.contains(v)) {
            problems.add(key + " '" + shortened(v) + "' is not one of " + String.join(", ", allowed));
            return def;
        }
        return v;
    }

    /** The text under {@code key}, or null when there is none or the store fails. */
    public String text(String key) {
        if (node == null) return null;
        try {
            return node.get(key, null);
        } catch (RuntimeException e) {
            problems.add(key + " cannot be read (" + e.getMessage() + ")");
            return null;
        }
    }

    /**
     * One line saying what was wrong with the store and what was read from it so far, with the
     * JDK's own records about it, or null when nothing was; given once (later calls give null).
     */
    public String warning() {
        if (warned) return null;
        List<String> all = new ArrayList<>();
        Capture c = capture;
        if (c != null) all.addAll(c.drain());
        all.addAll(problems);
        if (all.isEmpty()) return null;
        warned = true;
        return "pollscope: remembered settings: " + String.join("; ", all) + "; the defaults are used instead";
    }

    private static String shortened(String v) {
        String s = v.length() > 40 ? v.substring(0, 40) + "..." : v;
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) b.append(ch < ' ' || ch == 0x7f ? '?' : ch);
        return b.toString();
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** Holds the JDK's records until the first warning; after it, prints the first later one as a line of ours. */
    private static final class Capture extends Handler {
        private final java.io.PrintStream err;
        private final List<String> held = new ArrayList<>();
        private boolean drained;
        private boolean printedLater;

        Capture(java.io.PrintStream err) {
            this.err = err;
        }

        @Override
        public synchronized void publish(LogRecord r) {
            String m = r.getMessage() == null ? "" : r.getMessage();
            if (r.getThrown() != null && r.getThrown().getMessage() != null) m += " (" + r.getThrown().getMessage() + ")";
            if (m.startsWith("Invalid preferences format in")) m += " (not preferences XML; the JDK keeps it as IncorrectFormatPrefs.xml beside it)";
            if (!drained) {
                held.add(m);
            } else if (!printedLater && !m.startsWith("Prefs file removed in background")) {
                // "removed in background" follows the JDK's own renaming of a corrupt file: already told
                printedLater = true;
                err.println("pollscope: remembered settings: " + m + " (told once)");
            }
        }

        synchronized List<String> drain() {
            drained = true;
            List<String> out = List.copyOf(held);
            held.clear();
            return out;
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
