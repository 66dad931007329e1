package org.pollscope.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pollscope.kernel.scenario.ScenarioParser;
import org.pollscope.kernel.scenario.ScenarioStepper;

/**
 * Opening a 100,001-line scenario at its last step, as the window does it (off the JavaFX
 * thread, `open FILE --step 100001`): parse the text, then step a fresh stepper to the end.
 * One shot per iteration. The window's test (DeepStepViewTest) checks what it shows; this
 * measures how long it takes (docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1)
public class LongScenarioBenchmark {
    static final int PAIRS = 50_000;

    String text;

    @Setup
    public void setUp() {
        StringBuilder sb = new StringBuilder("a, b = socketpair()\n");
        for (int i = 0; i < PAIRS; i++) sb.append("write(a, 1)  => 1\nread(b, 1)  => 1 \"x\"\n");
        text = sb.toString();
    }

    @Benchmark
    public int openAtTheLastStep() throws Exception {
        ScenarioStepper s = new ScenarioStepper(ScenarioParser.parse("long.scn", text));
        s.goTo(2 * PAIRS + 1);
        if (s.position() != 2 * PAIRS + 1) throw new IllegalStateException("at step " + s.position());
        return s.position();
    }
}
