package org.pollscope.probe;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The glibc wrappers PollScope calls, bound by JNA direct mapping: static native methods, raw
 * ints, longs and pointers, nothing marshalled (the style of OpenJDK's {@code sun.nio.ch.EPoll}).
 * Each method is the C function of the same name; see its man page. A call returns what the C
 * function returns; after a -1, {@link #errno()} is the errno the kernel set. Arrays of structs
 * are blocks of native memory that the caller owns and reuses, read and written at the named
 * offsets below.
 *
 * <p>What a call costs, for loops that make many (the bench, the live server): JNA's
 * {@code Memory.getInt}, {@code getShort}, {@code getLong} and the setters are each one JNI call
 * into native code, so a loop that reads one field per event or per {@code pollfd} pays a
 * native call for each. Such a loop reads and writes the block through {@link #view(Memory)}, a
 * direct {@code ByteBuffer} over the same memory in the machine's byte order, whose accesses the
 * JIT compiles to plain loads and stores. The calls that take a buffer also come in a form that
 * takes its address as a {@code long} ({@link #address(Pointer)}, computed once): a {@code
 * Pointer} argument costs JNA a conversion on every call (a JNI field read of the pointer's
 * address, {@code getNativeAddress} in JNA's {@code dispatch.c}); a {@code long} is passed as it is.
 *
 * <p>Struct layouts (x86-64 and aarch64 Linux, LP64):
 * <pre>
 * struct epoll_event {            x86-64: __attribute__((packed)), 12 bytes   aarch64: 16 bytes
 *     uint32_t     events;        offset 0                                    offset 0
 *     epoll_data_t data;          offset 4 (u64, unaligned)                   offset 8
 * };
 * struct pollfd   { int fd; short events; short revents; };       8 bytes: fd 0, events 4, revents 6
 * fd_set          { unsigned long fds_bits[FD_SETSIZE / 64]; }    bit (fd % 64) of word (fd / 64)
 * struct timeval  { time_t tv_sec; suseconds_t tv_usec; };        16 bytes: 0, 8
 * struct timespec { time_t tv_sec; long tv_nsec; };               16 bytes: 0, 8
 * struct sockaddr_in { sa_family_t family; in_port_t port; struct in_addr addr; char zero[8]; }
 *                                                                 16 bytes: 0, 2 (big-endian), 4
 * struct rlimit   { rlim_t rlim_cur; rlim_t rlim_max; };          16 bytes: 0, 8
 * </pre>
 *
 * <p>Only x86-64 and aarch64 are known: the epoll_event layout and the system call numbers
 * differ between them, and another machine would need its own. Elsewhere the class still
 * loads (so callers can say why), binds nothing, and {@link #UNAVAILABLE} says why.
 */
public final class LinuxSyscalls {
    private LinuxSyscalls() {}

    /** x86-64; otherwise aarch64 (when {@link #UNAVAILABLE} is null). Decided once, at class init. */
    public static final boolean X86_64 = Platform.isIntel() && Platform.is64Bit();

    /** Why the binding is not available here, or null when it is. */
    public static final String UNAVAILABLE;

    static {
        String why = null;
        boolean aarch64 = Platform.isARM() && Platform.is64Bit();
        if (!Platform.isLinux()) {
            why = "the real-kernel side needs Linux (epoll is Linux's own); this is " + System.getProperty("os.name");
        } else if (!X86_64 && !aarch64) {
            why = "the real-kernel side knows the struct layouts and system call numbers of x86-64 and aarch64 only;"
                + " this JVM runs on " + System.getProperty("os.arch");
        } else {
            try {
                Native.register(LinuxSyscalls.class, Platform.C_LIBRARY_NAME);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                why = "JNA could not bind the C library (" + e.getMessage() + ")";
            }
        }
        UNAVAILABLE = why;
    }

    // struct epoll_event: packed on x86-64 only (the kernel's EPOLL_PACKED, include/uapi/linux/eventpoll.h)
    public static final int EPOLL_EVENT_SIZE = X86_64 ? 12 : 16;
    public static final int EPOLL_EVENT_EVENTS = 0;
    public static final int EPOLL_EVENT_DATA = X86_64 ? 4 : 8;
    // struct pollfd
    public static final int POLLFD_SIZE = 8;
    public static final int POLLFD_FD = 0;
    public static final int POLLFD_EVENTS = 4;
    public static final int POLLFD_REVENTS = 6;
    // fd_set
    public static final int FD_SET_WORD_BYTES = 8;
    public static final int FD_SET_WORD_BITS = 64;
    // struct timeval and struct timespec
    public static final int TIMEVAL_SIZE = 16;
    public static final int TIMEVAL_SEC = 0;
    public static final int TIMEVAL_USEC = 8;
    public static final int TIMESPEC_SIZE = 16;
    public static final int TIMESPEC_SEC = 0;
    public static final int TIMESPEC_NSEC = 8;
    // struct sockaddr_in
    public static final int SOCKADDR_IN_SIZE = 16;
    public static final int SOCKADDR_IN_FAMILY = 0;
    public static final int SOCKADDR_IN_PORT = 2;
    public static final int SOCKADDR_IN_ADDR = 4;
    // struct rlimit
    public static final int RLIMIT_SIZE = 16;
    public static final int RLIMIT_CUR = 0;
    public static final int RLIMIT_MAX = 8;

    // opcodes
    public static final int EPOLL_CTL_ADD = 1;
    public static final int EPOLL_CTL_DEL = 2;
    public static final int EPOLL_CTL_MOD = 3;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int SHUT_RD = 0;
    public static final int SHUT_WR = 1;
    public static final int SHUT_RDWR = 2;

    // socket domains and types
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int SOCK_STREAM = 1;

    // flags
    public static final int O_RDWR = 0x2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;
    public static final int SOCK_NONBLOCK = O_NONBLOCK;
    public static final int SOCK_CLOEXEC = O_CLOEXEC;
    public static final int EFD_NONBLOCK = O_NONBLOCK;
    public static final int EFD_CLOEXEC = O_CLOEXEC;
    public static final int EPOLL_CLOEXEC_FLAG = O_CLOEXEC;

    // socket options
    public static final int SOL_SOCKET = 1;
    public static final int SO_LINGER = 13;    // struct linger { int l_onoff; int l_linger; }: 8 bytes
    public static final int SO_SNDTIMEO = 21;  // SO_SNDTIMEO_OLD: a struct timeval of longs, as on every LP64 machine
    public static final int IPPROTO_TCP = 6;
    public static final int TCP_NODELAY = 1;   // include/uapi/linux/tcp.h: an int, 1 turns Nagle's algorithm off
    public static final int TCP_INFO = 11;     // struct tcp_info; its first byte is tcpi_state
    public static final int TCP_FIN_WAIT1 = 4; // include/net/tcp_states.h

    // resources
    public static final int RLIMIT_NOFILE = 7;

    // system call numbers (arch/x86/entry/syscalls/syscall_64.tbl, include/uapi/asm-generic/unistd.h);
    // -1 where aarch64 has no such call (it has only the p- and _pwait forms)
    public static final long SYS_GETTID = X86_64 ? 186 : 178;
    public static final int SYS_READ = X86_64 ? 0 : 63;
    public static final int SYS_WRITE = X86_64 ? 1 : 64;
    public static final int SYS_POLL = X86_64 ? 7 : -1;
    public static final int SYS_PPOLL = X86_64 ? 271 : 73;
    public static final int SYS_SELECT = X86_64 ? 23 : -1;
    public static final int SYS_PSELECT6 = X86_64 ? 270 : 72;
    public static final int SYS_EPOLL_WAIT = X86_64 ? 232 : -1;
    public static final int SYS_EPOLL_PWAIT = X86_64 ? 281 : 22;
    public static final int SYS_EPOLL_PWAIT2 = 441;
    public static final int SYS_CONNECT = X86_64 ? 42 : 203;
    public static final int SYS_ACCEPT = X86_64 ? 43 : 202;
    public static final int SYS_ACCEPT4 = X86_64 ? 288 : 242;
    public static final int SYS_NANOSLEEP = X86_64 ? 35 : 101;
    public static final int SYS_CLOCK_NANOSLEEP = X86_64 ? 230 : 115;

    // files
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

    public static native int setsockopt(int fd, int level, int name, Pointer value, int len);

    public static native int getsockopt(int fd, int level, int name, Pointer value, Pointer len);

    /** fcntl(fd, cmd, arg): variadic in C; an int third argument travels in the same register on both machines. */
    public static native int fcntl(int fd, int cmd, int arg);

    public static native int dup(int fd);

    public static native int close(int fd);

    // data
    public static native long read(int fd, Pointer buf, long count);

    public static native long write(int fd, Pointer buf, long count);

    public static native int shutdown(int fd, int how);

    /** read(2) into the native memory at address {@code buf} (see {@link #address(Pointer)}). */
    public static native long read(int fd, long buf, long count);

    /** write(2) from the native memory at address {@code buf}. */
    public static native long write(int fd, long buf, long count);

    // waiting
    public static native int epoll_create1(int flags);

    public static native int epoll_create(int size);

    public static native int epoll_ctl(int epfd, int op, int fd, Pointer event);

    public static native int epoll_wait(int epfd, Pointer events, int maxevents, int timeout);

    public static native int poll(Pointer fds, long nfds, int timeout);

    public static native int select(int nfds, Pointer readfds, Pointer writefds, Pointer exceptfds, Pointer timeout);

    public static native int nanosleep(Pointer req, Pointer rem);

    // waiting, on buffers given by address: no conversion per call
    public static native int epoll_ctl(int epfd, int op, int fd, long event);

    public static native int epoll_wait(int epfd, long events, int maxevents, int timeout);

    public static native int poll(long fds, long nfds, int timeout);

    /** select(2); 0 for a set or a timeout not given (NULL). */
    public static native int select(int nfds, long readfds, long writefds, long exceptfds, long timeout);

    /** The address of native memory, for the calls that take one as a {@code long}; 0 for null. */
    public static long address(Pointer p) {
        return p == null ? 0 : Pointer.nativeValue(p);
    }

    /**
     * A direct buffer over the whole of {@code m}, in the machine's byte order, for reading and
     * writing struct arrays (epoll_event, pollfd, fd_set) at the offsets above without a native
     * call per field. It keeps {@code m} alive while the buffer is reachable (JNA's
     * {@code Memory.getByteBuffer}); absolute {@code get}/{@code put} at byte offsets.
     */
    public static ByteBuffer view(Memory m) {
        return m.getByteBuffer(0, m.size()).order(ByteOrder.nativeOrder());
    }

    // the process
    /** syscall(number): variadic in C; used with no further arguments, for gettid (glibc before 2.30 has no wrapper). */
    public static native long syscall(long number);

    public static native int getppid();

    /** unshare(2)'s flag that gives the calling thread a file table of its own (a copy of the one it shared). */
    public static final int CLONE_FILES = 0x00000400;

    /** unshare(flags): here only {@link #CLONE_FILES}, by {@link OwnFileTable}. */
    public static native int unshare(int flags);

    public static native int getrlimit(int resource, Pointer rlim);

    public static native int setrlimit(int resource, Pointer rlim);

    /**
     * errno of the last failed call on this thread. JNA saves errno right after every direct
     * call, before the JVM can run anything that would overwrite it; read it only after -1.
     */
    public static int errno() {
        return Native.getLastError();
    }

    /** The calling thread's kernel thread id: the TID of {@code /proc/self/task/TID}. */
    public static int gettid() {
        return (int) syscall(SYS_GETTID);
    }

    // ---- the live server (org.pollscope.probe.live) ----

    // struct sockaddr_in6 { sa_family_t family; in_port_t port; uint32_t flowinfo; struct in6_addr addr; uint32_t scope_id; }
    public static final int SOCKADDR_IN6_SIZE = 28;
    public static final int SOCKADDR_IN6_FAMILY = 0;
    public static final int SOCKADDR_IN6_PORT = 2;
    public static final int SOCKADDR_IN6_ADDR = 8;
    public static final int AF_INET6 = 10;
    // socket options
    public static final int SO_REUSEADDR = 2;
    public static final int SO_ERROR = 4;
    // ioctl requests (include/uapi/asm-generic/ioctls.h; the same on x86-64 and aarch64)
    /** FIONREAD = TIOCINQ: bytes in a socket's receive queue (tcp_ioctl SIOCINQ) */
    public static final long FIONREAD = 0x541B;
    // errno values the live server names (include/uapi/asm-generic/errno.h)
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;

    /** ioctl(fd, request, argp): variadic in C; a pointer third argument travels as any pointer does. */
    public static native int ioctl(int fd, long request, Pointer argp);
}
