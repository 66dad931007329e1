package org.pollscope.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * {@code struct eventpoll}: one epoll instance, following {@code fs/eventpoll.c} of mainline
 * Linux 6.x (with {@code ovflist}).
 *
 * <ul>
 * <li>{@code rbr}: the interest list, an {@link RbTree} of {@link EpItem}s keyed by
 *     {@link EpollFileFd} in {@code ep_cmp_ffd} order;</li>
 * <li>{@code rdllist}: the ready list, FIFO; {@code ep_poll_callback} adds at the tail,
 *     {@code ep_send_events} puts level-triggered items back at the tail;</li>
 * <li>{@code ovflist}: while {@code ep_send_events} copies events out (between
 *     {@code ep_start_scan} and {@code ep_done_scan}) callbacks chain items here instead;</li>
 * <li>{@code wq}: threads asleep in {@code epoll_wait} (exclusive, last come first woken);</li>
 * <li>{@code poll_wait}: the wait queue of this epoll file itself, where an outer epoll (or a
 *     poll/select) hooks when it watches this one.</li>
 * </ul>
 *
 * <p>Invariant: an item is on at most one of rdllist/txlist and ovflist at a time, except that
 * an item already on txlist may also be chained on ovflist (ep_done_scan then skips it).
 */
public final class EventPoll extends OpenFile {
    /** EP_PRIVATE_BITS */
    static final int EP_PRIVATE_BITS = Linux.EPOLLWAKEUP | Linux.EPOLLONESHOT | Linux.EPOLLET | Linux.EPOLLEXCLUSIVE;
    /** EPOLLEXCLUSIVE_OK_BITS */
    static final int EPOLLEXCLUSIVE_OK_BITS = Linux.EPOLLIN | Linux.EPOLLOUT | Linux.EPOLLERR | Linux.EPOLLHUP
        | Linux.EPOLLWAKEUP | Linux.EPOLLET | Linux.EPOLLEXCLUSIVE;
    /** EP_MAX_EVENTS = INT_MAX / sizeof(struct epoll_event) */
    static final int EP_MAX_EVENTS = Integer.MAX_VALUE / 12;
    /** sizeof(struct epoll_event) on x86-64 (packed) */
    static final int EPOLL_EVENT_SIZE = 12;

    final RbTree<EpollFileFd, EpItem> rbr;
    final ReadyList rdllist = new ReadyList();
    /** ovflist, LIFO as the kernel chains it; null when not in use (EP_UNACTIVE_PTR) */
    ArrayDeque<EpItem> ovflist;
    final WaitQueue wq;
    final WaitQueue pollWait;
    /** ep->refs: the epitems (in other epolls) that watch this epoll file */
    final List<EpItem> refs = epItems;
    /** loop-check memo of ep_loop_check_proc / ep_get_upwards_depth_proc */
    long gen = -1;
    int loopCheckDepth;
    /** Runs after each event copied out in ep_send_events: lets a view or test interleave a callback. */
    Runnable duringSendEvents;

    EventPoll(Kernel kernel) {
        super(kernel, "eventpoll");
        this.wq = new WaitQueue(kernel, label + " wq");
        this.pollWait = new WaitQueue(kernel, label + " poll_wait");
        this.rbr = new RbTree<>(EpollFileFd.ORDER, new RbTree.Observer<>() {
            public void compared(EpollFileFd probe, EpollFileFd node) {
                if (kernel.tracing()) kernel.emit(new TraceEvent.TreeCompare(kernel.now(), kernel.currentTid(), label, probe.toString(), node.toString()));
            }

            public void linked(EpollFileFd key, EpollFileFd parent, boolean left) {
                if (kernel.tracing()) kernel.emit(new TraceEvent.TreeLink(kernel.now(), kernel.currentTid(), label, key.toString(),
                    parent == null ? null : parent.toString(), left));
            }

            public void rotated(String caseName, EpollFileFd pivot, boolean left) {
                if (kernel.tracing()) kernel.emit(new TraceEvent.TreeRotate(kernel.now(), kernel.currentTid(), label, caseName, pivot.toString(), left));
            }

            public void recolored(String caseName, EpollFileFd key, RbTree.Color c) {
                if (kernel.tracing()) kernel.emit(new TraceEvent.TreeRecolor(kernel.now(), kernel.currentTid(), label, caseName, key.toString(),
                    c == RbTree.Color.RED));
            }

            public void erased(EpollFileFd key) {
                if (kernel.tracing()) kernel.emit(new TraceEvent.TreeErase(kernel.now(), kernel.currentTid(), label, key.toString()));
            }
        });
    }

