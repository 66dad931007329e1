package org.pollscope.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pollscope.kernel.scenario.ModelTarget;
import org.pollscope.kernel.scenario.ScenarioRunner;

/**
 * The scenario corpus on the model and on the real kernel: every expectation holds on both,
 * and no statement gives a different result on the two (model != linux).
 */
class CorpusOnBothSidesTest {

    static Stream<Path> corpus() throws IOException {
        Path dir = Path.of("..", "kernel-model", "src", "test", "resources", "scenarios");
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".scn")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void scenarioAgreesWithTheKernel(Path file) {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel: " + LinuxSyscalls.UNAVAILABLE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        int status = new ScenarioRunner(Map.of("model", ModelTarget::new, "linux", LinuxTarget::new), ps, ps)
            .run(List.of(file), List.of("model", "linux"));
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report).as(report).doesNotContain("model != linux").containsPattern("\\d+ passed, 0 failed");
        assertThat(status).as(report).isZero();
    }
}
