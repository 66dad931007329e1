package org.pollscope.kernel;

import java.util.ArrayDeque;
import java.util.List;

/**
 * {@code struct pipe_inode_info} of {@code fs/pipe.c}: a ring of 16 page buffers (64 KiB),
 * with a read end and a write end that are two open files. It has two wait queues:
 * {@code rd_wait} (readers, woken with EPOLLIN by a write) and {@code wr_wait} (writers,
 * woken with EPOLLOUT when a read empties a buffer of a full pipe).
 */
public final class Pipe {
    static final int PAGE_SIZE = 4096;
    /** pipe->max_usage: PIPE_DEF_BUFFERS */
    static final int MAX_USAGE = 16;

    /** One {@code struct pipe_buffer}. */
    private static final class Buf {
        final byte[] page = new byte[PAGE_SIZE];
        int offset;
        int len;
    }

    private final Kernel kernel;
    private final ArrayDeque<Buf> bufs = new ArrayDeque<>();
    final WaitQueue rdWait;
    final WaitQueue wrWait;
    int readers = 1;
    int writers = 1;
    /** pipe->poll_usage: once polled, every write wakes the readers */
    boolean pollUsage;
    private final End readEnd;
    private final End writeEnd;

    Pipe(Kernel kernel) {
        this.kernel = kernel;
        this.readEnd = new End(kernel, true);
        this.writeEnd = new End(kernel, false);
        this.rdWait = new WaitQueue(kernel, readEnd.label + " rd_wait");
        this.wrWait = new WaitQueue(kernel, writeEnd.label + " wr_wait");
    }

    End readEnd() {
        return readEnd;
    }

    End writeEnd() {
        return writeEnd;
    }

    public int bytes() {
        int n = 0;
        for (Buf b : bufs) n += b.len;
        return n;
    }

    private boolean full() {
        return bufs.size() >= MAX_USAGE;
    }

    /** One end of the pipe: an open file with FMODE_READ or FMODE_WRITE. */
    public final class End extends OpenFile {
        final boolean reading;

        End(Kernel kernel, boolean reading) {
            super(kernel, reading ? "pipe-r" : "pipe-w");
            this.reading = reading;
        }

        @Override
        public OpenFile peer() {
            return reading ? writeEnd : readEnd;
        }

        @Override
        public String describeState() {
            return "bytes=" + bytes() + " buffers=" + bufs.size() + " readers=" + readers + " writers=" + writers
                + " poll_usage=" + pollUsage;
        }

        public Pipe pipe() {
            return Pipe.this;
        }

        @Override
        public List<WaitQueue> waitQueues() {
            return List.of(reading ? rdWait : wrWait);
        }

        @Override
        int peekPoll() {
            boolean used = pollUsage;
            int mask = poll(null);
            pollUsage = used;
            return mask;
        }

        /** {@code pipe_poll}. */
        @Override
        public int poll(PollTable pt) {
            if (reading) PollTable.pollWait(this, rdWait, pt);
            else PollTable.pollWait(this, wrWait, pt);
            pollUsage = true;
            int mask = 0;
            if (reading) {
                if (!bufs.isEmpty()) mask |= Linux.EPOLLIN | Linux.EPOLLRDNORM;
                if (writers == 0) mask |= Linux.EPOLLHUP;
            } else {
                if (!full()) mask |= Linux.EPOLLOUT | Linux.EPOLLWRNORM;
                // most Unices do not set EPOLLHUP when the last reader closes
                if (readers == 0) mask |= Linux.EPOLLERR;
            }
            return mask;
        }

        /** {@code pipe_read}, non-blocking. */
        @Override
        public SyscallResult read(int n) {
            if (!reading) return SyscallResult.error(Linux.EBADF);
            if (n == 0) return SyscallResult.bytes(new byte[0]);
            // anon_pipe_read: wake_writer |= pipe_full(...) as each buffer is emptied and
            // released, so the writers are woken only when a read frees a buffer of a full pipe
            boolean wakeWriter = false;
            byte[] out = new byte[Math.min(n, bytes())];
            int got = 0;
            while (got < out.length) {
                Buf b = bufs.peek();
                int take = Math.min(out.length - got, b.len);
                System.arraycopy(b.page, b.offset, out, got, take);
                b.offset += take;
                b.len -= take;
                got += take;
                if (b.len == 0) {
                    wakeWriter |= full();
                    bufs.poll();
                }
            }
            if (got == 0) {
                return writers == 0 ? SyscallResult.bytes(new byte[0]) : SyscallResult.error(Linux.EAGAIN);
            }
            changed("read " + got + " bytes");
            if (wakeWriter && wrWait.active()) {
                wrWait.wakeUpPoll(Linux.EPOLLOUT | Linux.EPOLLWRNORM, "pipe_read: freed a buffer of a full pipe");
            }
            return SyscallResult.bytes(out);
        }

        /**
         * {@code pipe_write}, non-blocking. Every path after the checks ends at {@code out:},
         * which wakes the readers when the pipe was empty or has ever been polled
         * ({@code pipe->poll_usage}): "epoll nonsensically wants a wakeup whether the pipe was
         * already empty or not", even when nothing could be written (EAGAIN, EPIPE).
         */
        @Override
        public SyscallResult write(byte[] data) {
            if (reading) return SyscallResult.error(Linux.EBADF);
            if (data.length == 0) return SyscallResult.ok(0);
            boolean wasEmpty = bufs.isEmpty();
            SyscallResult result;
            if (readers == 0) {
                result = SyscallResult.error(Linux.EPIPE);
            } else {
                int done = 0;
                int chars = data.length & (PAGE_SIZE - 1);
                // merge the tail of a small write into the last buffer when it fits
                if (chars != 0 && !wasEmpty) {
                    Buf last = bufs.peekLast();
                    int offset = last.offset + last.len;
                    if (offset + chars <= PAGE_SIZE) {
                        System.arraycopy(data, 0, last.page, offset, chars);
                        last.len += chars;
                        done = chars;
                    }
                }
                while (done < data.length && !full()) {
                    Buf b = new Buf();
                    int take = Math.min(PAGE_SIZE, data.length - done);
                    System.arraycopy(data, done, b.page, 0, take);
                    b.len = take;
                    bufs.add(b);
                    done += take;
                }
                if (done > 0) {
                    changed("wrote " + done + " bytes (" + bufs.size() + " of " + MAX_USAGE + " buffers used)");
                }
                result = done == 0 ? SyscallResult.error(Linux.EAGAIN) : SyscallResult.ok(done);
            }
            if ((wasEmpty || pollUsage) && rdWait.active()) {
                rdWait.wakeUpPoll(Linux.EPOLLIN | Linux.EPOLLRDNORM, "pipe_write");
            }
            return result;
        }

        @Override
        public SyscallResult shutdown(int how) {
            return SyscallResult.error(Linux.ENOTSOCK);
        }

        /** {@code pipe_release}. */
        @Override
        protected void release() {
            if (reading) readers--; else writers--;
            changed((reading ? "read" : "write") + " end closed");
            if ((readers == 0) != (writers == 0)) {
                if (rdWait.active()) rdWait.wakeUpAll("pipe_release");
                if (wrWait.active()) wrWait.wakeUpAll("pipe_release");
            }
        }
    }
}
