package org.pollscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogTicksTest {
    private static List<String> labels(double lo, double hi, boolean decadesOnly) {
        return LogTicks.ticks(lo, hi, decadesOnly).stream().map(LogTicks::label).toList();
    }

    @Test
    void everyDecadeTicksOneTwoFive() {
        assertThat(labels(0, 3, false)).containsExactly("1", "2", "5", "10", "20", "50", "100", "200", "500", "1k");
        assertThat(labels(3, 6, false)).containsExactly("1k", "2k", "5k", "10k", "20k", "50k", "100k", "200k", "500k", "1M");
        assertThat(labels(-3, -1, false)).containsExactly("0.001", "0.002", "0.005", "0.01", "0.02", "0.05", "0.1");
    }

    @Test
    void aShortDecadeShowsItsPowerOfTenOnly() {
        assertThat(labels(0, 4, true)).containsExactly("1", "10", "100", "1k", "10k");
    }

    @Test
    void minorTicksFallBetweenTheLabelledOnes() {
        assertThat(LogTicks.minorTicks(0, 1).stream().map(LogTicks::label))
            .containsExactly("3", "4", "6", "7", "8", "9");
    }

    @Test
    void noTicksForAnEmptyRange() {
        assertThat(LogTicks.ticks(2, 1, false)).isEmpty();
    }
}
