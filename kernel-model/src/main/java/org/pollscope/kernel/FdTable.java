package org.pollscope.kernel;

import java.util.Arrays;

/**
 * {@code struct files_struct}: a process's file descriptors. {@code alloc} gives the lowest
 * free fd ({@code alloc_fd}), {@code EMFILE} at the RLIMIT_NOFILE of the kernel.
 * {@code maxFds} grows as {@code alloc_fdtable} grows {@code fdt->max_fds}.
 */
public final class FdTable {
    private OpenFile[] files = new OpenFile[64];
    private int maxFds = 64; // NR_OPEN_DEFAULT on 64-bit
    private int open;
    /** fdt->next_fd: no fd below this is free */
    private int nextFd;

    /** The file at fd, or null. */
    public OpenFile get(int fd) {
        return fd >= 0 && fd < files.length ? files[fd] : null;
    }

    /** The lowest free fd below {@code limit} holding {@code f}, or -EMFILE. */
    int alloc(OpenFile f, int limit) {
        for (int fd = nextFd; fd < limit; fd++) {
            if (fd >= files.length || files[fd] == null) {
                ensure(fd);
                files[fd] = f;
                open++;
                nextFd = fd + 1;
                return fd;
            }
        }
        return -Linux.EMFILE;
    }

    private void ensure(int fd) {
        if (fd >= files.length) {
            files = Arrays.copyOf(files, Math.max(files.length * 2, fd + 1));
        }
        if (fd >= maxFds) {
            // alloc_fdtable: round up to a power of two of 1 KiB worth of pointers
            int perKb = 1024 / 8;
            int nr = Integer.highestOneBit((fd / perKb) + 1);
            if (nr < (fd / perKb) + 1) nr <<= 1;
            maxFds = Math.max(maxFds, nr * perKb);
        }
    }

    /** Removes fd from the table and returns its file (the caller drops the reference). */
    OpenFile remove(int fd) {
        OpenFile f = get(fd);
        if (f != null) {
            files[fd] = null;
            open--;
            nextFd = Math.min(nextFd, fd);
        }
        return f;
    }

    /** {@code fdt->max_fds}: select clips nfds to this. */
    public int maxFds() {
        return maxFds;
    }

    /** One more than the highest open fd (0 when none); a scan of the table: hoist it out of loops. */
    public int highWater() {
        for (int fd = files.length - 1; fd >= 0; fd--) {
            if (files[fd] != null) return fd + 1;
        }
        return 0;
    }

    public int openCount() {
        return open;
    }

    /** dup_fd for fork: the same files, each with one more reference. */
    FdTable copyForFork() {
        FdTable t = new FdTable();
        t.files = files.clone();
        t.maxFds = maxFds;
        t.open = open;
        t.nextFd = nextFd;
        for (OpenFile f : t.files) {
            if (f != null) f.get();
        }
        return t;
    }
}
