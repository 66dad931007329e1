package org.pollscope.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pollscope.kernel.trace.CostMeter;
import org.pollscope.kernel.trace.TraceEvent;

/** Blocking accept and read: the thread sleeps on the socket's wait queue, as the kernel does. */
class BlockingTest {
    final Kernel k = new Kernel();
    final SimThread server = k.newProcess("server");
    final int l = (int) k.listener(server).ret();
    final SimThread client = k.fork(server, "client");
    final CostMeter meter = new CostMeter();

    BlockingTest() {
        k.trace().addListener(meter);
    }

    Listener listener() {
        return (Listener) k.file(server, l);
    }

    long count(Class<? extends TraceEvent> type) {
        return k.trace().events().stream().filter(type::isInstance).count();
    }

    @Test
    void aBlockingAcceptSleepsOnTheListenersQueueUntilAConnect() {
        SyscallResult[] got = new SyscallResult[1];
        k.submit(server, k.acceptBlocking(l), o -> got[0] = o);
        assertThat(server.state()).isEqualTo(SimThread.State.SLEEPING);
        List<WaitQueue.Entry> q = listener().wq.entries();
        assertThat(q).hasSize(1);
        assertThat(q.get(0).label()).isEqualTo("autoremove_wake_function T" + server.tid() + " (accept4)");
        assertThat(q.get(0).exclusive()).as("prepare_to_wait_exclusive").isTrue();

        k.call(client, Syscall.of("connect", "", th -> k.connect(th, l)));
        k.runPending();
        assertThat(got[0].failed()).isFalse();
        assertThat(k.file(server, (int) got[0].ret())).isInstanceOf(Socket.class);
        assertThat(listener().wq.entries()).as("autoremove_wake_function unlinked it").isEmpty();
        // no poll table: no fd visited, no pollwake
        assertThat(count(TraceEvent.FdVisit.class)).isZero();
        assertThat(k.trace().events()).filteredOn(e -> e instanceof TraceEvent.Callback)
            .extracting(e -> ((TraceEvent.Callback) e).function()).containsExactly("autoremove_wake_function");
    }

    @Test
    void exclusiveAcceptorsAreWokenOnePerConnectionInTheOrderTheyCame() {
        List<SimThread> acceptors = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SimThread t = k.newThread(server.process(), "acceptor-" + i);
            acceptors.add(t);
            k.submit(t, k.acceptBlocking(l), o -> order.add(t.name() + " got fd " + o.ret()));
        }
        assertThat(listener().wq.entries()).hasSize(3).allMatch(WaitQueue.Entry::exclusive);

        k.call(client, Syscall.of("connect", "", th -> k.connect(th, l)));
        k.runPending();
        assertThat(order).hasSize(1).allMatch(s -> s.startsWith("acceptor-0 got fd "));
        assertThat(acceptors.get(1).state()).isEqualTo(SimThread.State.SLEEPING);
        assertThat(acceptors.get(2).state()).isEqualTo(SimThread.State.SLEEPING);
        assertThat(listener().wq.entries()).extracting(WaitQueue.Entry::label).containsExactly(
            "autoremove_wake_function T" + acceptors.get(1).tid() + " (accept4)",
            "autoremove_wake_function T" + acceptors.get(2).tid() + " (accept4)");

        k.call(client, Syscall.of("connect", "", th -> k.connect(th, l)));
        k.runPending();
        assertThat(order).hasSize(2);
        assertThat(order.get(1)).startsWith("acceptor-1 got fd ");
        assertThat(acceptors.get(2).state()).isEqualTo(SimThread.State.SLEEPING);
        assertThat(listener().wq.entries()).hasSize(1);
    }

    @Test
    void aBlockingReadSleepsOnTheSocketsQueueAndAWriteWakesIt() {
        int c = (int) k.call(client, Syscall.of("connect", "", th -> k.connect(th, l))).ret();
        int s = (int) k.accept(server, l).ret();
        Socket sock = (Socket) k.file(server, s);
        SyscallResult[] got = new SyscallResult[1];
        k.submit(server, k.readBlocking(s, 100), o -> got[0] = o);
        assertThat(server.state()).isEqualTo(SimThread.State.SLEEPING);
        assertThat(sock.wq.entries()).extracting(WaitQueue.Entry::label)
            .containsExactly("woken_wake_function T" + server.tid() + " (read)");
        assertThat(sock.wq.entries().get(0).exclusive()).as("sk_wait_data: add_wait_queue").isFalse();

        k.write(client, c, "hello".getBytes());
        k.runPending();
        assertThat(new String(got[0].bytes())).isEqualTo("hello");
        assertThat(sock.wq.entries()).as("remove_wait_queue once woken").isEmpty();
        assertThat(count(TraceEvent.FdVisit.class)).isZero();
        assertThat(meter.total().fdsVisited()).isZero();
        // the wake-up's one callback is the work the kernel did to wake the reader
        assertThat(meter.total().callbacks()).isEqualTo(1);
    }

    @Test
    void aWakeUpWithNothingToReadPutsTheReaderBackToSleep() {
        int c = (int) k.call(client, Syscall.of("connect", "", th -> k.connect(th, l))).ret();
        int s = (int) k.accept(server, l).ret();
        Socket sock = (Socket) k.file(server, s);
        SyscallResult[] got = new SyscallResult[1];
        k.submit(server, k.readBlocking(s, 100), o -> got[0] = o);
        // woken_wake_function does not look at the key: any wake-up on the queue wakes the reader
        sock.wq.wakeUpAll("test");
        k.runPending();
        assertThat(got[0]).isNull();
        assertThat(server.state()).isEqualTo(SimThread.State.SLEEPING);
        assertThat(sock.wq.entries()).hasSize(1);
        k.write(client, c, "x".getBytes());
        k.runPending();
        assertThat(new String(got[0].bytes())).isEqualTo("x");
    }

    @Test
    void aPeerThatClosesEndsTheBlockingReadWithZero() {
        int c = (int) k.call(client, Syscall.of("connect", "", th -> k.connect(th, l))).ret();
        int s = (int) k.accept(server, l).ret();
        SyscallResult[] got = new SyscallResult[1];
        k.submit(server, k.readBlocking(s, 100), o -> got[0] = o);
        k.close(client, c);
        k.runPending();
        assertThat(got[0].failed()).isFalse();
        assertThat(got[0].ret()).isZero();
    }

    @Test
    void aUnixStreamReadSleepsWithAnAutoremoveEntry() {
        int[] p = k.socketpair(server).fds();
        Socket a = (Socket) k.file(server, p[0]);
        SyscallResult[] got = new SyscallResult[1];
        SimThread reader = k.newThread(server.process(), "reader");
        k.submit(reader, k.readBlocking(p[0], 10), o -> got[0] = o);
        assertThat(a.wq.entries()).extracting(WaitQueue.Entry::label)
            .containsExactly("autoremove_wake_function T" + reader.tid() + " (read)");
        k.write(server, p[1], "ab".getBytes());
        k.runPending();
        assertThat(new String(got[0].bytes())).isEqualTo("ab");
        assertThat(a.wq.entries()).isEmpty();
    }
}
