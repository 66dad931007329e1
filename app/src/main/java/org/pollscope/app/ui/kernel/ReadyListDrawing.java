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
 * epitems, {@code ovflist} while ep_send_events runs, and the threads on {@code ep->wq}.
 */
final class ReadyListDrawing {
    private final DrawingContext ctx;

    ReadyListDrawing(DrawingContext ctx) {
        this.ctx = ctx;
    }

    /** Draws the band, a column for each of {@code eps}. */
    void draw(GraphicsContext g, List<EventPoll> eps) {
        KernelPalette palette = ctx.palette();
        Rectangle2D readyZone = ctx.readyZone();
        double s = palette.scale();
        double colW = readyZone.getWidth() / Math.max(1, eps.size());
        g.save();
        g.beginPath();
        g.rect(readyZone.getMinX(), readyZone.getMinY(), readyZone.getWidth(), readyZone.getHeight());
        g.clip();
        for (int i = 0; i < eps.size(); i++) {
            EventPoll ep = eps.get(i);
            double x0 = i * colW + 12;
            double y = readyZone.getMinY() + 20 * s;
            // beside other instances a column's texts and chains stop at its edge
            boolean clip = DrawingContext.clipColumn(g, eps.size(), i * colW, readyZone, colW);
            List<EpItem> ready = ep.readyList();
            g.setFont(ctx.bold());
            g.setFill(palette.text());
            ctx.fillText(g, ctx.format("canvas.ready", ep.label(), ready.size()), x0, y);
            y += 8 * s;
            y = chain(g, ready, x0, y, colW - 24, palette.ready());
            List<EpItem> ovf = ep.overflowList();
            if (ovf != null) {
                g.setFont(ctx.font());
                g.setFill(palette.overflow());
                ctx.fillText(g, ctx.format("canvas.ovflist", ovf.size()), x0, y + 14 * s);
                y = chain(g, ovf, x0, y + 18 * s, colW - 24, palette.overflow());
            }
            g.setFont(ctx.font());
            g.setFill(palette.muted());
            List<WaitQueue.Entry> waiting = ep.waiters().entries();
            StringBuilder who = new StringBuilder();
            // names up to past the column's end (no character is narrower than 3 px), then a
            // count: a thousand threads in epoll_wait are not a thousand names a frame
            int past = (int) (colW / (3 * s));
            for (int k = 0; k < waiting.size(); k++) {
                if (who.length() > 0) who.append(", ");
                if (who.length() > past) {
                    who.append(ctx.format("canvas.more", waiting.size() - k));
                    break;
                }
                WaitQueue.Entry e = waiting.get(k);
                who.append(e.label()).append(e.exclusive() ? " " + ctx.text("canvas.exclusive") : "");
            }
            ctx.fillText(g, ctx.format("canvas.epwq", waiting.isEmpty() ? ctx.text("canvas.nobody") : who),
                x0, y + 18 * s);
            if (clip) g.restore();
        }
        g.restore();
    }

    /** A chain of epitems as linked boxes; returns the y below it. */
    private double chain(GraphicsContext g, List<EpItem> items, double x0, double y, double width, Color fill) {
        KernelPalette palette = ctx.palette();
        double s = palette.scale();
        double boxW = 118 * s;
        double boxH = 34 * s;
        double x = x0;
        int shown = 0;
        for (EpItem it : items) {
            if (x + boxW > x0 + width) {
                g.setFill(palette.muted());
                g.setFont(ctx.font());
                ctx.fillText(g, ctx.format("canvas.more", items.size() - shown), x, y + boxH / 2 + 4);
                break;
            }
            g.setFill(fill);
            g.fillRoundRect(x, y, boxW, boxH, 8, 8);
            g.setFill(palette.readyText());
            g.setFont(ctx.bold());
            ctx.fillText(g, "fd " + it.key().fd(), x + 6, y + 14 * s);
            g.setFont(ctx.small());
            ctx.fillText(g, Linux.epollEvents(it.events()), x + 6, y + 28 * s, boxW - 10);
            ctx.hit(x, y, x + boxW, y + boxH, it.key().file(), it.key().fd(), "ready");
            if (shown > 0) {
                g.setStroke(palette.edge());
                g.strokeLine(x - 14 * s, y + boxH / 2, x, y + boxH / 2);
            }
            x += boxW + 14 * s;
            shown++;
        }
        return y + boxH;
    }
}
