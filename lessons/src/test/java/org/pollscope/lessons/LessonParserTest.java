package org.pollscope.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pollscope.lessons.Fixtures.lineOf;
import static org.pollscope.lessons.Fixtures.withLine;

import java.util.List;
import org.junit.jupiter.api.Test;

class LessonParserTest {
    static final String FILE = "en/example-edge.md";
    static final String GOOD = Fixtures.docExample();

    private static void assertProblemAt(String text, int line, String says) {
        assertThatThrownBy(() -> LessonParser.parse(FILE, text))
            .isInstanceOf(LessonSyntaxException.class)
            .satisfies(e -> {
                LessonSyntaxException x = (LessonSyntaxException) e;
                assertThat(x.getMessage()).startsWith(FILE + ":" + line + ": ").doesNotContain("\n").contains(says);
                assertThat(x.line()).isEqualTo(line);
            });
    }

    private static String insertAfter(String text, String prefix, String lines) {
        int at = lineOf(text, prefix);
        return withLine(text, at, text.split("\n", -1)[at - 1] + "\n" + lines);
    }

    @Test
    void goodFileGivesEveryPartBack() {
        Lesson l = LessonParser.parse(FILE, GOOD);
        assertThat(l.id()).isEqualTo("example-edge");
        assertThat(l.lang()).isEqualTo("en");
        assertThat(l.title()).isEqualTo("One report per edge");
        assertThat(l.level()).isEqualTo("beginner");
        assertThat(l.minutes()).isEqualTo(5);
        assertThat(l.objectives()).containsExactly("Predict what an edge-triggered epoll_wait returns");
        assertThat(l.sources()).containsExactly("fs/eventpoll.c ep_send_events", "man 7 epoll");
        assertThat(l.intro()).isEqualTo("An edge-triggered registration reports a change, not a state.");
        assertThat(l.steps()).hasSize(1);
        LessonStep s = l.steps().get(0);
        assertThat(s.line()).isEqualTo(lineOf(GOOD, "## Two bytes arrive"));
        assertThat(s.title()).isEqualTo("Two bytes arrive");
        assertThat(s.narrative()).startsWith("A socket pair stands for").doesNotContain("```");
        assertThat(s.notes()).isEqualTo("Ask for a show of hands before revealing.");
        Action.Scn scn = (Action.Scn) s.action();
        assertThat(scn.line()).isEqualTo(lineOf(GOOD, "a, b = socketpair()"));
        assertThat(scn.text()).startsWith("a, b = socketpair()").endsWith("read(a, 1)                                 => 1 \"h\"");
        Checkpoint c = s.check();
        assertThat(c.kind()).isEqualTo(Checkpoint.Kind.PREDICT);
        assertThat(c.line()).isEqualTo(lineOf(GOOD, "predict:"));
        assertThat(c.statement()).isEqualTo("epoll_wait(ep, 8, 0)");
        assertThat(c.measure()).isNull();
        assertThat(c.ask()).isEqualTo("One byte is still unread. What does epoll_wait return?");
        assertThat(c.wrong()).containsExactly(new Belief(lineOf(GOOD, "wrong:"), "epoll reports while bytes remain",
            new Change.Replace("EPOLLIN | EPOLLET", "EPOLLIN")));
        assertThat(c.explain()).isEqualTo("ep_send_events puts an item back on the ready list only when it is not EPOLLET."
            + " Nothing new arrived, so nothing called ep_poll_callback: {answer}.");
        // the same text reads the same lesson
        assertThat(LessonParser.parse(FILE, GOOD)).isEqualTo(l);
    }

    @Test
    void aGoodFileRoundTrips() {
        for (Lesson l : List.of(LessonParser.parse(FILE, GOOD), Fixtures.lesson("en", "fixture-scan"), Fixtures.lesson("zh", "fixture-scan"))) {
            String written = LessonText.write(l);
            Lesson again = LessonParser.parse(l.file(), written);
            assertThat(LessonText.write(again)).isEqualTo(written);
            assertThat(again.title()).isEqualTo(l.title());
            assertThat(again.steps()).extracting(LessonStep::title, LessonStep::narrative, LessonStep::notes)
                .isEqualTo(l.steps().stream().map(s -> org.assertj.core.groups.Tuple.tuple(s.title(), s.narrative(), s.notes())).toList());
            assertThat(again.checkpoints()).extracting(Checkpoint::kind, Checkpoint::statement, Checkpoint::measure, Checkpoint::ask,
                    Checkpoint::explain)
                .isEqualTo(l.checkpoints().stream().map(c -> org.assertj.core.groups.Tuple.tuple(c.kind(), c.statement(), c.measure(),
                    c.ask(), c.explain())).toList());
            assertThat(again.checkpoints().stream().flatMap(c -> c.wrong().stream()).map(b -> b.label() + " | " + b.change()).toList())
                .isEqualTo(l.checkpoints().stream().flatMap(c -> c.wrong().stream()).map(b -> b.label() + " | " + b.change()).toList());
            assertThat(again.steps().stream().map(s -> s.action() instanceof Action.Scn a ? a.text() : String.valueOf(s.action())).toList())
                .hasSize(l.steps().size());
        }
    }

