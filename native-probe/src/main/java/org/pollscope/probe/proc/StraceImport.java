package org.pollscope.probe.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.text.Utf8;

/**
 * A saved strace log read back into the interest list each epoll fd has at the log's end, per
 * process, and what was ready over time. Takes logs with or without {@code -yy}, {@code -f}
 * ({@code [pid  123] } or {@code 123 } before a line), {@code -t}/{@code -tt}/{@code -ttt},
 * {@code -T}, {@code <unfinished ...>} and {@code <... NAME resumed>} pairs, signals and exits.
 *
 * <p>The kernel's rules replayed: {@code do_epoll_ctl} adds EPOLLERR|EPOLLHUP to the mask of
 * ADD and MOD; {@code ep_send_events} disarms an EPOLLONESHOT item to its private bits once it
 * is delivered; an item is keyed by (file, fd) ({@code ep_find}) and goes away when its file is
 * released, when the last fd on it is closed ({@code eventpoll_release_file}), not at the
 * close of one fd; {@code dup}, {@code fork} share the file. Only calls that succeeded change
 * anything.
 *
 * <p>Registrations that predate the log are never guessed: a MOD, a DEL or a ready event of
 * something the log never added is reported with {@code beforeTrace}. A thread id is mapped to
 * its process through the {@code clone}/{@code clone3} returns of the log; a thread whose
 * making the log does not show is taken as a process of its own, and a note says so.
 *
 * <p>Use {@link #parse(Path)}; {@link #parse(String, byte[], Snapshot)} starts from a
 * {@code /proc} snapshot taken just before the trace (so registrations made before are known).
 */
public final class StraceImport {
    /** The longest line read (strace lines of big writes with a large -s are long, but not this long). */
    public static final int MAX_LINE = 4 << 20;
    /** The largest log read. */
    public static final long MAX_BYTES = 512L << 20;

    private static final int CLONE_THREAD = 0x00010000;
    /** {@code EP_PRIVATE_BITS} of fs/eventpoll.c: what an EPOLLONESHOT item keeps once disarmed. */
    private static final int EP_PRIVATE_BITS = Linux.EPOLLWAKEUP | Linux.EPOLLONESHOT | Linux.EPOLLET | Linux.EPOLLEXCLUSIVE;

    /** What is known before the log begins: the processes' epoll fds from /proc, their tids. */
    public record Snapshot(InterestReport report, Map<Integer, Integer> tgidOfTid) {}

    private static final Pattern PID_PREFIX = Pattern.compile("^(?:\\[pid\\s+(\\d+)\\]|(\\d+))\\s+");
    private static final Pattern TIME = Pattern.compile("^(\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?|\\d+\\.\\d+)\\s+");
    private static final Pattern CUT_IN = Pattern.compile("strace: Process \\d+ (attached|detached)$");
    private static final Pattern DURATION = Pattern.compile("\\s+<\\d+\\.\\d+>$");
    private static final Set<String> MUST_PARSE = Set.of("epoll_create", "epoll_create1", "epoll_ctl", "epoll_wait",
        "epoll_pwait", "epoll_pwait2", "poll", "ppoll", "select", "_newselect", "pselect6");

    /** Reads and replays a log. */
    public static InterestReport parse(Path file) throws IOException, StraceLogException {
        long size = Files.size(file);
        if (size > MAX_BYTES) throw new StraceLogException(file.toString(), 1, "the log is " + size + " bytes; at most " + MAX_BYTES + " are read");
        return parse(file.toString(), Files.readAllBytes(file), null);
    }

