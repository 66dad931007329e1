package org.pollscope.app.ui.kernel;

import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import org.pollscope.kernel.EpItem;
import org.pollscope.kernel.EventPoll;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.WaitQueue;

/**
 * The ready band of kernel space, a column per epoll instance: {@code rdllist} as a chain of
 * epitems, {@code ovflist} while ep_send_events runs, and the threads on {@code ep->wq}. An
 * epitem shows, large, the events epoll_wait would report for it now ({@code ep_item_poll}:
 * the file's poll mask AND the registered events), and apart, smaller, the events registered.
 */
final class ReadyListDrawing {
    /** rows of epitems a chain may take before the rest is a count */
    private static final int MAX_CHAIN_ROWS = 4;
    /** lines the threads on ep->wq may take before the rest is a count */
    private static final int MAX_WAITER_LINES = 4;

    private final DrawingContext ctx;

    ReadyListDrawing(DrawingContext ctx) {
        this.ctx = ctx;
    }

    /** The height the band asks in a canvas {@code width} wide: every column whole (none when there is no epoll instance). */
    double need(List<EventPoll> eps, double width) {
        if (eps.isEmpty()) return 0;
        double colW = width / eps.size();
        double h = 0;
        for (EventPoll ep : eps) h = Math.max(h, column(null, ep, 12, 0, colW - 24, Double.MAX_VALUE));
        return h;
    }

    /** Draws the band, a column for each of {@code eps}. */
    void draw(GraphicsContext g, List<EventPoll> eps) {
        Rectangle2D readyZone = ctx.readyZone();
        double colW = readyZone.getWidth() / Math.max(1, eps.size());
        g.save();
        g.beginPath();
        g.rect(readyZone.getMinX(), readyZone.getMinY(), readyZone.getWidth(), readyZone.getHeight());
        g.clip();
        for (int i = 0; i < eps.size(); i++) {
            column(g, eps.get(i), i * colW + 12, readyZone.getMinY(), colW - 24, readyZone.getMaxY());
        }
        g.restore();
    }

    /**
     * One instance's column from {@code top}, {@code width} wide, down to {@code bottom}: drawn
     * when {@code g} is given, measured when null; returns the height it takes.
     */
    private double column(GraphicsContext g, EventPoll ep, double x0, double top, double width, double bottom) {
        KernelPalette palette = ctx.palette();
        double u = ctx.unit();
        double lineH = 20 * u;
        List<EpItem> ready = ep.readyList();
        double y = top + 20 * u;
        String title = ctx.format("canvas.ready", ep.label(), ready.size())
            + (ctx.outcomeHidden() && !ready.isEmpty() ? ctx.text("canvas.readyHidden") : "");
        int titleLines = ctx.lines(ctx.bold(), title, width);
        if (g != null) {
            g.setFont(ctx.bold());
            g.setFill(palette.text());
            ctx.fillWrapped(g, title, x0, y, width, lineH, titleLines, DrawingContext.READY, DrawingContext.TITLE);
        }
        y += (titleLines - 1) * lineH + 8 * u;
        y = chain(g, ready, x0, y, width, bottom, palette.ready());
        List<EpItem> ovf = ep.overflowList();
        if (ovf != null) {
            if (g != null) {
                g.setFont(ctx.font());
                g.setFill(palette.overflow());
                ctx.fillText(g, ctx.format("canvas.ovflist", ovf.size()), x0, y + 14 * u, width, DrawingContext.READY, DrawingContext.TITLE);
            }
            y = chain(g, ovf, x0, y + 18 * u, width, bottom, palette.overflow());
        }
        String who = waiters(ep.waiters().entries(), width);
        int lines = ctx.lines(ctx.font(), who, width);
        if (g != null) {
            g.setFont(ctx.font());
            g.setFill(palette.muted());
            // the lines whose baseline lies in the band, less the descent; none is a cut, not a smudge
            int room = (int) Math.floor((bottom - y - 18 * u - 4 * u) / lineH) + 1;
            if (room > 0) {
                ctx.fillWrapped(g, who, x0, y + 18 * u, width, lineH, Math.min(lines, room), DrawingContext.READY, DrawingContext.WAITER);
            } else {
                ctx.cut(DrawingContext.READY, DrawingContext.WAITER, who, DrawingContext.HEIGHT);
            }
        }
        y += 18 * u + (lines - 1) * lineH + 10 * u;
        return y - top;
    }