    // ---- views ----

    /** The interest list in tree order. */
    public List<EpItem> items() {
        List<EpItem> out = new ArrayList<>(rbr.size());
        rbr.forEachInOrder((k, v) -> out.add(v));
        return out;
    }

    public RbTree<EpollFileFd, EpItem> interestList() {
        return rbr;
    }

    /** rdllist in order. */
    public List<EpItem> readyList() {
        List<EpItem> out = new ArrayList<>();
        for (EpItem e : rdllist) out.add(e);
        return out;
    }

    /** ovflist in delivery order (oldest first), or null when not in use. */
    public List<EpItem> overflowList() {
        if (ovflist == null) return null;
        List<EpItem> out = new ArrayList<>(ovflist);
        java.util.Collections.reverse(out);
        return out;
    }

    public WaitQueue waiters() {
        return wq;
    }

    @Override
    public List<WaitQueue> waitQueues() {
        return List.of(wq, pollWait);
    }

    /** Install a hook that runs after each event copied to user space (to show ovflist). */
    public void setDuringSendEvents(Runnable r) {
        this.duringSendEvents = r;
    }

    // ---- f_op->poll and release ----

    /** {@code ep_eventpoll_poll}: readable when some item on rdllist is really ready. */
    @Override
    public int poll(PollTable pt) {
        return eventpollPoll(pt, 0);
    }

    /** {@code __ep_eventpoll_poll}. */
    int eventpollPoll(PollTable pt, int depth) {
        PollTable.pollWait(this, pollWait, pt);
        ReadyList txlist = new ReadyList();
        epStartScan(txlist);
        int res = 0;
        EpItem epi = txlist.first();
        while (epi != null) {
            EpItem nextItem = epi.next;
            if (epItemPoll(epi, null, depth + 1) != 0) {
                res = Linux.EPOLLIN | Linux.EPOLLRDNORM;
                break;
            }
            // dropped into the ready list by the callback but not really ready: remove it here
            txlist.remove(epi);
            traceUnlink(epi, "not ready for the events asked (ep_eventpoll_poll)");
            epi = nextItem;
        }
        epDoneScan(txlist);
        return res;
    }

    /** {@code ep_item_poll}: the watched file's readiness, masked by the item's events. */
    int epItemPoll(EpItem epi, PollTable pt, int depth) {
        OpenFile file = epi.ffd.file();
        if (file.released) {
            return 0;
        }
        int res;
        if (pt != null) pt.key = epi.events;
        if (file instanceof EventPoll inner) {
            res = inner.eventpollPoll(pt, depth);
        } else {
            res = file.vfsPoll(pt);
        }
        return res & epi.events;
    }

    /**
     * What {@link #epItemPoll} would return for {@code epi} now, with no poll table, as a view
     * asks it: it hooks, marks and unlinks nothing. For a nested epoll file this is
     * {@code __ep_eventpoll_poll}'s answer (readable when an item on its rdllist is really
     * ready) without the scan that drops the items that are not.
     */
    int epItemPollNow(EpItem epi, int depth) {
        OpenFile file = epi.ffd.file();
        if (file.released || depth > Linux.EP_MAX_NESTS) return 0;
        int res = 0;
        if (file instanceof EventPoll inner) {
            for (EpItem e : inner.rdllist) {
                if (inner.epItemPollNow(e, depth + 1) != 0) {
                    res = Linux.EPOLLIN | Linux.EPOLLRDNORM;
                    break;
                }
            }
        } else {
            res = file.peekPoll();
        }
        return res & epi.events;
    }

