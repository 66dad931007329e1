package org.pollscope.app.ui.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pollscope.app.ui.Messages;
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
 * Numbers that name something (fd, pid, tid, line) and the cost counts are passed as strings,
 * so that MessageFormat does not group them ("fd 1,024").
 */
public final class StepText {
    /**
     * The reasons the model gives for a wakeup or for an epitem joining rdllist, each with the
     * key that words it; the groups are the key's arguments. A reason not listed is shown as
     * the model wrote it.
     */
    private static final List<Reason> REASONS = List.of(
        new Reason(Pattern.compile("pollwake on (.+)"), "step.why.pollwake"),
        new Reason(Pattern.compile("(\\S+) timeout"), "step.why.timeout"),
        new Reason(Pattern.compile("timer of (\\S+)"), "step.why.timer"),
        new Reason(Pattern.compile("woken on (.+) wq"), "step.why.epWq"),
        new Reason(Pattern.compile(Pattern.quote("from ovflist (ep_done_scan)")), "step.why.ovflist"),
        new Reason(Pattern.compile(Pattern.quote("level-triggered: requeued (ep_send_events)")), "step.why.requeued"),
        new Reason(Pattern.compile(Pattern.quote("ready when added (ep_insert)")), "step.why.added"),
        new Reason(Pattern.compile(Pattern.quote("ready when modified (ep_modify)")), "step.why.modified"));

    private record Reason(Pattern pattern, String key) {}

    private final ResourceBundle text;

    public StepText(ResourceBundle text) {
        this.text = text;
    }

    ResourceBundle bundle() {
        return text;
    }

    private String format(String key, Object... args) {
        return Messages.format(text, key, args);
    }

    String savedTrace(int events) {
        return format("step.savedTrace", events);
    }

    String nothingLoaded() {
        return text.getString("step.nothingLoaded");
    }

    String sendAction(String self, String peer) {
        return format("act.send", self, peer);
    }

    String closePeerAction(String peer) {
        return format("act.closePeer", peer);
    }

    String eventfdWriteAction(String self) {
        return format("act.eventfdWrite", self);
    }

    String shutdownAction(String self) {
        return format("act.shutdown", self);
    }

    String beforeFirst() {
        return text.getString("step.beforeFirst");
    }

    String statementAt(int line, String statement) {
        return format("step.statementAt", String.valueOf(line), statement);
    }

    /** A statement added by clicking a file: it has no line of the file. */
    String statementAdded(String statement) {
        return format("step.statementAdded", statement);
    }

    /** The count of predictions judged so far while stepping. */
    String judged(int met, int notMet) {
        return format("step.judged", String.valueOf(met), String.valueOf(notMet));
    }

    /** The totals of a whole run on the model, counted as {@code pollscope run} counts. */
    String runTotals(int passed, int failed, int skipped) {
        return format(skipped > 0 ? "step.run.totalsSkipped" : "step.run.totals", String.valueOf(passed), String.valueOf(failed),
            String.valueOf(skipped));
    }

    String runSkipped(String why) {
        return format("step.run.skipped", why);
    }

    /** The failures of a whole run on the model, one a line (as {@code pollscope run} prints them). */
    String runExplained(List<String> failures) {
        return failures.isEmpty() ? text.getString("step.run.allMet")
            : text.getString("step.run.failures") + "\n" + String.join("\n", failures);
    }

    String runReport(String report) {
        return format("step.run.report", report);
    }

    /**
     * The predictions the step judged, a line each: met, or not met with what the model
     * returned; a statement that failed without an expectation (a thread that did not block)
     * says what it gave.
     */
    String verdictLines(List<org.pollscope.kernel.scenario.StepResult> results) {
        StringBuilder sb = new StringBuilder();
        for (org.pollscope.kernel.scenario.StepResult r : results) {
            if (r.skipped() != null) continue;
            String line = String.valueOf(r.statement().pos().line());
            String t = r.statement().text();
            int at = t.indexOf("=>");
            String call = at < 0 ? t : t.substring(0, at).strip();
            String predicted = at < 0 ? "" : t.substring(at).strip();
            if (r.failure() == null && r.hasExpectation()) {
                sb.append(format("step.verdict.met", line, call, predicted)).append('\n');
            } else if (r.failure() != null && r.hasExpectation()) {
                sb.append(format("step.verdict.notMet", line, call, predicted, r.shown())).append('\n');
            } else if (r.failure() != null) {
                sb.append(format("step.verdict.failed", line, r.statement().text(), r.shown())).append('\n');
            }
        }
        return sb.toString().strip();
    }

