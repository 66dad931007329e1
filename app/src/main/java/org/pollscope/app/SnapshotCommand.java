package org.pollscope.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pollscope snapshot FILE.scn --step K --view NAME --out shot.png}: renders a view
 * headless to PNG, with no window and no display (Monocle's headless platform, software
 * rendering): for the docs, for slides and for tests.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true, description = "Render a view of a scenario (or a built-in program) at step K to a PNG, headless.")
public final class SnapshotCommand implements Callable<Integer> {
    static final List<String> VIEWS = List.of("window", "tree", "ready", "waitqueues", "user", "log", "compare", "bench", "course");

    /** How long a picture may take before the command gives up. */
    static final int LIMIT_SECONDS = 60;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "A scenario file (.scn).")
    Path file;

    @picocli.CommandLine.Mixin
    ProgramOptions program;

    @Option(names = "--step", defaultValue = "0", paramLabel = "K", description = "Step to run to (default 0); with --lesson, the lesson's step, from 1.")
    int step;

    @Option(names = "--lesson", paramLabel = "ID", description = "A lesson of the course (see 'lessons list') in the player, at step K.")
    String lesson;

    @Option(names = "--teacher", description = "With --lesson: teacher mode (answers shown, presenter notes).")
    boolean teacher;

    @Option(names = "--view", defaultValue = "window", paramLabel = "NAME",
        description = "window (all of it), tree, ready, waitqueues (kernel space), user, log, compare, bench.")
    String view;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "Where to write the PNG.")
    Path out;

    @Option(names = "--theme", defaultValue = "light", paramLabel = "light|dark|projector", description = "Theme (default light).")
    String theme;

    @Option(names = "--progress", defaultValue = "1", paramLabel = "P",
        description = "How far the animation of step K has gone, 0 to 1 (default 1: the step done); 0.5 shows a rotation midway.")
    double progress;

    @Option(names = "--size", defaultValue = "1500x940", paramLabel = "WxH",
        description = "Size of the window in pixels, as WIDTHxHEIGHT (default 1500x940; 1024x768 shows a small screen).")
    String size;

    /** The smallest and largest window a snapshot renders. */
    static final int MIN_WIDTH = 320, MIN_HEIGHT = 240, MAX_SIDE = 7680;

    /** "1024x768" as {width, height}, or null when it is not a size from 320x240 to 7680x7680. */
    static int[] parseSize(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,5})[xX](\\d{1,5})").matcher(s.strip());
        if (!m.matches()) return null;
        int w = Integer.parseInt(m.group(1));
        int h = Integer.parseInt(m.group(2));
        return w < MIN_WIDTH || h < MIN_HEIGHT || w > MAX_SIDE || h > MAX_SIDE ? null : new int[] {w, h};
    }

    @Option(names = "--lang", defaultValue = "en", paramLabel = "en|zh", description = "Language of the interface (default en).")
    String lang;

    @Override
    public Integer call() throws Exception {
        if (!VIEWS.contains(view)) throw new ParameterException(spec.commandLine(), "--view: unknown view '" + view + "' (known: " + String.join(", ", VIEWS) + ")");
        if (!List.of("light", "dark", "projector").contains(theme)) throw new ParameterException(spec.commandLine(), "--theme: expected light, dark or projector, found '" + theme + "'");
        if (!List.of("en", "zh").contains(lang)) throw new ParameterException(spec.commandLine(), "--lang: expected en or zh, found '" + lang + "'");
        if (!(progress >= 0 && progress <= 1)) throw new ParameterException(spec.commandLine(), "--progress: expected a number from 0 to 1, found " + progress);
        int[] wh = parseSize(size);
        if (wh == null) throw new ParameterException(spec.commandLine(), "--size: expected WIDTHxHEIGHT from " + MIN_WIDTH + "x" + MIN_HEIGHT
            + " to " + MAX_SIDE + "x" + MAX_SIDE + " (such as 1024x768), found '" + size + "'");
        if (step < 0) throw new ParameterException(spec.commandLine(), "--step must be 0 or more, found " + step);
        org.pollscope.lessons.Lesson chosen = null;
        if (lesson != null || view.equals("course")) {
            if (file != null || program.program != null) throw new ParameterException(spec.commandLine(), "--lesson and --view course take no FILE or --program");
            if (lesson != null) {
                org.pollscope.lessons.Course course = org.pollscope.lessons.Course.builtIn();
                chosen = course.lesson(lesson, lang);
                if (chosen == null) throw new ParameterException(spec.commandLine(), "--lesson: no lesson '" + lesson + "' in "
                    + lang + " (known: " + String.join(", ", course.ids()) + ")");
                if (step < 1 || step > chosen.steps().size()) throw new ParameterException(spec.commandLine(), "--step: lesson '"
                    + lesson + "' has steps 1 to " + chosen.steps().size() + ", found " + step);
            }
        } else {
            OpenCommand.checkSource(spec, file, program);
        }
        Outputs.checkFile(spec, "--out", out);
        // the file's own problem in one line, before JavaFX starts (and prints its own lines)
        if (file != null) {
            String bad = OpenCommand.scenarioProblem(file);
            if (bad != null) {
                spec.commandLine().getErr().println("pollscope snapshot: " + bad);
                return 2;
            }
        }
        org.pollscope.lessons.Lesson theLesson = chosen;
        // the headless platform must be chosen before JavaFX starts
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("headless.geometry", Math.max(1600, wh[0]) + "x" + Math.max(1000, wh[1]) + "-32");
        Locale locale = lang.equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        CompletableFuture<String> result = new CompletableFuture<>();
        javafx.application.Platform.startup(() -> {
            try {
                result.complete(theLesson != null || view.equals("course") ? SnapshotRenderer.renderLesson(theLesson, step, teacher, theme, locale, wh, out)
                    : SnapshotRenderer.render(file, program.run(), step, view, theme, locale, progress, wh, out));
            } catch (Exception e) {
                result.complete("cannot write " + out + ": " + e.getMessage());
            }
        });
        String problem;
        try {
            problem = result.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // said as a limit, not as an exception: the step is too deep for the window's views today
            problem = "gave up after " + LIMIT_SECONDS + " s laying out step " + step + " (nothing was written to " + out + ")";
        }
        javafx.application.Platform.exit();
        if (problem != null) {
            spec.commandLine().getErr().println("pollscope snapshot: " + problem);
            return 2;
        }
        spec.commandLine().getErr().println("written " + out);
        return 0;
    }
}
