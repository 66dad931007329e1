package org.pollscope.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pollscope.kernel.trace.TraceEvent;

class PipeTest {
    final Kernel k = new Kernel();
    final SimThread t = k.newProcess("main");

    long writerWakeUps() {
        return k.trace().events().stream()
            .filter(e -> e instanceof TraceEvent.WakeUp w && w.queue().endsWith("wr_wait"))
            .count();
    }

    @Test
    void readWakesWritersOnlyWhenItFreesABufferOfAFullPipe() {
        int[] p = k.pipe(t).fds();
        int ep = (int) k.epollCreate1(t, 0).ret();
        k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, p[1], Linux.EPOLLOUT | Linux.EPOLLET, 0);
        k.fill(t, p[1]);
        k.trace().setRecording(true);
        k.read(t, p[0], 1);                   // the first page still holds 4095 bytes
        assertThat(writerWakeUps()).isZero();
        k.read(t, p[0], 4095);                // empties and releases it: the pipe was full
        assertThat(writerWakeUps()).isEqualTo(1);
        k.read(t, p[0], 4096);                // frees another, but the pipe was no longer full
        assertThat(writerWakeUps()).isEqualTo(1);
    }
}