    /** {@code ep_eventpoll_release} -> {@code ep_clear_and_put}. */
    @Override
    protected void release() {
        if (pollWait.active()) {
            epPollSafewake(0);
        }
        for (EpItem epi : items()) {
            epUnregisterPollwait(epi);
        }
        for (EpItem epi : items()) {
            epRemove(epi);
        }
    }

    /** {@code eventpoll_release_file}: the file's last reference is gone; every epoll forgets it. */
    static void eventpollRelease(OpenFile file) {
        while (!file.epItems.isEmpty()) {
            EpItem epi = file.epItems.get(0);
            epi.ep.epRemove(epi);
        }
    }

    // ---- the callback ----

    /** {@code ep_poll_callback}: a watched file's wait queue was woken with {@code key}. */
    int epPollCallback(EpItem epi, int pollflags) {
        int ewake = 0;
        boolean woke = false;
        String ep = label;
        boolean disabled = (epi.events & ~EP_PRIVATE_BITS) == 0;
        boolean mismatch = pollflags != 0 && (pollflags & epi.events) == 0;
        if (!disabled && !mismatch) {
            woke = true;
            if (ovflist != null) {
                if (!epi.onOverflow) {
                    epi.onOverflow = true;
                    ovflist.push(epi);
                    if (kernel.tracing()) kernel.emit(new TraceEvent.OverflowLink(kernel.now(), kernel.currentTid(), ep, epi.ffd.toString()));
                }
            } else if (!epi.onReadyList) {
                rdllist.addTail(epi);
                if (kernel.tracing()) kernel.emit(new TraceEvent.ReadyLink(kernel.now(), kernel.currentTid(), ep, epi.ffd.toString(), true, "ep_poll_callback"));
            }
            if (wq.active()) {
                if ((epi.events & Linux.EPOLLEXCLUSIVE) != 0) {
                    switch (pollflags & (Linux.EPOLLIN | Linux.EPOLLOUT)) {
                        case Linux.EPOLLIN -> ewake = (epi.events & Linux.EPOLLIN) != 0 ? 1 : 0;
                        case Linux.EPOLLOUT -> ewake = (epi.events & Linux.EPOLLOUT) != 0 ? 1 : 0;
                        case 0 -> ewake = 1;
                        default -> { }
                    }
                }
                wq.wakeUp(0, 1, "ep_poll_callback " + epi.ffd);
            }
            if (pollWait.active()) {
                epPollSafewake(0);
            }
        }
        if ((epi.events & Linux.EPOLLEXCLUSIVE) == 0) {
            ewake = 1;
        }
        if (kernel.tracing()) kernel.emit(new TraceEvent.Callback(kernel.now(), kernel.currentTid(), "ep_poll_callback",
            epi.ffd.file().label, ep + " " + epi.ffd, pollflags, woke));
        return ewake;
    }

    /** {@code ep_poll_safewake}: wakes whoever watches this epoll file, with EPOLLIN. */
    void epPollSafewake(int pollflags) {
        pollWait.wakeUp(Linux.EPOLLIN | pollflags, 1, label + " has events (ep_poll_safewake)");
    }

    // ---- scanning ----

    /** {@code ep_start_scan}: steal rdllist into txlist and activate ovflist. */
    void epStartScan(ReadyList txlist) {
        int n = rdllist.size();
        rdllist.moveAllTo(txlist);
        ovflist = new ArrayDeque<>();
        if (kernel.tracing()) kernel.emit(new TraceEvent.Scan(kernel.now(), kernel.currentTid(), label, true, n));
    }

