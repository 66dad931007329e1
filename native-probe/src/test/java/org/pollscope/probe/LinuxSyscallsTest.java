package org.pollscope.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pollscope.kernel.Linux;

/** The binding itself: struct layouts at their named offsets, errno after a failure, gettid. */
class LinuxSyscallsTest {

    @BeforeEach
    void needsLinux() {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel on x86-64 or aarch64: " + LinuxSyscalls.UNAVAILABLE);
    }

    private static int[] socketpair() {
        int[] sv = new int[2];
        assertThat(LinuxSyscalls.socketpair(LinuxSyscalls.AF_UNIX,
            LinuxSyscalls.SOCK_STREAM | LinuxSyscalls.SOCK_NONBLOCK | LinuxSyscalls.SOCK_CLOEXEC, 0, sv)).isZero();
        return sv;
    }

    @Test
    void epollEventLayoutIsTheMachinesOwn() {
        // include/uapi/linux/eventpoll.h: EPOLL_PACKED on x86-64 only
        assertThat(LinuxSyscalls.EPOLL_EVENT_SIZE).isEqualTo(LinuxSyscalls.X86_64 ? 12 : 16);
        assertThat(LinuxSyscalls.EPOLL_EVENT_DATA).isEqualTo(LinuxSyscalls.X86_64 ? 4 : 8);
    }

    @Test
    void epollEventDataComesBackWithAll64Bits() {
        int[] sv = socketpair();
        int ep = LinuxSyscalls.epoll_create1(LinuxSyscalls.EPOLL_CLOEXEC_FLAG);
        try {
            Memory ev = new Memory(LinuxSyscalls.EPOLL_EVENT_SIZE * 4L);
            ev.clear();
            ev.setInt(LinuxSyscalls.EPOLL_EVENT_EVENTS, Linux.EPOLLOUT);
            ev.setLong(LinuxSyscalls.EPOLL_EVENT_DATA, 0x1122334455667788L);
            assertThat(LinuxSyscalls.epoll_ctl(ep, LinuxSyscalls.EPOLL_CTL_ADD, sv[0], ev)).isZero();
            ev.clear();
            assertThat(LinuxSyscalls.epoll_wait(ep, ev, 4, 0)).isEqualTo(1);
            assertThat(ev.getInt(LinuxSyscalls.EPOLL_EVENT_EVENTS)).isEqualTo(Linux.EPOLLOUT);
            assertThat(ev.getLong(LinuxSyscalls.EPOLL_EVENT_DATA)).isEqualTo(0x1122334455667788L);
        } finally {
            LinuxSyscalls.close(ep);
            LinuxSyscalls.close(sv[0]);
            LinuxSyscalls.close(sv[1]);
        }
    }

