package org.pollscope.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pollscope.kernel.Linux;

class LinuxSyscallsTest {

    @BeforeEach
    void needsLinux() {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel: " + LinuxSyscalls.UNAVAILABLE);
    }

    @Test
    void packedEpollEventCarriesAll64BitsOfData() {
        int[] sv = new int[2];
        assertThat(LinuxSyscalls.socketpair(LinuxSyscalls.AF_UNIX, LinuxSyscalls.SOCK_STREAM | LinuxSyscalls.SOCK_NONBLOCK, 0, sv)).isZero();
        int ep = LinuxSyscalls.epoll_create1(0);
        try {
            Memory ev = new Memory(LinuxSyscalls.EPOLL_EVENT_SIZE * 4L);
            ev.setInt(LinuxSyscalls.EPOLL_EVENT_EVENTS, Linux.EPOLLOUT);
            ev.setLong(LinuxSyscalls.EPOLL_EVENT_DATA, 0x1122334455667788L);
            assertThat(LinuxSyscalls.epoll_ctl(ep, Linux.EPOLL_CTL_ADD, sv[0], ev)).isZero();
            ev.clear();
            assertThat(LinuxSyscalls.epoll_wait(ep, ev, 4, 0)).isEqualTo(1);
            assertThat(ev.getInt(LinuxSyscalls.EPOLL_EVENT_EVENTS)).isEqualTo(Linux.EPOLLOUT);
            assertThat(ev.getLong(LinuxSyscalls.EPOLL_EVENT_DATA)).isEqualTo(0x1122334455667788L);
            assertThat(LinuxSyscalls.EPOLL_EVENT_SIZE).isEqualTo(com.sun.jna.Platform.isIntel() ? 12 : 16);
        } finally {
            LinuxSyscalls.close(ep);
            LinuxSyscalls.close(sv[0]);
            LinuxSyscalls.close(sv[1]);
        }
    }

    @Test
    void errnoIsTheKernelsAfterAFailure() {
        int ep = LinuxSyscalls.epoll_create1(0);
        int[] sv = new int[2];
        LinuxSyscalls.socketpair(LinuxSyscalls.AF_UNIX, LinuxSyscalls.SOCK_STREAM, 0, sv);
        try {
            Memory ev = new Memory(16);
            ev.setInt(0, Linux.EPOLLIN);
            assertThat(LinuxSyscalls.epoll_ctl(ep, Linux.EPOLL_CTL_ADD, sv[0], ev)).isZero();
            assertThat(LinuxSyscalls.epoll_ctl(ep, Linux.EPOLL_CTL_ADD, sv[0], ev)).isEqualTo(-1);
            assertThat(LinuxSyscalls.errno()).isEqualTo(Linux.EEXIST);
            assertThat(LinuxSyscalls.close(1_000_000)).isEqualTo(-1);
            assertThat(LinuxSyscalls.errno()).isEqualTo(Linux.EBADF);
        } finally {
            LinuxSyscalls.close(ep);
            LinuxSyscalls.close(sv[0]);
            LinuxSyscalls.close(sv[1]);
        }
    }

    @Test
    void gettidIsThisThreadsTaskInProc() {
        int tid = LinuxSyscalls.gettid();
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/task/" + tid))).isTrue();
    }
}
