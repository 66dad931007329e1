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

    /** How a file's row is laid out: its entries in lines, its state beside them or below. */
    private record RowPlan(OpenFile file, Row row, String head, List<String> labels, List<double[]> pills,
                           List<String> state, boolean stateBelow, double height, boolean hookedRow, double headH) {}

    /** The band laid out for a width: its title, the rows that could show, the threads asleep. */
    private record Plan(List<String> title, List<RowPlan> rows, int total, int shownFds, List<SimThread> sleepers,
                        double entriesX, double need, double full) {}

    private Plan plan;
    private Kernel planned;

    /**
     * The heights the band asks in a canvas {@code width} by {@code height}, {need, full}: its
     * title and the rows of the files with entries on their wait queues whole, and a thread
     * asleep; then every row and up to {@link #MAX_SLEEPER_LINES} threads asleep.
     */
    double[] need(Kernel kernel, List<EventPoll> eps, double width, double height) {
        plan = plan(kernel, eps, width, height);
        planned = kernel;
        return new double[] {plan.need(), plan.full()};
    }

    private static final int MAX_SLEEPER_LINES = 8;
    /** an entry's pill, a line of pills, a line of a file's state below them */
    private static final double PILL_H = 19;
    private static final double PILL_LINE = 22;
    private static final double STATE_LINE = 15;

    private Plan plan(Kernel kernel, List<EventPoll> eps, double width, double height) {
        double u = ctx.unit();
        double lineH = 18 * u;
        List<String> title = ctx.wrap(ctx.bold(), ctx.text("canvas.waitqueues"), width - 24);
        // no row is lower than a line: more than fill the canvas are a count, not laid out
        Rows rows = fileRows(kernel, eps, Math.max(1, (int) (height / (20 * u))));
        // the column of heads leaves the widest entry its whole width beside it
        double widestPill = 0;
        for (OpenFile f : rows.shown().keySet()) {
            for (WaitQueue q : f.waitQueues()) {
                for (WaitQueue.Entry en : q.entries()) {
                    String l = en.label() + (en.exclusive() ? " " + ctx.text("canvas.exclusive") : "");
                    widestPill = Math.max(widestPill, ctx.width(ctx.small(), l) + 12 * u);
                }
            }
        }
        double headMax = Math.min(width * 0.34, width - 20 - 14 * u - widestPill);
        // too narrow for a column of heads beside the entries: each head above its entries
        boolean stacked = headMax < 80 * u;
        if (stacked) headMax = width - 24;
        double headW = 0;
        List<String> heads = new ArrayList<>();
        for (Map.Entry<OpenFile, Row> e : rows.shown().entrySet()) {
            String head = e.getValue().names + "  " + e.getKey().label();
            heads.add(head);
            headW = Math.max(headW, Math.min(headMax, ctx.width(ctx.font(), head)));
        }
        double entriesX = stacked ? 12 + 16 * u : 12 + headW + 14 * u;
        double right = width - 8;
        List<RowPlan> plans = new ArrayList<>();
        int i = 0;
        double hookedH = 0;
        double allH = 0;
        for (Map.Entry<OpenFile, Row> e : rows.shown().entrySet()) {
            RowPlan rp = row(e.getKey(), e.getValue(), heads.get(i++), headMax, entriesX, right, stacked);
            plans.add(rp);
            if (rp.hookedRow()) hookedH += rp.height();
            allH += rp.height();
        }
        List<SimThread> sleepers = kernel.sleepers();
        double head = 20 * u + (title.size() - 1) * 20 * u + 8 * u;
        double moreFiles = rows.total() > rows.shownFds() ? 24 * u : 0;
        // the rows of files with no entries, and those past the canvas, are one line that counts them
        boolean unhooked = plans.stream().anyMatch(r -> !r.hookedRow()) || rows.total() > rows.shownFds();
        double need = head + hookedH + (unhooked ? 24 * u : 0) + Math.min(1, sleepers.size()) * lineH + 8 * u;
        double full = head + allH + moreFiles + Math.min(MAX_SLEEPER_LINES, sleepers.size()) * lineH + 12 * u;
        return new Plan(title, plans, rows.total(), rows.shownFds(), sleepers, entriesX, need, Math.max(need, full));
    }

    /** A file's row: the head, then its entries as pills flowing in lines, its state to their right or below. */
    private RowPlan row(OpenFile f, Row row, String head, double headMax, double entriesX, double right, boolean stacked) {
        double u = ctx.unit();
        double pillH = PILL_H * u;
        double lineH = PILL_LINE * u;
        List<String> labels = new ArrayList<>();
        for (WaitQueue q : f.waitQueues()) {
            for (WaitQueue.Entry en : q.entries()) {
                labels.add(en.label() + (en.exclusive() ? " " + ctx.text("canvas.exclusive") : ""));
            }
        }
        String stateText = f.describeState();
        double stateW = stateText.isEmpty() ? 0 : ctx.width(ctx.small(), stateText);
        double widest = labels.isEmpty() ? ctx.width(ctx.small(), ctx.text("canvas.noEntries"))
            : labels.stream().mapToDouble(l -> ctx.width(ctx.small(), l) + 12 * u).max().orElse(0);
        // the state keeps the room it needs to the right when the widest entry still fits beside it;
        // else it goes under the entries, wrapped
        boolean below = stateW > 0 && entriesX + widest + 12 * u + stateW > right;
        double entriesRight = below || stateW == 0 ? right : right - stateW - 12 * u;
        List<double[]> pills = new ArrayList<>();
        double x = entriesX;
        int line = 0;
        for (String l : labels) {
            double avail = entriesRight - entriesX;
            double w = Math.min(ctx.width(ctx.small(), l) + 12 * u, avail);
            // an entry wider than the band is wrapped in a taller pill of its own, not squeezed
            int textLines = ctx.width(ctx.small(), l) + 12 * u > avail ? Math.max(1, ctx.wrap(ctx.small(), l, avail - 12 * u).size()) : 1;
            if (x > entriesX && (x + w > entriesRight || textLines > 1)) {
                line++;
                x = entriesX;
            }
            pills.add(new double[] {x, line, w, textLines});
            if (textLines > 1) {
                // the pill takes its lines; the next entry starts on a line of its own
                line += textLines;
                x = entriesX;
            } else {
                x += w + 6 * u;
            }
        }
        if (!pills.isEmpty() && x == entriesX && pills.get(pills.size() - 1)[3] > 1) line--;
        List<String> state = stateText.isEmpty() ? List.of() : below ? ctx.wrap(ctx.small(), stateText, right - entriesX)
            : List.of(stateText);
        int headLines = ctx.lines(ctx.font(), head, headMax);
        double headH = stacked ? headLines * 20 * u : 0;
        double h = Math.max(headLines * 20 * u, headH + (line + 1) * lineH + (below ? state.size() * STATE_LINE * u : 0));
        return new RowPlan(f, row, head, labels, pills, state, below, Math.max(h, pillH + 4 * u), !labels.isEmpty(), headH);
    }

    /** Draws the band: the files of {@code kernel}'s processes and of {@code eps}' interest lists, then the threads asleep. */
    void draw(GraphicsContext g, Kernel kernel, List<EventPoll> eps) {
        KernelPalette palette = ctx.palette();
        Rectangle2D waitZone = ctx.waitZone();
        double u = ctx.unit();
        if (plan == null || planned != kernel) need(kernel, eps, waitZone.getWidth(), waitZone.getHeight());
        Plan p = plan;
        plan = null;
        g.save();
        g.beginPath();
        g.rect(waitZone.getMinX(), waitZone.getMinY(), waitZone.getWidth(), waitZone.getHeight());
        g.clip();
        double y = waitZone.getMinY() + 20 * u;
        g.setFont(ctx.bold());
        g.setFill(palette.text());
        ctx.fillWrapped(g, ctx.text("canvas.waitqueues"), 12, y, waitZone.getWidth() - 24, 20 * u, p.title().size(),
            DrawingContext.WAIT, DrawingContext.TITLE);
        y += (p.title().size() - 1) * 20 * u + 8 * u;
        double lineH = 18 * u;
        List<SimThread> sleepers = p.sleepers();
        // the first two rows come before the threads asleep (those in epoll_wait are named in the
        // ready band too); past them a line is kept for the threads
        double keep = 4 * u;
        double keepPastTwo = Math.min(1, sleepers.size()) * lineH + 4 * u;
        int shownFds = 0;
        int drawn = 0;
        for (RowPlan rp : p.rows()) {
            // a row is drawn whole or not at all, with room kept below it for the count of the rest
            boolean rest = drawn + 1 < p.rows().size() || p.total() > p.shownFds();
            if (y + rp.height() + (drawn < 2 ? keep : keepPastTwo) + (rest ? 24 * u : 0) > waitZone.getMaxY()) break;
            drawRow(g, rp, y, p.entriesX());
            y += rp.height();
            shownFds += rp.row().fds;
            drawn++;
        }
        for (RowPlan rp : p.rows().subList(drawn, p.rows().size())) {
            ctx.cut(DrawingContext.WAIT, rp.hookedRow() ? "row" : DrawingContext.FILE, rp.head(), DrawingContext.HEIGHT);
        }
        if (p.total() > shownFds) {
            g.setFont(ctx.font());
            g.setFill(palette.muted());
            ctx.fillText(g, ctx.format("canvas.moreFiles", p.total() - shownFds), 12, y + 18 * u);
            y += 24 * u;
        }
        g.setFont(ctx.font());
        g.setFill(palette.muted());
        int lines = Math.min(sleepers.size(), Math.max(0, (int) ((waitZone.getMaxY() - y - 4 * u) / lineH)));
        if (lines == 0 && !sleepers.isEmpty()) {
            ctx.cut(DrawingContext.WAIT, DrawingContext.SLEEPER, ctx.format("canvas.moreSleepers", sleepers.size()), DrawingContext.HEIGHT);
        }
        double sy = y + lineH;
        for (int i = 0; i < lines; i++) {
            if (i == lines - 1 && lines < sleepers.size()) {
                String more = ctx.format("canvas.moreSleepers", sleepers.size() - i);
                ctx.fillText(g, more, 12, sy);
                ctx.cut(DrawingContext.WAIT, DrawingContext.SLEEPER, more, DrawingContext.HEIGHT);
                break;
            }
            SimThread t = sleepers.get(i);
            ctx.fillText(g, ctx.format("canvas.sleeps", t.tid(), t.currentCall(), t.sleepingOn()), 12, sy,
                waitZone.getWidth() - 24, DrawingContext.WAIT, DrawingContext.SLEEPER);
            sy += lineH;
        }
        g.restore();
    }

    /** One file's row from {@code top}: its head, its entries, its state; where a click finds the file. */
    private void drawRow(GraphicsContext g, RowPlan rp, double top, double entriesX) {
        KernelPalette palette = ctx.palette();
        double u = ctx.unit();
        double w = ctx.waitZone().getWidth();
        double base = top + 18 * u;
        g.setFont(ctx.font());
        g.setFill(palette.text());
        ctx.fillWrapped(g, rp.head(), 12, base, rp.headH() > 0 ? w - 24 : entriesX - 12 - 14 * u, 20 * u, Integer.MAX_VALUE, DrawingContext.WAIT, DrawingContext.HEAD);
        ctx.hit(8, top, entriesX, top + rp.height(), rp.file(), rp.row().firstFd, "waitqueues");
        g.setFont(ctx.small());
        double lineH = PILL_LINE * u;
        for (int k = 0; k < rp.labels().size(); k++) {
            String label = rp.labels().get(k);
            double[] pill = rp.pills().get(k);
            double py = top + rp.headH() + 2 * u + pill[1] * lineH;
            g.setFill(label.startsWith("ep_poll_callback") ? palette.callback()
                : label.startsWith("pollwake") ? palette.pollwake() : palette.waiter());
            int textLines = (int) pill[3];
            double textH = 15 * u;
            g.fillRoundRect(pill[0], py, pill[2], PILL_H * u + (textLines - 1) * textH, 10, 10);
            g.setFill(Color.BLACK);
            if (textLines == 1) {
                ctx.fillText(g, label, pill[0] + 6 * u, py + 13.5 * u, pill[2] - 10 * u, DrawingContext.WAIT, DrawingContext.ENTRY);
            } else {
                ctx.fillWrapped(g, label, pill[0] + 6 * u, py + 13.5 * u, pill[2] - 12 * u, textH, textLines, DrawingContext.WAIT, DrawingContext.ENTRY);
            }
        }
        int entryLines = 1;
        for (double[] pill : rp.pills()) entryLines = Math.max(entryLines, (int) pill[1] + (int) pill[3]);
        if (rp.labels().isEmpty()) {
            g.setFill(palette.muted());
            ctx.fillText(g, ctx.text("canvas.noEntries"), entriesX, base + rp.headH() - 2 * u);
        }
        if (rp.state().isEmpty()) return;
        g.setFill(palette.muted());
        if (rp.stateBelow()) {
            double sy = top + rp.headH() + entryLines * lineH + 11 * u;
            for (String line : rp.state()) {
                ctx.fillText(g, line, entriesX, sy, w - 8 - entriesX, DrawingContext.WAIT, DrawingContext.STATE);
                sy += STATE_LINE * u;
            }
        } else {
            String state = rp.state().get(0);
            ctx.fillText(g, state, w - 8 - ctx.width(ctx.small(), state), base + rp.headH() - 2 * u);
        }
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
