package org.pollscope.kernel;

import java.util.Arrays;
import java.util.List;

/**
 * A regular file: it has no {@code f_op->poll}, so epoll refuses it ({@code EPERM}) and
 * select and poll call it always ready ({@code DEFAULT_POLLMASK}). Reads and writes share
 * one file position, as they do on one open file description.
 */
public final class RegularFile extends OpenFile {
    private byte[] content = new byte[0];
    private int size;
    private int pos;

    RegularFile(Kernel kernel) {
        super(kernel, "file");
    }

    @Override
    public boolean canPoll() {
        return false;
    }

    @Override
    public int poll(PollTable pt) {
        return Linux.EPOLLIN | Linux.EPOLLOUT | Linux.EPOLLRDNORM | Linux.EPOLLWRNORM;
    }

    @Override
    public List<WaitQueue> waitQueues() {
        return List.of();
    }

    @Override
    public String describeState() {
        return "size=" + size + " pos=" + pos;
    }

    @Override
    public SyscallResult read(int n) {
        int take = Math.max(0, Math.min(n, size - pos));
        byte[] out = Arrays.copyOfRange(content, pos, pos + take);
        pos += take;
        return SyscallResult.bytes(out);
    }

    @Override
    public SyscallResult write(byte[] data) {
        int end = pos + data.length;
        if (end > content.length) {
            content = Arrays.copyOf(content, Math.max(end, content.length * 2));
        }
        System.arraycopy(data, 0, content, pos, data.length);
        pos = end;
        size = Math.max(size, end);
        return SyscallResult.ok(data.length);
    }
}
