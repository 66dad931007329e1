package org.pollscope.kernel;

/**
 * {@code struct eppoll_entry}: the hook an epitem puts on a watched file's wait queue
 * ({@code ep_ptable_queue_proc}); its wake function is {@code ep_poll_callback}.
 */
public final class EpPollEntry {
    final EpItem base;
    final WaitQueue whead;
    final WaitQueue.Entry wait;

    EpPollEntry(EpItem base, WaitQueue whead) {
        this.base = base;
        this.whead = whead;
        this.wait = new WaitQueue.Entry("ep_poll_callback " + base.ep.label + " " + base.ffd,
            (entry, key) -> base.ep.epPollCallback(base, key));
    }

    public EpItem item() {
        return base;
    }

    public WaitQueue queue() {
        return whead;
    }
}
