package org.pollscope.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link EpItem#itemPoll}: ep_item_poll's answer now, asked by a view without changing what comes next. */
class ItemPollTest {
    final Kernel k = new Kernel();
    final SimThread t = k.newProcess("main");

    EpItem item(int ep) {
        return ((EventPoll) k.file(t, ep)).interestList().first().value();
    }

    @Test
    void theFilesMaskAndTheRegisteredEventsAndNothingOnceDrained() {
        int ep = (int) k.epollCreate1(t, 0).ret();
        int[] a = k.socketpair(t).fds();
        k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, a[0], Linux.EPOLLIN | Linux.EPOLLET, 1);
        EpItem it = item(ep);
        assertThat(it.itemPoll()).as("a quiet socket").isZero();
        k.write(t, a[1], "xy".getBytes());
        // writable too, but EPOLLOUT was not asked for: ep_item_poll masks it
        assertThat(it.itemPoll()).isEqualTo(Linux.EPOLLIN);
        assertThat(it.isReady()).isTrue();
        k.read(t, a[0], 2);
        // still linked on rdllist (ET: epoll_wait has not run), but it would report nothing
        assertThat(it.isReady()).isTrue();
        assertThat(it.itemPoll()).isZero();
    }

    @Test
    void askingLeavesNoPollUsageOnAPipe() {
        int ep = (int) k.epollCreate1(t, 0).ret();
        int[] p = k.pipe(t).fds();
        Pipe pipe = ((Pipe.End) k.file(t, p[0])).pipe();
        k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, p[0], Linux.EPOLLIN, 1);
        pipe.pollUsage = false;
        k.write(t, p[1], "x".getBytes());
        assertThat(item(ep).itemPoll()).isEqualTo(Linux.EPOLLIN);
        assertThat(pipe.pollUsage).as("pipe_poll's mark, left as it was").isFalse();
    }

    @Test
    void aNestedEpollIsReadableWhenAnInnerItemIsReallyReady() {
        int outer = (int) k.epollCreate1(t, 0).ret();
        int inner = (int) k.epollCreate1(t, 0).ret();
        int[] a = k.socketpair(t).fds();
        k.epollCtl(t, inner, Linux.EPOLL_CTL_ADD, a[0], Linux.EPOLLIN, 1);
        k.epollCtl(t, outer, Linux.EPOLL_CTL_ADD, inner, Linux.EPOLLIN, 2);
        EpItem nested = item(outer);
        assertThat(nested.itemPoll()).isZero();
        k.write(t, a[1], "x".getBytes());
        assertThat(nested.itemPoll()).isEqualTo(Linux.EPOLLIN);
        assertThat(item(inner).isReady()).isTrue();
        k.read(t, a[0], 1);
        assertThat(nested.itemPoll()).isZero();
        assertThat(item(inner).isReady()).as("the view's question unlinks nothing").isTrue();
    }
}
