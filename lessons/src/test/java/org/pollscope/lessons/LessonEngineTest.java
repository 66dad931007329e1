package org.pollscope.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pollscope.lessons.Fixtures.lineOf;
import static org.pollscope.lessons.Fixtures.withLine;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.SyscallResult;
import org.pollscope.kernel.scenario.Invocation;
import org.pollscope.kernel.scenario.ModelTarget;
import org.pollscope.kernel.scenario.Target;

class LessonEngineTest {
    static final String FILE = "en/example-edge.md";
    static final String EXAMPLE = Fixtures.docExample();
    final LessonEngine engine = new LessonEngine();

    /** The model, except that epoll_wait reports nothing ready: a test double for "the answers follow the model". */
    static final class BlindEpoll implements Target, LessonEngine.ModelBacked {
        final ModelTarget model = new ModelTarget();

        public Kernel kernel() {
            return model.kernel();
        }

        public String side() {
            return "model";
        }

        public String kernelRelease() {
            return model.kernelRelease();
        }

        public boolean canFork() {
            return true;
        }

        public void spawn(String thread, boolean forkProcess) {
            model.spawn(thread, forkProcess);
        }

        public void start(String thread, Invocation call, Consumer<SyscallResult> done) {
            model.start(thread, call, r -> done.accept(call.call().equals("epoll_wait") && !r.failed()
                ? SyscallResult.events(List.of()) : r));
        }

        public boolean settle(BooleanSupplier condition) {
            return model.settle(condition);
        }

        public boolean awaitBlocked(String thread) {
            return model.awaitBlocked(thread);
        }

        public void close() {
            model.close();
        }
    }

    @Test
    void predictAnswerIsTheModelsResultAndEachBeliefItsWorlds() {
        Lesson l = LessonParser.parse(FILE, EXAMPLE);
        LessonEngine.Answer a = engine.answer(l, 0);
        assertThat(a.correct()).isEqualTo("0");
        assertThat(a.options()).containsExactlyInAnyOrder(new LessonEngine.Option("0", null),
            new LessonEngine.Option("1 [a: EPOLLIN]", "epoll reports while bytes remain"));
        assertThat(a.explain()).endsWith("nothing called ep_poll_callback: 0.");
    }

    @Test
    void answerFollowsTheModelItRunsOn() {
        // the fixture's second checkpoint: epoll_wait right after an ADD of a ready fd
        Lesson l = Fixtures.lesson("en", "fixture-scan");
        assertThat(engine.answer(l, 1).correct()).isEqualTo("1 [a: EPOLLIN]");
        LessonEngine blind = new LessonEngine(BlindEpoll::new);
        assertThatThrownBy(() -> blind.answer(l, 1)).isInstanceOf(LessonSyntaxException.class)
            // with epoll_wait blind, the belief "only later bytes" gives the same 0: the lesson would be wrong there
            .hasMessageContaining("en/fixture-scan.md:" + lineOf(Fixtures.resource("course/en/fixture-scan.md"), "wrong: epoll only"));
        assertThat(blind.accepts(l, 1, "0")).isTrue();
        assertThat(engine.accepts(l, 1, "0")).isFalse();
    }

    @Test
    void blindEpollChangesTheComputedAnswer() {
        String text = EXAMPLE.replace("predict: epoll_wait(ep, 8, 0)", "predict: read(a, 8)")
            .replace("wrong: epoll reports while bytes remain | replace \"EPOLLIN | EPOLLET\" with \"EPOLLIN\"",
                "wrong: read takes what epoll_wait saw | drop \"read(a, 1)\"");
        Lesson l = LessonParser.parse(FILE, text);
        assertThat(engine.answer(l, 0).correct()).isEqualTo("1 \"i\"");
        Lesson edge = LessonParser.parse(FILE, EXAMPLE.replace("epoll_wait(ep, 8, 0)                       => 1 [a: EPOLLIN]",
            "epoll_wait(ep, 8, 0)"));
        assertThat(engine.answer(edge, 0).correct()).isEqualTo("0");
        // on the model, the replaced (level-triggered) world reports a again; through the blind double it reports nothing,
        // so the belief's option equals the answer: the double changed what the engine computes
        assertThat(engine.answer(edge, 0).options()).extracting(LessonEngine.Option::text).contains("1 [a: EPOLLIN]");
        assertThatThrownBy(() -> new LessonEngine(BlindEpoll::new).answer(edge, 0))
            .isInstanceOf(LessonSyntaxException.class).hasMessageContaining("the answer itself (0)");
    }

    @Test
    void chooseCountsTheStepsEventsAndEachBeliefInItsWorld() {
        Lesson l = Fixtures.lesson("en", "fixture-scan");
        LessonEngine.Answer a = engine.answer(l, 0);
        assertThat(a.correct()).isEqualTo("4");
        assertThat(a.options()).containsExactlyInAnyOrder(new LessonEngine.Option("4", null),
            new LessonEngine.Option("3", "select visits only the ready ones"),
            new LessonEngine.Option("2", "select visits only the fds in the read set"));
        assertThat(engine.accepts(l, 0, "4")).isTrue();
        assertThat(engine.accepts(l, 0, "4.0")).isTrue();
        assertThat(engine.accepts(l, 0, "3")).isFalse();
    }

