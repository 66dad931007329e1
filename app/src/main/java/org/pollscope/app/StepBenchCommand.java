package org.pollscope.app;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.pollscope.kernel.program.ProgramStepper;
import org.pollscope.kernel.program.Programs;
import org.pollscope.kernel.program.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pollscope bench-steps}: what stepping costs at depth. For each program, number of
 * clients and step K: the time to run to K from the start in a fresh stepper (the run is found
 * as it goes, so this grows with K), then at K the median time of one step forward, of one step
 * back and of a jump back and forth between K and K/2 (a copy of a checkpoint and a replay), and
 * the heap in use at K after a full collection. A benchmark, not a test: its figures go to
 * docs/benchmarks.md with the machine and date.
 */
@Command(name = "bench-steps", mixinStandardHelpOptions = true,
    description = "Measure the time of a step forward, back and of a jump, and the heap in use, at depth (headless).")
public final class StepBenchCommand implements Callable<Integer> {
    @Option(names = "--programs", defaultValue = "select,epoll-lt", split = ",", paramLabel = "NAME,...", description = "Programs (default select,epoll-lt).")
    List<String> programs;

    @Option(names = "--clients", defaultValue = "200,10000", split = ",", paramLabel = "N,...", description = "Client counts (default 200,10000).")
    List<Integer> clients;

    @Option(names = "--steps", defaultValue = "100,1000,10000,100000", split = ",", paramLabel = "K,...",
        description = "Steps measured at (default 100,1000,10000,100000).")
    List<Integer> steps;

    @Option(names = "--active", defaultValue = "20", paramLabel = "A", description = "Active clients (default 20).")
    int active;

    @Option(names = "--repeat", defaultValue = "21", paramLabel = "R", description = "Steps timed for each median (default 21).")
    int repeat;

    @Override
    public Integer call() {
        PrintWriter out = new PrintWriter(System.out, true);
        out.println("| program | clients | step K | run to K (s) | forward (ms, median) | back (ms, median) | jump K/2<->K (ms, median) | heap in use (MB) | checkpoints |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (String name : programs) {
            for (int n : clients) {
                for (int k : steps) {
                    if (Programs.byName(name) == null) {
                        System.err.println("pollscope bench-steps: --programs: unknown program '" + name + "'");
                        return 2;
                    }
                    ProgramStepper s = new ProgramStepper(Programs.byName(name), Workload.of(n, Math.min(active, n), 3600, 1));
                    long t0 = System.nanoTime();
                    s.goTo(k);
                    double run = (System.nanoTime() - t0) / 1e9;
                    if (s.position() < k) {
                        out.printf("| %s | %d | %d | the run ends at step %d |  |  |  |  |  |%n", name, n, k, s.steps());
                        continue;
                    }
                    double[] fwd = new double[repeat];
                    for (int i = 0; i < repeat; i++) {
                        long t = System.nanoTime();
                        s.forward();
                        fwd[i] = (System.nanoTime() - t) / 1e6;
                    }
                    double[] back = new double[repeat];
                    for (int i = 0; i < repeat; i++) {
                        long t = System.nanoTime();
                        s.back();
                        back[i] = (System.nanoTime() - t) / 1e6;
                    }
                    int jumps = Math.min(repeat, 7);
                    double[] jump = new double[jumps];
                    for (int i = 0; i < jumps; i++) {
                        long t = System.nanoTime();
                        s.goTo(i % 2 == 0 ? k / 2 : k);
                        jump[i] = (System.nanoTime() - t) / 1e6;
                    }
                    s.goTo(k);
                    double heap = heapMb();
                    out.printf("| %s | %d | %d | %.2f | %.2f | %.2f | %.1f | %.1f | %d |%n", name, n, k, run, median(fwd), median(back),
                        median(jump), heap, s.checkpointSteps().size());
                    s = null;
                }
            }
        }
        return 0;
    }

    private static double median(double[] xs) {
        double[] c = xs.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static double heapMb() {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) System.gc();
        return (r.totalMemory() - r.freeMemory()) / 1e6;
    }
}
