package org.pollscope.probe.proc;

import java.util.List;

/**
 * An {@link InterestReport} as one JSON object:
 * <pre>{"processes": [{"pid": N, "epolls": [{"fd": N, "items": [{"fd": N, "events": ["EPOLLIN"], "data": "0x5",
 *   "target": {"kind": "tcp", "local": "127.0.0.1:80", "remote": "127.0.0.1:5000"}}]}]}], "unparsed": ["line"]}</pre>
 * {@code before_trace: true} is written only on items it applies to; {@code local}, {@code remote}
 * and {@code target} are left out when not known; {@code pid} is null when a log has no pid prefixes.
 * A strace report also has, only where there is something to say, {@code "ready"} in an epoll
 * object (what epoll_wait returned, over time), {@code "polls"} in a process (the same for poll
 * and select) and {@code "notes"} (the assumptions made); a report of /proc has exactly the keys
 * above.
 */
public final class ReportJson {
    private ReportJson() {}

    public static String write(InterestReport r) {
        StringBuilder sb = new StringBuilder("{\"processes\": [");
        for (int i = 0; i < r.processes().size(); i++) {
            ProcessInterest p = r.processes().get(i);
            if (i > 0) sb.append(", ");
            sb.append("{\"pid\": ").append(p.pid() == null ? "null" : p.pid().toString());
            sb.append(", \"epolls\": [");
            for (int j = 0; j < p.epolls().size(); j++) {
                EpollInterest e = p.epolls().get(j);
                if (j > 0) sb.append(", ");
                sb.append("{\"fd\": ").append(e.fd()).append(", \"items\": [");
                for (int k = 0; k < e.items().size(); k++) {
                    if (k > 0) sb.append(", ");
                    item(sb, e.items().get(k));
                }
                sb.append(']');
                if (!e.ready().isEmpty()) {
                    sb.append(", \"ready\": ");
                    events(sb, e.ready());
                }
                sb.append('}');
            }
            sb.append(']');
            if (!p.polls().isEmpty()) {
                sb.append(", \"polls\": ");
                events(sb, p.polls());
            }
            sb.append('}');
        }
        sb.append("], \"unparsed\": [");
        for (int i = 0; i < r.unparsed().size(); i++) sb.append(i > 0 ? ", " : "").append(str(r.unparsed().get(i)));
        sb.append(']');
        if (!r.notes().isEmpty()) {
            sb.append(", \"notes\": [");
            for (int i = 0; i < r.notes().size(); i++) sb.append(i > 0 ? ", " : "").append(str(r.notes().get(i)));
            sb.append(']');
        }
        return sb.append('}').toString();
    }

    private static void item(StringBuilder sb, Registration g) {
        sb.append("{\"fd\": ").append(g.fd()).append(", \"events\": ");
        names(sb, g.eventNames());
        sb.append(", \"data\": ").append(str(g.dataText()));
        if (g.target() != null) {
            Target t = g.target();
            sb.append(", \"target\": {\"kind\": ").append(str(t.kind().text()));
            if (t.local() != null) sb.append(", \"local\": ").append(str(t.local()));
            if (t.remote() != null) sb.append(", \"remote\": ").append(str(t.remote()));
            sb.append('}');
        }
        if (g.beforeTrace()) sb.append(", \"before_trace\": true");
        sb.append('}');
    }

    private static void events(StringBuilder sb, List<ReadyEvent> evs) {
        sb.append('[');
        for (int i = 0; i < evs.size(); i++) {
            ReadyEvent e = evs.get(i);
            if (i > 0) sb.append(", ");
            sb.append("{\"line\": ").append(e.line());
            if (e.time() != null) sb.append(", \"time\": ").append(str(e.time()));
            if (e.tid() != null) sb.append(", \"tid\": ").append(e.tid());
            sb.append(", \"call\": ").append(str(e.call()));
            if (e.fd() >= 0) sb.append(", \"fd\": ").append(e.fd());
            sb.append(", \"events\": ");
            names(sb, e.eventNames());
            if (e.data() != null) sb.append(", \"data\": ").append(str("0x" + Long.toHexString(e.data())));
            if (e.beforeTrace()) sb.append(", \"before_trace\": true");
            if (e.note() != null) sb.append(", \"note\": ").append(str(e.note()));
            sb.append('}');
        }
        sb.append(']');
    }

    private static void names(StringBuilder sb, List<String> names) {
        sb.append('[');
        for (int i = 0; i < names.size(); i++) sb.append(i > 0 ? ", " : "").append(str(names.get(i)));
        sb.append(']');
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    static String str(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