    @Test
    void programMeasuresComeFromTheRun() {
        Lesson l = Fixtures.lesson("en", "fixture-scan");
        LessonEngine.Answer a = engine.answer(l, 3);
        assertThat(a.correct()).matches("\\d+(\\.\\d{1,2})?");
        assertThat(a.options()).hasSize(3).extracting(LessonEngine.Option::text).doesNotHaveDuplicates();
        assertThat(a.explain()).contains(a.correct());
    }

    @Test
    void typedPredictAnswersAreReadAsExpectations() {
        Lesson l = Fixtures.lesson("en", "fixture-scan");
        assertThat(engine.accepts(l, 1, "1 [a: EPOLLIN]")).isTrue();
        assertThat(engine.accepts(l, 1, "1 {a: EPOLLIN}")).isTrue();
        assertThat(engine.accepts(l, 1, "  1 [a: EPOLLIN]  ")).isTrue();
        assertThat(engine.accepts(l, 1, "1 [a: EPOLLOUT]")).isFalse();
        // as after '=>': a count alone checks the count only
        assertThat(engine.accepts(l, 1, "1")).isTrue();
        assertThat(engine.accepts(l, 1, "2")).isFalse();
        assertThat(engine.accepts(l, 1, "1 [zz: EPOLLIN]")).isFalse();
        assertThat(engine.accepts(l, 1, "banana")).isFalse();
        assertThat(engine.accepts(l, 1, "")).isFalse();
    }

    @Test
    void optionsHaveAFixedOrderSeededByLessonAndStep() {
        Lesson l = Fixtures.lesson("en", "fixture-scan");
        List<String> first = engine.answer(l, 0).options().stream().map(LessonEngine.Option::text).toList();
        assertThat(engine.answer(l, 0).options().stream().map(LessonEngine.Option::text).toList()).isEqualTo(first);
        Lesson zh = Fixtures.lesson("zh", "fixture-scan");
        assertThat(engine.answer(zh, 0).options().stream().map(LessonEngine.Option::text).toList()).isEqualTo(first);
        // over the fixture's checkpoints the answer is not always first
        long answerFirst = java.util.stream.IntStream.of(0, 1, 3)
            .filter(k -> engine.answer(l, k).options().get(0).belief() == null).count();
        assertThat(answerFirst).isLessThan(3);
    }

    @Test
    void beliefsThatChangeNothingAreLessonErrorsAtTheirLine() {
        int wrong = lineOf(EXAMPLE, "wrong:");
        Lesson absent = LessonParser.parse(FILE, withLine(EXAMPLE, wrong, "wrong: x | replace \"EPOLLONESHOT\" with \"EPOLLIN\""));
        assertThat(engine.validate(absent)).containsExactly(FILE + ":" + wrong
            + ": replace changes nothing: the statements so far hold no \"EPOLLONESHOT\"");
        Lesson same = LessonParser.parse(FILE, withLine(EXAMPLE, wrong, "wrong: x | replace \"read(a, 1)\" with \"read(a, 0)\""));
        assertThat(engine.validate(same)).singleElement().asString().startsWith(FILE + ":" + wrong + ": this belief's option is the answer itself");
        Lesson broken = LessonParser.parse(FILE, withLine(EXAMPLE, wrong, "wrong: x | replace \"socketpair()\" with \"socketpair(\""));
        assertThat(engine.validate(broken)).singleElement().asString().startsWith(FILE + ":" + wrong + ": the world of this belief does not parse");
        Lesson dropsItself = LessonParser.parse(FILE, withLine(EXAMPLE, wrong, "wrong: x | drop \"epoll_wait\""));
        assertThat(engine.validate(dropsItself)).singleElement().asString().contains("drops the predicted statement itself");
        String two = withLine(EXAMPLE, wrong, EXAMPLE.split("\n")[wrong - 1] + "\nwrong: y | replace \"EPOLLET)\" with \"EPOLLIN)\"");
        assertThat(engine.validate(LessonParser.parse(FILE, two))).singleElement().asString()
            .startsWith(FILE + ":" + (wrong + 1) + ": this belief gives the same option (1 [a: EPOLLIN]) as the belief at line " + wrong);
        assertThat(engine.validate(LessonParser.parse(FILE, EXAMPLE))).isEmpty();
    }

    @Test
    void measuresOfTheKernelNeedABoundEpollName() {
        String text = EXAMPLE.replace("predict: epoll_wait(ep, 8, 0)\nask: One byte is still unread. What does epoll_wait return?",
            "choose: How many items are in ep's interest list?\nmeasure: items ep")
            .replace("wrong: epoll reports while bytes remain | replace \"EPOLLIN | EPOLLET\" with \"EPOLLIN\"",
                "wrong: bytes are what counts | measure copied\nwrong: nothing is left | measure ready ep");
        Lesson l = LessonParser.parse(FILE, text);
        LessonEngine.Answer a = engine.answer(l, 0);
        assertThat(a.correct()).isEqualTo("1");
        assertThat(a.options()).extracting(LessonEngine.Option::text).containsExactlyInAnyOrder("1", "0", "27");
        Lesson unbound = LessonParser.parse(FILE, text.replace("measure: items ep", "measure: items nope"));
        assertThat(engine.validate(unbound)).singleElement().asString().contains("'nope' is not bound to an epoll fd");
    }
}