    /** {@code ep_done_scan}: splice ovflist (FIFO again) and what is left of txlist back. */
    void epDoneScan(ReadyList txlist) {
        // ovflist is LIFO; list_add at the head while walking it restores FIFO order
        for (EpItem epi : ovflist) {
            epi.onOverflow = false;
            if (!epi.onReadyList) {
                rdllist.addHead(epi);
                if (kernel.tracing()) kernel.emit(new TraceEvent.ReadyLink(kernel.now(), kernel.currentTid(), label, epi.ffd.toString(), false,
                    "from ovflist (ep_done_scan)"));
            }
        }
        ovflist = null;
        rdllist.spliceAtHead(txlist);
        if (kernel.tracing()) kernel.emit(new TraceEvent.Scan(kernel.now(), kernel.currentTid(), label, false, rdllist.size()));
        if (!rdllist.isEmpty() && wq.active()) {
            wq.wakeUp(0, 1, label + " still has ready items (ep_done_scan)");
        }
    }

    private void traceUnlink(EpItem epi, String why) {
        if (kernel.tracing()) kernel.emit(new TraceEvent.ReadyUnlink(kernel.now(), kernel.currentTid(), label, epi.ffd.toString(), why));
    }

    /** {@code ep_send_events}: copy up to maxevents ready events out. */
    List<SyscallResult.Ready> epSendEvents(int maxevents) {
        List<SyscallResult.Ready> out = new ArrayList<>();
        ReadyList txlist = new ReadyList();
        epStartScan(txlist);
        EpItem epi = txlist.first();
        while (epi != null) {
            if (out.size() >= maxevents) {
                break;
            }
            EpItem nextItem = epi.next;
            txlist.remove(epi);
            traceUnlink(epi, "ep_send_events");
            int revents = epItemPoll(epi, null, 1);
            if (revents != 0) {
                out.add(new SyscallResult.Ready(epi.data, revents));
                if (kernel.tracing()) kernel.emit(new TraceEvent.Copy(kernel.now(), kernel.currentTid(), true, EPOLL_EVENT_SIZE,
                    "epoll_event for " + epi.ffd));
                if ((epi.events & Linux.EPOLLONESHOT) != 0) {
                    epi.events &= EP_PRIVATE_BITS;
                } else if ((epi.events & Linux.EPOLLET) == 0) {
                    // level-triggered: back to the tail so that the next epoll_wait checks again
                    rdllist.addTail(epi);
                    if (kernel.tracing()) kernel.emit(new TraceEvent.ReadyLink(kernel.now(), kernel.currentTid(), label, epi.ffd.toString(), true,
                        "level-triggered: requeued (ep_send_events)"));
                }
                if (duringSendEvents != null) duringSendEvents.run();
            }
            epi = nextItem;
        }
        epDoneScan(txlist);
        return out;
    }

    /** {@code ep_events_available}. */
    boolean epEventsAvailable() {
        return !rdllist.isEmpty() || ovflist != null;
    }

    // ---- insert, modify, remove ----

    /** {@code ep_ptable_queue_proc}: hook an eppoll_entry on the file's wait queue. */
    private void queueProc(EpItem epi, WaitQueue whead) {
        EpPollEntry pwq = new EpPollEntry(epi, whead);
        if ((epi.events & Linux.EPOLLEXCLUSIVE) != 0) {
            whead.addExclusiveTail(pwq.wait);
        } else {
            whead.add(pwq.wait);
        }
        epi.pwqlist.add(0, pwq);
    }

