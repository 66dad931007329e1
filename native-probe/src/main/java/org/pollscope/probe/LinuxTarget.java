package org.pollscope.probe;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.scenario.Invocation;
import org.pollscope.kernel.scenario.Outcome;
import org.pollscope.kernel.scenario.ScenarioRunner;
import org.pollscope.kernel.scenario.Target;

/**
 * The real Linux kernel as a scenario target. Each invocation is the same system call made
 * through {@link LinuxSyscalls}; every result, errno included, is the kernel's own. The
 * scenario's "main" thread is the caller's thread; every other scenario thread is a real
 * thread, and {@link #awaitBlocked} watches {@code /proc/self/task/TID/syscall} until it
 * sleeps inside the call. Sockets are non-blocking; listeners bind to 127.0.0.1 only.
 */
public final class LinuxTarget implements Target {
    /** The calls a scenario thread can be asleep in: read, poll, select, nanosleep, accept, epoll_wait, ... */
    private static final Set<Integer> SLEEPING_CALLS_X86_64 = Set.of(0, 7, 23, 35, 43, 45, 230, 232, 270, 271, 281, 288, 441);
    private static final Set<Integer> SLEEPING_CALLS_AARCH64 = Set.of(63, 73, 72, 101, 115, 202, 22, 207, 242, 441);
    private static final long PATIENCE_NANOS = 10_000_000_000L;

