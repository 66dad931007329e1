package org.pollscope.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pollscope.lessons.Fixtures.lineOf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.pollscope.kernel.scenario.ModelTarget;
import org.pollscope.kernel.scenario.ScenarioRunner;
import org.pollscope.kernel.scenario.Target;

class LessonCheckTest {

    static Map<String, Supplier<Target>> sides(Supplier<Target> second) {
        Map<String, Supplier<Target>> m = new LinkedHashMap<>();
        m.put("model", ModelTarget::new);
        if (second != null) m.put("other", second);
        return m;
    }

    @Test
    void countsExpectationsAnswersAndProgramRuns() {
        Lesson l = Fixtures.lesson("en", "fixture-scan");
        LessonCheck.Report r = new LessonCheck(sides(null)).check(l);
        assertThat(r.failures()).isEmpty();
        // 5 expectations, 3 checkpoints, 1 program run
        assertThat(r.passed()).isEqualTo(9);
        assertThat(r.skipped()).isZero();
    }

    @Test
    void aFailedExpectationIsReportedAtTheLessonsLine() {
        String text = Fixtures.resource("course/en/fixture-scan.md").replace("write(a2, \"z\")                               => 1",
            "write(a2, \"z\")                               => 2");
        Lesson l = LessonParser.parse("en/fixture-scan.md", text);
        LessonCheck.Report r = new LessonCheck(sides(null)).check(l);
        assertThat(r.failures()).containsExactly("en/fixture-scan.md:" + lineOf(text, "write(a2, \"z\")") + ": expected 2 got 1");
        assertThat(r.failed()).isEqualTo(1);
    }

    @Test
    void aSecondSideThatDiffersFailsEvenWithoutAnExpectation() {
        Lesson l = Fixtures.lesson("en", "fixture-scan");
        LessonCheck.Report r = new LessonCheck(sides(LessonEngineTest.BlindEpoll::new)).check(l);
        // the predict statement has no expectation, yet model and the blind side differ on it
        int predict = lineOf(Fixtures.resource("course/en/fixture-scan.md"), "predict:");
        assertThat(r.failures()).contains("en/fixture-scan.md:" + predict + ": model != other: model 1 [a: EPOLLIN], other 0 []");
        // program steps run on the model only, and say so
        assertThat(r.notes()).anyMatch(n -> n.contains("program epoll-lt runs on the model only (other: skipped)"));
        assertThat(r.skipped()).isEqualTo(1);
    }

    @Test
    void anUnavailableSideIsSkippedWithItsReason() {
        Lesson l = Fixtures.lesson("en", "fixture-scan");
        LessonCheck.Report r = new LessonCheck(sides(() -> {
            throw new ScenarioRunner.Unavailable("not Linux");
        })).check(l);
        assertThat(r.failed()).isZero();
        assertThat(r.notes()).contains("en/fixture-scan.md: other: skipped (not Linux)");
        assertThat(r.skipped()).isEqualTo(5 + 1);
    }
}
