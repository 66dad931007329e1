package org.pollscope.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.pollscope.probe.LinuxSyscalls;

/**
 * The main class of {@code benchmarks.jar}. With arguments it is JMH's own command line
 * ({@code org.openjdk.jmh.Main}: a regex picks benchmarks, {@code -h} lists the options,
 * {@code '.*'} runs every benchmark with the iterations their annotations give). With none it
 * runs a short default set, about a minute: the model's epoll_wait against poll at 1,000 and
 * 100,000 fds, the model's epoll server under 10,000 clients, and (on Linux) one call through
 * the JNA binding, each with few iterations, so that a first run says something quickly.
 * The figures of docs/benchmarks.md come from the full runs.
 */
public final class Benchmarks {
    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        System.out.println("# A short default set (about a minute). Every benchmark, as docs/benchmarks.md measures them:"
            + " java -jar benchmarks.jar '.*'   (JMH's options: -h)");
        runShortSet();
    }

    static void runShortSet() throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
            .include(ModelEpollBenchmark.class.getName() + "\\.")
            .param("n", "1000", "100000")
            .include(ModelServerBenchmark.class.getName() + "\\.")
            .warmupIterations(2)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(3)
            .measurementTime(TimeValue.seconds(1))
            .forks(1);
        if (LinuxSyscalls.UNAVAILABLE == null) {
            options.include(JnaCallBenchmark.class.getName() + "\\.getppidThroughJna$");
        } else {
            System.out.println("# JnaCallBenchmark skipped: " + LinuxSyscalls.UNAVAILABLE);
        }
        new Runner(options.build()).run();
    }
}
