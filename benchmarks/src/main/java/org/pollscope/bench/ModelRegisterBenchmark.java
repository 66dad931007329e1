package org.pollscope.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SimThread;

/**
 * Registering 1,000,000 eventfds in one epoll instance of the model (EPOLL_CTL_ADD each: the
 * do_epoll_ctl checks, ep_find, ep_rbtree_insert with rebalancing, the poll-table hook).
 * One shot per iteration, on a fresh kernel whose fds are already open.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
public class ModelRegisterBenchmark {
    static final int N = 1_000_000;

    Kernel kernel;
    SimThread thread;
    int ep;
    int[] fds;

    @Setup(Level.Iteration)
    public void setUp() {
        kernel = new Kernel().fdLimit(N + 16).maxUserWatches(N + 16);
        kernel.trace().setRecording(false);
        thread = kernel.newProcess("bench");
        ep = (int) kernel.epollCreate1(thread, 0).ret();
        fds = new int[N];
        for (int i = 0; i < N; i++) {
            fds[i] = (int) kernel.eventfd(thread, 0).ret();
        }
    }

    @Benchmark
    public int registerOneMillion() {
        int ok = 0;
        for (int fd : fds) {
            if (!kernel.epollCtl(thread, ep, Linux.EPOLL_CTL_ADD, fd, Linux.EPOLLIN, fd).failed()) ok++;
        }
        if (ok != N) throw new IllegalStateException("registered " + ok);
        return ok;
    }
}