    /** {@code ep_insert}, called with the checks of do_epoll_ctl done. */
    int epInsert(int events, long data, OpenFile tfile, int fd, boolean fullCheck, List<OpenFile> tfileCheckList) {
        if (kernel.userWatches >= kernel.maxUserWatches) {
            return -Linux.ENOSPC;
        }
        kernel.userWatches++;
        EpItem epi = new EpItem(this, new EpollFileFd(tfile, fd), events, data);
        tfile.epItems.add(0, epi); // attach_epitem: hlist_add_head
        if (fullCheck && !(tfile instanceof EventPoll) && !tfileCheckList.contains(tfile)) {
            tfileCheckList.add(tfile);
        }
        rbr.insert(epi.ffd, epi);
        if (fullCheck && reversePathCheck(tfileCheckList)) {
            epRemove(epi);
            return -Linux.EINVAL;
        }
        PollTable pt = new PollTable((file, head, p) -> queueProc(epi, head), epi.events);
        int revents = epItemPoll(epi, pt, 1);
        if (revents != 0 && !epi.onReadyList) {
            rdllist.addTail(epi);
            if (kernel.tracing()) kernel.emit(new TraceEvent.ReadyLink(kernel.now(), kernel.currentTid(), label, epi.ffd.toString(), true,
                "ready when added (ep_insert)"));
            if (wq.active()) wq.wakeUp(0, 1, "ep_insert");
            if (pollWait.active()) epPollSafewake(0);
        }
        return 0;
    }

    /** {@code ep_modify}. */
    int epModify(EpItem epi, int events, long data) {
        epi.events = events;
        epi.data = data;
        if (epItemPoll(epi, null, 1) != 0) {
            if (!epi.onReadyList) {
                rdllist.addTail(epi);
                if (kernel.tracing()) kernel.emit(new TraceEvent.ReadyLink(kernel.now(), kernel.currentTid(), label, epi.ffd.toString(), true,
                    "ready when modified (ep_modify)"));
                if (wq.active()) wq.wakeUp(0, 1, "ep_modify");
                if (pollWait.active()) epPollSafewake(0);
            }
        }
        return 0;
    }

    /** {@code ep_unregister_pollwait}. */
    private void epUnregisterPollwait(EpItem epi) {
        for (EpPollEntry pwq : epi.pwqlist) {
            pwq.whead.remove(pwq.wait);
        }
        epi.pwqlist.clear();
    }

    /** {@code __ep_remove}. */
    void epRemove(EpItem epi) {
        epUnregisterPollwait(epi);
        epi.ffd.file().epItems.remove(epi);
        rbr.erase(epi.ffd);
        if (epi.onReadyList) {
            // the item may be on rdllist, or on a txlist during a scan; both are unlinked the same way
            if (isOnList(rdllist, epi)) {
                rdllist.remove(epi);
            } else {
                unlinkLoose(epi);
            }
            traceUnlink(epi, "removed (__ep_remove)");
        }
        if (epi.onOverflow && ovflist != null) {
            ovflist.remove(epi);
            epi.onOverflow = false;
        }
        kernel.userWatches--;
    }

    private static boolean isOnList(ReadyList list, EpItem epi) {
        for (EpItem e : list) if (e == epi) return true;
        return false;
    }

    private static void unlinkLoose(EpItem e) {
        if (e.prev != null) e.prev.next = e.next;
        if (e.next != null) e.next.prev = e.prev;
        e.prev = e.next = null;
        e.onReadyList = false;
    }

    /** {@code ep_find}. */
    EpItem epFind(OpenFile file, int fd) {
        return rbr.get(new EpollFileFd(file, fd));
    }

    // ---- loop and path checks ----

    /** {@code ep_loop_check_proc}: depth below this ep; > EP_MAX_NESTS for a loop. */
    private int epLoopCheckProc(int depth, EventPoll insertingInto, List<OpenFile> tfileCheckList) {
        if (gen == kernel.loopCheckGen) {
            return loopCheckDepth;
        }
        gen = kernel.loopCheckGen;
        int result = 0;
        for (EpItem epi : items()) {
            if (epi.ffd.file() instanceof EventPoll toVisit) {
                if (toVisit == insertingInto || depth > Linux.EP_MAX_NESTS) {
                    result = Linux.EP_MAX_NESTS + 1;
                } else {
                    result = Math.max(result, toVisit.epLoopCheckProc(depth + 1, insertingInto, tfileCheckList) + 1);
                }
                if (result > Linux.EP_MAX_NESTS) break;
            } else if (!tfileCheckList.contains(epi.ffd.file())) {
                tfileCheckList.add(epi.ffd.file());
            }
        }
        loopCheckDepth = result;
        return result;
    }