    /** Step 0 of a built-in program: what it did before the clock ran (the calls that never sleep). */
    /** The steps the log holds, {@code first} to {@code at}. */
    String logRange(int first, int at) {
        return format("step.logRange", first, at);
    }

    /** The step counter: "K / M", or "K / ≥M" while the run's end is not yet found. */
    String position(int at, int steps, boolean complete) {
        return format(complete ? "step.position" : "step.position.open", at, steps);
    }

    /** The counter's tooltip, in words. */
    String positionTip(int at, int steps, boolean complete) {
        return format(complete ? "step.position.tip" : "step.position.openTip", at, steps);
    }

    /** A command running off the JavaFX thread: heading for {@code target} (-1: to where the run tells), at step {@code at}. */
    String busy(int target, int at) {
        return target >= 0 ? format("step.busy.to", target, at) : format("step.busy.run", at);
    }

    String programStarted(String program) {
        return format("step.programStarted", program);
    }

    /** A step of a built-in program: the thread whose call returned, the listing line it is on now, what it does there. */
    String programAt(SimThread t, int line) {
        return format("step.programAt", String.valueOf(t.tid()), String.valueOf(line), doing(t));
    }

    String total(CostMeter.Cost c) {
        return format("cost.total", words(c));
    }

    String lastCall(CostMeter.CallCost cc) {
        return format("cost.lastCall", cc.call(), String.valueOf(cc.tid()), words(cc.cost()));
    }

    private String words(CostMeter.Cost c) {
        return format("cost.words", String.valueOf(c.fdsVisited()), String.valueOf(c.bytesCopied()),
            String.valueOf(c.comparisons()), String.valueOf(c.callbacks()));
    }

    /** What a thread is doing: asleep in a call, in a call, or running its own code. */
    private String doing(SimThread t) {
        return t.state() == SimThread.State.SLEEPING ? format("user.asleep", t.currentCall(), t.sleepingOn())
            : t.currentCall() != null ? format("user.inCall", t.currentCall()) : text.getString("user.running");
    }

    /** User space in lines: "pid 1", its threads and what they do, then "  fd 3 → socket#3". */
    List<String> fdTableLines(Kernel k) {
        List<String> out = new ArrayList<>();
        for (SimProcess p : k.processes()) {
            out.add(format("user.process", String.valueOf(p.pid())));
            for (SimThread t : p.threads()) {
                out.add("  " + format("user.thread", String.valueOf(t.tid()), t.name(), doing(t)));
            }
            for (int fd = 0, hw = p.fds().highWater(); fd < hw; fd++) {
                OpenFile f = p.fds().get(fd);
                if (f == null) continue;
                out.add("  " + (f.refs() > 1 ? format("user.fd.shared", String.valueOf(fd), f.label(), String.valueOf(f.refs()))
                    : format("user.fd", String.valueOf(fd), f.label())));
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
                line = format(cb.function().equals("ep_poll_callback") ? "step.explain.epollCallback" : "step.explain.callback",
                    cb.function(), cb.queue(), cb.target());
            } else if (e instanceof TraceEvent.Wake w) {
                line = format("step.explain.wake", String.valueOf(w.tid()), reason(w.why()));
            } else if (e instanceof TraceEvent.Sleep s) {
                line = format("step.explain.sleep", String.valueOf(s.tid()), s.call(), s.on());
            } else if (e instanceof TraceEvent.TreeRotate r) {
                line = format(r.left() ? "step.explain.rotateLeft" : "step.explain.rotateRight", r.pivot(), r.caseName());
            } else if (e instanceof TraceEvent.TreeLink l) {
                line = format("step.explain.link", l.item());
            } else if (e instanceof TraceEvent.TreeErase er) {
                line = format("step.explain.erase", er.item());
            } else if (e instanceof TraceEvent.ReadyLink r) {
                line = format("step.explain.ready", r.ep(), r.item(), reason(r.why()));
            } else if (e instanceof TraceEvent.Copy c && c.toUser() && c.what().startsWith("epoll_event")) {
                line = format("step.explain.copy", c.what());
            } else if (e instanceof TraceEvent.SyscallExit x) {
                line = x.errno() != null ? format("step.explain.returnErrno", x.call(), String.valueOf(x.ret()), x.errno())
                    : format("step.explain.return", x.call(), String.valueOf(x.ret()));
            }
            if (line != null) sb.append(line).append('\n');
        }
        return sb.toString().strip();
    }

    /** A reason of the model's in the window's words (see {@link #REASONS}). */
    public String reason(String why) {
        for (Reason r : REASONS) {
            Matcher m = r.pattern().matcher(why);
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) args[i] = m.group(i + 1);
                return format(r.key(), args);
            }
        }
        return why;
    }
}