    @Test
    void frontMatterValuesMayBeQuoted() {
        Lesson l = LessonParser.parse(FILE, withLine(GOOD, 3, "title: \"C10K: idle connections\""));
        assertThat(l.title()).isEqualTo("C10K: idle connections");
    }

    @Test
    void changesReadBackAsWritten() {
        for (String text : List.of("replace \"EPOLLIN | EPOLLET\" with \"EPOLLIN\"", "drop \"read(a\"", "measure items ep",
            "program select", "clients 8", "active 0", "seed 7", "replace \"a\" with \"x\\ny\"")) {
            assertThat(LessonParser.change(text).text()).isEqualTo(text);
        }
        assertThat(LessonParser.change("replace \"a\" with \"x\\ny\"")).isEqualTo(new Change.Replace("a", "x\ny"));
    }

    @Test
    void labelsMayHoldABar() {
        String text = withLine(GOOD, lineOf(GOOD, "wrong:"),
            "wrong: EPOLLIN | EPOLLET reports again | replace \"EPOLLIN | EPOLLET\" with \"EPOLLIN\"");
        Belief b = LessonParser.parse(FILE, text).steps().get(0).check().wrong().get(0);
        assertThat(b.label()).isEqualTo("EPOLLIN | EPOLLET reports again");
        assertThat(b.change()).isEqualTo(new Change.Replace("EPOLLIN | EPOLLET", "EPOLLIN"));
    }

    @Test
    void frontMatterProblemsNameTheirLine() {
        assertProblemAt("# no front matter\n", 1, "front matter");
        assertProblemAt(GOOD.replaceFirst("---\n\nAn edge", "\nAn edge"), 1, "not closed");
        assertProblemAt(withLine(GOOD, 2, "ident: example-edge"), 2, "unknown front matter key 'ident'");
        assertProblemAt(withLine(GOOD, 2, "id: other-lesson"), 2, "not the file's name");
        assertProblemAt(withLine(GOOD, 2, "id: Example_Edge"), 2, "lower case");
        assertProblemAt(withLine(GOOD, 4, "level: expert"), 4, "beginner, intermediate, advanced");
        assertProblemAt(withLine(GOOD, 5, "minutes: 90"), 5, "5 to 60");
        assertProblemAt(withLine(GOOD, 5, "minutes: soon"), 5, "5 to 60");
        assertProblemAt(withLine(GOOD, 3, "title:"), 3, "needs a value");
        assertProblemAt(withLine(GOOD, 3, ""), 11, "no 'title'");
        assertProblemAt(withLine(GOOD, 9, "  - eventpoll.c: ep_send_events"), 9, "neither a kernel file");
        assertProblemAt(withLine(GOOD, 7, "  -   "), 7, "");
        assertProblemAt(withLine(GOOD, 6, "objectives: one"), 6, "is a list");
        assertProblemAt(withLine(GOOD, 3, "title: A\ntitle: B"), 4, "given twice");
    }

    @Test
    void stepProblemsNameTheirLine() {
        int fence = lineOf(GOOD, "```scn");
        assertProblemAt(insertAfter(GOOD, "An edge-triggered registration", "```scn\nep2 = epoll_create1(0)\n```"),
            lineOf(GOOD, "An edge-triggered registration") + 1, "belongs in a step");
        String secondAction = GOOD.replace("```notes\nAsk", "```scn\nclose(a)\n```\n\n```notes\nAsk");
        assertProblemAt(secondAction, lineOf(secondAction, "close(a)") - 1, "at most one action");
        String secondCheck = GOOD.replace("```notes\nAsk", "```check\nchoose: How many?\nmeasure: calls\nwrong: x | measure work\n"
            + "explain: e\n```\n\n```notes\nAsk");
        assertProblemAt(secondCheck, lineOf(secondCheck, "choose: How many?") - 1, "at most one checkpoint");
        String secondNotes = GOOD + "\n```notes\nmore\n```\n";
        assertProblemAt(secondNotes, lineOf(secondNotes, "more") - 1, "at most one notes block");
        String unclosed = GOOD + "\n```c\nint x;\n";
        assertProblemAt(unclosed, lineOf(unclosed, "int x;") - 1, "not closed");
        assertProblemAt(withLine(GOOD, lineOf(GOOD, "## Two"), "## "), lineOf(GOOD, "## Two"), "needs a title");
        assertProblemAt(withLine(GOOD, fence + 1, "a, b = socketpair"), fence + 1, "expected '('");
    }

