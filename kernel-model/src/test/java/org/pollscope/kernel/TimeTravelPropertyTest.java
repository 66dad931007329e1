package org.pollscope.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pollscope.kernel.program.ProgramStepper;
import org.pollscope.kernel.program.Programs;
import org.pollscope.kernel.program.Workload;
import org.pollscope.kernel.scenario.Scenario;
import org.pollscope.kernel.scenario.ScenarioParser;
import org.pollscope.kernel.scenario.ScenarioStepper;
import org.pollscope.kernel.scenario.Statement;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * Time travel: jumping to random steps in random order, with checkpoints every few steps (so
 * that every jump restores a copied world), always gives what a fresh replay to that step gives,
 * for every scenario of the corpus and every built-in program at a few seeds.
 */
class TimeTravelPropertyTest {
    /** Checkpoints this often, so even a short scenario restores copies. */
    private static final int BLOCK = 3;

    /** Everything a view reads of a step: the kernel's dump, the step's events, the trace window, the totals. */
    private static String state(Stepper s, Stepper reference) {
        List<TraceEvent> all = s.kernel().trace().events();
        List<TraceEvent> ref = reference.kernel().trace().events();
        assertThat(ref.subList(ref.size() - all.size(), ref.size())).as("the trace window is the end of the whole trace").isEqualTo(all);
        return "step " + s.position() + "\n" + KernelDump.of(s.kernel()) + "events " + all.subList(s.stepStart(), all.size())
            + "\nwork " + s.workSoFar() + " last " + s.lastCallCost();
    }

    private static String referenceState(Stepper r) {
        List<TraceEvent> all = r.kernel().trace().events();
        return "step " + r.position() + "\n" + KernelDump.of(r.kernel()) + "events " + all.subList(r.stepStart(), all.size())
            + "\nwork " + r.workSoFar() + " last " + r.lastCallCost();
    }

    static Stream<Path> scenarios() throws IOException, URISyntaxException {
        Path dir = Path.of(TimeTravelPropertyTest.class.getResource("/scenarios").toURI());
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".scn")).sorted().toList().stream();
        }
    }

    static Stream<String> programs() {
        return Programs.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void jumpingAroundAScenarioGivesWhatAFreshReplayGives(Path file) throws Exception {
        Scenario scenario = ScenarioParser.parse(file.getFileName().toString(), Files.readString(file));
        Seeded.tries(3).forEachSeed(seed -> {
            ScenarioStepper s = new ScenarioStepper(scenario, BLOCK);
            for (int k : jumps(new Random(seed), s.steps())) {
                s.goTo(k);
                ScenarioStepper fresh = new ScenarioStepper(scenario, 0);
                fresh.goTo(k);
                assertThat(state(s, fresh)).as("%s at step %d", file.getFileName(), k).isEqualTo(referenceState(fresh));
                for (Statement st : scenario.statements()) {
                    assertThat(s.result(st)).as("result of %s at step %d", st.text(), k).isEqualTo(fresh.result(st));
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void jumpingAroundAProgramGivesWhatAFreshReplayGives(String name) {
        Seeded.tries(3).forEachSeed(seed -> {
            Workload w = Workload.of(4, 3, 0.003, seed).withChurnPerSecond(300);
            ProgramStepper s = new ProgramStepper(Programs.byName(name), w, BLOCK);
            s.goTo(Integer.MAX_VALUE);   // finds the end
            assertThat(s.complete()).isTrue();
            int steps = s.steps();
            for (int k : jumps(new Random(seed), steps)) {
                s.goTo(k);
                ProgramStepper fresh = new ProgramStepper(Programs.byName(name), w, 0);
                fresh.goTo(k);
                assertThat(state(s, fresh) + " tid " + s.lastTid() + " line " + s.lineOf(s.lastTid()))
                    .as("%s seed %d at step %d of %d", name, seed, k, steps)
                    .isEqualTo(referenceState(fresh) + " tid " + fresh.lastTid() + " line " + fresh.lineOf(fresh.lastTid()));
            }
        });
    }

    /** Random steps in random order, with single steps back and forward among them. */
    private static List<Integer> jumps(Random rnd, int steps) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int k = rnd.nextInt(steps + 1);
            out.add(k);
            if (rnd.nextBoolean()) out.add(Math.max(0, k - 1));
            else out.add(Math.min(steps, k + 1));
        }
        return out;
    }
}
