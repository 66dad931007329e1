package org.pollscope.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bench's plumbing (not its speed: figures come from runs written down in docs/benchmarks.md). */
class BenchTest {

    @Test
    void everyByteWrittenIsReadAndEachMethodGivesARow() {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel: " + LinuxSyscalls.UNAVAILABLE);
        Bench b = new Bench(20, false);
        try {
            for (Bench.Method m : Bench.Method.values()) {
                Bench.Row r = b.measure(m, 3, 50, 2, null);
                assertThat(r.fds()).isEqualTo(20);
                assertThat(r.perEventMedian()).isPositive();
                assertThat(r.perEventP95()).isGreaterThanOrEqualTo(r.perEventMedian());
                assertThat(r.csv()).startsWith(m.label + ",20,3,50,2,");
            }
        } finally {
            b.close();
        }
    }

    @Test
    void theCTwinBuildsAndRuns() throws Exception {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel: " + LinuxSyscalls.UNAVAILABLE);
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gcc")), "needs gcc to build bench.c");
        CBench c = CBench.compile();
        double[] t = c.run(20, 2, 30, 2, false);
        assertThat(t).hasSize(3);
        assertThat(t[0]).isPositive();
        for (Bench.Method m : Bench.Method.values()) {
            assertThat(c.run(20, 2, 30, 2, m)[0]).as(m.label).isPositive();
        }
    }

    @Test
    void quantileInterpolates() {
        assertThat(Bench.quantile(new double[] {1, 2, 3, 4}, 0.5)).isEqualTo(2.5);
        assertThat(Bench.quantile(new double[] {1, 2, 3, 4, 5}, 0.95)).isEqualTo(4.8, org.assertj.core.data.Offset.offset(1e-9));
    }
}
