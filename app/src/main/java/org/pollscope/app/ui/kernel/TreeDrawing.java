package org.pollscope.app.ui.kernel;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;
import org.pollscope.kernel.EventPoll;
import org.pollscope.kernel.Linux;

/**
 * The tree band of kernel space: each epoll instance's interest list ({@code ep->rbr}) as a
 * red-black tree, nodes labelled by fd and open file, in a column of its own. Between two steps
 * the nodes glide from where they were to where they are, captioned with the lib/rbtree.c
 * cases of the step; a subtree too small to tell apart on screen is drawn as one wedge.
 */
final class TreeDrawing {
    private static final double NODE_R = 14;
    /** the height of a level when the band has room */
    private static final double LEVEL_H = 56;
    /** a subtree narrower than this on screen is one wedge */
    private static final double WEDGE_BELOW_PX = 14;
    /** a node whose subtree is narrower than this is a dot without a label */
    private static final double LABEL_FROM_PX = 34;

    private final DrawingContext ctx;
    private final Run run = new Run();
    // the frame being drawn, as draw() was given it: fixed while the frame is drawn
    private KernelPalette palette;
    private Rectangle2D treeZone;
    private double progress;
    private double zoom;
    private double panX;
    private double panY;

    TreeDrawing(DrawingContext ctx) {
        this.ctx = ctx;
    }

    /** Lines of the tallest title among the columns of {@code eps} in a band {@code width} wide. */
    private int titleLines(List<EventPoll> eps, double width) {
        double colW = width / Math.max(1, eps.size());
        int n = 1;
        for (EventPoll ep : eps) n = Math.max(n, ctx.lines(ctx.bold(), title(ep), colW - 24));
        return n;
    }

    private String title(EventPoll ep) {
        return ctx.format("canvas.interest", ep.label(), ep.interestList().size(), ep.refs());
    }

    /** From the band's top to the middle of the roots: the titles, then the caption. */
    private double header(List<EventPoll> eps, String caption, double width) {
        double u = ctx.unit();
        return titleLines(eps, width) * 20 * u + 24 * u + captionLines(caption) * 20 * u;
    }

    /** Below the deepest level: a node's half, its file's label, and the events a ready one would report. */
    private double footer(List<EventPoll> eps) {
        boolean ready = false;
        for (EventPoll ep : eps) ready |= !ep.readyList().isEmpty();
        return (NODE_R + 20 + (ready ? 16 : 0)) * ctx.unit();
    }

    /**
     * The heights the band asks in a canvas {@code width} wide, {need, full}: every title and
     * the caption whole over trees at their smallest legible levels (the levels below the
     * fourth, dots and wedges in a large tree, closer), and over trees at their widest.
     */
    double[] need(List<EventPoll> eps, Map<String, TreeLayout> layouts, Map<String, TreeLayout> before, String caption,
                  double progress, double width) {
        double u = ctx.unit();
        if (eps.isEmpty()) {
            double h = ctx.lines(ctx.font(), ctx.text("canvas.noEpoll"), width - 32) * 20 * u + 16 * u;
            return new double[] {h, h};
        }
        int levels = levels(eps, layouts, before, progress);
        double head = header(eps, caption, width) + footer(eps);
        double need = head + (Math.min(levels, 4) - 1) * (2 * NODE_R + 8) * u + Math.max(0, levels - 4) * 12 * u;
        double full = head + (levels - 1) * LEVEL_H * u;
        return new double[] {need, Math.max(need, full)};
    }

    private int levels(List<EventPoll> eps, Map<String, TreeLayout> layouts, Map<String, TreeLayout> before, double progress) {
        int levels = 1;
        for (EventPoll ep : eps) {
            levels = Math.max(levels, layouts.getOrDefault(ep.label(), TreeLayout.EMPTY).height());
            if (progress < 1) levels = Math.max(levels, before.getOrDefault(ep.label(), TreeLayout.EMPTY).height());
        }
        return levels;
    }