    @Test
    void theAddressFormsAndTheViewsReadWhatTheMemoryHolds() {
        int[] sv = socketpair();
        int ep = LinuxSyscalls.epoll_create1(LinuxSyscalls.EPOLL_CLOEXEC_FLAG);
        try {
            Memory ev = new Memory(LinuxSyscalls.EPOLL_EVENT_SIZE * 4L);
            java.nio.ByteBuffer v = LinuxSyscalls.view(ev);
            long at = LinuxSyscalls.address(ev);
            assertThat(at).isEqualTo(Pointer.nativeValue(ev));
            assertThat(LinuxSyscalls.address(null)).isZero();
            // written through the view, registered through the address: the kernel reads the same bytes
            v.putInt(LinuxSyscalls.EPOLL_EVENT_EVENTS, Linux.EPOLLIN);
            v.putLong(LinuxSyscalls.EPOLL_EVENT_DATA, 0x0102030405060708L);
            assertThat(LinuxSyscalls.epoll_ctl(ep, LinuxSyscalls.EPOLL_CTL_ADD, sv[0], at)).isZero();
            Memory one = new Memory(1);
            one.setByte(0, (byte) 'x');
            assertThat(LinuxSyscalls.write(sv[1], LinuxSyscalls.address(one), 1)).isEqualTo(1);
            for (int i = 0; i < ev.size(); i++) v.put(i, (byte) 0);
            assertThat(LinuxSyscalls.epoll_wait(ep, at, 4, 0)).isEqualTo(1);
            // data at offset 4 on x86-64 is unaligned: the view reads it as the kernel wrote it
            assertThat(v.getInt(LinuxSyscalls.EPOLL_EVENT_EVENTS)).isEqualTo(Linux.EPOLLIN);
            assertThat(v.getLong(LinuxSyscalls.EPOLL_EVENT_DATA)).isEqualTo(0x0102030405060708L);
            assertThat(ev.getLong(LinuxSyscalls.EPOLL_EVENT_DATA)).isEqualTo(0x0102030405060708L);

            Memory pfd = new Memory(LinuxSyscalls.POLLFD_SIZE);
            java.nio.ByteBuffer pv = LinuxSyscalls.view(pfd);
            pv.putInt(LinuxSyscalls.POLLFD_FD, sv[0]).putShort(LinuxSyscalls.POLLFD_EVENTS, (short) Linux.EPOLLIN)
                .putShort(LinuxSyscalls.POLLFD_REVENTS, (short) 0);
            assertThat(LinuxSyscalls.poll(LinuxSyscalls.address(pfd), 1, 0)).isEqualTo(1);
            assertThat(pv.getShort(LinuxSyscalls.POLLFD_REVENTS)).isEqualTo((short) Linux.EPOLLIN);

            Memory set = new Memory(LinuxSyscalls.FD_SET_WORD_BYTES * (sv[0] / 64 + 1L));
            java.nio.ByteBuffer sview = LinuxSyscalls.view(set);
            int word = sv[0] / 64 * LinuxSyscalls.FD_SET_WORD_BYTES;
            for (int i = 0; i < set.size(); i += 8) sview.putLong(i, 0);
            sview.putLong(word, 1L << (sv[0] % 64));
            Memory tv = new Memory(LinuxSyscalls.TIMEVAL_SIZE);
            tv.clear();
            assertThat(LinuxSyscalls.select(sv[0] + 1, LinuxSyscalls.address(set), 0, 0, LinuxSyscalls.address(tv))).isEqualTo(1);
            assertThat(sview.getLong(word)).isEqualTo(1L << (sv[0] % 64));

            Memory buf = new Memory(8);
            assertThat(LinuxSyscalls.read(sv[0], LinuxSyscalls.address(buf), 8)).isEqualTo(1);
            assertThat(buf.getByte(0)).isEqualTo((byte) 'x');
            assertThat(LinuxSyscalls.read(sv[0], LinuxSyscalls.address(buf), 8)).isEqualTo(-1);
            assertThat(LinuxSyscalls.errno()).isEqualTo(Linux.EAGAIN);
        } finally {
            LinuxSyscalls.close(ep);
            LinuxSyscalls.close(sv[0]);
            LinuxSyscalls.close(sv[1]);
        }
    }

    @Test
    void secondEpollEventStartsOneStructSizeLater() {
        int[] sv = socketpair();
        int ep = LinuxSyscalls.epoll_create1(0);
        try {
            Memory ev = new Memory(LinuxSyscalls.EPOLL_EVENT_SIZE * 4L);
            for (int k = 0; k < 2; k++) {
                ev.setInt(LinuxSyscalls.EPOLL_EVENT_EVENTS, Linux.EPOLLOUT);
                ev.setLong(LinuxSyscalls.EPOLL_EVENT_DATA, 0xA0A0_0000_0000_0000L | k);
                assertThat(LinuxSyscalls.epoll_ctl(ep, LinuxSyscalls.EPOLL_CTL_ADD, sv[k], ev)).isZero();
            }
            ev.clear();
            assertThat(LinuxSyscalls.epoll_wait(ep, ev, 4, 0)).isEqualTo(2);
            // the ready list is FIFO: in the order the two became ready, i.e. registered
            for (int k = 0; k < 2; k++) {
                long off = (long) k * LinuxSyscalls.EPOLL_EVENT_SIZE;
                assertThat(ev.getInt(off + LinuxSyscalls.EPOLL_EVENT_EVENTS)).isEqualTo(Linux.EPOLLOUT);
                assertThat(ev.getLong(off + LinuxSyscalls.EPOLL_EVENT_DATA)).isEqualTo(0xA0A0_0000_0000_0000L | k);
            }
        } finally {
            LinuxSyscalls.close(ep);
            LinuxSyscalls.close(sv[0]);
            LinuxSyscalls.close(sv[1]);
        }
    }

