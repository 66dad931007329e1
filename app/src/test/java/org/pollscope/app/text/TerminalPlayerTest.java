package org.pollscope.app.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pollscope.lessons.Lesson;
import org.pollscope.lessons.LessonEngine;
import org.pollscope.lessons.LessonParser;

class TerminalPlayerTest {
    static final Path COURSE = Path.of("..", "lessons", "src", "test", "resources", "course");
    final LessonEngine engine = new LessonEngine();

    static Lesson fixture(String lang) throws IOException {
        String file = lang + "/fixture-scan.md";
        return LessonParser.parse(file, Files.readString(COURSE.resolve(file)));
    }

    String play(Lesson l, String input, boolean wait, boolean teacher) throws IOException {
        StringWriter out = new StringWriter();
        int status = new TerminalPlayer(l, engine, new BufferedReader(new StringReader(input)), new PrintWriter(out), wait, teacher)
            .play();
        assertThat(status).isZero();
        return out.toString();
    }

    /** The option number (from 1) of the answer, or of the first wrong option. */
    int option(Lesson l, int step, boolean right) {
        List<LessonEngine.Option> o = engine.answer(l, step).options();
        for (int i = 0; i < o.size(); i++) if ((o.get(i).belief() == null) == right) return i + 1;
        throw new AssertionError();
    }

    static void assertFitsEightyColumns(String out) {
        for (String line : out.split("\n")) assertThat(Prose.width(line)).as(line).isLessThanOrEqualTo(80);
    }

    @Test
    void noWaitPrintsTheComputedAnswersAndReadsNothing() throws IOException {
        Lesson l = fixture("en");
        String out = play(l, "", false, false);
        assertThat(out).contains("Answer: " + option(l, 0, true) + ") 4\n")
            .contains("Answer: " + option(l, 1, true) + ") 1 [a: EPOLLIN]\n")
            .contains("do_select calls f_op->poll on every fd below nfds that is in any set: 4.")
            .contains("Interest lists").contains("(B) a fd 0").contains("ready list:").contains("Wait queues:")
            .contains("System calls of this step:").contains("Cost: ")
            .doesNotContain("Your answer").doesNotContain("Notes for the teacher").endsWith("End of the lesson.\n");
        assertFitsEightyColumns(out);
    }

    @Test
    void aWrongThenARightAnswerShowTheBeliefAndTheExplanation() throws IOException {
        Lesson l = fixture("en");
        String input = option(l, 0, false) + "\n" + option(l, 1, true) + "\n1 {a: EPOLLIN}\n";
        String out = play(l, input, true, false);
        String belief = engine.answer(l, 0).options().get(option(l, 0, false) - 1).belief();
        assertThat(out).contains("Not quite. That option is what you would see if: " + belief.substring(0, 20))
            .contains("Right.")
            .contains("do_select calls f_op->poll on every fd below nfds that is in any set: 4.")
            .contains("What the kernel did:\n  > epoll_wait(ep, 8, 0) => 1 [a: EPOLLIN]")
            // the third answer, typed at the program's checkpoint, is no number it computed
            .contains("Not quite. That is not what the kernel returns.");
        assertThat(out.split("Right\\.", -1)).hasSize(2);
        assertFitsEightyColumns(out);
    }

    @Test
    void aTypedAnswerIsReadAsAnExpectation() throws IOException {
        Lesson l = fixture("en");
        String out = play(l, "4\n{a: EPOLLIN}\n1 {a: EPOLLIN}\n" + option(l, 3, true) + "\n", true, false);
        // "4" is no option number here (three options), so it is typed: right; "{a: EPOLLIN}" does not parse: wrong
        assertThat(out).contains("Right.").contains("Not quite. That is not what the kernel returns.");
    }

    @Test
    void endOfInputAtAPromptEndsPolitely() throws IOException {
        String out = play(fixture("en"), "", true, false);
        assertThat(out).endsWith("End of input: the lesson stops here.\n").doesNotContain("Exception");
    }

    @Test
    void teacherModeShowsNotesAndTheBeliefBehindEachOption() throws IOException {
        Lesson l = fixture("en");
        String out = play(l, "", false, true);
        assertThat(out).contains("Notes for the teacher:\n  The second belief is common")
            .contains("(select visits only the ready ones)");
        assertFitsEightyColumns(out);
    }

    @Test
    void chineseLessonFitsEightyColumns() throws IOException {
        String out = play(fixture("zh"), "", false, true);
        assertThat(out).contains("第 1 步（共 4 步）").contains("答案：").contains("课程结束。");
        assertFitsEightyColumns(out);
    }

    @Test
    void proseWrapsAtWordsAndBetweenChineseCharacters() {
        assertThat(Prose.wrap("one two three four", 9, "", "")).containsExactly("one two", "three", "four");
        assertThat(Prose.wrap("甲乙丙丁戊己", 6, "", "")).containsExactly("甲乙丙", "丁戊己");
        assertThat(Prose.wrap("甲乙，丙丁", 6, "", "")).containsExactly("甲乙，", "丙丁");
        assertThat(Prose.wrap("f_op->poll：4。", 78, "", "")).containsExactly("f_op->poll：4。");
        assertThat(Prose.lines("A **bold** `code` word.\n\n- one\n- two", 78, "")).containsExactly(
            "A bold `code` word.", "", "- one", "- two");
    }

    @Test
    void aLineBreakIsASpaceBetweenWordsAndNothingBetweenChineseCharacters() {
        assertThat(Prose.lines("one\ntwo", 78, "")).containsExactly("one two");
        assertThat(Prose.lines("甲乙\n丙丁", 78, "")).containsExactly("甲乙丙丁");
        // full-width punctuation after code on the next line stays with the code
        assertThat(Prose.lines("调用 `accept`\n，然后", 78, "")).containsExactly("调用 `accept`，然后");
    }

    @Test
    void aCountOfOneIsSaidInTheSingular() {
        assertThat(KernelText.count(1, "callback")).isEqualTo("1 callback");
        assertThat(KernelText.count(0, "callback")).isEqualTo("0 callbacks");
        assertThat(KernelText.count(2, "fd")).isEqualTo("2 fds");
    }
}
