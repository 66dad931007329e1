package org.pollscope.kernel.trace;

/**
 * One step the simulated kernel took. Every view, lesson, cost meter, test and exporter reads
 * these and nothing else. {@code time} is the simulated clock in nanoseconds; {@code tid} is
 * the simulated thread on whose behalf the step ran (0 when none: a timer, say).
 *
 * <p>Names follow the kernel: an "ep" is an epoll instance shown by its id
 * ({@code "ep#3"}), an "item" is an epitem shown by its key ({@code "(file#7, fd 5)"}).
 */
public sealed interface TraceEvent {
    long time();

    int tid();

    /** A system call entered: {@code epoll_wait(4, 8, -1)}. */
    record SyscallEnter(long time, int tid, int pid, String call, String args) implements TraceEvent {}

    /** A system call returned; {@code detail} is the strace-style rest ({@code [{EPOLLIN, {u64=5}}]}). */
    record SyscallExit(long time, int tid, int pid, String call, long ret, String errno, String detail)
        implements TraceEvent {}

    /** ep_rbtree_insert / ep_find walked the tree and compared two keys. */
    record TreeCompare(long time, int tid, String ep, String probe, String node) implements TraceEvent {}

    /** rb_link_node: a new epitem was linked under {@code parent} before rebalancing. */
    record TreeLink(long time, int tid, String ep, String item, String parent, boolean left) implements TraceEvent {}

    /** A rotation of the interest list, with its lib/rbtree.c case name. */
    record TreeRotate(long time, int tid, String ep, String caseName, String pivot, boolean left) implements TraceEvent {}

    /** A recolor of the interest list, with its lib/rbtree.c case name. */
    record TreeRecolor(long time, int tid, String ep, String caseName, String item, boolean red) implements TraceEvent {}

    /** rb_erase: an epitem left the interest list. */
    record TreeErase(long time, int tid, String ep, String item) implements TraceEvent {}

    /** An epitem joined rdllist ({@code atTail}: list_add_tail, else list_add at the head). */
    record ReadyLink(long time, int tid, String ep, String item, boolean atTail, String why) implements TraceEvent {}

    /** An epitem left rdllist (list_del_init). */
    record ReadyUnlink(long time, int tid, String ep, String item, String why) implements TraceEvent {}

    /** ep_poll_callback chained an epitem on ovflist because events were being sent. */
    record OverflowLink(long time, int tid, String ep, String item) implements TraceEvent {}

    /** ep_start_scan (start) or ep_done_scan (done). */
    record Scan(long time, int tid, String ep, boolean start, int items) implements TraceEvent {}

    /** A wait queue callback ran: ep_poll_callback, pollwake or a thread's wake function. */
    record Callback(long time, int tid, String function, String queue, String target, int key, boolean woke)
        implements TraceEvent {}

    /** An entry was hooked on a wait queue (poll_wait, ep_ptable_queue_proc, ep_poll). */
    record WaitAdd(long time, int tid, String queue, String entry, boolean exclusive) implements TraceEvent {}

    /** An entry was unhooked from a wait queue. */
    record WaitRemove(long time, int tid, String queue, String entry) implements TraceEvent {}

    /** A wake_up on a wait queue with a poll key. */
    record WakeUp(long time, int tid, String queue, int key, String by) implements TraceEvent {}

    /** A thread went to sleep inside a system call. */
    record Sleep(long time, int tid, String call, String on) implements TraceEvent {}

    /** A sleeping thread became runnable. */
    record Wake(long time, int tid, String why) implements TraceEvent {}

    /** copy_from_user / copy_to_user of {@code bytes} bytes. */
    record Copy(long time, int tid, boolean toUser, long bytes, String what) implements TraceEvent {}

    /** select/poll visited one fd and called its f_op->poll. */
    record FdVisit(long time, int tid, int fd, int mask, String call) implements TraceEvent {}

    /** Something happened to a file: bytes queued, peer closed, a connection queued. */
    record FileChange(long time, int tid, String file, String what) implements TraceEvent {}

    /** The fd table changed: an fd installed or closed. */
    record FdChange(long time, int tid, int pid, int fd, String file, boolean installed) implements TraceEvent {}

    /** A built-in program's thread reached a line of its pseudo-C listing. */
    record ProgramLine(long time, int tid, String program, int line) implements TraceEvent {}

    /** The simulated clock jumped to the next timer. */
    record ClockAdvance(long time, int tid, long from) implements TraceEvent {}
}
