package org.pollscope.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pollscope.kernel.trace.CostMeter;
import org.pollscope.kernel.trace.TraceEvent;
import org.pollscope.kernel.trace.TraceText;

class EventPollTest {
    final Kernel k = new Kernel();
    final SimThread t = k.newProcess("main");

    int[] pair() {
        return k.socketpair(t).fds();
    }

    int epoll() {
        return (int) k.epollCreate1(t, 0).ret();
    }

    SyscallResult waitNow(int ep, int max) {
        return k.call(t, k.epollWait(ep, max, 0));
    }

    EventPoll ep(int fd) {
        return (EventPoll) k.file(t, fd);
    }

    @Test
    void levelTriggeredItemReturnsToTailOfReadyList() {
        int ep = epoll();
        int[] a = pair(), b = pair();
        k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, a[0], Linux.EPOLLIN, 1);
        k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, b[0], Linux.EPOLLIN, 2);
        k.write(t, a[1], "x".getBytes());
        k.write(t, b[1], "y".getBytes());
        assertThat(waitNow(ep, 1).events()).extracting(SyscallResult.Ready::key).containsExactly(1L);
        assertThat(ep(ep).readyList()).extracting(EpItem::data).containsExactly(2L, 1L);
        assertThat(waitNow(ep, 1).events()).extracting(SyscallResult.Ready::key).containsExactly(2L);
        assertThat(waitNow(ep, 1).events()).extracting(SyscallResult.Ready::key).containsExactly(1L);
    }

    @Test
    void edgeTriggeredItemLeavesReadyListAfterDelivery() {
        int ep = epoll();
        int[] a = pair();
        k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, a[0], Linux.EPOLLIN | Linux.EPOLLET, 1);
        k.write(t, a[1], "x".getBytes());
        assertThat(waitNow(ep, 8).ret()).isEqualTo(1);
        assertThat(ep(ep).readyList()).isEmpty();
        assertThat(waitNow(ep, 8).ret()).isZero();
    }

    @Test
    void oneshotDisarmsUntilModRearms() {
        int ep = epoll();
        int[] a = pair();
        k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, a[0], Linux.EPOLLIN | Linux.EPOLLONESHOT, 1);
        k.write(t, a[1], "x".getBytes());
        assertThat(waitNow(ep, 8).ret()).isEqualTo(1);
        k.write(t, a[1], "y".getBytes());
        assertThat(waitNow(ep, 8).ret()).isZero();
        assertThat(ep(ep).items().get(0).disarmed()).isTrue();
        k.epollCtl(t, ep, Linux.EPOLL_CTL_MOD, a[0], Linux.EPOLLIN | Linux.EPOLLONESHOT, 1);
        assertThat(waitNow(ep, 8).ret()).isEqualTo(1);
    }

    @Test
    void ovflistCollectsCallbacksWhileEventsAreSentAndKeepsFifoOrder() {
        int ep = epoll();
        int[] a = pair(), b = pair(), c = pair();
        k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, a[0], Linux.EPOLLIN | Linux.EPOLLET, 1);
        k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, b[0], Linux.EPOLLIN | Linux.EPOLLET, 2);
        k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, c[0], Linux.EPOLLIN | Linux.EPOLLET, 3);
        k.write(t, a[1], "x".getBytes());
        List<List<EpItem>> seen = new ArrayList<>();
        ep(ep).setDuringSendEvents(() -> {
            // while a's event is copied out, c and then b become readable
            if (seen.isEmpty()) {
                k.write(t, c[1], "z".getBytes());
                k.write(t, b[1], "y".getBytes());
            }
            seen.add(ep(ep).overflowList());
        });
        assertThat(waitNow(ep, 8).events()).extracting(SyscallResult.Ready::key).containsExactly(1L);
        assertThat(seen.get(0)).extracting(EpItem::data).containsExactly(3L, 2L);
        assertThat(ep(ep).overflowList()).isNull();
        assertThat(ep(ep).readyList()).extracting(EpItem::data).containsExactly(3L, 2L);
        assertThat(k.trace().events()).filteredOn(e -> e instanceof TraceEvent.OverflowLink).hasSize(2);
    }

    @Test
    void epollWaitWaitersAreWokenLastComeFirst() {
        int ep = epoll();
        int[] a = pair();
        k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, a[0], Linux.EPOLLIN | Linux.EPOLLET, 1);
        SimThread w1 = k.newThread(t.process(), "w1");
        SimThread w2 = k.newThread(t.process(), "w2");
        List<String> order = new ArrayList<>();
        k.submit(w1, k.epollWait(ep, 1, -1), o -> order.add("w1:" + o.ret()));
        k.submit(w2, k.epollWait(ep, 1, -1), o -> order.add("w2:" + o.ret()));
        assertThat(ep(ep).waiters().entries()).extracting(WaitQueue.Entry::label)
            .containsExactly("T" + w2.tid() + " in epoll_wait", "T" + w1.tid() + " in epoll_wait");
        k.write(t, a[1], "x".getBytes());
        k.runPending();
        assertThat(order).containsExactly("w2:1");
        assertThat(w1.state()).isEqualTo(SimThread.State.SLEEPING);
    }

    @Test
    void closingAnFdKeepsTheRegistrationWhileADupHoldsTheFile() {
        int ep = epoll();
        int[] a = pair();
        int dup = (int) k.dup(t, a[0]).ret();
        k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, a[0], Linux.EPOLLIN, a[0]);
        k.close(t, a[0]);
        assertThat(ep(ep).items()).hasSize(1);
        k.write(t, a[1], "x".getBytes());
        assertThat(waitNow(ep, 8).events()).extracting(SyscallResult.Ready::key).containsExactly((long) a[0]);
        assertThat(k.epollCtl(t, ep, Linux.EPOLL_CTL_DEL, a[0], 0, 0).errno()).isEqualTo(Linux.EBADF);
        assertThat(k.epollCtl(t, ep, Linux.EPOLL_CTL_DEL, dup, 0, 0).errno()).isEqualTo(Linux.ENOENT);
        k.close(t, dup);
        assertThat(ep(ep).items()).isEmpty();
    }

    @Test
    void pollVisitsEveryFdAndEpollWaitOnlyTheReadyOnes() {
        int ep = epoll();
        int n = 50;
        int[] fds = new int[n];
        short[] ev = new short[n];
        int readyFd = -1;
        for (int i = 0; i < n; i++) {
            int[] p = pair();
            fds[i] = p[0];
            ev[i] = Linux.EPOLLIN;
            k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, p[0], Linux.EPOLLIN, p[0]);
            if (i == 7) {
                k.write(t, p[1], "x".getBytes());
                readyFd = p[0];
            }
        }
        CostMeter meter = new CostMeter();
        k.trace().addListener(meter);
        k.call(t, k.poll(fds, ev, 0));
        assertThat(meter.lastCall().cost().fdsVisited()).isEqualTo(n);
        SyscallResult o = waitNow(ep, 8);
        assertThat(o.events()).extracting(SyscallResult.Ready::key).containsExactly((long) readyFd);
        assertThat(meter.lastCall().call()).isEqualTo("epoll_wait");
        assertThat(meter.lastCall().cost().fdsVisited()).isZero();
        assertThat(meter.lastCall().cost().bytesCopied()).isEqualTo(12);
    }

    @Test
    void pollThatSleepsVisitsEveryFdTwiceAndHooksEveryFile() {
        int n = 5;
        int[] fds = new int[n];
        int[] writers = new int[n];
        short[] ev = new short[n];
        for (int i = 0; i < n; i++) {
            int[] p = pair();
            fds[i] = p[0];
            writers[i] = p[1];
            ev[i] = Linux.EPOLLIN;
        }
        SimThread w = k.newThread(t.process(), "poller");
        SyscallResult[] got = new SyscallResult[1];
        k.submit(w, k.poll(fds, ev, -1), o -> got[0] = o);
        assertThat(w.state()).isEqualTo(SimThread.State.SLEEPING);
        Socket s3 = (Socket) k.file(t, fds[3]);
        assertThat(s3.wq.entries()).hasSize(1);
        CostMeter meter = new CostMeter();
        k.trace().addListener(meter);
        k.write(t, writers[3], "x".getBytes());
        k.runPending();
        assertThat(got[0].ret()).isEqualTo(1);
        long visits = k.trace().events().stream().filter(e -> e instanceof TraceEvent.FdVisit).count();
        assertThat(visits).isEqualTo(2L * n);
        assertThat(s3.wq.entries()).isEmpty(); // poll_freewait
    }

    @Test
    void exclusiveWakesOneWaiterPerEvent() {
        int[] a = pair();
        int[] eps = {epoll(), epoll(), epoll()};
        List<SimThread> waiters = new ArrayList<>();
        List<String> woke = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            k.epollCtl(t, eps[i], Linux.EPOLL_CTL_ADD, a[0], Linux.EPOLLIN | Linux.EPOLLEXCLUSIVE, i);
            SimThread w = k.newThread(t.process(), "w" + i);
            waiters.add(w);
            int idx = i;
            k.submit(w, k.epollWait(eps[i], 1, -1), o -> woke.add("w" + idx));
        }
        k.write(t, a[1], "x".getBytes());
        k.runPending();
        assertThat(woke).containsExactly("w0");
        k.write(t, a[1], "y".getBytes());
        k.runPending();
        assertThat(woke).containsExactly("w0", "w1");
    }

    @Test
    void nestedEpollIsReadableWhenInnerHasReadyItems() {
        int outer = epoll(), inner = epoll();
        int[] a = pair();
        k.epollCtl(t, inner, Linux.EPOLL_CTL_ADD, a[0], Linux.EPOLLIN, 1);
        k.epollCtl(t, outer, Linux.EPOLL_CTL_ADD, inner, Linux.EPOLLIN, 2);
        assertThat(waitNow(outer, 8).ret()).isZero();
        k.write(t, a[1], "x".getBytes());
        assertThat(waitNow(outer, 8).events()).containsExactly(new SyscallResult.Ready(2, Linux.EPOLLIN));
    }

    @Test
    void loopsAndDeepNestingAreRefused() {
        int e1 = epoll(), e2 = epoll();
        assertThat(k.epollCtl(t, e1, Linux.EPOLL_CTL_ADD, e2, Linux.EPOLLIN, 0).failed()).isFalse();
        assertThat(k.epollCtl(t, e2, Linux.EPOLL_CTL_ADD, e1, Linux.EPOLLIN, 0).errno()).isEqualTo(Linux.ELOOP);
    }

    @Test
    void maxUserWatchesGivesEnospc() {
        k.maxUserWatches(1);
        int ep = epoll();
        int[] a = pair();
        assertThat(k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, a[0], Linux.EPOLLIN, 0).failed()).isFalse();
        assertThat(k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, a[1], Linux.EPOLLIN, 0).errno()).isEqualTo(Linux.ENOSPC);
    }

    @Test
    void fdTableGivesLowestFreeFdAndEmfileAtTheLimit() {
        k.fdLimit(4);
        int[] a = pair(), b = pair();
        assertThat(a).containsExactly(0, 1);
        assertThat(b).containsExactly(2, 3);
        assertThat(k.eventfd(t, 0).errno()).isEqualTo(Linux.EMFILE);
        k.close(t, 1);
        assertThat(k.eventfd(t, 0).ret()).isEqualTo(1);
    }

    @Test
    void sameScenarioGivesTheSameTrace() {
        List<String> first = run();
        List<String> second = run();
        assertThat(first).isEqualTo(second).isNotEmpty();
    }

    private static List<String> run() {
        Kernel kk = new Kernel();
        SimThread tt = kk.newProcess("m");
        int ep = (int) kk.epollCreate1(tt, 0).ret();
        int[] p = kk.socketpair(tt).fds();
        kk.epollCtl(tt, ep, Linux.EPOLL_CTL_ADD, p[0], Linux.EPOLLIN, 0);
        SimThread w = kk.newThread(tt.process(), "w");
        kk.submit(w, kk.epollWait(ep, 4, 100), o -> { });
        kk.write(tt, p[1], "abc".getBytes());
        kk.settle(() -> w.state() == SimThread.State.IDLE);
        return kk.trace().events().stream().map(TraceText::describe).toList();
    }
}
