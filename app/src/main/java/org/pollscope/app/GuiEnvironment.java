package org.pollscope.app;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Whether the window can open here, asked before {@code Application.launch}: on Linux JavaFX
 * needs a display and GTK 3 (its glass library {@code libglassgtk3.so} links
 * {@code libgtk-3.so.0} and {@code libXtst.so.6}), and without them it only says "Unable to
 * open DISPLAY" or "Unable to load glass GTK library". This says what is missing and what to
 * do instead. Elsewhere (macOS, Windows) JavaFX brings its own toolkit and nothing is checked.
 */
final class GuiEnvironment {
    private GuiEnvironment() {}

    /** The window cannot open here; the message (one or two lines) says why and what to do. */
    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** What works without a window. */
    static final String HEADLESS = "Without a window: pollscope snapshot FILE.scn --view window --out shot.png,"
        + " pollscope lesson play ID, run, simulate (pollscope --help lists them).";

    static final String NO_DISPLAY = "the window needs a display and there is none (DISPLAY and WAYLAND_DISPLAY are unset):"
        + " run it in a desktop session, over ssh -X, or under xvfb-run.";

    static final String NO_GTK = "the window needs GTK 3 and libXtst, and %s cannot be loaded:"
        + " on Debian or Ubuntu, sudo apt-get install libgtk-3-0 libxtst6 libgl1 (libgtk-3-0t64 on Ubuntu 24.04 and later).";

    /** The shared libraries JavaFX's GTK glass links, checked in this order. */
    static final String[] LIBRARIES = {"libgtk-3.so.0", "libXtst.so.6"};

    /** Throws {@link Unavailable} when the window cannot open on this machine. */
    static void requireWindow() {
        String problem = problem(System.getProperty("os.name", ""), System.getProperty("glass.platform"), System::getenv,
            GuiEnvironment::canLoad);
        if (problem != null) throw new Unavailable(problem);
    }

    /**
     * Why the window cannot open, or null when it can (or when this cannot tell). {@code env}
     * reads an environment variable, {@code canLoad} asks the dynamic linker for a library by
     * its soname: both are parameters so that a test can give them.
     */
    static String problem(String osName, String glassPlatform, Function<String, String> env, Predicate<String> canLoad) {
        if (!osName.startsWith("Linux")) return null;
        // Monocle's headless platform (the one the tests and snapshot use) needs neither
        if ("Monocle".equalsIgnoreCase(glassPlatform)) return null;
        String missingLibrary = null;
        for (String lib : LIBRARIES) {
            if (!canLoad.test(lib)) {
                missingLibrary = lib;
                break;
            }
        }
        boolean display = !blank(env.apply("DISPLAY")) || !blank(env.apply("WAYLAND_DISPLAY"));
        if (!display) {
            return NO_DISPLAY + (missingLibrary != null ? " GTK 3 is missing too (" + missingLibrary + "): sudo apt-get install libgtk-3-0 libxtst6 libgl1." : "")
                + "\n" + HEADLESS;
        }
        if (missingLibrary != null) return String.format(NO_GTK, missingLibrary) + "\n" + HEADLESS;
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** dlopen of {@code soname} through JNA, closed again; true when JNA itself cannot load (then JavaFX decides). */
    static boolean canLoad(String soname) {
        try {
            Class.forName(Native.class.getName(), true, GuiEnvironment.class.getClassLoader()); // JNA's own native part
        } catch (ClassNotFoundException | LinkageError e) {
            return true;
        }
        try {
            NativeLibrary.getInstance(soname).close();
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }
}