    private final Set<Integer> opened = ConcurrentHashMap.newKeySet();
    private final Map<String, Worker> workers = new ConcurrentHashMap<>();
    private final Object completions = new Object();
    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);
    private final String release;

    /** Preallocated native memory, one set per Java thread, grown when a call needs more. */
    private static final class Buffers {
        Memory io = new Memory(65536);
        Memory events = new Memory(64L * LinuxSyscalls.EPOLL_EVENT_SIZE);
        Memory pollfds = new Memory(64L * LinuxSyscalls.POLLFD_SIZE);
        final Memory event = new Memory(16);
        final Memory sockaddr = new Memory(LinuxSyscalls.SOCKADDR_IN_SIZE);
        final Memory socklen = new Memory(4);
        final Memory timeval = new Memory(16);
        Memory[] fdsets = {new Memory(128), new Memory(128), new Memory(128)};

        Memory io(long n) {
            if (io.size() < n) io = new Memory(Math.max(n, io.size() * 2));
            return io;
        }

        Memory events(int n) {
            long need = (long) Math.max(1, n) * LinuxSyscalls.EPOLL_EVENT_SIZE;
            if (events.size() < need) events = new Memory(need);
            return events;
        }

        Memory pollfds(int n) {
            long need = (long) Math.max(1, n) * LinuxSyscalls.POLLFD_SIZE;
            if (pollfds.size() < need) pollfds = new Memory(need);
            return pollfds;
        }

        Memory fdset(int which, int words) {
            if (fdsets[which].size() < words * 8L) fdsets[which] = new Memory(words * 8L);
            fdsets[which].clear();
            return fdsets[which];
        }
    }

    /** A scenario thread: a real thread running the calls queued for it. */
    private final class Worker extends Thread {
        final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        volatile int tid;

        Worker(String name) {
            super("scenario-" + name);
            setDaemon(true);
        }

        @Override
        public void run() {
            tid = LinuxSyscalls.gettid();
            try {
                while (true) {
                    queue.take().run();
                }
            } catch (InterruptedException e) {
                // the target was closed
            }
        }
    }

    /** Throws {@link ScenarioRunner.Unavailable} when this system cannot run it. */
    public LinuxTarget() {
        if (LinuxSyscalls.UNAVAILABLE != null) {
            throw new ScenarioRunner.Unavailable(LinuxSyscalls.UNAVAILABLE);
        }
        String r;
        try {
            r = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (IOException e) {
            r = "0";
        }
        this.release = r;
    }

    @Override
    public String side() {
        return "linux";
    }

    @Override
    public String kernelRelease() {
        return release;
    }

    @Override
    public boolean canFork() {
        return false;
    }

    @Override
    public void spawn(String thread, boolean forkProcess) {
        if (forkProcess) {
            throw new IllegalStateException("a JVM cannot fork");
        }
        Worker w = new Worker(thread);
        workers.put(thread, w);
        w.start();
        while (w.tid == 0) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void start(String thread, Invocation call, Consumer<Outcome> done) {
        Worker w = workers.get(thread);
        if (w == null) {
            done.accept(execute(call));
            return;
        }
        w.queue.add(() -> {
            Outcome o = execute(call);
            done.accept(o);
            synchronized (completions) {
                completions.notifyAll();
            }
        });
    }

    @Override
    public boolean settle(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        synchronized (completions) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    completions.wait(Math.max(1, Math.min(left / 1_000_000, 5)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public boolean awaitBlocked(String thread) {
        Worker w = workers.get(thread);
        if (w == null) {
            return false;
        }
        Set<Integer> sleeping = LinuxSyscalls.SYS_GETTID == 186 ? SLEEPING_CALLS_X86_64 : SLEEPING_CALLS_AARCH64;
        Path syscall = Path.of("/proc/self/task/" + w.tid + "/syscall");
        Path stat = Path.of("/proc/self/task/" + w.tid + "/stat");
        long deadline = System.nanoTime() + PATIENCE_NANOS / 2;
        while (System.nanoTime() < deadline) {
            try {
                String s = Files.readString(syscall).trim();
                String first = s.split(" ", 2)[0];
                if (!first.equals("running") && !first.startsWith("-") && sleeping.contains(Integer.parseInt(first))) {
                    String st = Files.readString(stat);
                    char state = st.charAt(st.lastIndexOf(')') + 2);
                    if (state == 'S' || state == 'D') {
                        return true;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return false;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        for (Worker w : workers.values()) {
            w.interrupt();
        }
        for (int fd : new ArrayList<>(opened)) {
            LinuxSyscalls.close(fd);
        }
        opened.clear();
    }

    // ---- the calls ----

    private static Outcome fail() {
        return Outcome.error(LinuxSyscalls.errno());
    }

    private Outcome newFd(int fd) {
        if (fd < 0) return fail();
        opened.add(fd);
        return Outcome.fd(fd);
    }

    private Outcome newPair(int r, int[] fds) {
        if (r < 0) return fail();
        opened.add(fds[0]);
        opened.add(fds[1]);
        return Outcome.twoFds(fds[0], fds[1]);
    }

    /** Runs one invocation on the calling thread. */
    Outcome execute(Invocation c) {
        Buffers b = buffers.get();
        switch (c.call()) {
            case "socketpair": {
                int[] sv = new int[2];
                return newPair(LinuxSyscalls.socketpair(LinuxSyscalls.AF_UNIX,
                    LinuxSyscalls.SOCK_STREAM | LinuxSyscalls.SOCK_NONBLOCK | LinuxSyscalls.SOCK_CLOEXEC, 0, sv), sv);
            }
            case "pipe": {
                int[] fds = new int[2];
                return newPair(LinuxSyscalls.pipe2(fds, LinuxSyscalls.O_NONBLOCK | LinuxSyscalls.O_CLOEXEC), fds);
            }
            case "eventfd":
                return newFd(LinuxSyscalls.eventfd((int) c.num(0), LinuxSyscalls.EFD_NONBLOCK | LinuxSyscalls.EFD_CLOEXEC));
            case "file": {
                byte[] template = (System.getProperty("java.io.tmpdir") + "/pollscope-XXXXXX\0").getBytes(StandardCharsets.US_ASCII);
                int fd = LinuxSyscalls.mkstemp(template);
                if (fd >= 0) LinuxSyscalls.unlink(new String(template, 0, template.length - 1, StandardCharsets.US_ASCII));
                return newFd(fd);
            }
            case "listener":
                return listener(b);
            case "connect":
                return connect(b, c.fd(0));
            case "accept":
                return newFd(LinuxSyscalls.accept4(c.fd(0), Pointer.NULL, Pointer.NULL,
                    LinuxSyscalls.SOCK_NONBLOCK | LinuxSyscalls.SOCK_CLOEXEC));
            case "read": {
                long n = Math.max(0, Math.min(c.num(1), 64L << 20));
                Memory buf = b.io(Math.max(1, n));
                long r = LinuxSyscalls.read(c.fd(0), buf, c.num(1) < 0 ? c.num(1) : n);
                return r < 0 ? fail() : Outcome.bytes(buf.getByteArray(0, (int) r));
            }
            case "write": {
                byte[] data = c.isText(1) ? c.text(1).getBytes(StandardCharsets.ISO_8859_1) : filler(c.num(1));
                return write(b, c.fd(0), data);
            }
            case "fill":
                return fill(b, c.fd(0));
            case "drain":
                return drain(b, c.fd(0));
            case "shutdown":
                return status(LinuxSyscalls.shutdown(c.fd(0), (int) c.num(1)));
            case "close": {
                int r = LinuxSyscalls.close(c.fd(0));
                if (r == 0) opened.remove(c.fd(0));
                return status(r);
            }
            case "dup":
                return newFd(LinuxSyscalls.dup(c.fd(0)));
            case "epoll_create1":
                return newFd(LinuxSyscalls.epoll_create1((int) c.num(0)));
            case "epoll_create":
                return newFd(LinuxSyscalls.epoll_create((int) c.num(0)));
            case "epoll_ctl": {
                b.event.setInt(LinuxSyscalls.EPOLL_EVENT_EVENTS, (int) c.num(3));
                b.event.setLong(LinuxSyscalls.EPOLL_EVENT_DATA, c.num(4));
                return status(LinuxSyscalls.epoll_ctl(c.fd(0), (int) c.num(1), c.fd(2), b.event));
            }
            case "epoll_wait":
                return epollWait(b, c.fd(0), (int) c.num(1), (int) c.num(2));
            case "poll":
                return poll(b, c.pollFds(0), (int) c.num(1));
            case "select":
                return select(b, c.select());
            case "sleep": {
                LinuxSyscalls.poll(Pointer.NULL, 0, (int) c.num(0));
                return Outcome.ok(0);
            }
            case "set_fd_limit":
                return Outcome.skipped("model only: RLIMIT_NOFILE of a JVM is not the scenario's own");
            case "set_max_user_watches":
                return Outcome.skipped("model only: fs.epoll.max_user_watches is a sysctl that needs root");
            default:
                throw new IllegalArgumentException("the Linux target has no call " + c.call());
        }
    }

    private static Outcome status(int r) {
        return r < 0 ? fail() : Outcome.ok(r);
    }

    private static byte[] filler(long n) {
        byte[] d = new byte[(int) Math.max(0, Math.min(n, 64L << 20))];
        java.util.Arrays.fill(d, (byte) 'x');
        return d;
    }

    private static Outcome write(Buffers b, int fd, byte[] data) {
        Memory buf = b.io(Math.max(1, data.length));
        buf.write(0, data, 0, data.length);
        long r = LinuxSyscalls.write(fd, buf, data.length);
        return r < 0 ? fail() : Outcome.ok(r);
    }

    /** Writes 64 KiB chunks, then halving down to one byte, until EAGAIN or {@link Kernel#FILL_LIMIT} bytes. */
    private static Outcome fill(Buffers b, int fd) {
        long total = 0;
        int chunk = 65536;
        Memory buf = b.io(chunk);
        buf.setMemory(0, chunk, (byte) 'x');
        while (chunk >= 1 && total < Kernel.FILL_LIMIT) {
            long r = LinuxSyscalls.write(fd, buf, chunk);
            if (r < 0) {
                int e = LinuxSyscalls.errno();
                if (e != Linux.EAGAIN) return total > 0 ? Outcome.ok(total) : Outcome.error(e);
                chunk /= 2;
            } else {
                total += r;
                if (r < chunk) chunk /= 2;
            }
        }
        return Outcome.ok(total);
    }

    /** Reads until EAGAIN or end of file. */
    private static Outcome drain(Buffers b, int fd) {
        long total = 0;
        Memory buf = b.io(65536);
        while (true) {
            long r = LinuxSyscalls.read(fd, buf, 65536);
            if (r < 0) {
                int e = LinuxSyscalls.errno();
                return total > 0 || e == Linux.EAGAIN ? Outcome.ok(total) : Outcome.error(e);
            }
            if (r == 0) return Outcome.ok(total);
            total += r;
        }
    }

    private Outcome listener(Buffers b) {
        int fd = LinuxSyscalls.socket(LinuxSyscalls.AF_INET,
            LinuxSyscalls.SOCK_STREAM | LinuxSyscalls.SOCK_NONBLOCK | LinuxSyscalls.SOCK_CLOEXEC, 0);
        if (fd < 0) return fail();
        Memory sa = b.sockaddr;
        sa.clear();
        sa.setShort(0, (short) LinuxSyscalls.AF_INET);
        sa.setShort(2, (short) 0);                                  // any free port
        sa.write(4, new byte[] {127, 0, 0, 1}, 0, 4);               // loopback only
        if (LinuxSyscalls.bind(fd, sa, LinuxSyscalls.SOCKADDR_IN_SIZE) < 0 || LinuxSyscalls.listen(fd, 128) < 0) {
            int e = LinuxSyscalls.errno();
            LinuxSyscalls.close(fd);
            return Outcome.error(e);
        }
        return newFd(fd);
    }

    /** A client connected to the port listener {@code l} is bound to. */
    private Outcome connect(Buffers b, int l) {
        Memory sa = b.sockaddr;
        sa.clear();
        b.socklen.setInt(0, LinuxSyscalls.SOCKADDR_IN_SIZE);
        if (LinuxSyscalls.getsockname(l, sa, b.socklen) < 0) return fail();
        if (sa.getShort(0) != LinuxSyscalls.AF_INET) return Outcome.error(Linux.ECONNREFUSED);
        int fd = LinuxSyscalls.socket(LinuxSyscalls.AF_INET,
            LinuxSyscalls.SOCK_STREAM | LinuxSyscalls.SOCK_NONBLOCK | LinuxSyscalls.SOCK_CLOEXEC, 0);
        if (fd < 0) return fail();
        if (LinuxSyscalls.connect(fd, sa, LinuxSyscalls.SOCKADDR_IN_SIZE) < 0) {
            int e = LinuxSyscalls.errno();
            if (e != Linux.EINPROGRESS) {
                LinuxSyscalls.close(fd);
                return Outcome.error(e);
            }
            // wait for the loopback handshake to finish
            Memory pfd = b.pollfds(1);
            pfd.setInt(LinuxSyscalls.POLLFD_FD, fd);
            pfd.setShort(LinuxSyscalls.POLLFD_EVENTS, (short) Linux.EPOLLOUT);
            pfd.setShort(LinuxSyscalls.POLLFD_REVENTS, (short) 0);
            int r = LinuxSyscalls.poll(pfd, 1, 5000);
            short rev = pfd.getShort(LinuxSyscalls.POLLFD_REVENTS);
            if (r <= 0 || (rev & (Linux.EPOLLERR | Linux.EPOLLHUP)) != 0) {
                LinuxSyscalls.close(fd);
                return Outcome.error(Linux.ECONNREFUSED);
            }
        }
        return newFd(fd);
    }

    private static Outcome epollWait(Buffers b, int ep, int maxevents, int timeout) {
        Memory ev = b.events(Math.min(Math.max(maxevents, 1), 65536));
        int n = LinuxSyscalls.epoll_wait(ep, ev, maxevents, timeout);
        if (n < 0) return fail();
        List<Outcome.Ready> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long off = (long) i * LinuxSyscalls.EPOLL_EVENT_SIZE;
            out.add(new Outcome.Ready(ev.getLong(off + LinuxSyscalls.EPOLL_EVENT_DATA),
                ev.getInt(off + LinuxSyscalls.EPOLL_EVENT_EVENTS)));
        }
        return Outcome.events(out);
    }

    private static Outcome poll(Buffers b, List<Invocation.PollFd> list, int timeout) {
        Memory p = b.pollfds(list.size());
        for (int i = 0; i < list.size(); i++) {
            long off = (long) i * LinuxSyscalls.POLLFD_SIZE;
            p.setInt(off + LinuxSyscalls.POLLFD_FD, list.get(i).fd());
            p.setShort(off + LinuxSyscalls.POLLFD_EVENTS, list.get(i).events());
            p.setShort(off + LinuxSyscalls.POLLFD_REVENTS, (short) 0);
        }
        int n = LinuxSyscalls.poll(p, list.size(), timeout);
        if (n < 0) return fail();
        List<Outcome.Ready> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            short rev = p.getShort((long) i * LinuxSyscalls.POLLFD_SIZE + LinuxSyscalls.POLLFD_REVENTS);
            if (rev != 0) out.add(new Outcome.Ready(list.get(i).fd(), rev & 0xffff));
        }
        return Outcome.events(n, out);
    }

    private static Outcome select(Buffers b, Invocation.SelectSets s) {
        int max = -1;
        for (int[] set : new int[][] {s.read(), s.write(), s.except()}) {
            for (int fd : set) max = Math.max(max, fd);
        }
        long nfds = s.nfds() == Invocation.SelectSets.DEFAULT_NFDS ? max + 1 : s.nfds();
        int words = Math.max(Linux.FD_SETSIZE / 64, (int) ((Math.max(max, Math.min(nfds, 1 << 20)) + 64) / 64));
        Memory[] sets = {b.fdset(0, words), b.fdset(1, words), b.fdset(2, words)};
        int[][] fds = {s.read(), s.write(), s.except()};
        for (int k = 0; k < 3; k++) {
            for (int fd : fds[k]) {
                if (fd >= 0) {
                    long off = (fd / 64) * 8L;
                    sets[k].setLong(off, sets[k].getLong(off) | (1L << (fd % 64)));
                }
            }
        }
        Pointer tv = Pointer.NULL;
        if (s.timeoutMs() >= 0) {
            b.timeval.setLong(0, s.timeoutMs() / 1000);
            b.timeval.setLong(8, (s.timeoutMs() % 1000) * 1000);
            tv = b.timeval;
        }
        int n = LinuxSyscalls.select((int) nfds, sets[0], sets[1], sets[2], tv);
        if (n < 0) return fail();
        List<Outcome.Ready> out = new ArrayList<>();
        int top = (int) Math.min(nfds, words * 64L);
        for (int fd = 0; fd < top; fd++) {
            int m = 0;
            for (int k = 0; k < 3; k++) {
                if ((sets[k].getLong((fd / 64) * 8L) & (1L << (fd % 64))) != 0) m |= 1 << k;
            }
            if (m != 0) out.add(new Outcome.Ready(fd, m));
        }
        return Outcome.events(n, out);
    }
}