    @Test
    void scenarioErrorsAreReportedAtTheLessonsLine() {
        int line = lineOf(GOOD, "write(b, \"hi\")");
        assertProblemAt(withLine(GOOD, line, "write(b)"), line, "write takes 2 arguments");
        assertProblemAt(withLine(GOOD, line, "write(z, \"hi\")"), line, "unbound name 'z'");
        int predict = lineOf(GOOD, "predict:");
        assertProblemAt(withLine(GOOD, predict, "predict: epoll_wait(nope, 8, 0)"), predict, "unbound name 'nope'");
        assertProblemAt(withLine(GOOD, predict, "predict: epoll_wait(ep, 8, 0) => 0"), predict, "without '=>'");
        assertProblemAt(withLine(GOOD, predict, "predict: @title \"x\""), predict, "one call");
    }

    @Test
    void checkProblemsNameTheirLine() {
        int fence = lineOf(GOOD, "```check");
        int wrong = lineOf(GOOD, "wrong:");
        int explain = lineOf(GOOD, "explain:");
        assertProblemAt(withLine(GOOD, wrong, "wrong: epoll reports while bytes remain"), wrong, "LABEL | CHANGE");
        assertProblemAt(withLine(GOOD, wrong, "wrong: | drop \"read\""), wrong, "needs a label");
        assertProblemAt(withLine(GOOD, wrong, "wrong: x | replace \"EPOLLET\" by \"\""), wrong, "with \"B\"");
        assertProblemAt(withLine(GOOD, wrong, "wrong: x | measure visited"), wrong, "goes with choose");
        assertProblemAt(withLine(GOOD, wrong, "wrong: x | program select"), wrong, "no program block");
        assertProblemAt(withLine(GOOD, wrong, "wrong: x | replace \"a\" with \"a\""), wrong, "changes nothing");
        assertProblemAt(withLine(GOOD, wrong, "hint: x"), wrong, "unknown check key 'hint'");
        assertProblemAt(withLine(withLine(GOOD, explain, ""), explain + 1, ""), fence, "needs 'explain:'");
        assertProblemAt(withLine(GOOD, wrong, "ask: twice"), wrong, "given twice");
        String noWrong = withLine(GOOD, wrong, "");
        assertProblemAt(noWrong, fence, "at least one 'wrong:");
        int predict = lineOf(GOOD, "predict:");
        String choose = withLine(GOOD, predict, "choose: How many callbacks?\nmeasure: callbackz");
        assertProblemAt(choose, predict + 1, "unknown measure 'callbackz'");
        String chooseAsk = withLine(GOOD, predict, "choose: How many callbacks?\nmeasure: callbacks");
        assertProblemAt(chooseAsk, predict + 2, "ask: goes with predict");
        String both = withLine(GOOD, predict, "predict: epoll_wait(ep, 8, 0)\nchoose: How many?");
        assertProblemAt(both, predict + 1, "not both");
        assertProblemAt(withLine(GOOD, predict, "predict: epoll_wait(ep, 8, 0)\nmeasure: visited"), predict + 1, "measure: goes with choose");
        assertProblemAt(withLine(GOOD, predict, ""), fence, "needs 'predict:'");
        assertProblemAt(withLine(GOOD, predict, "  continued"), predict, "continuation line");
    }

