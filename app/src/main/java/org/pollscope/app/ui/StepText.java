package org.pollscope.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.OpenFile;
import org.pollscope.kernel.SimProcess;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.trace.CostMeter;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * The words of the Scenario tab that are built from the model: the explanation of a step, the
 * fd tables of user space, the cost lines, the labels of the actions on a file, the current
 * statement. One place, so that they come from the resource bundle of the window's language.
 */
final class StepText {
    private final ResourceBundle text;

    StepText(ResourceBundle text) {
        this.text = text;
    }

    ResourceBundle bundle() {
        return text;
    }

    String savedTrace(int events) {
        return "a saved trace of " + events + " events";
    }

    String nothingLoaded() {
        return "no scenario is loaded";
    }

    String sendAction(String self, String peer) {
        return "send 5 bytes to " + self + " (write on " + peer + ")";
    }

    String closePeerAction(String peer) {
        return "close its peer " + peer;
    }

    String eventfdWriteAction(String self) {
        return "write 8 bytes to the eventfd " + self;
    }

    String shutdownAction(String self) {
        return "shut " + self + " down (shutdown RDWR)";
    }

    String beforeFirst() {
        return "(before the first statement)";
    }

    String statementAt(int line, String statement) {
        return "line " + line + ": " + statement;
    }

    /** Step 0 of a built-in program: what it did before the clock ran (the calls that never sleep). */
    String programStarted(String program) {
        return "(" + program + " has started: the calls before its first wait are in the log)";
    }

    /** A step of a built-in program: the thread whose call returned, the listing line it is on now, what it does there. */
    String programAt(SimThread t, int line) {
        return "T" + t.tid() + ", line " + line + ": " + doing(t);
    }

    String total(CostMeter.Cost c) {
        return "total: " + words(c);
    }

    String lastCall(CostMeter.CallCost cc) {
        return "last call, " + cc.call() + " by T" + cc.tid() + ": " + words(cc.cost());
    }

    private String words(CostMeter.Cost c) {
        return "fds visited " + c.fdsVisited() + "   bytes copied " + c.bytesCopied() + "   tree comparisons "
            + c.comparisons() + "   callbacks " + c.callbacks();
    }

    /** What a thread is doing: asleep in a call, in a call, or running its own code. */
    private String doing(SimThread t) {
        return t.state() == SimThread.State.SLEEPING ? "asleep in " + t.currentCall() + " on " + t.sleepingOn()
            : t.currentCall() != null ? "in " + t.currentCall() : "running";
    }

    /** User space in lines: "pid 1", its threads and what they do, then "  fd 3 → socket#3". */
    List<String> fdTableLines(Kernel k) {
        List<String> out = new ArrayList<>();
        for (SimProcess p : k.processes()) {
            out.add("pid " + p.pid());
            for (SimThread t : p.threads()) {
                out.add("  T" + t.tid() + " " + t.name() + ": " + doing(t));
            }
            for (int fd = 0, hw = p.fds().highWater(); fd < hw; fd++) {
                OpenFile f = p.fds().get(fd);
                if (f != null) out.add("  fd " + fd + " → " + f.label() + (f.refs() > 1 ? " (f_count " + f.refs() + ")" : ""));
            }
        }
        return out;
    }

    /** The step in words, naming the kernel function of each thing that happened. */
    String explain(List<TraceEvent> step) {
        StringBuilder sb = new StringBuilder();
        for (TraceEvent e : step) {
            String line = null;
            if (e instanceof TraceEvent.Callback cb && cb.woke()) {
                line = cb.function() + ": " + cb.queue() + " was woken; " + cb.target()
                    + (cb.function().equals("ep_poll_callback") ? " joins the tail of rdllist (unless it is there already)" : " is woken");
            } else if (e instanceof TraceEvent.Wake w) {
                line = "thread T" + w.tid() + " is woken: " + w.why();
            } else if (e instanceof TraceEvent.Sleep s) {
                line = "thread T" + s.tid() + " sleeps in " + s.call() + " on " + s.on();
            } else if (e instanceof TraceEvent.TreeRotate r) {
                line = "the interest list rotates " + (r.left() ? "left" : "right") + " at " + r.pivot() + ": " + r.caseName();
            } else if (e instanceof TraceEvent.TreeLink l) {
                line = "ep_rbtree_insert links " + l.item() + " into the interest list";
            } else if (e instanceof TraceEvent.TreeErase er) {
                line = "ep_remove takes " + er.item() + " out of the interest list";
            } else if (e instanceof TraceEvent.ReadyLink r) {
                line = r.ep() + ": " + r.item() + " joins rdllist (" + r.why() + ")";
            } else if (e instanceof TraceEvent.Copy c && c.toUser() && c.what().startsWith("epoll_event")) {
                line = "ep_send_events copies " + c.what() + " to user space";
            } else if (e instanceof TraceEvent.SyscallExit x) {
                line = x.call() + " returns " + x.ret() + (x.errno() != null ? " (" + x.errno() + ")" : "");
            }
            if (line != null) sb.append(line).append('\n');
        }
        return sb.toString().strip();
    }
}
