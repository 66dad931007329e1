package org.pollscope.kernel.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pollscope.kernel.trace.TraceEvent;

class ScenarioStepperTest {

    /** The whole observable state: the kernel's state dump and every trace event so far. */
    private static String state(ScenarioStepper s) {
        List<TraceEvent> trace = s.kernel().trace().events();
        return s.kernel().describeState() + "\n--\n" + trace.size() + "\n" + trace;
    }

    static Stream<Path> corpus() {
        return Corpus.files().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void steppingForwardKThenBackKRestoresEveryState(Path file) throws Exception {
        Scenario scenario = ScenarioParser.parse(file);
        ScenarioStepper s = new ScenarioStepper(scenario);
        List<String> forward = new ArrayList<>();
        forward.add(state(s));
        while (s.forward()) {
            forward.add(state(s));
        }
        assertThat(s.position()).isEqualTo(s.steps());
        for (int k = s.steps(); k > 0; k--) {
            assertThat(state(s)).as("state at step %d of %s", k, file.getFileName()).isEqualTo(forward.get(k));
            s.back();
        }
        assertThat(state(s)).isEqualTo(forward.get(0));
        // and forward again from a mid point
        s.goTo(scenario.statements().size() / 2);
        assertThat(state(s)).isEqualTo(forward.get(scenario.statements().size() / 2));
    }

    @Test
    void corpusIsThere() {
        assertThat(Corpus.files()).as("scenario corpus").hasSizeGreaterThanOrEqualTo(60);
    }

    @Test
    void backAtTheStartAndForwardAtTheEndDoNothing() throws Exception {
        Scenario sc = ScenarioParser.parse("t.scn", "a, b = socketpair()\nwrite(b, \"x\") => 1\n");
        ScenarioStepper s = new ScenarioStepper(sc);
        assertThat(s.back()).isFalse();
        assertThat(s.forward()).isTrue();
        assertThat(s.forward()).isTrue();
        assertThat(s.forward()).isFalse();
        assertThat(s.kernel().describeState()).contains("queued=1");
        s.back();
        assertThat(s.kernel().describeState()).doesNotContain("queued=1");
    }
}
