package org.pollscope.kernel;

import java.util.ArrayList;
import java.util.List;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * {@code struct file}: an open file description. Shared by every fd that {@code dup} or
 * {@code fork} made from the same open; released ({@code __fput}) when the last reference
 * goes, which is when epoll forgets it ({@code eventpoll_release}), not at {@code close(fd)}.
 *
 * <p>{@link #address} stands for the {@code struct file *} pointer that {@code ep_cmp_ffd}
 * compares: files made later have higher addresses, which keeps the model deterministic.
 */
public abstract class OpenFile {
    protected final Kernel kernel;
    /** the "pointer" ep_cmp_ffd orders by */
    final long address;
    /** a short name for views: "socket#3" */
    final String label;
    /** f_count */
    int refs = 1;
    /** f_ep: the epitems watching this file */
    final List<EpItem> epItems = new ArrayList<>();
    boolean released;

    protected OpenFile(Kernel kernel, String kind) {
        this.kernel = kernel;
        this.address = kernel.nextFileAddress();
        this.label = kind + "#" + address;
    }

    public String label() {
        return label;
    }

    public long address() {
        return address;
    }

    public int refs() {
        return refs;
    }

    public boolean released() {
        return released;
    }

    /**
     * The file at the other end, for views that act on the world ("send bytes to it" writes
     * there): a socket's peer, a pipe end's other end; null when there is none.
     */
    public OpenFile peer() {
        return null;
    }

    /** The epitems that watch this file (f_ep), for views. */
    public List<EpItem> watchers() {
        return List.copyOf(epItems);
    }

    /** This file's own state in one line (no side effects: unlike poll, it hooks and marks nothing). */
    public String describeState() {
        return "";
    }

    /** {@code file_can_poll}: whether f_op->poll exists (epoll_ctl answers EPERM when not). */
    public boolean canPoll() {
        return true;
    }

    /** {@code f_op->poll}: the current readiness mask; hooks the caller through {@code pt}. */
    public abstract int poll(PollTable pt);

    /** The wait queues a view should draw for this file. */
    public abstract List<WaitQueue> waitQueues();

    /**
     * {@code vfs_poll(file, NULL)} as a view asks it: the readiness mask now, with no table to
     * hook and none of the marks f_op->poll leaves (a socket's SOCK_NOSPACE, a pipe's
     * poll_usage), so that looking changes nothing the next step does.
     */
    int peekPoll() {
        return vfsPoll(null);
    }

    /** {@code vfs_poll}: files without poll are always ready for reading and writing. */
    public final int vfsPoll(PollTable pt) {
        if (!canPoll()) {
            return Linux.EPOLLIN | Linux.EPOLLOUT | Linux.EPOLLRDNORM | Linux.EPOLLWRNORM;
        }
        return poll(pt);
    }

    /** read(2) on a non-blocking file. */
    public SyscallResult read(int n) {
        return SyscallResult.error(Linux.EINVAL);
    }

    /** write(2) on a non-blocking file. */
    public SyscallResult write(byte[] data) {
        return SyscallResult.error(Linux.EINVAL);
    }

    /** shutdown(2). */
    public SyscallResult shutdown(int how) {
        return SyscallResult.error(Linux.ENOTSOCK);
    }

    /** {@code f_op->release}: the last reference is gone. */
    protected void release() {}

    void get() {
        refs++;
    }

    /** {@code fput}: drops a reference; the last one runs eventpoll_release and f_op->release. */
    void put() {
        assert refs > 0 : label + " put with no references";
        if (--refs == 0) {
            released = true;
            if (kernel.tracing()) kernel.emit(new TraceEvent.FileChange(kernel.now(), kernel.currentTid(), label, "last reference gone: released"));
            EventPoll.eventpollRelease(this);
            release();
        }
    }

    /** Emits a change of this file's state for the trace. */
    protected void changed(String what) {
        if (kernel.tracing()) kernel.emit(new TraceEvent.FileChange(kernel.now(), kernel.currentTid(), label, what));
    }

    @Override
    public String toString() {
        return label;
    }
}