    /** Replays the bytes of a log named {@code name} (for messages), from {@code start} (or null: nothing known). */
    public static InterestReport parse(String name, byte[] bytes, Snapshot start) throws StraceLogException {
        String text;
        try {
            text = Utf8.decode(bytes);
        } catch (Utf8.Malformed m) {
            throw new StraceLogException(name, m.line(), m.getMessage() + " (column " + m.col() + "); a strace log is text");
        }
        if (text.isBlank()) throw new StraceLogException(name, 1, "the log is empty; expected strace output such as: epoll_wait(3, [], 8, 0) = 0");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].length() > MAX_LINE) {
                throw new StraceLogException(name, i + 1, "the line is " + lines[i].length() + " characters long; a strace line is read up to " + MAX_LINE);
            }
        }
        Replay r = new Replay(start);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            // strace writing to a terminal or stderr (no -o) puts "strace: Process N attached" in the middle of
            // the line it is printing, which goes on at the next line: the two halves are joined again
            Matcher cut = CUT_IN.matcher(line);
            if (cut.find() && cut.start() > 0 && i + 1 < lines.length) {
                r.line(i + 1, line.substring(cut.start()));
                line = line.substring(0, cut.start()) + lines[++i];
            }
            if (line.isBlank()) continue;
            r.line(i + 1, line);
        }
        String last = lines[lines.length - 1];
        if (!last.isEmpty() && !r.unparsed.isEmpty() && r.unparsed.get(r.unparsed.size() - 1).equals(last)) {
            // no newline after it: strace was still writing the line (a call under way when the log was read)
            r.unparsed.remove(r.unparsed.size() - 1);
            r.notes.add("line " + lines.length + " is cut short (no end of line): a call was under way when the log was read");
        }
        if (r.understood == 0) {
            throw new StraceLogException(name, r.firstUnparsedLine, "no line of this file is strace output (expected lines such as: epoll_wait(3, [], 8, 0) = 0)");
        }
        return r.report();
    }

    // ---- the replayed state -------------------------------------------------------------

    /** An open file description ({@code struct file}), shared by dup and fork. */
    static final class OpenFile {
        Target target;
        boolean listening;
        /** The interest list, when the file is an epoll instance. */
        EpollInstance epoll;
        /** False when the log never shows the file being made: other fds on it may exist that the log does not show. */
        boolean madeInLog;
        int refs;
        /** The epoll instances that have an item on this file (so that its release need not look everywhere). */
        final Map<EpollInstance, Boolean> watchedBy = new IdentityHashMap<>();
    }

    static final class EpollInstance {
        /** Items by (file, fd), in insertion order ({@code ep_find} keys by both; a file is compared by identity). */
        final Map<ItemKey, Item> items = new LinkedHashMap<>();
        /** The items of each data value, as epoll_wait returns data and not fds. */
        final Map<Long, List<Item>> byData = new HashMap<>();
        final List<ReadyEvent> ready = new ArrayList<>();
        /** True while the items are those /proc listed, in the kernel's order, untouched. */
        boolean kernelOrder;
        /** True when /proc listed the items before the log began. */
        boolean fromSnapshot;

        Item find(OpenFile f, int fd) {
            return items.get(new ItemKey(f, fd));
        }

        void add(Item it) {
            remove(find(it.file, it.fd));
            items.put(new ItemKey(it.file, it.fd), it);
            byData.computeIfAbsent(it.data, k -> new ArrayList<>(1)).add(it);
            it.file.watchedBy.put(this, Boolean.TRUE);
        }

        void remove(Item it) {
            if (it == null) return;
            items.remove(new ItemKey(it.file, it.fd));
            List<Item> same = byData.get(it.data);
            if (same != null) {
                same.remove(it);
                if (same.isEmpty()) byData.remove(it.data);
            }
        }

        void setData(Item it, long data) {
            remove(it);
            it.data = data;
            add(it);
        }

        /** Removes every item on {@code f}; true when there was one. */
        boolean release(OpenFile f) {
            List<Item> gone = new ArrayList<>();
            for (Item it : items.values()) if (it.file == f) gone.add(it);
            gone.forEach(this::remove);
            return !gone.isEmpty();
        }
    }

    /** The key of an item: the open file (by identity) and the fd. */
    record ItemKey(OpenFile file, int fd) {
    }

    static final class Item {
        final OpenFile file;
        final int fd;
        int events;
        long data;
        boolean beforeTrace;

        Item(OpenFile file, int fd, int events, long data, boolean beforeTrace) {
            this.file = file;
            this.fd = fd;
            this.events = events;
            this.data = data;
            this.beforeTrace = beforeTrace;
        }
    }

    /** The key of the process of lines with no pid prefix. */
    private static final int NO_PID = -1;

    static final class Proc {
        Integer pid;
        String command;
        final TreeMap<Integer, OpenFile> fds = new TreeMap<>();
        /** The fds marked close-on-exec (made with a *_CLOEXEC flag, or F_SETFD FD_CLOEXEC). */
        final Set<Integer> cloexec = new java.util.HashSet<>();
        final List<ReadyEvent> polls = new ArrayList<>();
        /** The interest lists frozen at the process's exit, or null while it lives. */
        List<EpollInterest> atExit;

        Proc(Integer pid) {
            this.pid = pid;
        }
    }

    private static final class Replay {
        final Map<Integer, Proc> procs = new LinkedHashMap<>();
        final Map<Integer, Integer> tgid = new HashMap<>();
        final Map<Integer, String> pending = new HashMap<>();
        final List<String> unparsed = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Set<Integer> assumed = new java.util.HashSet<>();
        int understood;
        int firstUnparsedLine = 1;
        boolean sawNoPrefix;
        boolean sawPrefix;
        boolean notedUnknownFiles;
        int lineNo;
        String time;
        Integer tid;

        Replay(Snapshot start) {
            if (start == null) return;
            tgid.putAll(start.tgidOfTid());
            for (ProcessInterest p : start.report().processes()) {
                Proc proc = new Proc(p.pid());
                proc.command = p.command();
                procs.put(p.pid(), proc);
                for (EpollInterest e : p.epolls()) {
                    OpenFile ep = new OpenFile();
                    ep.target = Target.of(Target.Kind.EPOLL);
                    ep.epoll = new EpollInstance();
                    ep.epoll.kernelOrder = true;
                    ep.epoll.fromSnapshot = true;
                    ep.refs = 1;
                    proc.fds.put(e.fd(), ep);
                    for (Registration reg : e.items()) {
                        OpenFile f = proc.fds.get(reg.fd());
                        if (f == null || reg.target() == null) {
                            f = new OpenFile();
                            f.target = reg.target();
                            f.listening = reg.target() != null && (reg.target().kind() == Target.Kind.TCP_LISTEN || reg.target().kind() == Target.Kind.UNIX_LISTEN);
                            f.refs = 1;
                            // an item whose fd is closed or reused (no target): its file is open elsewhere, not at this fd
                            if (reg.target() != null) proc.fds.put(reg.fd(), f);
                        }
                        ep.epoll.add(new Item(f, reg.fd(), reg.events(), reg.data(), false));
                    }
                }
            }
        }

        void unparsed(String line) {
            if (unparsed.isEmpty() && understood == 0) firstUnparsedLine = lineNo;
            unparsed.add(line);
        }

        void line(int no, String line) {
            lineNo = no;
            String s = line;
            Matcher m = PID_PREFIX.matcher(s);
            tid = null;
            if (m.find()) {
                String digits = m.group(1) != null ? m.group(1) : m.group(2);
                if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
                    unparsed(line); // no thread has such an id (pid_max is at most 2^22)
                    return;
                }
                tid = Integer.valueOf(digits);
                s = s.substring(m.end());
                sawPrefix = true;
            }
            time = null;
            Matcher t = TIME.matcher(s);
            if (t.find()) {
                time = t.group(1);
                s = s.substring(t.end());
            }
            if (tid == null && !s.startsWith("strace: ")) sawNoPrefix = true;
            s = DURATION.matcher(s).replaceFirst("");
            if (s.startsWith("--- ") && s.endsWith(" ---")) {
                understood++; // a signal: it changes no interest list
                return;
            }
            if (s.startsWith("+++ ") && s.endsWith(" +++")) {
                understood++;
                if (s.startsWith("+++ exited with ") || s.startsWith("+++ killed by ")) exited(false);
                return;
            }
            if (s.startsWith("strace: ")) {
                understood++; // "Process 123 attached", "detached"
                return;
            }
            if (s.startsWith("<... ")) {
                int e = s.indexOf(" resumed>");
                if (e < 0) {
                    unparsed(line);
                    return;
                }
                String name = s.substring(5, e);
                String before = pending.remove(key());
                String rest = s.substring(e + " resumed>".length());
                if (before == null || !before.startsWith(name + "(")) {
                    understood++;
                    if (MUST_PARSE.contains(name)) {
                        notes.add("line " + lineNo + ": " + name + " resumed, but its start is before the log: its arguments are not known");
                    }
                    return;
                }
                body(line, before + rest);
                return;
            }
            if (s.endsWith("<detached ...>")) {
                understood++; // strace let go of the thread in the middle of the call (the end of a trace -p)
                pending.remove(key());
                return;
            }
            int u = s.indexOf(" <unfinished ...>");
            if (u >= 0 && s.endsWith("<unfinished ...>")) {
                understood++;
                String start = s.substring(0, u);
                pending.put(key(), start);
                if (start.startsWith("exit_group(")) exited(true);
                return;
            }
            body(line, s);
        }

        int key() {
            return tid == null ? -1 : tid;
        }

        Proc proc() {
            if (tid == null) return procs.computeIfAbsent(NO_PID, k -> new Proc(null));
            Integer k = tgid.get(tid);
            if (k == null) {
                Proc unknown = procs.get(NO_PID);
                if (unknown != null && unknown.pid == null) {
                    // strace without -o prints [pid N] only once it traces two: the lines before were this one's
                    unknown.pid = tid;
                    tgid.put(tid, NO_PID);
                    notes.add("the lines without a pid prefix are taken as those of pid " + tid + ", the first pid that no clone in the log made");
                    return unknown;
                }
                k = tid;
                tgid.put(tid, k);
                if (!procs.isEmpty() && assumed.add(tid)) {
                    notes.add("tid " + tid + " (first at line " + lineNo + "): the log does not show it being made; it is taken as a process of its own (tgid " + tid + ")");
                }
            }
            Integer key = k;
            return procs.computeIfAbsent(key, x -> new Proc(x));
        }

        Integer keyOf(Proc p) {
            for (Map.Entry<Integer, Proc> e : procs.entrySet()) if (e.getValue() == p) return e.getKey();
            throw new IllegalStateException("a process of no key");
        }

        /** A thread ended ({@code +++ exited}); with {@code wholeProcess}, its process too (exit_group). */
        void exited(boolean wholeProcess) {
            Proc p = proc();
            if (p.atExit != null) return;
            if (!wholeProcess && tid != null && p.pid != null && !tid.equals(p.pid)) return; // a thread ended; its process lives on
            p.atExit = interest(p);
            notes.add("pid " + (p.pid == null ? "?" : p.pid) + " exited at line " + lineNo + ": its interest lists are shown as they were then");
        }

        void body(String line, String s) {
            StraceText.Plain plain = StraceText.strip(s);
            StraceText.Call c = StraceText.call(plain.text());
            if (c == null) {
                unparsed(line);
                return;
            }
            understood++;
            try {
                if (!apply(c, plain.annotations()) && MUST_PARSE.contains(c.name())) unparsed(line);
            } catch (RuntimeException e) {
                // a line of a known call whose arguments are not as strace prints them
                unparsed(line);
            }
        }

        /** Replays a call; false when its arguments could not be read. */
        boolean apply(StraceText.Call c, Map<Integer, String> ann) {
            Long ret = c.ret() == null ? null : retValue(c.ret());
            List<String> a = StraceText.args(c.args());
            Proc p = proc();
            if (p.atExit != null) return true;
            boolean ok = replay(c, a, ret, ann, p);
            if (ok && ret != null && ret >= 0 && c.args().contains("CLOEXEC")) {
                // epoll_create1(EPOLL_CLOEXEC), accept4(SOCK_CLOEXEC), pipe2(O_CLOEXEC), dup3, F_DUPFD_CLOEXEC...
                switch (c.name()) {
                    case "pipe2", "socketpair" -> {
                        List<String> pair = StraceText.array(a.get(c.name().equals("socketpair") ? a.size() - 1 : 0));
                        if (pair != null) for (String w : pair) p.cloexec.add(fd(w));
                    }
                    case "fcntl", "fcntl64" -> {
                        if (a.size() > 2 && a.get(1).equals("F_SETFD")) p.cloexec.add(fd(a.get(0)));
                        else if (a.get(1).equals("F_DUPFD_CLOEXEC")) p.cloexec.add(ret.intValue());
                    }
                    case "epoll_create1", "accept4", "socket", "eventfd2", "timerfd_create", "signalfd4", "inotify_init1",
                         "dup3", "open", "openat", "memfd_create" -> p.cloexec.add(ret.intValue());
                    default -> { }
                }
            } else if (ok && ret != null && ret == 0 && (c.name().equals("fcntl") || c.name().equals("fcntl64"))
                && a.size() > 2 && a.get(1).equals("F_SETFD")) {
                p.cloexec.remove(fd(a.get(0))); // F_SETFD 0
            }
            return ok;
        }

        boolean replay(StraceText.Call c, List<String> a, Long ret, Map<Integer, String> ann, Proc p) {
            switch (c.name()) {
                case "epoll_create", "epoll_create1" -> {
                    if (ret == null) return c.ret() != null;
                    if (ret < 0) return true;
                    OpenFile f = made(p, ret.intValue(), Target.of(Target.Kind.EPOLL));
                    f.epoll = new EpollInstance();
                    return true;
                }
                case "epoll_ctl" -> {
                    return epollCtl(p, a, ret, ann, c.ret());
                }
                case "epoll_wait", "epoll_pwait", "epoll_pwait2" -> {
                    return epollWait(p, c.name(), a, ret, ann, c.ret());
                }
                case "poll", "ppoll" -> {
                    return poll(p, c.name(), a, ret, c.ret(), ann);
                }
                case "select", "_newselect", "pselect6" -> {
                    return select(p, c.name(), a, ret, c.ret(), ann);
                }
                case "accept", "accept4" -> {
                    if (a.isEmpty()) return false;
                    OpenFile l = file(p, fd(a.get(0)), ann);
                    l.listening = true;
                    refine(l);
                    if (ret != null && ret >= 0) {
                        OpenFile f = made(p, ret.intValue(), targetOf(ann.get(ret.intValue())));
                        if (f.target == null && l.target != null) {
                            Target.Kind k = l.target.kind() == Target.Kind.UNIX_LISTEN ? Target.Kind.UNIX : l.target.kind() == Target.Kind.TCP_LISTEN ? Target.Kind.TCP : null;
                            if (k != null) f.target = Target.of(k);
                        }
                    }
                    return true;
                }
                case "listen" -> {
                    if (a.isEmpty()) return false;
                    if (ret != null && ret == 0) {
                        OpenFile l = file(p, fd(a.get(0)), ann);
                        l.listening = true;
                        refine(l);
                    }
                    return true;
                }
                case "socket" -> {
                    if (ret != null && ret >= 0 && !a.isEmpty()) {
                        boolean stream = a.size() > 1 && a.get(1).contains("SOCK_STREAM");
                        boolean dgram = a.size() > 1 && a.get(1).contains("SOCK_DGRAM");
                        String fam = a.get(0);
                        Target.Kind k = fam.equals("AF_UNIX") || fam.equals("AF_LOCAL") ? Target.Kind.UNIX
                            : (fam.equals("AF_INET") || fam.equals("AF_INET6")) && stream ? Target.Kind.TCP
                            : (fam.equals("AF_INET") || fam.equals("AF_INET6")) && dgram ? Target.Kind.UDP : Target.Kind.OTHER;
                        OpenFile f = made(p, ret.intValue(), targetOf(ann.get(ret.intValue())));
                        if (f.target == null) f.target = Target.of(k);
                    }
                    return true;
                }
                case "socketpair", "pipe", "pipe2" -> {
                    if (ret != null && ret == 0) {
                        List<String> pair = a.isEmpty() ? null : StraceText.array(a.get(c.name().equals("socketpair") ? a.size() - 1 : 0));
                        if (pair == null || pair.size() != 2) return false;
                        Target.Kind k = c.name().equals("socketpair") ? Target.Kind.UNIX : Target.Kind.PIPE;
                        for (String w : pair) {
                            int fd = fd(w);
                            OpenFile f = made(p, fd, targetOf(ann.get(fd)));
                            if (f.target == null) f.target = Target.of(k);
                        }
                    }
                    return true;
                }
                case "eventfd", "eventfd2", "timerfd_create", "signalfd", "signalfd4", "inotify_init", "inotify_init1" -> {
                    if (ret != null && ret >= 0) {
                        Target.Kind k = c.name().startsWith("eventfd") ? Target.Kind.EVENTFD : c.name().startsWith("timerfd") ? Target.Kind.TIMERFD
                            : c.name().startsWith("signalfd") ? Target.Kind.SIGNALFD : Target.Kind.INOTIFY;
                        if (c.name().startsWith("signalfd") && !a.isEmpty() && !a.get(0).equals("-1")) return true; // an existing signalfd changed
                        made(p, ret.intValue(), Target.of(k));
                    }
                    return true;
                }
                case "read", "recv", "recvfrom", "recvmsg", "recvmmsg", "write", "send", "sendto", "sendmsg", "sendmmsg",
                     "writev", "readv", "shutdown", "bind", "connect", "getsockname", "getpeername" -> {
                    if (a.isEmpty()) return false;
                    OpenFile f = file(p, fd(a.get(0)), ann);
                    refine(f);
                    return true;
                }
                case "close" -> {
                    if (a.isEmpty()) return false;
                    if (ret != null && ret == 0) close(p, fd(a.get(0)));
                    return true;
                }
                case "dup", "dup2", "dup3" -> {
                    if (a.isEmpty()) return false;
                    if (ret != null && ret >= 0) dup(p, fd(a.get(0)), ret.intValue(), ann);
                    return true;
                }
                case "fcntl", "fcntl64" -> {
                    if (a.size() < 2) return false;
                    if ((a.get(1).equals("F_DUPFD") || a.get(1).equals("F_DUPFD_CLOEXEC")) && ret != null && ret >= 0) {
                        dup(p, fd(a.get(0)), ret.intValue(), ann);
                    }
                    return true;
                }
                case "clone", "clone3", "fork", "vfork" -> {
                    if (ret == null || ret <= 0) return true;
                    boolean thread = c.args().contains("CLONE_THREAD");
                    int child = ret.intValue();
                    if (thread) {
                        tgid.put(child, keyOf(p));
                    } else {
                        tgid.put(child, child);
                        Proc np = new Proc(child);
                        np.command = p.command;
                        procs.put(child, np);
                        // fork copies the fd table: each fd of the child is one more reference to the same file (dup_fd)
                        for (Map.Entry<Integer, OpenFile> e : p.fds.entrySet()) {
                            np.fds.put(e.getKey(), e.getValue());
                            e.getValue().refs++;
                        }
                    }
                    return true;
                }
                case "restart_syscall" -> {
                    // strace attached during a blocking call: "<... resuming interrupted epoll_wait ...>"
                    for (String f : MUST_PARSE) {
                        if (c.args().contains("interrupted " + f + " ")) {
                            notes.add("line " + lineNo + ": " + f + " was under way when the trace began (restart_syscall): what it returned is not shown");
                            break;
                        }
                    }
                    return true;
                }
                case "exit_group" -> {
                    exited(true);
                    return true;
                }
                case "execve", "execveat" -> {
                    // do_close_on_exec: the fds marked close-on-exec are closed by a successful exec
                    if (ret != null && ret == 0) {
                        for (Integer fd : new ArrayList<>(p.cloexec)) close(p, fd);
                    }
                    return true;
                }
                default -> {
                    return true;
                }
            }
        }

        /** The return value of "3", "3<...>" (annotation already out), "-1 EINTR (...)", "1 ([...])"; null for "?". */
        static Long retValue(String ret) {
            String w = ret.split("[ (]", 2)[0];
            return StraceText.integer(w);
        }

        static int fd(String arg) {
            String t = arg.trim();
            if (t.startsWith("fd=")) t = t.substring(3);
            Long v = StraceText.integer(t);
            if (v == null || v < -100 || v > Integer.MAX_VALUE) throw new IllegalArgumentException("not an fd: " + arg);
            return v.intValue();
        }

        OpenFile made(Proc p, int fd, Target target) {
            close(p, fd);
            OpenFile f = new OpenFile();
            f.target = target;
            f.madeInLog = true;
            f.refs = 1;
            p.fds.put(fd, f);
            return f;
        }

        /** The file of an fd; one the log never saw made is made up here, marked as such, its kind from the annotation. */
        OpenFile file(Proc p, int fd, Map<Integer, String> ann) {
            OpenFile f = p.fds.get(fd);
            String an = ann.get(fd);
            if (f == null) {
                f = new OpenFile();
                f.refs = 1;
                p.fds.put(fd, f);
            }
            if (an != null) {
                Target t = targetOf(an);
                if (t != null && (f.target == null || t.local() != null || f.target.kind() == Target.Kind.OTHER)) {
                    f.target = t;
                    refine(f);
                }
                if (t != null && t.kind() == Target.Kind.EPOLL && f.epoll == null) f.epoll = new EpollInstance();
            }
            return f;
        }

        /** A socket strace shows with its address alone is a listener once listen or accept was seen on it. */
        static void refine(OpenFile f) {
            if (f.target == null || !f.listening) return;
            if (f.target.kind() == Target.Kind.TCP && f.target.remote() == null) f.target = new Target(Target.Kind.TCP_LISTEN, f.target.local(), null);
            if (f.target.kind() == Target.Kind.UNIX) f.target = new Target(Target.Kind.UNIX_LISTEN, f.target.local(), null);
        }

        void close(Proc p, int fd) {
            p.cloexec.remove(fd);
            OpenFile f = p.fds.remove(fd);
            if (f == null) return;
            f.refs--;
            if (f.refs > 0) return;
            // eventpoll_release_file: the file is gone, and with it every item on it
            boolean removed = false;
            for (EpollInstance ep : f.watchedBy.keySet()) removed |= ep.release(f);
            f.watchedBy.clear();
            if (removed && !f.madeInLog && !notedUnknownFiles) {
                notedUnknownFiles = true;
                notes.add("line " + lineNo + ": a registered file opened before the log began is taken to be released at the close of the one fd the log shows on it (other fds on it may exist that the log cannot show)");
            }
        }

        void dup(Proc p, int oldFd, int newFd, Map<Integer, String> ann) {
            OpenFile f = file(p, oldFd, ann);
            if (oldFd == newFd) return;
            close(p, newFd); // do_dup2 closes what newfd held
            p.fds.put(newFd, f);
            f.refs++;
        }

        EpollInstance epollOf(Proc p, String arg, Map<Integer, String> ann) {
            OpenFile f = file(p, fd(arg), ann);
            if (f.epoll == null) {
                f.epoll = new EpollInstance();
                if (f.target == null) f.target = Target.of(Target.Kind.EPOLL);
            }
            return f.epoll;
        }

        boolean epollCtl(Proc p, List<String> a, Long ret, Map<Integer, String> ann, String retText) {
            if (a.size() != 4 || retText == null) return false;
            String op = a.get(1);
            int fd = fd(a.get(2));
            long[] ev = null;
            if (!op.equals("EPOLL_CTL_DEL")) {
                ev = event(a.get(3));
                if (ev == null) return false;
            }
            if (!op.equals("EPOLL_CTL_ADD") && !op.equals("EPOLL_CTL_MOD") && !op.equals("EPOLL_CTL_DEL")) return false;
            if (ret == null || ret != 0) return ret != null || retText.startsWith("?");
            EpollInstance ep = epollOf(p, a.get(0), ann);
            OpenFile f = file(p, fd, ann);
            Item it = ep.find(f, fd);
            ep.kernelOrder = false;
            switch (op) {
                case "EPOLL_CTL_ADD" -> {
                    // over an existing item (a success the log could not have shown: ADD of an existing item is EEXIST)
                    ep.add(new Item(f, fd, (int) ev[0] | Linux.EPOLLERR | Linux.EPOLLHUP, ev[1], false));
                }
                case "EPOLL_CTL_MOD" -> {
                    int mask = (int) ev[0] | Linux.EPOLLERR | Linux.EPOLLHUP;
                    if (it == null) {
                        ep.add(new Item(f, fd, mask, ev[1], true));
                        ep.ready.add(new ReadyEvent(lineNo, time, tid, "epoll_ctl", fd, (int) ev[0], ev[1], true,
                            "EPOLL_CTL_MOD of fd " + fd + ", which the log never added: registered before the log began"));
                    } else {
                        it.events = mask;
                        ep.setData(it, ev[1]);
                    }
                }
                default -> {
                    if (it == null) {
                        ep.ready.add(new ReadyEvent(lineNo, time, tid, "epoll_ctl", fd, 0, null, true,
                            "EPOLL_CTL_DEL of fd " + fd + ", which the log never added: registered before the log began"));
                    } else {
                        ep.remove(it);
                    }
                }
            }
            return true;
        }

        /** {events=EPOLLIN, data={u32=5, u64=5}} (or the old {EPOLLIN, {u32=5, u64=5}}, or data=0x5) as {mask, data}; null when unreadable. */
        static long[] event(String s) {
            Map<String, String> m = StraceText.struct(s);
            if (m == null) return null;
            String events = m.containsKey("events") ? m.get("events") : m.get("0");
            String data = m.containsKey("data") ? m.get("data") : m.get("1");
            if (events == null || data == null) return null;
            long mask = EpollEvents.parseMask(events);
            if (mask < 0) return null;
            Long d;
            Map<String, String> dm = StraceText.struct(data);
            if (dm != null) {
                String v = dm.containsKey("u64") ? dm.get("u64") : dm.containsKey("u32") ? dm.get("u32") : dm.containsKey("fd") ? dm.get("fd") : dm.get("ptr");
                d = v == null ? null : StraceText.integer(v);
            } else {
                d = StraceText.integer(data);
            }
            if (d == null) {
                // u64 printed as unsigned decimal above 2^63
                try {
                    String v = dm != null ? dm.get("u64") : data;
                    d = v == null ? null : Long.parseUnsignedLong(v.trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return new long[] {mask, d};
        }

        boolean epollWait(Proc p, String call, List<String> a, Long ret, Map<Integer, String> ann, String retText) {
            if (a.size() < 4 || retText == null) return false;
            if (ret == null) return retText.startsWith("?");
            if (ret < 0) return true;
            EpollInstance ep = epollOf(p, a.get(0), ann);
            List<String> evs = StraceText.array(a.get(1));
            if (evs == null) return ret == 0 || a.get(1).startsWith("0x"); // an address: strace could not read the array
            for (String e : evs) {
                if (e.equals("...")) {
                    abbreviated();
                    continue;
                }
                long[] ev = event(e);
                if (ev == null) return false;
                List<Item> withData = ep.byData.getOrDefault(ev[1], List.of());
                Item match = withData.isEmpty() ? null : withData.get(0);
                List<Integer> same = new ArrayList<>();
                for (Item it : withData) same.add(it.fd);
                same.sort(null);
                if (same.size() > 1) {
                    // epoll_wait returns data, not fds: with the same data on several items, the fd is not known
                    ep.ready.add(new ReadyEvent(lineNo, time, tid, call, -1, (int) ev[0], ev[1], false,
                        "data 0x" + Long.toHexString(ev[1]) + " is the data of fds " + same + ": which one was ready, the log cannot tell"));
                } else if (match != null) {
                    ep.ready.add(new ReadyEvent(lineNo, time, tid, call, match.fd, (int) ev[0], ev[1], false, null));
                    // ep_send_events: a one-shot item is disarmed once delivered, to its private bits
                    if ((match.events & Linux.EPOLLONESHOT) != 0) match.events &= EP_PRIVATE_BITS;
                } else {
                    ep.ready.add(new ReadyEvent(lineNo, time, tid, call, -1, (int) ev[0], ev[1], true,
                        "data 0x" + Long.toHexString(ev[1]) + " matches no registration the log shows: one made before the log began"));
                }
            }
            return true;
        }

        boolean notedAbbreviated;

        void abbreviated() {
            if (notedAbbreviated) return;
            notedAbbreviated = true;
            notes.add("line " + lineNo + ": strace left out some of the events a call returned (\"...\"; strace -s or -v shows more)");
        }

        boolean poll(Proc p, String call, List<String> a, Long ret, String retText, Map<Integer, String> ann) {
            if (a.size() < 2 || retText == null) return false;
            List<String> in = StraceText.array(a.get(0));
            if (in == null && !a.get(0).startsWith("0x") && !a.get(0).equals("NULL")) return false;
            if (in != null) for (String e : in) {
                if (e.equals("...")) continue;
                Map<String, String> m = StraceText.struct(e);
                if (m == null || !m.containsKey("fd")) return false;
                file(p, fd(m.get("fd")), ann);
            }
            if (ret == null) return retText.startsWith("?");
            if (ret <= 0) return true;
            int open = retText.indexOf("([");
            if (open < 0) return false;
            List<String> out = StraceText.array(retText.substring(open + 1, StraceText.matching(retText, open + 1) + 1));
            if (out == null) return false;
            for (String e : out) {
                if (e.equals("...")) {
                    abbreviated();
                    continue;
                }
                Map<String, String> m = StraceText.struct(e);
                if (m == null || !m.containsKey("fd") || !m.containsKey("revents")) return false;
                long mask = EpollEvents.parseMask(m.get("revents"));
                if (mask < 0) return false;
                p.polls.add(new ReadyEvent(lineNo, time, tid, call, fd(m.get("fd")), (int) mask, null, false, null));
            }
            return true;
        }

        boolean select(Proc p, String call, List<String> a, Long ret, String retText, Map<Integer, String> ann) {
            if (a.size() < 4 || retText == null) return false;
            for (int k = 1; k <= 3; k++) {
                String set = a.get(k).startsWith("~[") ? a.get(k).substring(1) : a.get(k); // ~[...]: all but these
                List<String> fds = StraceText.array(set);
                if (fds == null) {
                    if (!set.equals("NULL") && !set.startsWith("0x")) return false;
                    continue;
                }
                for (String w : fds) if (!w.equals("...")) file(p, fd(w), ann);
            }
            if (ret == null) return retText.startsWith("?");
            if (ret <= 0) return true;
            int open = retText.indexOf('(');
            if (open < 0) return false;
            int close = StraceText.matching(retText, open);
            if (close < 0) return false;
            for (String part : StraceText.args(retText.substring(open + 1, close))) {
                String[] kv = part.split(" ", 2);
                int mask = switch (kv[0]) {
                    case "in" -> Linux.EPOLLIN;
                    case "out" -> Linux.EPOLLOUT;
                    case "exc", "except" -> Linux.EPOLLPRI;
                    default -> 0;
                };
                if (mask == 0) continue; // "left {...}"
                List<String> fds = kv.length > 1 ? StraceText.array(kv[1]) : null;
                if (fds == null) return false;
                for (String w : fds) if (!w.equals("...")) p.polls.add(new ReadyEvent(lineNo, time, tid, call, fd(w), mask, null, false, null));
            }
            return true;
        }

        /** The target an annotation shows; null when there is none. */
        static Target targetOf(String an) {
            if (an == null) return null;
            if (an.startsWith("anon_inode:") || an.startsWith("pipe:[")) return Target.ofLink(an);
            int b = an.indexOf(":[");
            if (b < 0 || !an.endsWith("]")) return Target.of(Target.Kind.OTHER);
            String proto = an.substring(0, b);
            String in = an.substring(b + 2, an.length() - 1);
            Target.Kind kind = switch (proto) {
                case "TCP", "TCPv6" -> Target.Kind.TCP;
                case "UDP", "UDPv6", "UDPLITE", "UDPLITEv6" -> Target.Kind.UDP;
                case "UNIX", "UNIX-STREAM", "UNIX-DGRAM", "UNIX-SEQPACKET" -> Target.Kind.UNIX;
                default -> Target.Kind.OTHER;
            };
            if (kind == Target.Kind.OTHER) return Target.of(kind);
            if (kind == Target.Kind.UNIX) {
                // [inode] or [inode->peer] then ,"path"
                int q = in.indexOf(",\"");
                String path = q >= 0 && in.endsWith("\"") ? in.substring(q + 2, in.length() - 1) : null;
                return new Target(kind, path, null);
            }
            if (in.matches("\\d+")) return Target.of(kind); // an inode: no address yet
            int arrow = in.indexOf("->");
            String local = arrow < 0 ? in : in.substring(0, arrow);
            String remote = arrow < 0 ? null : in.substring(arrow + 2);
            return new Target(kind, local, remote);
        }

        static List<EpollInterest> interest(Proc p) {
            List<EpollInterest> out = new ArrayList<>();
            Map<OpenFile, Boolean> seen = new IdentityHashMap<>();
            for (Map.Entry<Integer, OpenFile> e : p.fds.entrySet()) {
                OpenFile f = e.getValue();
                if (f.epoll == null) continue;
                List<Item> items = new ArrayList<>(f.epoll.items.values());
                boolean kernelOrder = f.epoll.kernelOrder;
                if (!kernelOrder) items.sort(Comparator.comparingInt(it -> it.fd));
                List<Registration> regs = new ArrayList<>();
                for (Item it : items) {
                    OpenFile now = p.fds.get(it.fd);
                    String note = it.file.target != null ? null
                        : now == null ? "fd " + it.fd + " is closed; its file is still open elsewhere and registered"
                        : now != it.file ? "fd " + it.fd + " is now another file; the registered one is still open elsewhere"
                        : "the log does not show what fd " + it.fd + " is (strace -yy shows it)";
                    regs.add(new Registration(it.fd, it.events, it.data, it.file.target, it.beforeTrace, note));
                }
                out.add(new EpollInterest(e.getKey(), regs, kernelOrder, seen.put(f, true) == null ? f.epoll.ready : List.of()));
            }
            return out;
        }

        InterestReport report() {
            for (Map.Entry<Integer, String> e : pending.entrySet()) {
                String name = e.getValue().split("\\(", 2)[0];
                if (MUST_PARSE.contains(name)) notes.add((e.getKey() < 0 ? "" : "tid " + e.getKey() + ": ") + name + " was still unfinished at the log's end");
            }
            for (Proc p : procs.values()) {
                Map<OpenFile, Boolean> seen = new IdentityHashMap<>();
                for (Map.Entry<Integer, OpenFile> e : p.fds.entrySet()) {
                    OpenFile f = e.getValue();
                    if (f.epoll == null || f.madeInLog || f.epoll.fromSnapshot || seen.put(f, true) != null) continue;
                    notes.add("epoll fd " + e.getKey() + (p.pid == null ? "" : " of pid " + p.pid) + " was made before the log began:"
                        + " registrations made before and not touched in the log are not shown (pollscope trace --pid reads them from /proc first)");
                }
            }
            if (sawPrefix && procs.containsKey(NO_PID) && procs.get(NO_PID).pid == null) notes.add("some lines have a pid prefix and some do not: those without are taken as one process of unknown pid");
            List<ProcessInterest> ps = new ArrayList<>();
            for (Proc p : procs.values()) {
                List<EpollInterest> e = p.atExit != null ? p.atExit : interest(p);
                if (e.isEmpty() && p.polls.isEmpty()) continue;
                ps.add(new ProcessInterest(p.pid, p.command, e, p.polls));
            }
            return new InterestReport(ps, unparsed, notes);
        }
    }
}
