package org.pollscope.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random epoll operation sequences on the model: whatever happens, epoll_wait never returns
 * an item that is not registered, never more than maxevents, never the same item twice in one
 * call, and the interest list stays a valid red-black tree. Each try is one seeded run of 300
 * operations ({@link Seeded}: replay a failure with {@code -Dpollscope.seed=...}).
 */
class EpollPropertyTest {

    private static final int[] FLAGS = {Linux.EPOLLIN, Linux.EPOLLOUT, Linux.EPOLLIN | Linux.EPOLLOUT,
        Linux.EPOLLIN | Linux.EPOLLET, Linux.EPOLLIN | Linux.EPOLLONESHOT, Linux.EPOLLOUT | Linux.EPOLLET,
        Linux.EPOLLIN | Linux.EPOLLRDHUP, Linux.EPOLLIN | Linux.EPOLLEXCLUSIVE, 0};

    @Test
    void epollWaitReturnsOnlyRegisteredItemsAtMostMaxeventsEachOnce() {
        Seeded.tries(200).forEachSeed(EpollPropertyTest::randomOperationsFrom);
    }

    private static void randomOperationsFrom(long seed) {
        Random rnd = new Random(seed);
        Kernel k = new Kernel();
        SimThread t = k.newProcess("main");
        int ep = (int) k.epollCreate1(t, 0).ret();
        int inner = (int) k.epollCreate1(t, 0).ret();
        k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, inner, Linux.EPOLLIN, 1_000_000);
        List<Integer> fds = new ArrayList<>();
        long nextData = 1;
        for (int step = 0; step < 300; step++) {
            int op = rnd.nextInt(12);
            int fd = fds.isEmpty() ? -1 : fds.get(rnd.nextInt(fds.size()));
            switch (op) {
                case 0 -> {
                    SyscallResult o = switch (rnd.nextInt(3)) {
                        case 0 -> k.socketpair(t);
                        case 1 -> k.pipe(t);
                        default -> k.eventfd(t, rnd.nextInt(2));
                    };
                    for (int f : o.fds()) fds.add(f);
                }
                case 1, 2 -> {
                    if (fd >= 0) k.epollCtl(t, rnd.nextBoolean() ? ep : inner, Linux.EPOLL_CTL_ADD, fd,
                        FLAGS[rnd.nextInt(FLAGS.length)], nextData++);
                }
                case 3 -> {
                    if (fd >= 0) k.epollCtl(t, ep, Linux.EPOLL_CTL_MOD, fd, FLAGS[rnd.nextInt(FLAGS.length)], nextData++);
                }
                case 4 -> {
                    if (fd >= 0) k.epollCtl(t, rnd.nextBoolean() ? ep : inner, Linux.EPOLL_CTL_DEL, fd, 0, 0);
                }
                case 5, 6 -> {
                    if (fd >= 0) k.write(t, fd, Kernel.filler(1 + rnd.nextInt(100)));
                }
                case 7 -> {
                    if (fd >= 0) k.read(t, fd, 1 + rnd.nextInt(100));
                }
                case 8 -> {
                    if (fd >= 0 && rnd.nextInt(3) == 0) {
                        k.close(t, fd);
                        fds.remove(Integer.valueOf(fd));
                    }
                }
                case 9 -> {
                    if (fd >= 0) {
                        SyscallResult o = k.dup(t, fd);
                        if (!o.failed()) fds.add((int) o.ret());
                    }
                }
                default -> {
                    int max = 1 + rnd.nextInt(8);
                    int which = rnd.nextBoolean() ? ep : inner;
                    SyscallResult o = k.call(t, k.epollWait(which, max, 0));
                    assertThat(o.failed()).isFalse();
                    assertThat(o.events().size()).isLessThanOrEqualTo(max).isEqualTo((int) o.ret());
                    EventPoll e = (EventPoll) k.file(t, which);
                    Set<Long> registered = new HashSet<>();
                    for (EpItem it : e.items()) registered.add(it.data());
                    Set<Long> seen = new HashSet<>();
                    for (SyscallResult.Ready r : o.events()) {
                        assertThat(registered).as("returned data %d is registered", r.key()).contains(r.key());
                        assertThat(seen.add(r.key())).as("data %d returned twice in one call", r.key()).isTrue();
                        assertThat(r.mask()).isNotZero();
                    }
                }
            }
            for (EventPoll e : List.of((EventPoll) k.file(t, ep), (EventPoll) k.file(t, inner))) {
                e.interestList().checkInvariants();
                for (EpItem it : e.readyList()) {
                    assertThat(e.interestList().get(it.key())).as("ready item is in the interest list").isSameAs(it);
                }
            }
        }
    }
}
