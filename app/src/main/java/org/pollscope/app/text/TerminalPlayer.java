package org.pollscope.app.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.pollscope.kernel.program.ProgramStepper;
import org.pollscope.kernel.scenario.ScenarioStepper;
import org.pollscope.kernel.scenario.Statement;
import org.pollscope.kernel.scenario.StepResult;
import org.pollscope.lessons.Action;
import org.pollscope.lessons.Checkpoint;
import org.pollscope.lessons.Lesson;
import org.pollscope.lessons.LessonEngine;
import org.pollscope.lessons.LessonStep;
import org.pollscope.lessons.LessonWorld;

/**
 * {@code pollscope lesson play}: a lesson step by step in an 80-column terminal. Each step's
 * narrative, then its action with the kernel drawn after it ({@link KernelText}); at a
 * checkpoint the options, an answer read from the input (a number, or the result typed), right
 * or wrong (for a wrong option, the belief it comes from), the explanation and the reveal.
 * Every answer comes from the {@link LessonEngine}; this is one view of it, the GUI another.
 */
public final class TerminalPlayer {

    /** The player's own words, in the lesson's language. */
    private record Words(String step, String objectives, String notes, String program, String answer, String prompt,
                         String right, String wrong, String belief, String typedWrong, String reveal,
                         String end, String eof, String expected) {}

    private static final Map<String, Words> WORDS = Map.of(
        "en", new Words("Step", "Objectives:", "Notes for the teacher:", "Program", "Answer: ", "Your answer (1-%d, or type it): ",
            "Right.", "Not quite.", "That option is what you would see if: %s.", "That is not what the kernel returns.",
"What the kernel did:", "End of the lesson.",
            "End of input: the lesson stops here.", "expected"),
        "zh", new Words("第", "学习目标：", "教师备注：", "程序", "答案：", "你的答案（1-%d，或直接输入）：",
            "正确。", "不对。", "这个选项来自这样的想法：%s。", "内核返回的不是这个。",
"内核做了什么：", "课程结束。",
            "输入结束：课程到此为止。", "期望"));

    private final Lesson lesson;
    private final LessonEngine engine;
    private final BufferedReader in;
    private final PrintWriter out;
    private final boolean wait;
    private final boolean teacher;
    private final Words words;
    private boolean lastBlank = true;

    /** {@code wait} false: print the computed answers and never read {@code in} ({@code --no-wait}). */
    public TerminalPlayer(Lesson lesson, LessonEngine engine, BufferedReader in, PrintWriter out, boolean wait, boolean teacher) {
        this.lesson = lesson;
        this.engine = engine;
        this.in = in;
        this.out = out;
        this.wait = wait;
        this.teacher = teacher;
        this.words = WORDS.getOrDefault(lesson.lang(), WORDS.get("en"));
    }

    /** Plays the whole lesson; returns the exit status (0, also when the input ends early). */
    public int play() throws IOException {
        LessonWorld world = LessonWorld.of(lesson);
        ScenarioStepper stepper = new ScenarioStepper(world.scenario());
        prose(lesson.title(), "");
        println(lesson.level() + ", " + lesson.minutes() + " min");
        println(words.objectives);
        for (String o : lesson.objectives()) print(Prose.wrap(o, Prose.WIDTH, "  - ", "    "));
        println("");
        prose(lesson.intro(), "");
        int n = lesson.steps().size();
        for (int k = 0; k < n; k++) {
            LessonStep s = lesson.steps().get(k);
            println("");
            println(rule(words.step.equals("第") ? "第 " + (k + 1) + " 步（共 " + n + " 步）：" + s.title()
                : words.step + " " + (k + 1) + " of " + n + ": " + s.title()));
            println("");
            prose(s.narrative(), "");
            if (teacher && s.notes() != null) {
                println("");
                println(words.notes);
                prose(s.notes(), "  ");
            }
            if (s.action() instanceof Action.Scn) {
                println("");
                int mark = stepper.kernel().trace().size();
                stepper.goTo(world.statementsAfterAction(k));
                for (Statement st : world.actionStatements(k)) statement(stepper, st);
                println("");
                print(KernelText.draw(stepper.kernel(), mark, stepper::nameOfFd));
            } else if (s.action() instanceof Action.Program p) {
                println("");
                println(words.program + " " + p.name() + ": " + KernelText.count(p.clients(), "client") + ", " + p.active() + " active, seed " + p.seed()
                    + ", step " + p.run());
                ProgramStepper ps = LessonEngine.programStepper(p);
                print(KernelText.draw(ps.kernel(), ps.stepStart(), fd -> null));
            }
            if (s.check() != null) {
                if (!checkpoint(k, s.check())) {
                    println("");
                    println(words.eof);
                    out.flush();
                    return 0;
                }
                if (s.check().kind() == Checkpoint.Kind.PREDICT) {
                    println("");
                    println(words.reveal);
                    int mark = stepper.kernel().trace().size();
                    stepper.goTo(world.statementsAfterReveal(k));
                    statement(stepper, world.predictStatement(k));
                    println("");
                    print(KernelText.draw(stepper.kernel(), mark, stepper::nameOfFd));
                }
            }
        }
        println("");
        println(words.end);
        out.flush();
        return 0;
    }