    /** {@code ep_get_upwards_depth_proc}. */
    private int epGetUpwardsDepthProc(int depth) {
        if (gen == kernel.loopCheckGen) {
            return loopCheckDepth;
        }
        int result = 0;
        for (EpItem epi : refs) {
            result = Math.max(result, epi.ep.epGetUpwardsDepthProc(depth + 1) + 1);
        }
        gen = kernel.loopCheckGen;
        loopCheckDepth = result;
        return result;
    }

    /** {@code ep_loop_check}: adding {@code to} into this ep must make no loop and no chain deeper than EP_MAX_NESTS. */
    private boolean epLoopCheck(EventPoll to, List<OpenFile> tfileCheckList) {
        int depth = to.epLoopCheckProc(0, this, tfileCheckList);
        if (depth > Linux.EP_MAX_NESTS) {
            return false;
        }
        int upwards = epGetUpwardsDepthProc(0);
        return depth + 1 + upwards <= Linux.EP_MAX_NESTS;
    }

    private static final int[] PATH_LIMITS = {1000, 500, 100, 50, 10};

    /** {@code reverse_path_check}: true when some file would get too many wakeup paths. */
    private static boolean reversePathCheck(List<OpenFile> tfileCheckList) {
        for (OpenFile f : tfileCheckList) {
            int[] pathCount = new int[PATH_LIMITS.length];
            if (reversePathCheckProc(f.epItems, 0, pathCount) != 0) return true;
        }
        return false;
    }

    private static int reversePathCheckProc(List<EpItem> refs, int depth, int[] pathCount) {
        if (depth > Linux.EP_MAX_NESTS) return -1;
        for (EpItem epi : refs) {
            int error;
            if (epi.ep.refs.isEmpty()) {
                error = depth == 0 ? 0 : (++pathCount[depth] > PATH_LIMITS[depth] ? -1 : 0);
            } else {
                error = reversePathCheckProc(epi.ep.refs, depth + 1, pathCount);
            }
            if (error != 0) return error;
        }
        return 0;
    }

    // ---- the system calls ----

    /** {@code do_epoll_ctl}: the checks in the kernel's order, then insert, remove or modify. */
    static SyscallResult doEpollCtl(Kernel k, SimThread t, int epfd, int op, int fd, int events, long data) {
        if (k.tracing()) k.emit(new TraceEvent.Copy(k.now(), t.tid, false, op != Linux.EPOLL_CTL_DEL ? EPOLL_EVENT_SIZE : 0, "epoll_event"));
        OpenFile f = k.file(t, epfd);
        if (f == null) return SyscallResult.error(Linux.EBADF);
        OpenFile tf = k.file(t, fd);
        if (tf == null) return SyscallResult.error(Linux.EBADF);
        if (!tf.canPoll()) return SyscallResult.error(Linux.EPERM);
        boolean hasEvent = op != Linux.EPOLL_CTL_DEL; // ep_op_has_event
        if (hasEvent) {
            events &= ~Linux.EPOLLWAKEUP; // ep_take_care_of_epollwakeup: no CAP_BLOCK_SUSPEND here
        }
        if (f == tf || !(f instanceof EventPoll ep)) return SyscallResult.error(Linux.EINVAL);
        if (hasEvent && (events & Linux.EPOLLEXCLUSIVE) != 0) {
            if (op == Linux.EPOLL_CTL_MOD) return SyscallResult.error(Linux.EINVAL);
            if (op == Linux.EPOLL_CTL_ADD && (tf instanceof EventPoll || (events & ~EPOLLEXCLUSIVE_OK_BITS) != 0)) {
                return SyscallResult.error(Linux.EINVAL);
            }
        }
        boolean fullCheck = false;
        List<OpenFile> tfileCheckList = new ArrayList<>();
        if (op == Linux.EPOLL_CTL_ADD) {
            if (!ep.epItems.isEmpty() || ep.gen == k.loopCheckGen || tf instanceof EventPoll) {
                k.loopCheckGen++;
                fullCheck = true;
                if (tf instanceof EventPoll tep && !ep.epLoopCheck(tep, tfileCheckList)) {
                    k.loopCheckGen++;
                    return SyscallResult.error(Linux.ELOOP);
                }
            }
        }
        try {
            EpItem epi = ep.epFind(tf, fd);
            int error = -Linux.EINVAL;
            switch (op) {
                case Linux.EPOLL_CTL_ADD -> error = epi == null
                    ? ep.epInsert(events | Linux.EPOLLERR | Linux.EPOLLHUP, data, tf, fd, fullCheck, tfileCheckList)
                    : -Linux.EEXIST;
                case Linux.EPOLL_CTL_DEL -> {
                    if (epi != null) {
                        ep.epRemove(epi);
                        error = 0;
                    } else {
                        error = -Linux.ENOENT;
                    }
                }
                case Linux.EPOLL_CTL_MOD -> {
                    if (epi != null) {
                        if ((epi.events & Linux.EPOLLEXCLUSIVE) == 0) {
                            error = ep.epModify(epi, events | Linux.EPOLLERR | Linux.EPOLLHUP, data);
                        }
                    } else {
                        error = -Linux.ENOENT;
                    }
                }
                default -> { }
            }
            return error < 0 ? SyscallResult.error(-error) : SyscallResult.ok(0);
        } finally {
            if (fullCheck) k.loopCheckGen++;
        }
    }

