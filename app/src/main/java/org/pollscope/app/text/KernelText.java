package org.pollscope.app.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.pollscope.kernel.EpItem;
import org.pollscope.kernel.EpollFileFd;
import org.pollscope.kernel.EventPoll;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.OpenFile;
import org.pollscope.kernel.RbTree;
import org.pollscope.kernel.SimProcess;
import org.pollscope.kernel.WaitQueue;
import org.pollscope.kernel.trace.CostMeter;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * The kernel after a step, drawn in text for an 80-column terminal, from the model's public
 * state and its trace only: each epoll instance's interest list as the red-black tree it is
 * (indented, {@code (R)} red and {@code (B)} black), its ready list in order, the wait queues
 * with their entries, the system calls of the step with their results, and the step's cost.
 * Long lists give way to a count of the rest, so a program of 200 clients stays readable.
 */
public final class KernelText {
    private KernelText() {}

    /** At most this many lines of one interest list, of one section's rows. */
    public static final int MAX_ROWS = 16;

    /**
     * Draws {@code kernel}; the step's events are those from {@code stepStart} in its trace.
     * {@code nameOfFd} gives the scenario's name of an fd of the first process (null: none).
     */
    public static List<String> draw(Kernel kernel, int stepStart, IntFunction<String> nameOfFd) {
        List<String> out = new ArrayList<>();
        SimProcess main = kernel.processes().isEmpty() ? null : kernel.processes().get(0);
        List<EventPoll> eps = kernel.eventPolls();
        if (!eps.isEmpty()) {
            out.add("Interest lists (red-black trees: L, R the children; (R) red, (B) black):");
            for (EventPoll ep : eps) {
                out.add("  " + epName(ep, main, nameOfFd) + ": " + count(ep.interestList().size(), "item")
                    + ", height " + ep.interestList().height());
                List<String> rows = new ArrayList<>();
                tree(ep.interestList().root(), "    ", "", rows, main, nameOfFd);
                addCapped(out, rows, "      ");
                List<String> ready = new ArrayList<>();
                for (EpItem it : ep.readyList()) ready.add(itemName(it.key(), main, nameOfFd));
                out.add("    ready list: " + (ready.isEmpty() ? "(empty)" : joinCapped(ready)));
                List<EpItem> ovf = ep.overflowList();
                if (ovf != null && !ovf.isEmpty()) {
                    List<String> names = new ArrayList<>();
                    for (EpItem it : ovf) names.add(itemName(it.key(), main, nameOfFd));
                    out.add("    ovflist: " + joinCapped(names));
                }
            }
        }
        List<String> queues = new ArrayList<>();
        for (OpenFile f : files(kernel)) {
            for (WaitQueue q : f.waitQueues()) {
                if (q.entries().isEmpty()) continue;
                List<String> entries = new ArrayList<>();
                for (WaitQueue.Entry e : q.entries()) entries.add(e.label() + (e.exclusive() ? " (exclusive)" : ""));
                queues.add("  " + q.name() + ": " + joinCapped(entries));
            }
        }
        out.add("Wait queues:" + (queues.isEmpty() ? " (all empty)" : ""));
        addCapped(out, queues, "  ");
        List<TraceEvent> events = kernel.trace().events();
        List<TraceEvent> step = events.subList(Math.min(stepStart, events.size()), events.size());
        // one line a call, cut where it ends: select's sets of 200 fds would take a screen
        List<String> calls = calls(step).stream().map(c -> Prose.fit("  " + c, Prose.WIDTH)).toList();
        out.add("System calls of this step:" + (calls.isEmpty() ? " (none)" : ""));
        addCapped(out, calls, "  ");
        CostMeter meter = new CostMeter();
        step.forEach(meter);
        CostMeter.Cost c = meter.total();
        out.add("Cost: " + count(c.total(), "unit") + " (" + count(c.fdsVisited(), "fd") + " visited, "
            + count(c.bytesCopied(), "byte") + " copied, " + count(c.comparisons(), "compare") + ", "
            + count(c.callbacks(), "callback") + ")");
        List<String> fitted = new ArrayList<>();
        for (String l : out) {
            String indent = l.substring(0, l.length() - l.stripLeading().length());
            for (String w : Prose.wrap(l.strip(), Prose.WIDTH, indent, indent + "    ")) fitted.add(Prose.fit(w, Prose.WIDTH));
        }
        return fitted;
    }

