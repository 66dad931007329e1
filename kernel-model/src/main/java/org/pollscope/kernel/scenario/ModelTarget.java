package org.pollscope.kernel.scenario;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.Syscall;
import org.pollscope.kernel.SyscallResult;

/**
 * The simulated kernel as a scenario target: every invocation becomes a {@link Syscall} of
 * a {@link Kernel}, run on the simulated thread of the same name. Deterministic: scenario
 * threads run as soon as they can, in the order they were woken.
 */
public final class ModelTarget implements Target {
    /** The kernel release whose behaviour the model follows. */
    public static final String KERNEL_RELEASE = "6.12";

    private final Kernel kernel;
    private final SimThread main;
    private final Map<String, SimThread> threads = new HashMap<>();

    public ModelTarget() {
        this(new Kernel());
    }

    public ModelTarget(Kernel kernel) {
        this.kernel = kernel;
        this.main = kernel.newProcess("main");
        threads.put("main", main);
    }

    public Kernel kernel() {
        return kernel;
    }

    /** The simulated thread behind a scenario thread name, or null. */
    public SimThread thread(String name) {
        return threads.get(name);
    }

    @Override
    public String side() {
        return "model";
    }

    @Override
    public String kernelRelease() {
        return KERNEL_RELEASE;
    }

    @Override
    public boolean canFork() {
        return true;
    }

    @Override
    public void spawn(String thread, boolean forkProcess) {
        threads.put(thread, forkProcess ? kernel.fork(main, thread) : kernel.newThread(main.process(), thread));
    }

    @Override
    public void start(String thread, Invocation call, Consumer<SyscallResult> done) {
        SimThread t = threads.get(thread);
        if (t == null) {
            throw new IllegalArgumentException("no thread " + thread);
        }
        kernel.submit(t, syscall(call), done);
    }

    @Override
    public boolean settle(BooleanSupplier condition) {
        return kernel.settle(condition);
    }

    @Override
    public boolean awaitBlocked(String thread) {
        kernel.runPending();
        SimThread t = threads.get(thread);
        return t != null && t.state() == SimThread.State.SLEEPING;
    }

    @Override
    public void close() {
        // nothing outside the JVM to release
    }

    /** The model's system call for a scenario invocation. */
    Syscall syscall(Invocation c) {
        Kernel k = kernel;
        String name = c.call();
        String args = argsText(c);
        return switch (name) {
            case "socketpair" -> Syscall.of(name, "AF_UNIX, SOCK_STREAM|SOCK_NONBLOCK, 0", k::socketpair);
            case "pipe" -> Syscall.of("pipe2", "O_NONBLOCK", k::pipe);
            case "eventfd" -> Syscall.of("eventfd2", args + ", EFD_NONBLOCK", t -> k.eventfd(t, c.num(0)));
            case "file" -> Syscall.of("openat", "O_RDWR|O_CREAT", k::regularFile);
            case "listener" -> Syscall.of("listen", "127.0.0.1:0, 128", k::listener);
            case "connect" -> k.connect(c.fd(0));
            case "accept" -> Syscall.of("accept4", args + ", SOCK_NONBLOCK", t -> k.accept(t, c.fd(0)));
            case "read" -> Syscall.of(name, args, t -> k.read(t, c.fd(0), c.num(1)));
            case "write" -> Syscall.of(name, args, t -> k.write(t, c.fd(0), c.isText(1)
                ? c.text(1).getBytes(StandardCharsets.ISO_8859_1) : filler(c.num(1))));
            case "fill" -> Syscall.of("write", c.fd(0) + ", ... (until EAGAIN)", t -> k.fill(t, c.fd(0)));
            case "drain" -> Syscall.of("read", c.fd(0) + ", ... (until EAGAIN)", t -> k.drain(t, c.fd(0)));
            case "shutdown" -> Syscall.of(name, args, t -> k.shutdown(t, c.fd(0), (int) c.num(1)));
            case "linger" -> Syscall.of("setsockopt", c.fd(0) + ", SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=" + c.num(1) + "}",
                t -> k.setLinger(t, c.fd(0), (int) c.num(1)));
            case "close" -> Syscall.of(name, args, t -> k.close(t, c.fd(0)));
            case "dup" -> Syscall.of(name, args, t -> k.dup(t, c.fd(0)));
            case "epoll_create1" -> Syscall.of(name, args, t -> k.epollCreate1(t, c.num(0)));
            case "epoll_create" -> Syscall.of(name, args, t -> k.epollCreate(t, c.num(0)));
            case "epoll_ctl" -> Syscall.of(name, args, t -> k.epollCtl(t, c.fd(0), (int) c.num(1), c.fd(2),
                (int) c.num(3), c.num(4)));
            case "epoll_wait" -> k.epollWait(c.fd(0), (int) c.num(1), (int) c.num(2));
            case "poll" -> {
                List<Invocation.PollFd> list = c.pollFds(0);
                int[] fds = list.stream().mapToInt(Invocation.PollFd::fd).toArray();
                short[] events = new short[list.size()];
                for (int i = 0; i < events.length; i++) events[i] = list.get(i).events();
                yield k.poll(fds, events, (int) c.num(1));
            }
            case "select" -> {
                Invocation.SelectSets s = c.select();
                yield k.select(s.nfds(), s.read(), s.write(), s.except(), s.timeoutMs());
            }
            case "sleep" -> k.nanosleep(c.num(0));
            case "set_fd_limit" -> Syscall.of("setrlimit", "RLIMIT_NOFILE, " + c.num(0), t -> {
                k.fdLimit((int) c.num(0));
                return SyscallResult.ok(0);
            });
            case "set_max_user_watches" -> Syscall.of("sysctl", "fs.epoll.max_user_watches=" + c.num(0), t -> {
                k.maxUserWatches(c.num(0));
                return SyscallResult.ok(0);
            });
            default -> throw new IllegalArgumentException("the model has no call " + name);
        };
    }

    private static byte[] filler(long n) {
        byte[] b = new byte[(int) Math.max(0, Math.min(n, 64 << 20))];
        java.util.Arrays.fill(b, (byte) 'x');
        return b;
    }

    private static String argsText(Invocation c) {
        StringBuilder sb = new StringBuilder();
        for (Object a : c.args()) {
            if (sb.length() > 0) sb.append(", ");
            if (a instanceof String s) sb.append('"').append(s.replace("\n", "\\n")).append('"');
            else sb.append(a);
        }
        return sb.toString();
    }
}