    @Test
    void programProblemsNameTheirLine() {
        String text = GOOD.replace("```notes\nAsk for a show of hands before revealing.\n```",
            "## A server\n\n```program\nname: epoll-lt\nclients: 4\nrun: 10\n```\n");
        LessonStep s = LessonParser.parse(FILE, text).steps().get(1);
        assertThat(s.action()).isEqualTo(new Action.Program(lineOf(text, "name: epoll-lt"), "epoll-lt", 4, 2, 1, 10));
        int name = lineOf(text, "name: epoll-lt");
        assertProblemAt(withLine(text, name, "name: epoll-ltt"), name, "unknown program 'epoll-ltt'");
        assertProblemAt(withLine(text, name + 1, "clients: 500"), name + 1, "1 to 200");
        assertProblemAt(withLine(text, name + 1, "active: 9"), name + 1, "0 to 4");
        assertProblemAt(withLine(text, name + 1, "workers: 2"), name + 1, "unknown program key 'workers'");
        assertProblemAt(withLine(text, name + 2, ""), name - 1, "needs 'run:'");
        String predictOnProgram = text.replace("run: 10\n```\n", "run: 10\n```\n\n```check\npredict: epoll_wait(ep, 1, 0)\n"
            + "wrong: x | clients 5\nexplain: e\n```\n");
        assertProblemAt(predictOnProgram, lineOf(predictOnProgram, "predict: epoll_wait(ep, 1, 0)"),
            "this step's action is a program");
        String scenarioMeasure = text.replace("run: 10\n```\n", "run: 10\n```\n\n```check\nchoose: How many?\nmeasure: visited\n"
            + "wrong: x | clients 5\nexplain: e\n```\n");
        assertProblemAt(scenarioMeasure, lineOf(scenarioMeasure, "measure: visited"), "measures are those of the run");
        String replaceOnProgram = text.replace("run: 10\n```\n", "run: 10\n```\n\n```check\nchoose: How many?\nmeasure: requests\n"
            + "wrong: x | drop \"a\"\nexplain: e\n```\n");
        assertProblemAt(replaceOnProgram, lineOf(replaceOnProgram, "wrong: x | drop"), "changes the scenario world");
    }

    @Test
    void oneCheckpointPerThreeSteps() {
        String four = GOOD + "\n## Two\n\ntext\n\n## Three\n\ntext\n\n## Four\n\ntext\n";
        assertProblemAt(four, lineOf(four, "## Two bytes"), "4 steps need at least 2 checkpoints");
        String three = GOOD + "\n## Two\n\ntext\n\n## Three\n\ntext\n";
        assertThat(LessonParser.parse(FILE, three).steps()).hasSize(3);
    }

    @Test
    void predictRunsAfterTheStepsBlockWhereverTheCheckComes() {
        String checkFirst = GOOD.replaceFirst("(?s)(```scn\n.*?```\n)\n(```check\n.*?```\n)", "$2\n$1");
        assertThat(checkFirst.indexOf("```check")).isLessThan(checkFirst.indexOf("```scn"));
        Lesson l = LessonParser.parse(FILE, checkFirst);
        LessonWorld w = LessonWorld.of(l);
        assertThat(w.statementsAfterAction(0)).isEqualTo(6);
        assertThat(w.predictStatement(0).text()).isEqualTo("epoll_wait(ep, 8, 0)");
        assertThat(w.predictStatement(0).pos().line()).isEqualTo(lineOf(checkFirst, "predict:"));
    }

    @Test
    void fileNamesGiveIdAndLanguage() {
        assertThat(LessonParser.idOf("lessons/src/main/resources/org/pollscope/lessons/zh/lt-vs-et.md")).isEqualTo("lt-vs-et");
        assertThat(LessonParser.langOf("lessons/zh/lt-vs-et.md")).isEqualTo("zh");
        assertThat(LessonParser.langOf("lt-vs-et.md")).isEqualTo("en");
        assertThat(LessonParser.langOf("/tmp/drafts/lt-vs-et.md")).isEqualTo("en");
    }

    @Test
    void chineseContinuationLinesJoinWithoutASpace() {
        assertThat(LessonParser.joinLines("调用 f_op->poll：", "{answer}。")).isEqualTo("调用 f_op->poll：{answer}。");
        assertThat(LessonParser.joinLines("is not", "EPOLLET.")).isEqualTo("is not EPOLLET.");
    }

    @Test
    void aByteOrderMarkAtTheStartIsSkipped() {
        Lesson plain = LessonParser.parse(FILE, GOOD);
        Lesson marked = LessonParser.parse(FILE, "\uFEFF" + GOOD);
        assertThat(marked.title()).isEqualTo(plain.title());
        assertThat(marked.steps()).hasSameSizeAs(plain.steps());
    }

    @Test
    void aByteThatIsNotUtf8InACourseFileIsNamedAtItsLineAndColumn() {
        byte[] bytes = "---\nid: x\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Course.utf8(bytes)).hasMessage("line 2, column 6: byte 0xE9 is not UTF-8 text");
    }

    @Test
    void anEmptyOrBinaryCourseFileIsNamedAtItsLine() {
        assertThatThrownBy(() -> Course.utf8(new byte[0])).hasMessage("line 1: the file is empty");
        assertThatThrownBy(() -> Course.utf8("---\nid: x\u0000\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .hasMessage("line 2, column 6: byte 0x00 (NUL) is not text (the file looks binary)");
    }
}