    /**
     * "ep->wq, threads in epoll_wait: ..." in at most {@link #MAX_WAITER_LINES} lines of
     * {@code width}: the names that fit, then how many more (a thousand threads in epoll_wait
     * are not a thousand names a frame).
     */
    private String waiters(List<WaitQueue.Entry> waiting, double width) {
        if (waiting.isEmpty()) return ctx.format("canvas.epwq", ctx.text("canvas.nobody"));
        // no character is narrower than 3 px: names past this many characters cannot show
        int past = (int) (MAX_WAITER_LINES * width / (3 * ctx.unit()));
        int k = 0;
        StringBuilder names = new StringBuilder();
        for (; k < waiting.size() && names.length() <= past; k++) {
            if (k > 0) names.append(", ");
            WaitQueue.Entry e = waiting.get(k);
            names.append(e.label()).append(e.exclusive() ? " " + ctx.text("canvas.exclusive") : "");
        }
        String all = ctx.format("canvas.epwq", names);
        if (k == waiting.size() && ctx.lines(ctx.font(), all, width) <= MAX_WAITER_LINES) return all;
        // too many: drop names from the end until the names and the count fit
        String[] parts = names.toString().split(", ");
        for (int n = parts.length - 1; n >= 1; n--) {
            String s = ctx.format("canvas.epwq", String.join(", ", java.util.Arrays.asList(parts).subList(0, n)) + ", "
                + ctx.format("canvas.more", waiting.size() - n));
            if (ctx.lines(ctx.font(), s, width) <= MAX_WAITER_LINES || n == 1) {
                ctx.cut(DrawingContext.READY, DrawingContext.WAITER, s, DrawingContext.WIDTH);
                return s;
            }
        }
        return all;
    }

    /** What an epitem's box says: its fd, the events ep_item_poll reports now, the events registered. */
    private String[] box(EpItem it) {
        if (ctx.outcomeHidden()) {
            return new String[] {"fd " + it.key().fd(), ctx.hiddenOutcome(), ctx.format("canvas.registered", Linux.epollEvents(it.events()))};
        }
        int now = it.itemPoll();
        return new String[] {"fd " + it.key().fd(), now == 0 ? ctx.text("canvas.nothingNow") : Linux.epollEvents(now),
            ctx.format("canvas.registered", Linux.epollEvents(it.events()))};
    }

    private double boxWidth(String[] b) {
        return Math.max(ctx.width(ctx.bold(), b[0]), Math.max(ctx.width(ctx.big(), b[1]), ctx.width(ctx.small(), b[2])))
            + 12 * ctx.unit();
    }

    /**
     * A chain of epitems as linked boxes in rows of {@code width}, down to {@code bottom} and
     * at most {@link #MAX_CHAIN_ROWS} rows, the rest a count; drawn when {@code g} is given;
     * returns the y below it.
     */
    private double chain(GraphicsContext g, List<EpItem> items, double x0, double y, double width, double bottom, Color fill) {
        KernelPalette palette = ctx.palette();
        double u = ctx.unit();
        double boxH = 52 * u;
        double gap = 14 * u;
        double moreW = 90 * u;
        double x = x0;
        int shown = 0;
        int row = 0;
        if (items.isEmpty()) return y;
        if (g != null && y + boxH > bottom) {
            // a band too short for a row of boxes: the items' fds on one line, rather than boxes cut in half
            StringBuilder fds = new StringBuilder();
            for (EpItem it : items) fds.append(fds.length() == 0 ? "" : ", ").append("fd ").append(it.key().fd());
            g.setFill(fill.darker());
            g.setFont(ctx.bold());
            ctx.fillText(g, fds.toString(), x0, y + 14 * u, width, DrawingContext.READY, DrawingContext.ITEM);
            ctx.cut(DrawingContext.READY, DrawingContext.ITEM, items.size() + " boxes", DrawingContext.HEIGHT);
            return y + 20 * u;
        }
        for (EpItem it : items) {
            String[] b = box(it);
            double bw = Math.min(boxWidth(b), width);
            boolean last = shown == items.size() - 1;
            if (x > x0 && x + bw + (last ? 0 : moreW) > x0 + width) {
                // the next row, when the band and the cap have room for it
                if (row + 1 < MAX_CHAIN_ROWS && (g == null || y + 2 * boxH + gap <= bottom)) {
                    row++;
                    y += boxH + gap / 2;
                    x = x0;
                } else {
                    String more = ctx.format("canvas.more", items.size() - shown);
                    if (g != null) {
                        g.setFill(palette.muted());
                        g.setFont(ctx.font());
                        ctx.fillText(g, more, x, y + boxH / 2 + 4);
                        ctx.cut(DrawingContext.READY, DrawingContext.ITEM, more, row + 1 < MAX_CHAIN_ROWS ? "height" : DrawingContext.ROWS);
                    }
                    break;
                }
            }
            if (g != null) {
                g.setFill(fill);
                g.fillRoundRect(x, y, bw, boxH, 8, 8);
                g.setFill(palette.readyText());
                g.setFont(ctx.bold());
                ctx.fillText(g, b[0], x + 6 * u, y + 15 * u, bw - 10 * u, DrawingContext.READY, DrawingContext.ITEM);
                g.setFont(ctx.big());
                ctx.fillText(g, b[1], x + 6 * u, y + 33 * u, bw - 10 * u, DrawingContext.READY, DrawingContext.ITEM);
                g.setFont(ctx.small());
                ctx.fillText(g, b[2], x + 6 * u, y + 47 * u, bw - 10 * u, DrawingContext.READY, DrawingContext.ITEM);
                ctx.hit(x, y, x + bw, y + boxH, it.key().file(), it.key().fd(), "ready");
                if (x > x0) {
                    g.setStroke(palette.edge());
                    g.strokeLine(x - gap, y + boxH / 2, x, y + boxH / 2);
                }
            }
            x += bw + gap;
            shown++;
        }
        return y + boxH;
    }
}
