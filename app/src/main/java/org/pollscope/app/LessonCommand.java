package org.pollscope.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pollscope.app.text.TerminalPlayer;
import org.pollscope.lessons.Course;
import org.pollscope.lessons.Lesson;
import org.pollscope.lessons.LessonEngine;
import org.pollscope.lessons.LessonParser;
import org.pollscope.lessons.LessonSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pollscope lesson play ID}: a lesson in the terminal. */
@Command(name = "lesson", mixinStandardHelpOptions = true, description = "Play a lesson in the terminal.",
    subcommands = {LessonCommand.Play.class})
public final class LessonCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("pollscope lesson: say play ID (see 'pollscope lessons list')");
        return 2;
    }

    /** {@code lesson play ID [--lang en|zh] [--no-wait] [--teacher]}. */
    @Command(name = "play", mixinStandardHelpOptions = true,
        description = "Play a lesson step by step: the kernel drawn after each action, a question at each checkpoint.")
    static final class Play implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The lesson (see 'pollscope lessons list'), or a lesson file (ID.md) being written.")
        String id;

        @Option(names = "--lang", paramLabel = "en|zh", defaultValue = "en", description = "The language (default en).")
        String lang;

        @Option(names = "--no-wait", description = "Print the computed answers and read nothing (for CI and a teacher's preview).")
        boolean noWait;

        @Option(names = "--teacher", description = "Show the presenter notes, and the belief behind each wrong option.")
        boolean teacher;

        /** Where answers are read from; a test puts its own here. */
        BufferedReader in;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            BufferedReader input = in != null ? in : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (id.endsWith(".md")) {
                Lesson lesson;
                try {
                    lesson = LessonParser.parse(id, LessonFiles.read(Path.of(id)));
                } catch (LessonSyntaxException e) {
                    spec.commandLine().getErr().println(e.getMessage());
                    return 2;
                } catch (IOException e) {
                    spec.commandLine().getErr().println(LessonFiles.problem(Path.of(id), e));
                    return 2;
                }
                return play(lesson, input, out);
            }
            Course course = Course.builtIn();
            if (!course.ids().contains(id)) {
                String broken = course.problems().stream().filter(p -> p.contains("/" + id + ".md:")).findFirst().orElse(null);
                if (broken != null) {
                    spec.commandLine().getErr().println(broken);
                    return 2;
                }
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown lesson '" + id + "' (known: "
                    + String.join(", ", course.ids()) + ")");
            }
            Lesson lesson = course.lesson(id, lang);
            if (lesson == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "lesson '" + id + "' has no " + lang + " version (it has "
                    + String.join(", ", course.languages(id)) + ")");
            }
            return play(lesson, input, out);
        }

        private int play(Lesson lesson, BufferedReader input, PrintWriter out) throws IOException {
            LessonEngine engine = new LessonEngine();
            java.util.List<String> problems = engine.validate(lesson);
            if (!problems.isEmpty()) {
                problems.forEach(spec.commandLine().getErr()::println);
                return 2;
            }
            return new TerminalPlayer(lesson, engine, input, out, !noWait, teacher).play();
        }
    }
}