    @Test
    void pollfdReventsAreAtOffsetSix() {
        int[] sv = socketpair();
        try {
            Memory p = new Memory(LinuxSyscalls.POLLFD_SIZE * 2L);
            p.setInt(LinuxSyscalls.POLLFD_FD, sv[0]);
            p.setShort(LinuxSyscalls.POLLFD_EVENTS, (short) (Linux.EPOLLIN | Linux.EPOLLOUT));
            p.setShort(LinuxSyscalls.POLLFD_REVENTS, (short) 0x7777);
            p.setInt(LinuxSyscalls.POLLFD_SIZE + LinuxSyscalls.POLLFD_FD, -1); // ignored, revents set to 0
            p.setShort(LinuxSyscalls.POLLFD_SIZE + LinuxSyscalls.POLLFD_EVENTS, (short) Linux.EPOLLIN);
            p.setShort(LinuxSyscalls.POLLFD_SIZE + LinuxSyscalls.POLLFD_REVENTS, (short) 0x7777);
            assertThat(LinuxSyscalls.poll(p, 2, 0)).isEqualTo(1);
            assertThat(p.getShort(LinuxSyscalls.POLLFD_REVENTS)).isEqualTo((short) Linux.EPOLLOUT);
            assertThat(p.getShort(LinuxSyscalls.POLLFD_SIZE + LinuxSyscalls.POLLFD_REVENTS)).isZero();
            assertThat(p.getShort(LinuxSyscalls.POLLFD_EVENTS)).isEqualTo((short) (Linux.EPOLLIN | Linux.EPOLLOUT));
        } finally {
            LinuxSyscalls.close(sv[0]);
            LinuxSyscalls.close(sv[1]);
        }
    }

    @Test
    void fdSetIsABitPerFdInLongs() {
        int[] sv = socketpair();
        try {
            Memory set = new Memory(128);
            set.clear();
            long off = (long) (sv[0] / 64) * 8;
            set.setLong(off, 1L << (sv[0] % 64));
            Memory zero = new Memory(LinuxSyscalls.TIMEVAL_SIZE);
            zero.clear(); // timeout {0, 0}: do not sleep
            int n = LinuxSyscalls.select(sv[0] + 1, Pointer.NULL, set, Pointer.NULL, zero);
            assertThat(n).isEqualTo(1);
            assertThat(set.getLong(off)).isEqualTo(1L << (sv[0] % 64));
        } finally {
            LinuxSyscalls.close(sv[0]);
            LinuxSyscalls.close(sv[1]);
        }
    }

    @Test
    void errnoIsEbadfForAClosedFd() {
        int ep = LinuxSyscalls.epoll_create1(0);
        int gone = LinuxSyscalls.eventfd(0, LinuxSyscalls.EFD_NONBLOCK);
        try {
            assertThat(LinuxSyscalls.close(gone)).isZero();
            Memory ev = new Memory(LinuxSyscalls.EPOLL_EVENT_SIZE);
            ev.clear();
            ev.setInt(LinuxSyscalls.EPOLL_EVENT_EVENTS, Linux.EPOLLIN);
            assertThat(LinuxSyscalls.epoll_ctl(ep, LinuxSyscalls.EPOLL_CTL_ADD, gone, ev)).isEqualTo(-1);
            assertThat(LinuxSyscalls.errno()).isEqualTo(Linux.EBADF);
            assertThat(LinuxSyscalls.close(gone)).isEqualTo(-1);
            assertThat(LinuxSyscalls.errno()).isEqualTo(Linux.EBADF);
        } finally {
            LinuxSyscalls.close(ep);
        }
    }

    @Test
    void errnoIsEexistForASecondAdd() {
        int ep = LinuxSyscalls.epoll_create1(0);
        int[] sv = socketpair();
        try {
            Memory ev = new Memory(LinuxSyscalls.EPOLL_EVENT_SIZE);
            ev.clear();
            ev.setInt(LinuxSyscalls.EPOLL_EVENT_EVENTS, Linux.EPOLLIN);
            assertThat(LinuxSyscalls.epoll_ctl(ep, LinuxSyscalls.EPOLL_CTL_ADD, sv[0], ev)).isZero();
            assertThat(LinuxSyscalls.epoll_ctl(ep, LinuxSyscalls.EPOLL_CTL_ADD, sv[0], ev)).isEqualTo(-1);
            assertThat(LinuxSyscalls.errno()).isEqualTo(Linux.EEXIST);
        } finally {
            LinuxSyscalls.close(ep);
            LinuxSyscalls.close(sv[0]);
            LinuxSyscalls.close(sv[1]);
        }
    }

    @Test
    void gettidIsThisThreadsTaskInProc() throws Exception {
        int tid = LinuxSyscalls.gettid();
        assertThat(Files.exists(Path.of("/proc/self/task/" + tid))).isTrue();
        // a thread reading its own syscall file is, at that moment, inside read(2)
        String syscall = Files.readString(Path.of("/proc/self/task/" + tid + "/syscall")).trim();
        assertThat(syscall.split(" ")[0]).isEqualTo(String.valueOf(LinuxSyscalls.SYS_READ));
    }
}
