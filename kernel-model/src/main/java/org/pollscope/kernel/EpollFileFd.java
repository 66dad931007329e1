package org.pollscope.kernel;

import java.util.Comparator;

/**
 * {@code struct epoll_filefd}: the key of the interest list, (open file, fd). Ordered as
 * {@code ep_cmp_ffd} orders it: by the file pointer first, then by the fd. So a {@code dup}ed
 * fd of the same file is a different key, and a closed fd whose file lives on keeps its key.
 */
public record EpollFileFd(OpenFile file, int fd) {

    /** {@code ep_cmp_ffd}. */
    public static final Comparator<EpollFileFd> ORDER = (a, b) ->
        a.file.address != b.file.address ? Long.compare(a.file.address, b.file.address) : Integer.compare(a.fd, b.fd);

    @Override
    public String toString() {
        return "(" + file.label + ", fd " + fd + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EpollFileFd k && k.file == file && k.fd == fd;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(file.address) * 31 + fd;
    }
}