    /**
     * Draws the trees of {@code eps} (by label, their {@code layouts} now and {@code before} the
     * last step) {@code progress} of the way from before to now, under the {@code caption} of the
     * step; a tree is {@code zoom} times as wide as its column, moved by {@code panX}, {@code panY}.
     */
    void draw(GraphicsContext g, List<EventPoll> eps, Map<String, TreeLayout> layouts, Map<String, TreeLayout> before,
              String caption, double progress, double zoom, double panX, double panY) {
        palette = ctx.palette();
        treeZone = ctx.treeZone();
        this.progress = progress;
        this.zoom = zoom;
        this.panX = panX;
        this.panY = panY;
        double s = ctx.unit();
        g.save();
        g.beginPath();
        g.rect(treeZone.getMinX(), treeZone.getMinY(), treeZone.getWidth(), treeZone.getHeight());
        g.clip();
        if (eps.isEmpty()) {
            g.setFont(ctx.font());
            g.setFill(palette.muted());
            ctx.fillWrapped(g, ctx.text("canvas.noEpoll"), 16, treeZone.getMinY() + 24 * s, treeZone.getWidth() - 32, 20 * s,
                Integer.MAX_VALUE, DrawingContext.TREE, DrawingContext.TEXT);
        }
        double colW = treeZone.getWidth() / Math.max(1, eps.size());
        int titleLines = titleLines(eps, treeZone.getWidth());
        double top = treeZone.getMinY() + header(eps, caption, treeZone.getWidth());
        double footer = footer(eps);
        for (int i = 0; i < eps.size(); i++) {
            EventPoll ep = eps.get(i);
            double x0 = i * colW;
            TreeLayout now = layouts.getOrDefault(ep.label(), TreeLayout.EMPTY);
            TreeLayout was = before.getOrDefault(ep.label(), TreeLayout.EMPTY);
            int levels = Math.max(1, Math.max(now.height(), progress < 1 ? was.height() : 0));
            double room = treeZone.getMaxY() - top - footer;
            double levelH = levels < 2 ? LEVEL_H * s : Math.max(4, Math.min(LEVEL_H * s, room / (levels - 1)));
            Frame f = new Frame(x0 + 12, colW - 24, top, levelH, now, was);
            if (progress < 1) drawLeaving(g, f);
            if (now.root() >= 0) {
                drawSubtree(g, f, now.root());
                run.flush(g, f);
            }
            g.setFont(ctx.bold());
            g.setFill(palette.text());
            // beside other instances the title wraps within its column
            ctx.fillWrapped(g, title(ep), x0 + 12, treeZone.getMinY() + 20 * s, colW - 24, 20 * s, titleLines, DrawingContext.TREE, DrawingContext.TITLE);
        }
        if (!caption.isEmpty()) {
            g.setFont(ctx.font());
            String[] lines = caption.split("\n");
            double lh = 20 * s;
            double capTop = treeZone.getMinY() + titleLines * 20 * s + 8 * s;
            g.setFill(palette.caption());
            g.fillRect(0, capTop, treeZone.getWidth(), lh * lines.length + 4);
            g.setFill(palette.captionText());
            for (int i = 0; i < lines.length; i++) {
                ctx.fillText(g, lines[i], 12, capTop + lh * (i + 1) - 4 * s, treeZone.getWidth() - 24, DrawingContext.TREE, DrawingContext.CAPTION);
            }
        }
        if (zoom != 1 || panX != 0 || panY != 0) {
            g.setFont(ctx.small());
            g.setFill(palette.muted());
            g.setTextAlign(TextAlignment.RIGHT);
            ctx.fillText(g, ctx.format("canvas.zoom", Math.round(zoom * 100)), treeZone.getMaxX() - 10,
                treeZone.getMaxY() - 8);
            g.setTextAlign(TextAlignment.LEFT);
        }
        g.restore();
    }

    private static int captionLines(String caption) {
        return caption.isEmpty() ? 0 : caption.split("\n").length;
    }

    /** One epoll instance's tree band: where it is and the two layouts it moves between. */
    private record Frame(double x0, double width, double top, double levelH, TreeLayout now, TreeLayout was) {}

    private double lerp(double a, double b) {
        // ease in and out, so that a rotation starts and lands gently
        double t = progress * progress * (3 - 2 * progress);
        return a + (b - a) * t;
    }

    private double screenX(Frame f, double unitX) {
        return f.x0() + panX + unitX * f.width() * zoom;
    }

    private double screenY(Frame f, double depth) {
        // zoom widens the tree only: the levels already fit the band, and it is the width that a
        // large tree runs out of (10,000 nodes in 1,000 pixels)
        return f.top() + panY + depth * f.levelH();
    }

    /** Node {@code r} of the current layout, at this point of the animation: {x, y}. */
    private double[] position(Frame f, int r) {
        double ux = f.now().unitX(r);
        double d = f.now().depth(r);
        if (progress < 1) {
            int old = f.was().rankOf(f.now().id(r));
            if (old >= 0) {
                ux = lerp(f.was().unitX(old), ux);
                d = lerp(f.was().depth(old), d);
            }
        }
        return new double[] {screenX(f, ux), screenY(f, d)};
    }