    /** Asks the question; false when the input ended before an answer. */
    private boolean checkpoint(int k, Checkpoint c) throws IOException {
        LessonEngine.Answer a = engine.answer(lesson, k);
        println("");
        prose(c.ask(), "");
        if (c.kind() == Checkpoint.Kind.PREDICT) println("    " + c.statement());
        List<LessonEngine.Option> options = a.options();
        for (int i = 0; i < options.size(); i++) {
            LessonEngine.Option o = options.get(i);
            String label = teacher && o.belief() != null ? "   (" + o.belief() + ")" : "";
            print(Prose.wrap(o.text() + label, Prose.WIDTH, "  " + (i + 1) + ") ", "     "));
        }
        if (!wait) {
            println(words.answer + (options.indexOf(new LessonEngine.Option(a.correct(), null)) + 1) + ") " + a.correct());
        } else {
            while (true) {
                out.print(String.format(words.prompt, options.size()));
                out.flush();
                lastBlank = false;
                String line = in.readLine();
                if (line == null) return false;
                String typed = line.strip();
                if (typed.isEmpty()) continue;
                LessonEngine.Option chosen = null;
                if (typed.matches("\\d{1,3}")) {
                    int i = Integer.parseInt(typed);
                    // a number of an option picks it; any other number is a typed answer ("0" for epoll_wait)
                    if (i >= 1 && i <= options.size()) chosen = options.get(i - 1);
                }
                if (chosen == null) {
                    boolean right = engine.accepts(lesson, k, typed);
                    chosen = right ? new LessonEngine.Option(a.correct(), null)
                        : options.stream().filter(o -> o.text().equals(typed)).findFirst().orElse(null);
                }
                // on its own line: when the input is not a terminal, nothing ended the prompt's line
                println("");
                String verdict = chosen != null && chosen.belief() == null ? words.right
                    : words.wrong + " " + (chosen != null ? String.format(words.belief, chosen.belief()) : words.typedWrong);
                print(Prose.wrap(verdict, Prose.WIDTH, "", ""));
                break;
            }
        }
        println("");
        prose(a.explain(), "");
        return true;
    }

    private void statement(ScenarioStepper stepper, Statement st) {
        StepResult r = stepper.result(st);
        String result = r == null ? "(not run)" : r.skipped() != null ? "skipped (" + r.skipped() + ")" : r.shown();
        // the statement without its expectation: the result shown is the one the side computed
        String text = st instanceof Statement.Call c && c.expect() != null ? st.text().replaceFirst("\\s*=>.*$", "") : st.text();
        print(Prose.wrap(text + "  => " + result, Prose.WIDTH, "  > ", "      "));
        if (r != null && r.failure() != null) {
            print(Prose.wrap("!! " + r.failure(), Prose.WIDTH, "    ", "       "));
        }
    }

    private static String rule(String title) {
        String t = "── " + title + " ";
        int w = Prose.width(t);
        return w >= Prose.WIDTH ? Prose.fit(t, Prose.WIDTH) : t + "─".repeat(Prose.WIDTH - w);
    }

    private void prose(String markdown, String indent) {
        print(Prose.lines(markdown, Prose.WIDTH, indent));
    }

    private void print(List<String> lines) {
        for (String l : lines) println(l);
    }

    private void println(String s) {
        // one blank line between parts, however many parts had nothing to say
        if (s.isEmpty() && lastBlank) return;
        lastBlank = s.isEmpty();
        out.println(Prose.width(s) > 80 ? Prose.fit(s, Prose.WIDTH) : s);
    }
}
