package org.pollscope.probe.proc;

import java.util.List;

/**
 * An {@link InterestReport} for a terminal of 80 columns: a block per epoll fd, a line per
 * registration ({@code fd 7  EPOLLIN|EPOLLRDHUP|EPOLLET  data 0x7  tcp 127.0.0.1:7000 <- 127.0.0.1:53422}),
 * what is too wide for one line carried on to the next.
 */
public final class ReportText {
    private ReportText() {}

    static final int WIDTH = 80;
    /** Ready events shown per epoll fd before "... and N more". */
    static final int MAX_READY = 20;

    public static String write(InterestReport r) {
        StringBuilder sb = new StringBuilder();
        for (ProcessInterest p : r.processes()) {
            sb.append("pid ").append(p.pid() == null ? "? (the log has no pid prefixes)" : p.pid().toString());
            if (p.command() != null) sb.append(" (").append(p.command()).append(')');
            sb.append('\n');
            for (EpollInterest e : p.epolls()) {
                sb.append("  epoll fd ").append(e.fd()).append(": ").append(count(e.items().size(), "registration")).append('\n');
                if (e.kernelOrder() && e.notInFdOrder()) {
                    sb.append("    (the kernel's order: by struct file address, then fd; not by fd)\n");
                } else if (!e.kernelOrder() && e.items().size() > 1) {
                    sb.append("    (by fd: a log cannot show the kernel's order, by struct file address)\n");
                }
                for (Registration g : e.items()) {
                    String head = "    fd " + g.fd() + "  " + EpollEvents.text(g.events()) + "  data " + g.dataText();
                    String tail = (g.target() != null ? g.target().text() : "(" + (g.note() != null ? g.note() : "what the fd is is not known") + ")")
                        + (g.beforeTrace() ? "  [before the trace]" : "");
                    if (head.length() + 2 + tail.length() <= WIDTH) sb.append(head).append("  ").append(tail).append('\n');
                    else sb.append(head).append('\n').append("        ").append(tail).append('\n');
                }
                if (!e.ready().isEmpty()) {
                    sb.append("    over time, on this epoll fd:\n");
                    events(sb, e.ready());
                }
            }
            if (!p.polls().isEmpty()) {
                sb.append("  ready from poll and select:\n");
                events(sb, p.polls());
            }
        }
        if (!r.unparsed().isEmpty()) {
            sb.append(count(r.unparsed().size(), "line")).append(" not understood:\n");
            for (String u : r.unparsed()) sb.append("  ").append(u.length() > WIDTH - 2 ? u.substring(0, WIDTH - 5) + "..." : u).append('\n');
        }
        for (String n : r.notes()) wrap(sb, "note: " + n, "  ");
        return sb.toString();
    }

    private static void events(StringBuilder sb, List<ReadyEvent> evs) {
        int shown = 0;
        for (ReadyEvent e : evs) {
            if (shown++ == MAX_READY) {
                sb.append("      ... and ").append(evs.size() - MAX_READY).append(" more\n");
                break;
            }
            StringBuilder l = new StringBuilder("      ");
            l.append("line ").append(e.line());
            if (e.time() != null) l.append("  ").append(e.time());
            if (e.tid() != null) l.append("  tid ").append(e.tid());
            l.append("  ").append(e.call());
            l.append("  fd ").append(e.fd() >= 0 ? Integer.toString(e.fd()) : "?");
            if (e.events() != 0) l.append("  ").append(EpollEvents.text(e.events()));
            if (e.data() != null) l.append("  data 0x").append(Long.toHexString(e.data()));
            wrap(sb, l.toString(), "          ");
            if (e.note() != null) wrap(sb, "        " + e.note(), "        ");
        }
    }

    /** {@code text} in lines of at most 80 columns, broken at spaces, the lines after the first indented. */
    static void wrap(StringBuilder sb, String text, String indent) {
        String rest = text;
        boolean first = true;
        while (true) {
            String line = first ? rest : indent + rest;
            if (line.length() <= WIDTH) {
                sb.append(line).append('\n');
                return;
            }
            int cut = line.lastIndexOf(' ', WIDTH);
            if (cut <= indent.length()) {
                sb.append(line).append('\n'); // one word longer than the line: left whole
                return;
            }
            sb.append(line.substring(0, cut).stripTrailing()).append('\n');
            rest = line.substring(cut + 1).stripLeading();
            first = false;
        }
    }

    static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
