package org.pollscope.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pollscope.kernel.scenario.ModelTarget;
import org.pollscope.kernel.scenario.ScenarioRunner;

/**
 * The example of docs/scenario-language.md (copied into spec-example.scn) parsed and run by
 * the scenario runner on the real kernel: every expectation the spec page states holds there.
 */
class LinuxScenarioTest {
    Path example;

    @BeforeEach
    void needsLinux() throws Exception {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel on x86-64 or aarch64: " + LinuxSyscalls.UNAVAILABLE);
        example = Path.of(LinuxScenarioTest.class.getResource("/spec-example.scn").toURI());
    }

    private record Run(int status, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private Run run(List<String> sides) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new ScenarioRunner(Map.of("linux", LinuxTarget::new, "model", ModelTarget::new),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(List.of(example), sides);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void specExampleHoldsOnTheRealKernel() {
        Run r = run(List.of("linux"));
        // nine expectations, lines 5 to 13
        assertThat(r.err()).as(r.out()).isEmpty();
        assertThat(r.lastLine()).as(r.out()).isEqualTo("9 passed, 0 failed");
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).contains("linux: 1 [a: EPOLLIN]").contains("linux: -1 EEXIST");
    }

    @Test
    void specExampleGivesTheSameResultsOnModelAndKernel() {
        Run r = run(List.of("model", "linux"));
        assertThat(r.out()).as(r.out()).doesNotContain("model != linux");
        assertThat(r.lastLine()).as(r.out()).isEqualTo("18 passed, 0 failed");
        assertThat(r.status()).as(r.out()).isZero();
    }

    @Test
    void resourceIsStillTheSpecPagesExample() throws Exception {
        Path spec = Path.of("..", "docs", "scenario-language.md");
        assumeTrue(Files.exists(spec), "the spec page is not beside this module: " + spec.toAbsolutePath());
        String page = Files.readString(spec);
        int start = page.indexOf("```\n", page.indexOf("## Example")) + 4;
        String block = page.substring(start, page.indexOf("```", start));
        assertThat(Files.readString(example)).isEqualTo(block);
    }
}
