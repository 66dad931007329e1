package org.pollscope.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.pollscope.kernel.program.Measures;
import org.pollscope.kernel.program.Programs;
import org.pollscope.kernel.program.Simulation;
import org.pollscope.kernel.program.Workload;

/**
 * The epoll level-triggered server of the model with 10,000 clients of which 100 are active,
 * for one simulated second (the clients connect during its first 200 ms). One operation is
 * the whole run, setup included; requests per wall-clock second = requests / time per run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class ModelServerBenchmark {

    @Benchmark
    public long epollLevelTriggeredTenThousandClients(Blackhole bh) {
        Measures m = new Simulation(Programs.byName("epoll-lt"), Workload.of(10_000, 100, 1.0, 1)).run();
        bh.consume(m);
        return m.requests();
    }
}
