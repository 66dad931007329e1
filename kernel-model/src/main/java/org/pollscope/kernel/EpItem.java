package org.pollscope.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code struct epitem}: one registration in an epoll instance, keyed by {@link EpollFileFd}.
 * It sits in the interest list ({@code rbn}), maybe on the ready list ({@code rdllink}) or on
 * the overflow chain ({@code next}), and owns the hooks on the file's wait queues
 * ({@code pwqlist}).
 */
public final class EpItem {
    final EventPoll ep;
    final EpollFileFd ffd;
    /** epoll_event.events (with EPOLLERR|EPOLLHUP added by epoll_ctl) */
    int events;
    /** epoll_event.data */
    long data;
    /** rdllink: neighbours on the ready list; linked iff {@code onReadyList} */
    EpItem prev, next;
    boolean onReadyList;
    /** next on ovflist: true iff chained there (the kernel's epi->next != EP_UNACTIVE_PTR) */
    boolean onOverflow;
    final List<EpPollEntry> pwqlist = new ArrayList<>();

    EpItem(EventPoll ep, EpollFileFd ffd, int events, long data) {
        this.ep = ep;
        this.ffd = ffd;
        this.events = events;
        this.data = data;
    }

    public EpollFileFd key() {
        return ffd;
    }

    public int events() {
        return events;
    }

    public long data() {
        return data;
    }

    public EventPoll ep() {
        return ep;
    }

    /** {@code ep_is_linked}. */
    public boolean isReady() {
        return onReadyList;
    }

    /**
     * {@code ep_item_poll} now: the events epoll_wait would report for this item if it ran,
     * the file's poll mask AND the registered events (0 for an item on rdllist that is no
     * longer ready). A view's question: unlike the kernel's call it hooks and marks nothing.
     */
    public int itemPoll() {
        return ep.epItemPollNow(this, 0);
    }

    /** Disarmed by EPOLLONESHOT: no poll event left in the mask. */
    public boolean disarmed() {
        return (events & ~EventPoll.EP_PRIVATE_BITS) == 0;
    }

    public List<EpPollEntry> hooks() {
        return List.copyOf(pwqlist);
    }

    String describe() {
        return ffd + "{" + Linux.epollEvents(events) + (data != ffd.fd() ? ", data=" + data : "") + "}";
    }

    @Override
    public String toString() {
        return ffd.toString();
    }
}
