package org.pollscope.app.ui.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pollscope.kernel.Seeded;
import org.pollscope.kernel.program.Programs;
import org.pollscope.kernel.program.Workload;
import org.pollscope.kernel.scenario.Scenario;
import org.pollscope.kernel.scenario.ScenarioParser;

/**
 * The views' state after jumping around is what a fresh replay to the same step shows: for
 * every corpus scenario and every program at a few seeds, jumps to random steps in random order
 * (seeded: a failure names its seed, {@code -Dpollscope.seed} replays it, the jumps are shrunk).
 */
class JumpPropertyTest {
    static Stream<Path> corpus() throws Exception {
        return StepViewModelTest.corpus();
    }

    static Stream<String> programs() {
        return Programs.names().stream();
    }

    /** What the views show; the count of steps aside (a program's are found as it runs). */
    private static String shown(StepViewModel vm) {
        return StepViewModelTest.shown(vm) + "|" + vm.currentLineProperty().get() + "|" + vm.listing();
    }

    private static List<Integer> jumps(Random r, int steps) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0, n = 2 + r.nextInt(5); i < n; i++) out.add(r.nextInt(steps + 1));
        return out;
    }

    private static List<List<Integer>> smaller(List<Integer> jumps) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < jumps.size() && jumps.size() > 1; i++) {
            List<Integer> l = new ArrayList<>(jumps);
            l.remove(i);
            out.add(l);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void jumpingAroundAScenarioShowsWhatAFreshReplayShows(Path file) throws Exception {
        Scenario s = ScenarioParser.parse(file.getFileName().toString(), Files.readString(file));
        int steps = s.statements().size();
        Seeded.tries(3).forAll(r -> jumps(r, steps), JumpPropertyTest::smaller, jumps -> {
            StepViewModel vm = new StepViewModel();
            vm.load(s);
            for (int k : jumps) {
                vm.goTo(k);
                StepViewModel fresh = new StepViewModel();
                fresh.load(s);
                fresh.goTo(k);
                assertThat(shown(vm)).as("%s after jumps %s", file.getFileName(), jumps).isEqualTo(shown(fresh));
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void jumpingAroundAProgramShowsWhatAFreshReplayShows(String name) {
        for (long seed : new long[] {1, 7}) {
            // hundreds of steps: several checkpoints (one every 64), thinned past eight
            Workload w = Workload.of(6, 3, 0.1, seed);
            StepViewModel probe = new StepViewModel();
            probe.loadProgram(Programs.byName(name), w);
            probe.toEnd();
            int steps = probe.stepsProperty().get();
            assertThat(steps).as("%s runs for some steps", name).isGreaterThan(10);
            Seeded.tries(2).forAll(r -> jumps(r, steps), JumpPropertyTest::smaller, jumps -> {
                StepViewModel vm = new StepViewModel();
                vm.loadProgram(Programs.byName(name), w);
                for (int k : jumps) {
                    vm.goTo(k);
                    StepViewModel fresh = new StepViewModel();
                    fresh.loadProgram(Programs.byName(name), w);
                    fresh.goTo(k);
                    assertThat(shown(vm)).as("%s seed %d after jumps %s", name, seed, jumps).isEqualTo(shown(fresh));
                }
            });
        }
    }
}
