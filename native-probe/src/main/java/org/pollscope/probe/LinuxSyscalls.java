package org.pollscope.probe;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc calls PollScope needs, bound by JNA direct mapping (static native methods, raw
 * ints and pointers, no marshalling). errno is read with {@link #errno()} only after a call
 * returned -1 (JNA saves it after every direct call).
 *
 * <p>Struct layouts, with named offsets:
 * <pre>
 * struct epoll_event {            x86-64: packed, 12 bytes    aarch64: 16 bytes
 *     uint32_t events;            offset 0                    offset 0
 *     uint64_t data;              offset 4                    offset 8
 * };
 * struct pollfd { int fd; short events; short revents; };     8 bytes: 0, 4, 6
 * struct sockaddr_in { sa_family_t family; in_port_t port; struct in_addr addr; char zero[8]; }  16 bytes: 0, 2, 4
 * fd_set: an array of unsigned long, bit fd % 64 of word fd / 64
 * struct timeval { long tv_sec; long tv_usec; }               16 bytes: 0, 8
 * </pre>
 */
public final class LinuxSyscalls {
    private LinuxSyscalls() {}

    /** Why the binding is not available here, or null when it is. */
    public static final String UNAVAILABLE;

    static {
        String why = null;
        if (!Platform.isLinux()) {
            why = "the real-kernel side needs Linux; this is " + System.getProperty("os.name");
        } else if (!Platform.isIntel() && !Platform.isARM()) {
            why = "the real-kernel side knows the struct layouts of x86-64 and aarch64 only; this is " + System.getProperty("os.arch");
        } else if (!Platform.is64Bit()) {
            why = "the real-kernel side needs a 64-bit JVM";
        } else {
            try {
                Native.register(LinuxSyscalls.class, Platform.C_LIBRARY_NAME);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                why = "JNA could not bind libc: " + e.getMessage();
            }
        }
        UNAVAILABLE = why;
    }

    // struct epoll_event
    public static final int EPOLL_EVENT_SIZE = Platform.isIntel() ? 12 : 16;
    public static final int EPOLL_EVENT_EVENTS = 0;
    public static final int EPOLL_EVENT_DATA = Platform.isIntel() ? 4 : 8;
    // struct pollfd
    public static final int POLLFD_SIZE = 8;
    public static final int POLLFD_FD = 0;
    public static final int POLLFD_EVENTS = 4;
    public static final int POLLFD_REVENTS = 6;
    // struct sockaddr_in
    public static final int SOCKADDR_IN_SIZE = 16;

    // socket domains, types and flags
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_NONBLOCK = 0x800;   // O_NONBLOCK
    public static final int SOCK_CLOEXEC = 0x80000;  // O_CLOEXEC
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;
    public static final int EPOLL_CLOEXEC_FLAG = 0x80000;
    public static final int EFD_NONBLOCK = 0x800;
    public static final int EFD_CLOEXEC = 0x80000;
    // fcntl
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    // rlimit
    public static final int RLIMIT_NOFILE = 7;

    // system call numbers, for gettid and for reading /proc/self/task/TID/syscall
    public static final long SYS_GETTID = Platform.isIntel() ? 186 : 178;

    public static native int socketpair(int domain, int type, int protocol, int[] sv);

    public static native int pipe2(int[] fds, int flags);

    public static native int eventfd(int initval, int flags);

    public static native int mkstemp(byte[] template);

    public static native int unlink(String path);

    public static native int socket(int domain, int type, int protocol);

    public static native int bind(int fd, Pointer addr, int len);

    public static native int listen(int fd, int backlog);

    public static native int accept4(int fd, Pointer addr, Pointer len, int flags);

    public static native int connect(int fd, Pointer addr, int len);

    public static native int getsockname(int fd, Pointer addr, Pointer len);

    public static native long read(int fd, Pointer buf, long count);

    public static native long write(int fd, Pointer buf, long count);

    public static native int shutdown(int fd, int how);

    public static native int close(int fd);

    public static native int dup(int fd);

    public static native int epoll_create1(int flags);

    public static native int epoll_create(int size);

    public static native int epoll_ctl(int epfd, int op, int fd, Pointer event);

    public static native int epoll_wait(int epfd, Pointer events, int maxevents, int timeout);

    public static native int poll(Pointer fds, long nfds, int timeout);

    public static native int select(int nfds, Pointer readfds, Pointer writefds, Pointer exceptfds, Pointer timeout);

    public static native long syscall(long number);

    public static native int getppid();

    public static native int getrlimit(int resource, Pointer rlim);

    public static native int setrlimit(int resource, Pointer rlim);

    /** errno of the last failed call on this thread. */
    public static int errno() {
        return Native.getLastError();
    }

    /** The calling thread's kernel thread id. */
    public static int gettid() {
        return (int) syscall(SYS_GETTID);
    }
}
