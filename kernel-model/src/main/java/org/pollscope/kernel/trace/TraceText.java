package org.pollscope.kernel.trace;

import org.pollscope.kernel.Linux;

/**
 * The reader's side of a trace event: one line of text for logs and exports, in the kernel's
 * own notation (masks by their {@code EPOLL*} names). Events are values; how they read is decided
 * here, not in the events.
 */
public final class TraceText {
    private TraceText() {}

    /** One line of text for a log or an export. */
    public static String describe(TraceEvent event) {
        if (event instanceof TraceEvent.SyscallEnter e) return "T" + e.tid() + " " + e.call() + "(" + e.args() + ")";
        if (event instanceof TraceEvent.SyscallExit e) return "T" + e.tid() + " " + e.call() + " = " + e.ret() + (e.errno() != null ? " " + e.errno() : "")
                + (e.detail() == null || e.detail().isEmpty() ? "" : " " + e.detail());
        if (event instanceof TraceEvent.TreeCompare e) return e.ep() + " rbtree compare " + e.probe() + " with " + e.node();
        if (event instanceof TraceEvent.TreeLink e) return e.ep() + " rbtree link " + e.item() + (e.parent() == null ? " as root" : " as " + (e.left() ? "left" : "right") + " child of " + e.parent());
        if (event instanceof TraceEvent.TreeRotate e) return e.ep() + " rbtree " + (e.left() ? "left" : "right") + " rotate at " + e.pivot() + ": " + e.caseName();
        if (event instanceof TraceEvent.TreeRecolor e) return e.ep() + " rbtree " + e.item() + " becomes " + (e.red() ? "red" : "black") + ": " + e.caseName();
        if (event instanceof TraceEvent.TreeErase e) return e.ep() + " rbtree erase " + e.item();
        if (event instanceof TraceEvent.ReadyLink e) return e.ep() + " rdllist " + (e.atTail() ? "add tail " : "add head ") + e.item() + " (" + e.why() + ")";
        if (event instanceof TraceEvent.ReadyUnlink e) return e.ep() + " rdllist del " + e.item() + " (" + e.why() + ")";
        if (event instanceof TraceEvent.OverflowLink e) return e.ep() + " ovflist push " + e.item() + " (events are being sent)";
        if (event instanceof TraceEvent.Scan e) return e.ep() + (e.start() ? " ep_start_scan: rdllist stolen (" + e.items() + (e.items() == 1 ? " item" : " items") + "), ovflist active"
                : " ep_done_scan: ovflist spliced back, rdllist has " + e.items() + (e.items() == 1 ? " item" : " items"));
        if (event instanceof TraceEvent.Callback e) return e.function() + " on " + e.queue() + " for " + e.target() + " key=" + Linux.epollEvents(e.key())
                + (e.woke() ? "" : " (no effect)");
        if (event instanceof TraceEvent.WaitAdd e) return "add " + (e.exclusive() ? "exclusive " : "") + e.entry() + " to " + e.queue();
        if (event instanceof TraceEvent.WaitRemove e) return "remove " + e.entry() + " from " + e.queue();
        if (event instanceof TraceEvent.WakeUp e) return "wake_up " + e.queue() + " key=" + Linux.epollEvents(e.key()) + " (" + e.by() + ")";
        if (event instanceof TraceEvent.Sleep e) return "T" + e.tid() + " sleeps in " + e.call() + " on " + e.on();
        if (event instanceof TraceEvent.Wake e) return "T" + e.tid() + " woken: " + e.why();
        if (event instanceof TraceEvent.Copy e) return (e.toUser() ? "copy_to_user " : "copy_from_user ") + e.bytes() + " bytes (" + e.what() + ")";
        if (event instanceof TraceEvent.FdVisit e) return e.call() + " visits fd " + e.fd() + " -> " + Linux.epollEvents(e.mask());
        if (event instanceof TraceEvent.FileChange e) return e.file() + ": " + e.what();
        if (event instanceof TraceEvent.FdChange e) return "P" + e.pid() + " fd " + e.fd() + (e.installed() ? " -> " + e.file() : " closed");
        if (event instanceof TraceEvent.ProgramLine e) return "T" + e.tid() + " " + e.program() + " line " + e.line();
        if (event instanceof TraceEvent.ClockAdvance e) return "clock " + e.from() / 1_000_000 + " ms -> " + e.time() / 1_000_000 + " ms";
        throw new AssertionError("unknown trace event " + event);
    }
}
