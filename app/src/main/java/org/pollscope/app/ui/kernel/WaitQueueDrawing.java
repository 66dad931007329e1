package org.pollscope.app.ui.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import org.pollscope.kernel.EventPoll;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.OpenFile;
import org.pollscope.kernel.SimProcess;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.WaitQueue;

/**
 * The wait-queue band of kernel space: each open file with the entries hooked on its wait
 * queues ({@code ep_poll_callback} for epoll, {@code pollwake} for select and poll, sleeping
 * threads), then the threads asleep and what they sleep in. A file's row is where a click
 * finds it.
 */
final class WaitQueueDrawing {
    private final DrawingContext ctx;

    WaitQueueDrawing(DrawingContext ctx) {
        this.ctx = ctx;
    }

    /** Draws the band: the files of {@code kernel}'s processes and of {@code eps}' interest lists, then the threads asleep. */
    void draw(GraphicsContext g, Kernel kernel, List<EventPoll> eps) {
        KernelPalette palette = ctx.palette();
        Rectangle2D waitZone = ctx.waitZone();
        double s = palette.scale();
        g.save();
        g.beginPath();
        g.rect(waitZone.getMinX(), waitZone.getMinY(), waitZone.getWidth(), waitZone.getHeight());
        g.clip();
        double y = waitZone.getMinY() + 20 * s;
        g.setFont(ctx.bold());
        g.setFill(palette.text());
        ctx.fillText(g, ctx.text("canvas.waitqueues"), 12, y);
        // the threads asleep take the last lines of the band, as many as there is room for
        // below its title and a line for the files; when more sleep, the last of those lines
        // counts the rest
        List<SimThread> sleepers = kernel.sleepers();
        double lineH = 18 * s;
        double rowH = 24 * s;
        int sleeperLines = Math.min(sleepers.size(), Math.max(1, (int) ((waitZone.getMaxY() - 8 - y - rowH) / lineH)));
        double bottom = waitZone.getMaxY() - 8 - sleeperLines * lineH;
        int room = Math.max(0, (int) ((bottom - y) / rowH) - 1);
        Rows rows = fileRows(kernel, eps, room);
        for (Map.Entry<OpenFile, Row> e : rows.shown().entrySet()) {
            y += rowH;
            OpenFile f = e.getKey();
            g.setFont(ctx.font());
            g.setFill(palette.text());
            String head = e.getValue().names + "  " + f.label();
            ctx.fillText(g, head, 12, y);
            double x = 12 + Math.max(200 * s, head.length() * 7.2 * s);
            ctx.hit(8, y - rowH + 6, x, y + 6, f, e.getValue().firstFd, "waitqueues");
            List<WaitQueue.Entry> entries = new ArrayList<>();
            for (WaitQueue q : f.waitQueues()) entries.addAll(q.entries());
            for (int k = 0; k < entries.size(); k++) {
                WaitQueue.Entry en = entries.get(k);
                String label = en.label() + (en.exclusive() ? " " + ctx.text("canvas.exclusive") : "");
                double want = label.length() * 6.6 * s + 12;
                // an entry that does not fit whole, with room kept for the count of the rest,
                // gives way to that count: four acceptors' callbacks are four, not one and a smudge
                double left = waitZone.getWidth() - x - 8 - (k + 1 < entries.size() ? 70 * s : 0);
                if (want > left && k > 0) {
                    g.setFont(ctx.small());
                    g.setFill(palette.muted());
                    ctx.fillText(g, ctx.format("canvas.more", entries.size() - k), x, y - 1 * s);
                    x += 70 * s;
                    break;
                }
                double cw = Math.min(waitZone.getWidth() - x - 8, want);
                if (cw < 40) break;
                g.setFill(en.label().startsWith("ep_poll_callback") ? palette.callback()
                    : en.label().startsWith("pollwake") ? palette.pollwake() : palette.waiter());
                g.fillRoundRect(x, y - 15 * s, cw, 20 * s, 10, 10);
                g.setFill(Color.BLACK);
                g.setFont(ctx.small());
                ctx.fillText(g, label, x + 6, y - 1 * s, cw - 10);
                x += cw + 6;
            }
            if (entries.isEmpty()) {
                g.setFont(ctx.small());
                g.setFill(palette.muted());
                ctx.fillText(g, ctx.text("canvas.noEntries"), x, y - 1);
            }
            String state = f.describeState();
            if (!state.isEmpty() && x < waitZone.getWidth() - 120) {
                g.setFont(ctx.small());
                g.setFill(palette.muted());
                ctx.fillText(g, state, Math.max(x + 12, waitZone.getWidth() * 0.62), y - 1, waitZone.getWidth() * 0.38 - 12);
            }
        }
        if (rows.total() > rows.shownFds()) {
            g.setFont(ctx.font());
            g.setFill(palette.muted());
            ctx.fillText(g, ctx.format("canvas.moreFiles", rows.total() - rows.shownFds()), 12, y + rowH);
        }
        g.setFont(ctx.font());
        g.setFill(palette.muted());
        double sy = waitZone.getMaxY() - 8;
        for (int i = 0; i < sleeperLines; i++) {
            if (i == sleeperLines - 1 && sleeperLines < sleepers.size()) {
                ctx.fillText(g, ctx.format("canvas.moreSleepers", sleepers.size() - i), 12, sy);
                break;
            }
            SimThread t = sleepers.get(i);
            ctx.fillText(g, ctx.format("canvas.sleeps", t.tid(), t.currentCall(), t.sleepingOn()), 12, sy);
            sy -= lineH;
        }
        g.restore();
    }

