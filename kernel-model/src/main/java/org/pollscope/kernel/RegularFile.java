package org.pollscope.kernel;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.pollscope.kernel.scenario.Outcome;

/**
 * A regular file: it has no {@code f_op->poll}, so epoll refuses it ({@code EPERM}) and
 * select and poll call it always ready ({@code DEFAULT_POLLMASK}).
 */
public final class RegularFile extends OpenFile {
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();
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
    public Outcome read(int n) {
        byte[] all = content.toByteArray();
        int take = Math.max(0, Math.min(n, all.length - pos));
        byte[] out = java.util.Arrays.copyOfRange(all, pos, pos + take);
        pos += take;
        return Outcome.bytes(out);
    }

    @Override
    public Outcome write(byte[] data) {
        // the position is shared by reads and writes; writes past the end append
        byte[] all = content.toByteArray();
        byte[] merged = java.util.Arrays.copyOf(all, Math.max(all.length, pos + data.length));
        System.arraycopy(data, 0, merged, pos, data.length);
        content.reset();
        content.write(merged, 0, merged.length);
        pos += data.length;
        return Outcome.ok(data.length);
    }
}
