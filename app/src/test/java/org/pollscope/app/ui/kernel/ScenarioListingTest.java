package org.pollscope.app.ui.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pollscope.kernel.scenario.ScenarioParser;

/** The listing is the whole scenario as written, marked as the steps run. */
class ScenarioListingTest {
    static final Path CORPUS = Path.of("../kernel-model/src/test/resources/scenarios");

    static Stream<Path> corpus() throws Exception {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(p -> p.toString().endsWith(".scn")).sorted().toList().stream();
        }
    }

    static final String WRONG = """
        @title "a wrong prediction"
        a, b = socketpair()
        ep = epoll_create1(0)
        epoll_ctl(ep, ADD, a, EPOLLIN) => 0
        write(b, "x") => 1
        epoll_wait(ep, 8, 0) => 1 [a: EPOLLIN]
        epoll_wait(ep, 8, 0) => 0      # level-triggered: it is reported again
        """;

    @ParameterizedTest
    @MethodSource("corpus")
    void theListingOfEveryCorpusScenarioIsItsFileLineForLine(Path file) throws Exception {
        StepViewModel vm = new StepViewModel();
        vm.load(ScenarioParser.parse(file));
        List<String> lines = Files.readAllLines(file);
        assertThat(vm.lines()).extracting(ListingLine::text).containsExactlyElementsOf(lines);
        assertThat(vm.lines()).extracting(ListingLine::number)
            .containsExactlyElementsOf(IntStream.rangeClosed(1, lines.size()).mapToObj(String::valueOf).toList());
        vm.toEnd();
        // stepping changes the marks, never the lines
        assertThat(vm.lines()).extracting(ListingLine::text).containsExactlyElementsOf(lines);
    }

    @Test
    void theCurrentStatementAndEachThreadsRunningLineAreMarked() throws Exception {
        StepViewModel vm = new StepViewModel();
        vm.load(ScenarioParser.parse(CORPUS.resolve("exclusive-wakes-one-waiter.scn")));
        vm.goTo(11); // await_blocked(t1), line 18: the three threads asleep in epoll_wait
        assertThat(marked(vm)).containsExactly("10 t1", "13 t2", "16 t3", "18 current");
        assertThat(vm.currentLineProperty().get()).isEqualTo(17);
        vm.goTo(15); // join(t1), line 22: t1 has run its body
        assertThat(marked(vm)).containsExactly("13 t2", "16 t3", "22 current");
    }

    @Test
    void aThreadBodysExpectationIsJudgedInTheStepItCompletesIn() throws Exception {
        StepViewModel vm = new StepViewModel();
        vm.load(ScenarioParser.parse(CORPUS.resolve("exclusive-wakes-one-waiter.scn")));
        vm.goTo(13);
        assertThat(vm.lines().get(9).verdict()).isEqualTo(ListingLine.Verdict.NONE);
        vm.forward(); // write(b, "x"), line 21: wakes t1, whose epoll_wait on line 10 returns
        assertThat(vm.lines().get(9).verdict()).isEqualTo(ListingLine.Verdict.MET);
        assertThat(vm.lines().get(20).verdict()).isEqualTo(ListingLine.Verdict.MET);
        assertThat(vm.explanationProperty().get()).startsWith("✓ line 10, epoll_wait(e1, 8, -1) => 1 [a: EPOLLIN]: as predicted\n"
            + "✓ line 21, write(b, \"x\") => 1: as predicted");
    }

    @Test
    void aPredictionNotMetIsMarkedWithWhatTheModelReturnedAndCounted() throws Exception {
        StepViewModel vm = new StepViewModel();
        vm.load(ScenarioParser.parse("w.scn", WRONG), WRONG);
        assertThat(vm.verdictsProperty().get()).isEqualTo("predictions: 0 met ✓, 0 not met ✗");
        vm.goTo(5);
        assertThat(vm.lines().get(5).verdict()).isEqualTo(ListingLine.Verdict.MET);
        assertThat(vm.verdictsProperty().get()).isEqualTo("predictions: 3 met ✓, 0 not met ✗");
        vm.forward();
        ListingLine wrong = vm.lines().get(6);
        assertThat(wrong.verdict()).isEqualTo(ListingLine.Verdict.NOT_MET);
        assertThat(wrong.note()).isEqualTo("1 [a: EPOLLIN]");
        assertThat(wrong.text()).isEqualTo("epoll_wait(ep, 8, 0) => 0      # level-triggered: it is reported again");
        assertThat(vm.verdictsProperty().get()).isEqualTo("predictions: 3 met ✓, 1 not met ✗");
        assertThat(vm.explanationProperty().get()).startsWith("✗ line 7, epoll_wait(ep, 8, 0): predicted => 0, but the model returned 1 [a: EPOLLIN]");
        vm.back();
        assertThat(vm.lines().get(6).verdict()).isEqualTo(ListingLine.Verdict.NONE);
        assertThat(vm.verdictsProperty().get()).isEqualTo("predictions: 3 met ✓, 0 not met ✗");
    }

    @Test
    void aStatementAddedByAClickIsListedAfterTheBlockItFollowsAndNamedSo() throws Exception {
        String src = """
            a, b = socketpair()
            ep = epoll_create1(0)
            epoll_ctl(ep, ADD, a, EPOLLIN) => 0
            thread t {
                epoll_wait(ep, 8, -1) => 1 [a: EPOLLIN]
            }
            # then
            join(t)
            """;
        StepViewModel vm = new StepViewModel();
        vm.load(ScenarioParser.parse("t.scn", src), src);
        vm.goTo(4);
        assertThat(vm.insert("write(b, \"x\")")).isNull();
        assertThat(vm.lines()).extracting(ListingLine::plain).containsExactly("1  a, b = socketpair()", "2  ep = epoll_create1(0)",
            "3  epoll_ctl(ep, ADD, a, EPOLLIN) => 0", "4  thread t {", "5      epoll_wait(ep, 8, -1) => 1 [a: EPOLLIN]", "6  }",
            "+  write(b, \"x\")", "7  # then", "8  join(t)");
        assertThat(vm.currentLineProperty().get()).isEqualTo(6);
        assertThat(vm.statementProperty().get()).isEqualTo("added by a click on a file: write(b, \"x\")");
        assertThat(vm.lines().get(4).verdict()).as("the click woke t, whose epoll_wait returned: " + vm.lines().get(4).note())
            .isEqualTo(ListingLine.Verdict.MET);
    }

    private static List<String> marked(StepViewModel vm) {
        return vm.lines().stream().filter(l -> l.current() || l.thread() != null)
            .map(l -> l.number() + " " + (l.current() ? "current" : l.thread())).toList();
    }
}