    /** One file of the band: the fds that name it ("fd 3, fd 5", "pid 2 fd 4"), the first of them, how many. */
    private static final class Row {
        final int firstFd;
        final StringBuilder names;
        int fds = 1;

        Row(int firstFd, String name) {
            this.firstFd = firstFd;
            this.names = new StringBuilder(name);
        }
    }

    /** The rows of the band, and how many fds (and fd-less watched files) there are in all. */
    private record Rows(Map<OpenFile, Row> shown, int total) {
        int shownFds() {
            return shown.values().stream().mapToInt(r -> r.fds).sum();
        }
    }

    /**
     * The open files reachable from an fd, those with entries on their wait queues first, as
     * they are what a step changes; then files only an epitem keeps alive (their fd closed).
     * Work beyond the {@code room} rows shown is a count, so that a frame of a 10,000-fd
     * process stays cheap.
     */
    private Rows fileRows(Kernel kernel, List<EventPoll> eps, int room) {
        Map<OpenFile, Row> hookedRows = new LinkedHashMap<>();
        Map<OpenFile, Row> otherRows = new LinkedHashMap<>();
        int total = 0;
        List<SimProcess> ps = kernel.processes();
        for (SimProcess p : ps) {
            for (int fd = 0, hw = p.fds().highWater(); fd < hw; fd++) {
                OpenFile f = p.fds().get(fd);
                if (f == null || f instanceof EventPoll) continue;
                total++;
                // the name of an fd is built only for a row shown: a 10,000-fd process has room for a dozen
                Row row = hookedRows.get(f);
                if (row == null) row = otherRows.get(f);
                if (row != null) {
                    row.names.append(", ").append(fdName(p, p == ps.get(0), fd));
                    row.fds++;
                } else if (hookedRows.size() < room) {
                    Map<OpenFile, Row> into = hooked(f) ? hookedRows : otherRows;
                    if (into == hookedRows || hookedRows.size() + otherRows.size() < room) {
                        into.put(f, new Row(fd, fdName(p, p == ps.get(0), fd)));
                    }
                }
            }
        }
        if (hookedRows.size() < room && !ps.isEmpty()) {
            SimProcess first = ps.get(0);
            for (EventPoll ep : eps) {
                for (var n = ep.interestList().first(); n != null && hookedRows.size() < room; n = ep.interestList().next(n)) {
                    OpenFile f = n.key().file();
                    if (first.fds().get(n.key().fd()) != f && !hookedRows.containsKey(f)) {
                        hookedRows.put(f, new Row(n.key().fd(), ctx.format("canvas.noFd", n.key().fd())));
                        total++;
                    }
                }
            }
        }
        Map<OpenFile, Row> out = new LinkedHashMap<>(hookedRows);
        for (Map.Entry<OpenFile, Row> e : otherRows.entrySet()) {
            if (out.size() >= room) break;
            out.put(e.getKey(), e.getValue());
        }
        return new Rows(out, total);
    }

    /** "fd 4", or "pid 2 fd 4" in a process other than the first. */
    private static String fdName(SimProcess p, boolean first, int fd) {
        return (first ? "" : "pid " + p.pid() + " ") + "fd " + fd;
    }

    private static boolean hooked(OpenFile f) {
        for (WaitQueue q : f.waitQueues()) {
            if (q.active()) return true;
        }
        return false;
    }
}