    private static void tree(RbTree.Node<EpollFileFd, EpItem> node, String indent, String side, List<String> rows,
                             SimProcess main, IntFunction<String> nameOfFd) {
        if (node == null) return;
        EpItem it = node.value();
        rows.add(indent + side + "(" + (node.color() == RbTree.Color.RED ? "R" : "B") + ") "
            + itemName(node.key(), main, nameOfFd) + "  " + Linux.epollEvents(it.events())
            + (it.data() != node.key().fd() ? " data=0x" + Long.toHexString(it.data()) : "")
            + (it.isReady() ? "  [ready]" : ""));
        tree(node.left(), indent + "  ", "L ", rows, main, nameOfFd);
        tree(node.right(), indent + "  ", "R ", rows, main, nameOfFd);
    }

    private static String epName(EventPoll ep, SimProcess main, IntFunction<String> nameOfFd) {
        if (main != null) {
            for (int fd = 0, hw = main.fds().highWater(); fd < hw; fd++) {
                if (main.fds().get(fd) == ep) {
                    String n = nameOfFd.apply(fd);
                    return (n != null ? n + " " : "") + "(fd " + fd + ", " + ep.label() + ")";
                }
            }
        }
        return ep.label();
    }

    /** An epitem's name: the scenario's name of its fd when that fd still holds the file, and the fd. */
    private static String itemName(EpollFileFd key, SimProcess main, IntFunction<String> nameOfFd) {
        String n = main != null && main.fds().get(key.fd()) == key.file() ? nameOfFd.apply(key.fd()) : null;
        return (n != null ? n + " " : "") + "fd " + key.fd();
    }

    private static Set<OpenFile> files(Kernel kernel) {
        Set<OpenFile> files = new LinkedHashSet<>();
        for (SimProcess p : kernel.processes()) {
            for (int fd = 0, hw = p.fds().highWater(); fd < hw; fd++) {
                OpenFile f = p.fds().get(fd);
                if (f != null) files.add(f);
            }
        }
        return files;
    }

    /** Each returned call of the step with its arguments and result, strace-like. */
    static List<String> calls(List<TraceEvent> step) {
        List<String> out = new ArrayList<>();
        java.util.Map<Integer, java.util.Deque<TraceEvent.SyscallEnter>> open = new java.util.HashMap<>();
        for (TraceEvent e : step) {
            if (e instanceof TraceEvent.SyscallEnter s) {
                open.computeIfAbsent(s.tid(), t -> new java.util.ArrayDeque<>()).push(s);
            } else if (e instanceof TraceEvent.SyscallExit x) {
                java.util.Deque<TraceEvent.SyscallEnter> d = open.get(x.tid());
                TraceEvent.SyscallEnter s = d == null || d.isEmpty() ? null : d.pop();
                String args = s == null ? "..." : s.args();
                out.add("T" + x.tid() + " " + x.call() + "(" + args + ") = " + x.ret() + (x.errno() != null ? " " + x.errno() : "")
                    + (x.detail() == null || x.detail().isEmpty() ? "" : " " + x.detail()));
            }
        }
        for (java.util.Deque<TraceEvent.SyscallEnter> d : open.values()) {
            for (TraceEvent.SyscallEnter s : d) out.add("T" + s.tid() + " " + s.call() + "(" + s.args() + ") ... asleep");
        }
        return out;
    }

    private static void addCapped(List<String> out, List<String> rows, String indent) {
        int n = rows.size();
        if (n <= MAX_ROWS) {
            out.addAll(rows);
            return;
        }
        out.addAll(rows.subList(0, MAX_ROWS - 1));
        out.add(indent + "… " + (n - MAX_ROWS + 1) + " more");
    }

    private static String joinCapped(List<String> names) {
        if (names.size() <= 8) return String.join(", ", names);
        return String.join(", ", names.subList(0, 7)) + ", … " + (names.size() - 7) + " more";
    }

    /** "1 callback", "2 callbacks": a count with its noun, singular for 1. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
