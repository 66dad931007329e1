package org.pollscope.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FuzzReportTest {
    @Test
    void theLineSaysOneDivergenceAndOneScenarioInTheSingular() {
        DifferentialFuzzer.Divergence d = new DifferentialFuzzer.Divergence(1, "x", "1: x", "a", "b");
        assertThat(new DifferentialFuzzer.Report(1, List.of(d), 0).line()).isEqualTo("1 scenario, 1 divergence");
        assertThat(new DifferentialFuzzer.Report(300, List.of(), 0).line()).isEqualTo("300 scenarios, 0 divergences");
        assertThat(new DifferentialFuzzer.Report(2, List.of(d, d), 0).line()).isEqualTo("2 scenarios, 2 divergences");
    }
}
