package org.pollscope.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.Syscall;
import org.pollscope.kernel.SyscallResult;

/**
 * The model's epoll_wait against its poll over N registered eventfds of which 10 are ready:
 * epoll_wait should stay flat in N (it walks the ready list), poll should grow linearly (it
 * visits every fd). Tracing is off, as in a long simulation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
public class ModelEpollBenchmark {
    static final int READY = 10;

    @Param({"1000", "100000", "1000000"})
    int n;

    Kernel kernel;
    SimThread thread;
    int ep;
    int[] fds;
    short[] events;

    @Setup(Level.Trial)
    public void setUp() {
        kernel = new Kernel().fdLimit(n + 16).maxUserWatches(n + 16);
        kernel.trace().setRecording(false);
        thread = kernel.newProcess("bench");
        ep = (int) kernel.epollCreate1(thread, 0).ret();
        fds = new int[n];
        events = new short[n];
        for (int i = 0; i < n; i++) {
            fds[i] = (int) kernel.eventfd(thread, 0).ret();
            events[i] = (short) Linux.EPOLLIN;
            kernel.epollCtl(thread, ep, Linux.EPOLL_CTL_ADD, fds[i], Linux.EPOLLIN, fds[i]);
        }
        // make READY of them readable, spread over the table
        for (int r = 0; r < READY; r++) {
            int fd = fds[(int) ((long) r * n / READY)];
            kernel.write(thread, fd, new byte[] {1, 0, 0, 0, 0, 0, 0, 0});
        }
        SyscallResult check = kernel.call(thread, kernel.epollWait(ep, 64, 0));
        if (check.ret() != READY) throw new IllegalStateException("expected " + READY + " ready, got " + check.ret());
    }

    @Benchmark
    public long epollWaitTenReady() {
        return kernel.call(thread, kernel.epollWait(ep, 64, 0)).ret();
    }

    @Benchmark
    public long pollAllTenReady() {
        Syscall poll = kernel.poll(fds, events, 0);
        return kernel.call(thread, poll).ret();
    }
}
