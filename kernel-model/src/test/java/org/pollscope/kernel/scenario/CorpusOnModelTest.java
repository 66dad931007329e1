package org.pollscope.kernel.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario of the corpus passes on the model (the kernel side runs in native-probe and CI). */
class CorpusOnModelTest {

    static Stream<Path> corpus() {
        return Corpus.files().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void scenarioPassesOnTheModel(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ScenarioRunner runner = new ScenarioRunner(Map.of("model", ModelTarget::new),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        int status = runner.run(List.of(file), List.of("model"));
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(report).isZero();
        assertThat(report).containsPattern("\\d+ passed, 0 failed");
    }
}
