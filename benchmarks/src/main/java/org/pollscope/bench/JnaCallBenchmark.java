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
import org.pollscope.probe.LinuxSyscalls;

/**
 * What a call through the JNA binding costs: getppid, a system call that does no work, called
 * through the direct mapping that the scenarios and the bench use. Set it beside the same
 * call from C (syscall-cost.c next to bench.c): the difference is the binding's own cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class JnaCallBenchmark {

    @Benchmark
    public int getppidThroughJna() {
        return LinuxSyscalls.getppid();
    }

    @Benchmark
    public long syscallGetppidThroughJna() {
        return LinuxSyscalls.syscall(110); // SYS_getppid on x86-64, as syscall-cost.c calls it
    }
}