    private void drawSubtree(GraphicsContext g, Frame f, int r) {
        TreeLayout t = f.now();
        // the subtree covers in-order slots firstRank..lastRank
        double left = screenX(f, (t.firstRank(r)) / (double) t.size());
        double right = screenX(f, (t.lastRank(r) + 1) / (double) t.size());
        double[] p = position(f, r);
        if (right < treeZone.getMinX() || left > treeZone.getMaxX() || p[1] - NODE_R > treeZone.getMaxY()) return;
        double span = right - left;
        if (t.subtreeSize(r) > 1 && span < WEDGE_BELOW_PX) {
            // far away: the whole subtree as one wedge
            run.wedge(p[0], p[1], left, right);
            ctx.wedgeDrawn();
            return;
        }
        for (int c : new int[] {t.left(r), t.right(r)}) {
            if (c < 0) continue;
            double[] q = position(f, c);
            run.edge(p[0], p[1], q[0], q[1], c == t.left(r) ? 0 : 1);
            drawSubtree(g, f, c);
        }
        // a labelled node needs its level's height too: squeezed levels are dots, not labels over the next level
        boolean labelled = span >= LABEL_FROM_PX * ctx.unit() && f.levelH() >= 1.6 * NODE_R * ctx.unit();
        // zoomed in, the nodes above the part shown lie far to its sides: their edges come
        // into view, they do not
        if (!inTreeZone(t, r, p, labelled)) return;
        if (labelled || t.ready(r)) {
            // what was put off is drawn first: it lies under this node (or its ready ring) as if drawn in turn
            run.flush(g, f);
            drawNode(g, f, r, p, labelled);
        } else {
            run.dot(r, p);
        }
    }

    /** Whether anything of node {@code r} at {@code p} (circle, ready ring, labels) is in the tree band. */
    private boolean inTreeZone(TreeLayout t, int r, double[] p, boolean labelled) {
        double s = ctx.unit();
        double rad = labelled ? NODE_R * s : 3;
        // the ready ring lies 3 px out, its line up to 2 px wider
        double halfW = rad + 5;
        double top = p[1] - rad - 5;
        double bottom = p[1] + rad + 5;
        if (labelled) {
            // the file's label below: no character is wider than the type is high
            halfW = Math.max(halfW, t.key(r).file().label().length() * 11 * s / 2);
            bottom = p[1] + rad + (t.ready(r) ? 32 : 16) * s;
        }
        return p[0] + halfW >= treeZone.getMinX() && p[0] - halfW <= treeZone.getMaxX()
            && bottom >= treeZone.getMinY() && top <= treeZone.getMaxY();
    }

    /**
     * The edges, wedges and dots met in the tree since the last labelled node, drawn when the
     * next labelled node is (and at the end of the tree): the edges as a few stroked paths,
     * the wedges as one filled path, then the dots. A 10,000-item tree has a few hundred of
     * them below its labelled nodes, and each shape drawn on its own costs the software
     * renderer its setting up; as one path they cost little more than their pixels. A
     * labelled node and its texts, and a dot's ready ring, are still drawn over everything
     * met before them and under everything met after; within a run edges go under wedges and
     * dots, where each edge ends anyway.
     */
    private final class Run {
        /**
         * x0, y0, x1, y1 of each edge, those to left children apart from those to right
         * children: the two edges down from a node share pixels just below it, which one path
         * would paint once and two strokes paint twice, as one by one
         */
        private final double[][] edges = new double[2][64];
        private final int[] edgeCoords = new int[2];
        /** apex x, apex y, left, right of each wedge */
        private double[] wedges = new double[64];
        private int wedgeCoords;
        /** rank, x, y of each dot */
        private double[] dots = new double[48];
        private int dotCoords;

        void edge(double x0, double y0, double x1, double y1, int group) {
            double[] e = edges[group] = room(edges[group], edgeCoords[group] + 4);
            int i = edgeCoords[group];
            e[i] = x0;
            e[i + 1] = y0;
            e[i + 2] = x1;
            e[i + 3] = y1;
            edgeCoords[group] = i + 4;
        }

        void wedge(double x, double y, double left, double right) {
            wedges = room(wedges, wedgeCoords + 4);
            wedges[wedgeCoords++] = x;
            wedges[wedgeCoords++] = y;
            wedges[wedgeCoords++] = left;
            wedges[wedgeCoords++] = right;
        }

        void dot(int rank, double[] p) {
            dots = room(dots, dotCoords + 3);
            dots[dotCoords++] = rank;
            dots[dotCoords++] = p[0];
            dots[dotCoords++] = p[1];
        }

        private double[] room(double[] a, int n) {
            return n <= a.length ? a : Arrays.copyOf(a, Math.max(n, a.length * 2));
        }

