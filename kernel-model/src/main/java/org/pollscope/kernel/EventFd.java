package org.pollscope.kernel;

import java.util.List;

/**
 * {@code struct eventfd_ctx} of {@code fs/eventfd.c}: a 64-bit counter. Readable while it is
 * not zero; writable while one more can be added; read returns and clears it; write adds an
 * 8-byte value.
 */
public final class EventFd extends OpenFile {
    static final long ULLONG_MAX = -1L;
    final WaitQueue wqh;
    long count;

    EventFd(Kernel kernel, long initval) {
        super(kernel, "eventfd");
        this.count = initval;
        this.wqh = new WaitQueue(kernel, label + " wqh");
    }

    @Override
    public String describeState() {
        return "count=" + Long.toUnsignedString(count);
    }

    public long count() {
        return count;
    }

    @Override
    public List<WaitQueue> waitQueues() {
        return List.of(wqh);
    }

    /** {@code eventfd_poll}. */
    @Override
    public int poll(PollTable pt) {
        PollTable.pollWait(this, wqh, pt);
        int events = 0;
        if (count > 0 || count < 0) events |= Linux.EPOLLIN;
        if (count == ULLONG_MAX) events |= Linux.EPOLLERR;
        if (Long.compareUnsigned(ULLONG_MAX - 1, count) > 0) events |= Linux.EPOLLOUT;
        return events;
    }

    /** {@code eventfd_read}: 8 bytes, little-endian. */
    @Override
    public SyscallResult read(int n) {
        if (n < 8) return SyscallResult.error(Linux.EINVAL);
        if (count == 0) return SyscallResult.error(Linux.EAGAIN);
        long v = count;
        count = 0;
        changed("read counter " + Long.toUnsignedString(v));
        if (wqh.active()) wqh.wakeUpPoll(Linux.EPOLLOUT, "eventfd_read");
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) out[i] = (byte) (v >>> (8 * i));
        return SyscallResult.bytes(out);
    }

    /**
     * {@code eventfd_write}: an 8-byte little-endian value added to the counter. Since
     * "eventfd: strictly check the count parameter of eventfd_write" (Linux 6.10) the write
     * must be exactly 8 bytes; read still takes any buffer of at least 8.
     */
    @Override
    public SyscallResult write(byte[] data) {
        if (data.length != 8) return SyscallResult.error(Linux.EINVAL);
        long v = 0;
        for (int i = 0; i < 8; i++) v |= (data[i] & 0xffL) << (8 * i);
        if (v == ULLONG_MAX) return SyscallResult.error(Linux.EINVAL);
        if (Long.compareUnsigned(ULLONG_MAX - count, v) <= 0) return SyscallResult.error(Linux.EAGAIN);
        count += v;
        changed("counter now " + Long.toUnsignedString(count));
        if (wqh.active()) wqh.wakeUpPoll(Linux.EPOLLIN, "eventfd_write");
        return SyscallResult.ok(8);
    }
}
