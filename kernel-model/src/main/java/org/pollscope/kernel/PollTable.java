package org.pollscope.kernel;

/**
 * {@code poll_table}: what {@code f_op->poll} is called with. When {@code queueProc} is set,
 * {@code poll_wait} hooks the caller on the file's wait queue (epoll's
 * {@code ep_ptable_queue_proc}, select/poll's {@code __pollwait}); {@code key} is the events
 * the caller wants ({@code pt->_key}).
 */
public final class PollTable {

    /** {@code poll_queue_proc}. */
    public interface QueueProc {
        void queue(OpenFile file, WaitQueue head, PollTable pt);
    }

    QueueProc queueProc;
    int key;

    public PollTable(QueueProc queueProc, int key) {
        this.queueProc = queueProc;
        this.key = key;
    }

    /** {@code poll_wait(filp, wait_address, p)}: hook on {@code head} if this table queues. */
    public static void pollWait(OpenFile file, WaitQueue head, PollTable pt) {
        if (pt != null && pt.queueProc != null && head != null) {
            pt.queueProc.queue(file, head, pt);
        }
    }

    public int key() {
        return key;
    }
}