        void flush(GraphicsContext g, Frame f) {
            for (int k = 0; k < edges.length; k++) {
                if (edgeCoords[k] == 0) continue;
                double[] e = edges[k];
                g.setStroke(palette.edge());
                g.setLineWidth(1.2);
                g.beginPath();
                for (int i = 0; i < edgeCoords[k]; i += 4) {
                    g.moveTo(e[i], e[i + 1]);
                    g.lineTo(e[i + 2], e[i + 3]);
                }
                g.stroke();
                edgeCoords[k] = 0;
            }
            if (wedgeCoords > 0) {
                g.setFill(palette.wedge());
                g.beginPath();
                for (int i = 0; i < wedgeCoords; i += 4) {
                    double x = wedges[i];
                    double y = wedges[i + 1];
                    g.moveTo(x, y - 3);
                    g.lineTo(wedges[i + 2], y + 9);
                    g.lineTo(wedges[i + 3], y + 9);
                    g.closePath();
                }
                g.fill();
            }
            for (int i = 0; i < dotCoords; i += 3) {
                drawNode(g, f, (int) dots[i], new double[] {dots[i + 1], dots[i + 2]}, false);
            }
            wedgeCoords = 0;
            dotCoords = 0;
        }
    }

    private void drawNode(GraphicsContext g, Frame f, int r, double[] p, boolean labelled) {
        TreeLayout t = f.now();
        boolean red = t.red(r);
        double alpha = 1;
        if (progress < 1) {
            int old = f.was().rankOf(t.id(r));
            if (old < 0) alpha = progress; // a new node fades in
            else if (progress < 0.5) red = f.was().red(old); // a recolour happens halfway
        }
        double rad = labelled ? NODE_R * ctx.unit() : 3;
        g.setGlobalAlpha(alpha);
        g.setFill(red ? palette.red() : palette.black());
        g.fillOval(p[0] - rad, p[1] - rad, 2 * rad, 2 * rad);
        if (t.ready(r)) {
            // on rdllist: a ring in the ready list's colour ties the tree to the chain below
            g.setStroke(palette.ready());
            g.setLineWidth(labelled ? 4 : 2);
            g.strokeOval(p[0] - rad - 3, p[1] - rad - 3, 2 * rad + 6, 2 * rad + 6);
        }
        if (labelled) {
            g.setStroke(palette.outline());
            g.setLineWidth(1);
            g.strokeOval(p[0] - rad, p[1] - rad, 2 * rad, 2 * rad);
            g.setFill(palette.nodeText());
            g.setFont(ctx.small());
            g.setTextAlign(TextAlignment.CENTER);
            ctx.fillText(g, String.valueOf(t.fd(r)), p[0], p[1] + 4 * ctx.unit());
            g.setFill(palette.muted());
            ctx.fillText(g, t.key(r).file().label(), p[0], p[1] + rad + 12 * ctx.unit());
            if (t.ready(r)) {
                // on rdllist: what epoll_wait would report for it now (ep_item_poll), in bold
                g.setFont(ctx.bold());
                if (ctx.outcomeHidden()) {
                    g.setFill(palette.muted());
                    ctx.fillText(g, ctx.hiddenOutcome(), p[0], p[1] + rad + 28 * ctx.unit());
                } else {
                    int now = t.node[r].value().itemPoll();
                    g.setFill(now == 0 ? palette.muted() : palette.text());
                    ctx.fillText(g, now == 0 ? ctx.text("canvas.nothingNow") : Linux.epollEvents(now), p[0],
                        p[1] + rad + 28 * ctx.unit());
                }
            }
            g.setTextAlign(TextAlignment.LEFT);
        }
        g.setGlobalAlpha(1);
        ctx.nodeDrawn();
        ctx.hit(p[0] - rad - 2, p[1] - rad - 2, p[0] + rad + 2, p[1] + rad + 2, t.key(r).file(), t.fd(r), "tree");
    }

    /** Nodes erased by the step fade out where they were (small trees only: a large one just updates). */
    private void drawLeaving(GraphicsContext g, Frame f) {
        TreeLayout was = f.was();
        if (was.size() > 200) return;
        g.setGlobalAlpha(1 - progress);
        for (int r = 0; r < was.size(); r++) {
            if (f.now().rankOf(was.id(r)) >= 0) continue;
            double x = screenX(f, was.unitX(r));
            double y = screenY(f, was.depth(r));
            double rad = NODE_R * ctx.unit();
            g.setFill(was.red(r) ? palette.red() : palette.black());
            g.fillOval(x - rad, y - rad, 2 * rad, 2 * rad);
        }
        g.setGlobalAlpha(1);
    }
}