    /** {@code epoll_wait} -> {@code do_epoll_wait} -> {@code ep_poll}, as a call that may sleep. */
    static Syscall epollWait(Kernel k, int epfd, int maxevents, int timeoutMs) {
        return new Syscall() {
            EventPoll ep;            // held (fdget) for the whole call
            boolean started;
            boolean timedOut;
            Kernel.Timer timer;
            WaitQueue.Entry wait;

            public String name() {
                return "epoll_wait";
            }

            public String args() {
                return epfd + ", " + maxevents + ", " + timeoutMs;
            }

            public SyscallResult attempt(SimThread t) {
                if (!started) {
                    started = true;
                    OpenFile f = k.file(t, epfd);
                    if (f == null) return SyscallResult.error(Linux.EBADF);
                    // ep_check_params
                    if (maxevents <= 0 || maxevents > EP_MAX_EVENTS) return SyscallResult.error(Linux.EINVAL);
                    if (!(f instanceof EventPoll e)) return SyscallResult.error(Linux.EINVAL);
                    ep = e;
                    ep.get();
                    if (timeoutMs == 0) {
                        timedOut = true; // avoid the trip to the wait queue
                    } else if (timeoutMs > 0) {
                        timer = k.addTimer(k.now() + timeoutMs * 1_000_000L, () -> {
                            timedOut = true;
                            k.wake(t, "epoll_wait timeout");
                        });
                    }
                }
                // the ep_poll loop
                if (wait != null && wait.linked()) {
                    // woken by the timer while still queued: take ourselves off
                    ep.wq.remove(wait);
                }
                if (ep.epEventsAvailable()) {
                    List<SyscallResult.Ready> res = ep.epSendEvents(maxevents);
                    if (!res.isEmpty()) return done(SyscallResult.events(res));
                }
                if (timedOut) return done(SyscallResult.events(List.of()));
                wait = new WaitQueue.Entry("T" + t.tid + " in epoll_wait", (entry, key) -> {
                    // ep_autoremove_wake_function: wake, and leave the queue even if already awake
                    int r = k.wake(t, "woken on " + ep.label + " wq");
                    ep.wq.remove(entry);
                    return r;
                });
                ep.wq.addExclusiveHead(wait);
                k.sleep(t, ep.label + " wq");
                return null;
            }

            private SyscallResult done(SyscallResult o) {
                if (timer != null) timer.cancel();
                ep.put();
                return o;
            }
        };
    }
}
