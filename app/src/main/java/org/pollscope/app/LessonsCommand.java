package org.pollscope.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.pollscope.kernel.scenario.ModelTarget;
import org.pollscope.kernel.scenario.ScenarioRunner;
import org.pollscope.kernel.scenario.Target;
import org.pollscope.lessons.Course;
import org.pollscope.lessons.Lesson;
import org.pollscope.lessons.LessonCheck;
import org.pollscope.lessons.LessonEngine;
import org.pollscope.lessons.LessonParser;
import org.pollscope.lessons.LessonSyntaxException;
import org.pollscope.lessons.Translations;
import org.pollscope.probe.LinuxTarget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pollscope lessons list|check|validate}: the course's lessons, checked as CI checks them. */
@Command(name = "lessons", mixinStandardHelpOptions = true,
    description = "List, check and validate lessons.",
    subcommands = {LessonsCommand.ListLessons.class, LessonsCommand.CheckLessons.class, LessonsCommand.ValidateLessons.class})
public final class LessonsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("pollscope lessons: say list, check or validate");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Prints a course's load problems on {@code err}; returns how many. */
    static int problems(Course course, PrintWriter err) {
        for (String p : course.problems()) err.println(p);
        err.flush();
        return course.problems().size();
    }

    /** {@code lessons list}: one lesson a line, {@code id  en,zh  15 min  Title}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the lessons in course order: id, languages, minutes, title.")
    static final class ListLessons implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Course course = Course.builtIn();
            int idWidth = course.ids().stream().mapToInt(String::length).max().orElse(0);
            for (String id : course.ids()) {
                List<String> langs = course.languages(id);
                Lesson l = course.lesson(id, langs.contains("en") ? "en" : langs.get(0));
                out.printf("%-" + idWidth + "s  %-5s  %2d min  %s%n", id, String.join(",", langs), l.minutes(), l.title());
            }
            out.flush();
            problems(course, spec.commandLine().getErr());
            return 0;
        }
    }

    /** The sides a lesson can be checked on. */
    enum Side { model, linux, both }

    /** {@code lessons check}: every statement and checkpoint of every lesson, on the model, the kernel or both. */
    @Command(name = "check", mixinStandardHelpOptions = true,
        description = "Run every statement and checkpoint of the lessons (both languages) and report failures as FILE:LINE.")
    static final class CheckLessons implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--on", paramLabel = "model|linux|both", defaultValue = "model",
            description = "Where to run the statements: model (default), linux, or both (a result that differs is a failure).")
        Side on;

        @Option(names = {"-q", "--quiet"}, description = "Print only failures and the totals.")
        boolean quiet;

        @Parameters(paramLabel = "ID|DIR", arity = "0..*",
            description = "Lessons to check (default: all, in course order); a folder laid out as the built-in course"
                + " (index.txt, en/ID.md, zh/ID.md) checks that course instead.")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path dir = null;
            List<String> ids = new ArrayList<>();
            for (String a : args) {
                if (a.contains("/") || Files.isDirectory(Path.of(a))) {
                    if (dir != null) throw new CommandLine.ParameterException(spec.commandLine(), "one course folder at a time, found " + dir + " and " + a);
                    dir = Path.of(a);
                } else {
                    ids.add(a);
                }
            }
            if (dir != null && !Files.isDirectory(dir)) {
                spec.commandLine().getErr().println(dir + ": " + (Files.exists(dir) ? "not a folder (a course is a folder with index.txt, en/ID.md, zh/ID.md)" : "no such folder"));
                return 2;
            }
            Course course = dir == null ? Course.builtIn() : Course.of(dir);
            if (dir != null && !course.problems().isEmpty()) {
                // files that cannot be read or parsed: bad input, each on its own positioned line
                for (String p : course.problems()) spec.commandLine().getErr().println(dir.resolve(p.substring(0, p.indexOf(':'))) + p.substring(p.indexOf(':')));
                return 2;
            }
            for (String id : ids) {
                if (!course.ids().contains(id)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "unknown lesson '" + id + "' (known: "
                        + String.join(", ", course.ids()) + ")");
                }
            }
            Map<String, Supplier<Target>> sides = new LinkedHashMap<>();
            if (on != Side.linux) sides.put("model", ModelTarget::new);
            if (on != Side.model) {
                String why = linuxUnavailable();
                if (why != null) {
                    out.println("linux: skipped (" + why + ")");
                    sides.put("linux", () -> {
                        throw new ScenarioRunner.Unavailable(why);
                    });
                } else {
                    sides.put("linux", LinuxTarget::new);
                }
            }
            LessonCheck check = new LessonCheck(sides);
            int passed = 0, failed = 0, skipped = 0;
            if (ids.isEmpty()) {
                for (String p : course.problems()) {
                    out.println(p);
                    failed++;
                }
            }
            for (String id : ids.isEmpty() ? course.ids() : ids) {
                Lesson first = null;
                for (String lang : course.languages(id)) {
                    Lesson lesson = course.lesson(id, lang);
                    LessonCheck.Report r = check.check(lesson);
                    if (!quiet) {
                        out.println(r.file() + ": " + r.passed() + " passed, " + r.failed() + " failed"
                            + (r.skipped() > 0 ? ", " + r.skipped() + " skipped" : ""));
                        for (String note : r.notes()) {
                            if (!note.contains(": linux: skipped")) out.println("  " + note);
                        }
                    }
                    for (String f : r.failures()) out.println(f);
                    passed += r.passed();
                    failed += r.failed();
                    skipped += r.skipped();
                    if (first == null) {
                        first = lesson;
                    } else {
                        for (String d : Translations.differences(first, lesson)) {
                            out.println(d);
                            failed++;
                        }
                    }
                }
            }
            out.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
            out.flush();
            return failed > 0 ? 1 : 0;
        }

        /** Why the real kernel cannot run here, or null (as {@code pollscope run --on linux} finds out). */
        private static String linuxUnavailable() {
            try (LinuxTarget t = new LinuxTarget()) {
                return null;
            } catch (ScenarioRunner.Unavailable u) {
                return u.getMessage();
            } catch (LinkageError e) {
                return "the native binding cannot load (" + e.getMessage() + ")";
            }
        }
    }

    /** {@code lessons validate FILE...}: each problem as {@code FILE:LINE: problem}, exit 2; else {@code FILE: ok}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Read lesson files and report each problem as FILE:LINE: problem (exit 2), or FILE: ok.")
    static final class ValidateLessons implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Lesson files (ID.md, in a folder named for the language).")
        List<Path> files;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            boolean bad = false;
            LessonEngine engine = new LessonEngine();
            for (Path f : files) {
                List<String> problems = new ArrayList<>();
                try {
                    String text = LessonFiles.read(f);
                    Lesson lesson = LessonParser.parse(f.toString(), text);
                    problems.addAll(engine.validate(lesson));
                } catch (LessonSyntaxException e) {
                    problems.add(e.getMessage());
                } catch (IOException e) {
                    problems.add(LessonFiles.problem(f, e));
                }
                if (problems.isEmpty()) {
                    out.println(f + ": ok");
                } else {
                    problems.forEach(out::println);
                    bad = true;
                }
            }
            out.flush();
            return bad ? 2 : 0;
        }
    }
}
