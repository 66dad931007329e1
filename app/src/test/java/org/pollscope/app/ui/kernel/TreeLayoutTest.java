package org.pollscope.app.ui.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pollscope.kernel.EventPoll;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SimThread;

class TreeLayoutTest {

    private static EventPoll epollWith(int items, Kernel k, SimThread t, List<Integer> fds) {
        int ep = (int) k.epollCreate1(t, 0).ret();
        for (int i = 0; i < items; i++) {
            int fd = (int) k.eventfd(t, 0).ret();
            fds.add(fd);
            k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, fd, Linux.EPOLLIN, fd);
        }
        return k.eventPolls().get(0);
    }

    @Test
    void ranksFollowTheTreeInOrderAndSubtreesCoverTheirRanks() {
        Kernel k = new Kernel();
        SimThread t = k.newProcess("p");
        EventPoll ep = epollWith(40, k, t, new ArrayList<>());
        TreeLayout l = TreeLayout.of(ep.label(), ep.interestList());
        assertThat(l.size()).isEqualTo(40);
        assertThat(l.height()).isEqualTo(ep.interestList().height());
        // in-order rank = position in ep_cmp_ffd order
        List<Integer> inOrder = ep.interestList().keysInOrder().stream().map(x -> x.fd()).toList();
        for (int r = 0; r < l.size(); r++) assertThat(l.fd(r)).isEqualTo(inOrder.get(r));
        int root = l.root();
        assertThat(l.depth(root)).isZero();
        assertThat(l.subtreeSize(root)).isEqualTo(40);
        assertThat(l.firstRank(root)).isZero();
        assertThat(l.lastRank(root)).isEqualTo(39);
        for (int r = 0; r < l.size(); r++) {
            int left = l.left(r);
            int right = l.right(r);
            if (left >= 0) {
                assertThat(l.lastRank(left)).isEqualTo(r - 1);
                assertThat(l.depth(left)).isEqualTo(l.depth(r) + 1);
            }
            if (right >= 0) assertThat(l.firstRank(right)).isEqualTo(r + 1);
            assertThat(l.unitX(r)).isBetween(0.0, 1.0);
            assertThat(l.rankOf(l.id(r))).isEqualTo(r);
        }
    }

    @Test
    void aRotationKeepsEveryNodesRankAndChangesDepths() {
        Kernel k = new Kernel();
        SimThread t = k.newProcess("p");
        List<Integer> fds = new ArrayList<>();
        EventPoll ep = epollWith(2, k, t, fds);
        TreeLayout before = TreeLayout.of(ep.label(), ep.interestList());
        // a third key in ascending order: __rb_insert case 3 (mirror), a left rotation at the root
        int fd = (int) k.eventfd(t, 0).ret();
        int epfd = fds.get(0) - 1; // epoll_create1 took the fd just below the first eventfd
        assertThat(k.processes().get(0).fds().get(epfd)).isSameAs(ep);
        k.epollCtl(t, epfd, Linux.EPOLL_CTL_ADD, fd, Linux.EPOLLIN, fd);
        TreeLayout after = TreeLayout.of(ep.label(), ep.interestList());
        assertThat(after.size()).isEqualTo(3);
        int oldRoot = before.root();
        assertThat(after.rankOf(before.id(oldRoot))).isEqualTo(oldRoot);
        assertThat(after.depth(after.rankOf(before.id(oldRoot)))).isEqualTo(1);
        assertThat(after.id(after.root())).isEqualTo(before.id(1));
        assertThat(after.red(after.root())).isFalse();
    }

    @Test
    void readyItemsAreMarked() {
        Kernel k = new Kernel();
        SimThread t = k.newProcess("p");
        List<Integer> fds = new ArrayList<>();
        EventPoll ep = epollWith(5, k, t, fds);
        k.write(t, fds.get(2), new byte[8]);
        TreeLayout l = TreeLayout.of(ep.label(), ep.interestList());
        List<Integer> ready = new ArrayList<>();
        for (int r = 0; r < l.size(); r++) if (l.ready(r)) ready.add(l.fd(r));
        assertThat(ready).containsExactly(fds.get(2));
    }

    @Test
    void aLayoutWrittenIntoAnOldOnesArraysIsTheFreshLayout() {
        Kernel k = new Kernel();
        SimThread t = k.newProcess("p");
        List<Integer> fds = new ArrayList<>();
        EventPoll ep = epollWith(40, k, t, fds);
        int epfd = fds.get(0) - 1;
        TreeLayout old = TreeLayout.of(ep.label(), ep.interestList());
        List<String> oldIds = new ArrayList<>();
        for (int r = 0; r < old.size(); r++) oldIds.add(old.id(r));
        // three fewer items and a reshaped tree: the old arrays are longer and hold another tree
        for (int i = 0; i < 3; i++) k.epollCtl(t, epfd, Linux.EPOLL_CTL_DEL, fds.get(5 + 7 * i), 0, 0);
        k.epollCtl(t, epfd, Linux.EPOLL_CTL_DEL, fds.get(1), 0, 0);
        k.epollCtl(t, epfd, Linux.EPOLL_CTL_ADD, fds.get(1), Linux.EPOLLIN, fds.get(1));
        TreeLayout fresh = TreeLayout.of(ep.label(), ep.interestList());
        TreeLayout reused = TreeLayout.of(ep.label(), ep.interestList(), old);
        assertThat(reused.size()).isEqualTo(37);
        assertThat(reused.root()).isEqualTo(fresh.root());
        assertThat(reused.height()).isEqualTo(fresh.height());
        for (int r = 0; r < fresh.size(); r++) {
            assertThat(reused.id(r)).isEqualTo(fresh.id(r));
            assertThat(reused.red(r)).isEqualTo(fresh.red(r));
            assertThat(reused.depth(r)).isEqualTo(fresh.depth(r));
            assertThat(reused.left(r)).isEqualTo(fresh.left(r));
            assertThat(reused.right(r)).isEqualTo(fresh.right(r));
            assertThat(reused.subtreeSize(r)).isEqualTo(fresh.subtreeSize(r));
            assertThat(reused.rankOf(fresh.id(r))).isEqualTo(r);
        }
        // the erased items are not found, though the old arrays were longer and held them
        List<String> erased = oldIds.stream().filter(id -> fresh.rankOf(id) < 0).toList();
        assertThat(erased).hasSize(3);
        for (String id : erased) assertThat(reused.rankOf(id)).isEqualTo(-1);
    }
}
