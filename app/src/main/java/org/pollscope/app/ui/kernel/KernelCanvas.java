package org.pollscope.app.ui.kernel;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.text.TextBoundsType;
import org.pollscope.app.ui.Messages;
import org.pollscope.kernel.EpItem;
import org.pollscope.kernel.EventPoll;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.OpenFile;
import org.pollscope.kernel.SimProcess;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.WaitQueue;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * Kernel space, drawn on one Canvas so that a 10,000-item interest list stays cheap: three
 * bands, top to bottom.
 * <ul>
 * <li><b>tree</b>: each epoll instance's interest list ({@code ep->rbr}) as a red-black tree,
 *     nodes labelled by fd and open file. Between two steps the nodes glide from where they
 *     were to where they are, so a rotation is seen, captioned with its lib/rbtree.c case.
 *     Zoom the width (wheel, Ctrl+= / Ctrl+-) and pan (drag); a subtree too small to tell apart on
 *     screen is drawn as one wedge with its count.</li>
 * <li><b>ready</b>: {@code rdllist} as a chain of epitems, {@code ovflist} while
 *     ep_send_events runs, and the threads on {@code ep->wq}.</li>
 * <li><b>waitqueues</b>: each open file with the entries hooked on its wait queues:
 *     {@code ep_poll_callback} (epoll), {@code pollwake} (select and poll), sleeping threads.
 *     Clicking a file (here or in the tree) asks the owner what to do with it.</li>
 * </ul>
 */
public final class KernelCanvas extends Pane {
    /** A file the user clicked, and where (screen coordinates, for a menu). */
    public record FileTarget(OpenFile file, int fd, double screenX, double screenY) {}

    private static final double NODE_R = 14;
    /** a subtree narrower than this on screen is one wedge */
    private static final double WEDGE_BELOW_PX = 14;
    /** a node whose subtree is narrower than this is a dot without a label */
    private static final double LABEL_FROM_PX = 34;
    private static final double ANIMATION_MS = 700;
    /** a text is laid out for the renderer again after this many frames (see fillText) */
    private static final int RELAYOUT_FRAMES = 600;

    private final Canvas canvas = new Canvas();
    private final ResourceBundle text;
    private final Map<String, MessageFormat> formats = new HashMap<>();
    /** per font, the Text that lays its texts out for the renderer: see {@link #fillText} */
    private final Map<Font, Primer> primers = new HashMap<>();
    /** frames drawn */
    private int frame;
    private KernelPalette palette = KernelPalette.of("light");
    private Kernel kernel;
    /** the kernel's epoll instances at the last show(), in the order their trees are drawn */
    private List<EventPoll> eps = List.of();
    /** per epoll instance (by label): the layout shown now, and the one shown before the last step */
    private Map<String, TreeLayout> layouts = new LinkedHashMap<>();
    private Map<String, TreeLayout> before = new HashMap<>();
    private String caption = "";
    private double progress = 1;
    private double speed = 1;
    private final AnimationTimer animator;
    private long animationStart;
    private double zoom = 1;
    private double panX;
    private double panY;
    private Rectangle2D treeZone = Rectangle2D.EMPTY;
    private Rectangle2D readyZone = Rectangle2D.EMPTY;
    private Rectangle2D waitZone = Rectangle2D.EMPTY;
    private final List<Hit> hits = new ArrayList<>();
    private Consumer<FileTarget> onFileClicked = t -> { };
    private double dragX;
    private double dragY;
    private boolean dragged;
    private int drawnNodes;
    private int drawnWedges;
    private final List<String> drawnTexts = new ArrayList<>();
    private Font font;
    private Font small;
    private Font bold;

    private record Hit(double x0, double y0, double x1, double y1, OpenFile file, int fd, String zone) {
        boolean contains(double x, double y) {
            return x >= x0 && x <= x1 && y >= y0 && y <= y1;
        }
    }

    public KernelCanvas() {
        this(Messages.english());
    }

    public KernelCanvas(ResourceBundle text) {
        this.text = text;
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        getStyleClass().add("kernel-canvas");
        setFocusTraversable(true);
        fonts();
        animator = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (animationStart == 0) animationStart = now;
                double p = (now - animationStart) / 1e6 / (ANIMATION_MS / speed);
                progress = Math.min(1, p);
                draw();
                if (p >= 1) stop();
            }
        };
        setOnScroll(e -> {
            if (e.getDeltaY() != 0) zoomAt(e.getDeltaY() > 0 ? 1.25 : 0.8, e.getX(), e.getY());
            e.consume();
        });
        setOnMousePressed(e -> {
            requestFocus();
            dragX = e.getX();
            dragY = e.getY();
            dragged = false;
        });
        setOnMouseDragged(e -> {
            if (Math.abs(e.getX() - dragX) + Math.abs(e.getY() - dragY) > 3) dragged = true;
            if (dragged && treeZone.contains(dragX, dragY)) {
                panX += e.getX() - dragX;
                panY += e.getY() - dragY;
                dragX = e.getX();
                dragY = e.getY();
                draw();
            }
        });
        setOnMouseClicked(e -> {
            if (dragged || e.getButton() == MouseButton.MIDDLE) return;
            FileTarget t = fileAt(e.getX(), e.getY());
            if (t != null) onFileClicked.accept(new FileTarget(t.file(), t.fd(), e.getScreenX(), e.getScreenY()));
        });
    }

    private void fonts() {
        double s = palette.scale();
        font = Font.font(13 * s);
        small = Font.font(11 * s);
        bold = Font.font(null, FontWeight.BOLD, 13 * s);
        // the texts are laid out again in the new fonts
        primers.clear();
    }

    /** Draws the kernel with no animation (a first picture, or a benchmark frame). */
    public void show(Kernel k) {
        show(k, List.of(), false);
    }

    /**
     * Draws the kernel after a step: the trees glide from the picture of the previous call to
     * this one when {@code animate}, captioned with the rbtree cases among {@code step}'s events.
     */
    public void show(Kernel k, List<TraceEvent> step, boolean animate) {
        boolean sameRun = k == kernel;
        kernel = k;
        // the pictures no longer needed lend their arrays to the new layouts
        Map<String, TreeLayout> spare = animate ? before : layouts;
        before = animate ? layouts : new HashMap<>();
        layouts = new LinkedHashMap<>();
        eps = k == null ? List.of() : k.eventPolls();
        for (EventPoll ep : eps) layouts.put(ep.label(), TreeLayout.of(ep.label(), ep.interestList(), spare.get(ep.label())));
        caption = rbtreeCaption(step, text);
        animator.stop();
        animationStart = 0;
        if (animate && !before.isEmpty() && (sameRun || !step.isEmpty())) {
            progress = 0;
            draw();
            animator.start();
        } else {
            progress = 1;
            draw();
        }
    }

    private int captionLines() {
        return caption.isEmpty() ? 0 : caption.split("\n").length;
    }

    /** The lib/rbtree.c cases of a step, in the order they ran, one a line after the function's name, or "". */
    static String rbtreeCaption(List<TraceEvent> step, ResourceBundle text) {
        StringBuilder sb = new StringBuilder();
        boolean erase = step.stream().anyMatch(e -> e instanceof TraceEvent.TreeErase);
        for (TraceEvent e : step) {
            String line = null;
            if (e instanceof TraceEvent.TreeRotate r) {
                line = MessageFormat.format(text.getString(r.left() ? "canvas.rotate.left" : "canvas.rotate.right"), shortItem(r.pivot()))
                    + ": " + r.caseName();
            } else if (e instanceof TraceEvent.TreeRecolor c) {
                line = MessageFormat.format(text.getString(c.red() ? "canvas.recolor.red" : "canvas.recolor.black"), shortItem(c.item()))
                    + ": " + c.caseName();
            }
            if (line != null) {
                if (sb.length() == 0) sb.append(erase ? "rb_erase → ____rb_erase_color:" : "rb_insert_color → __rb_insert:");
                sb.append("\n").append(line);
            }
        }
        return sb.toString();
    }

    /** "(socket#3, fd 4)" → "fd 4". */
    private static String shortItem(String item) {
        int i = item.lastIndexOf("fd ");
        return i < 0 ? item : item.substring(i, item.length() - (item.endsWith(")") ? 1 : 0));
    }

    /**
     * Holds the animation of the last step at {@code p}: 0 the picture before the step, 1 after
     * (for snapshots of a step in motion, and for tests).
     */
    public void setProgress(double p) {
        animator.stop();
        progress = Math.max(0, Math.min(1, p));
        draw();
    }

    public double progress() {
        return progress;
    }

    /** Animation speed: 1 takes 0.7 s per step; the play speed of the window. */
    public void setSpeed(double s) {
        speed = Math.max(0.1, s);
    }

    /** The caption of the last step's rebalancing ("" when the tree did not rebalance). */
    public String caption() {
        return caption;
    }

    public void setTheme(String theme) {
        palette = KernelPalette.of(theme);
        fonts();
        draw();
    }

    public void setOnFileClicked(Consumer<FileTarget> c) {
        onFileClicked = c;
    }

    /** Zooms the tree's width by {@code factor} around a point of the canvas (the point stays put). */
    public void zoomAt(double factor, double x, double y) {
        double z = Math.max(0.25, Math.min(400, zoom * factor));
        double f = z / zoom;
        // keep the point under the cursor where it is
        double ox = treeZone.getMinX() + 12;
        panX = (x - ox) - (x - ox - panX) * f;
        zoom = z;
        draw();
    }

    public void zoomIn() {
        zoomAt(1.25, treeZone.getMinX() + treeZone.getWidth() / 2, treeZone.getMinY() + treeZone.getHeight() / 3);
    }

    public void zoomOut() {
        zoomAt(0.8, treeZone.getMinX() + treeZone.getWidth() / 2, treeZone.getMinY() + treeZone.getHeight() / 3);
    }

    public void resetZoom() {
        zoom = 1;
        panX = 0;
        panY = 0;
        draw();
    }

    public double zoom() {
        return zoom;
    }

    /** A band of the picture: "tree", "ready" or "waitqueues" (for snapshots of one part). */
    public Rectangle2D zone(String name) {
        return switch (name) {
            case "tree" -> treeZone;
            case "ready" -> readyZone;
            case "waitqueues" -> waitZone;
            default -> new Rectangle2D(0, 0, getWidth(), getHeight());
        };
    }

    /** Tree nodes and wedges drawn in the last frame (for the tests of simplification). */
    public int drawnNodes() {
        return drawnNodes;
    }

    public int drawnWedges() {
        return drawnWedges;
    }

    /** The texts drawn in the last frame, in order (for the tests of what a band leaves out). */
    List<String> drawnTexts() {
        return List.copyOf(drawnTexts);
    }

    /** The file drawn at a point of the canvas, or null. */
    public FileTarget fileAt(double x, double y) {
        for (int i = hits.size() - 1; i >= 0; i--) {
            Hit h = hits.get(i);
            if (h.contains(x, y)) return new FileTarget(h.file(), h.fd(), x, y);
        }
        return null;
    }

    /** Where the file with fd {@code fd} is drawn in a band ("tree", "ready", "waitqueues"), or null. */
    public double[] whereIs(int fd, String zone) {
        for (Hit h : hits) {
            if (h.fd() == fd && h.zone().equals(zone)) return new double[] {(h.x0() + h.x1()) / 2, (h.y0() + h.y1()) / 2};
        }
        return null;
    }

    // ---- drawing ----

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        // clearRect over the whole canvas also drops the commands buffered since the last frame
        g.clearRect(0, 0, w, h);
        g.setFill(palette.background());
        g.fillRect(0, 0, w, h);
        hits.clear();
        frame++;
        drawnNodes = 0;
        drawnWedges = 0;
        drawnTexts.clear();
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(TextAlignment.LEFT);
        double treeH = Math.round(h * 0.5);
        double readyH = Math.round(h * 0.2);
        treeZone = new Rectangle2D(0, 0, w, treeH);
        readyZone = new Rectangle2D(0, treeH, w, readyH);
        waitZone = new Rectangle2D(0, treeH + readyH, w, Math.max(1, h - treeH - readyH));
        if (kernel == null) {
            g.setFont(font);
            g.setFill(palette.muted());
            fillText(g, text.getString("canvas.empty"), 16, 28 * palette.scale());
            return;
        }
        drawTrees(g, eps);
        drawReady(g, eps);
        drawWaitQueues(g);
        g.setStroke(palette.rule());
        g.setLineWidth(1);
        g.strokeLine(0, readyZone.getMinY(), w, readyZone.getMinY());
        g.strokeLine(0, waitZone.getMinY(), w, waitZone.getMinY());
    }

    private void drawTrees(GraphicsContext g, List<EventPoll> eps) {
        double s = palette.scale();
        g.save();
        g.beginPath();
        g.rect(treeZone.getMinX(), treeZone.getMinY(), treeZone.getWidth(), treeZone.getHeight());
        g.clip();
        if (eps.isEmpty()) {
            g.setFont(font);
            g.setFill(palette.muted());
            fillText(g, text.getString("canvas.noEpoll"), 16, 24 * s);
        }
        double colW = treeZone.getWidth() / Math.max(1, eps.size());
        for (int i = 0; i < eps.size(); i++) {
            EventPoll ep = eps.get(i);
            double x0 = i * colW;
            TreeLayout now = layouts.getOrDefault(ep.label(), TreeLayout.EMPTY);
            TreeLayout was = before.getOrDefault(ep.label(), TreeLayout.EMPTY);
            double top = treeZone.getMinY() + 44 * s + captionLines() * 20 * s;
            int levels = Math.max(1, Math.max(now.height(), progress < 1 ? was.height() : 0));
            double levelH = Math.min(56 * s, (treeZone.getHeight() - (top - treeZone.getMinY()) - 20 * s) / levels);
            Frame f = new Frame(x0 + 12, colW - 24, top, levelH, now, was);
            if (progress < 1) drawLeaving(g, f);
            if (now.root() >= 0) {
                drawSubtree(g, f, now.root());
                run.flush(g, f);
            }
            g.setFont(bold);
            g.setFill(palette.text());
            // beside other instances the title stops at its column's edge
            boolean clip = clipColumn(g, eps.size(), x0, treeZone, colW);
            fillText(g, format("canvas.interest", ep.label(), ep.interestList().size(), ep.refs()),
                x0 + 12, treeZone.getMinY() + 20 * s);
            if (clip) g.restore();
        }
        if (!caption.isEmpty()) {
            g.setFont(font);
            String[] lines = caption.split("\n");
            double lh = 20 * s;
            g.setFill(palette.caption());
            g.fillRect(0, treeZone.getMinY() + 28 * s, treeZone.getWidth(), lh * lines.length + 4);
            g.setFill(palette.captionText());
            for (int i = 0; i < lines.length; i++) {
                fillText(g, lines[i], 12, treeZone.getMinY() + 28 * s + lh * (i + 1) - 4 * s, treeZone.getWidth() - 24);
            }
        }
        if (zoom != 1 || panX != 0 || panY != 0) {
            g.setFont(small);
            g.setFill(palette.muted());
            g.setTextAlign(TextAlignment.RIGHT);
            fillText(g, format("canvas.zoom", Math.round(zoom * 100)), treeZone.getMaxX() - 10,
                treeZone.getMaxY() - 8);
            g.setTextAlign(TextAlignment.LEFT);
        }
        g.restore();
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

    private final Run run = new Run();

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
            drawnWedges++;
            return;
        }
        for (int c : new int[] {t.left(r), t.right(r)}) {
            if (c < 0) continue;
            double[] q = position(f, c);
            run.edge(p[0], p[1], q[0], q[1], c == t.left(r) ? 0 : 1);
            drawSubtree(g, f, c);
        }
        boolean labelled = span >= LABEL_FROM_PX * palette.scale();
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
        double s = palette.scale();
        double rad = labelled ? NODE_R * s : 3;
        // the ready ring lies 3 px out, its line up to 2 px wider
        double halfW = rad + 5;
        double top = p[1] - rad - 5;
        double bottom = p[1] + rad + 5;
        if (labelled) {
            // the file's label below: no character is wider than the type is high
            halfW = Math.max(halfW, t.key(r).file().label().length() * 11 * s / 2);
            bottom = p[1] + rad + 16 * s;
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
        double rad = labelled ? NODE_R * palette.scale() : 3;
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
            g.setFont(small);
            g.setTextAlign(TextAlignment.CENTER);
            fillText(g, String.valueOf(t.fd(r)), p[0], p[1] + 4 * palette.scale());
            g.setFill(palette.muted());
            fillText(g, t.key(r).file().label(), p[0], p[1] + rad + 12 * palette.scale());
            g.setTextAlign(TextAlignment.LEFT);
        }
        g.setGlobalAlpha(1);
        drawnNodes++;
        hits.add(new Hit(p[0] - rad - 2, p[1] - rad - 2, p[0] + rad + 2, p[1] + rad + 2, t.key(r).file(), t.fd(r), "tree"));
    }

    /**
     * {@code fillText}, with the text's layout kept for the renderer. The software pipeline
     * lays each text of a Canvas out anew in each frame, its bidirectional analysis included:
     * for the couple of hundred labels of a large tree, close to a tenth of the frame. It
     * takes the glyph runs of a text laid out before from a store, but stores only those of
     * a Text node whose bounds are centred on the line (as a Label's are); so each text is
     * laid out once in such a node, and again after a while, as the store is emptied when
     * full. The picture is the same.
     */
    private void fillText(GraphicsContext g, String s, double x, double y) {
        primers.computeIfAbsent(g.getFont(), Primer::new).layOut(s, frame);
        drawnTexts.add(s);
        g.fillText(s, x, y);
    }

    /** {@link #fillText(GraphicsContext, String, double, double)} squeezed into {@code maxWidth}. */
    private void fillText(GraphicsContext g, String s, double x, double y, double maxWidth) {
        primers.computeIfAbsent(g.getFont(), Primer::new).layOut(s, frame);
        drawnTexts.add(s);
        g.fillText(s, x, y, maxWidth);
    }

    /**
     * Lays texts out in one font for the renderer's store. The store knows a font's glyphs by
     * the identity of an object that the font holds weakly; the Text keeps it, else it may be
     * made anew and the texts laid out before not found.
     */
    private static final class Primer {
        private final Text text = new Text();
        /** the frame in which each text was last laid out */
        private final Map<String, Integer> laidOut = new HashMap<>();

        Primer(Font font) {
            text.setFont(font);
            text.setBoundsType(TextBoundsType.LOGICAL_VERTICAL_CENTER);
        }

        void layOut(String s, int frame) {
            Integer at = laidOut.get(s);
            if (at != null && frame - at < RELAYOUT_FRAMES) return;
            // a few thousand texts at most: when more were seen, start again
            if (laidOut.size() > 4096) laidOut.clear();
            text.setText(s);
            text.getLayoutBounds();
            laidOut.put(s, frame);
        }
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
            double rad = NODE_R * palette.scale();
            g.setFill(was.red(r) ? palette.red() : palette.black());
            g.fillOval(x - rad, y - rad, 2 * rad, 2 * rad);
        }
        g.setGlobalAlpha(1);
    }

    private void drawReady(GraphicsContext g, List<EventPoll> eps) {
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
            boolean clip = clipColumn(g, eps.size(), i * colW, readyZone, colW);
            List<EpItem> ready = ep.readyList();
            g.setFont(bold);
            g.setFill(palette.text());
            fillText(g, format("canvas.ready", ep.label(), ready.size()), x0, y);
            y += 8 * s;
            y = chain(g, ready, x0, y, colW - 24, palette.ready());
            List<EpItem> ovf = ep.overflowList();
            if (ovf != null) {
                g.setFont(font);
                g.setFill(palette.overflow());
                fillText(g, format("canvas.ovflist", ovf.size()), x0, y + 14 * s);
                y = chain(g, ovf, x0, y + 18 * s, colW - 24, palette.overflow());
            }
            g.setFont(font);
            g.setFill(palette.muted());
            List<WaitQueue.Entry> waiting = ep.waiters().entries();
            StringBuilder who = new StringBuilder();
            // names up to past the column's end (no character is narrower than 3 px), then a
            // count: a thousand threads in epoll_wait are not a thousand names a frame
            int past = (int) (colW / (3 * s));
            for (int k = 0; k < waiting.size(); k++) {
                if (who.length() > 0) who.append(", ");
                if (who.length() > past) {
                    who.append(format("canvas.more", waiting.size() - k));
                    break;
                }
                WaitQueue.Entry e = waiting.get(k);
                who.append(e.label()).append(e.exclusive() ? " " + text.getString("canvas.exclusive") : "");
            }
            fillText(g, format("canvas.epwq", waiting.isEmpty() ? text.getString("canvas.nobody") : who),
                x0, y + 18 * s);
            if (clip) g.restore();
        }
        g.restore();
    }

    /**
     * With more than one epoll instance, clips what is drawn next to the column of one
     * ({@code x0} and {@code width} within {@code zone}) and returns true: the caller restores.
     * A lone instance has the whole zone and needs no clip.
     */
    private static boolean clipColumn(GraphicsContext g, int columns, double x0, Rectangle2D zone, double width) {
        if (columns < 2) return false;
        g.save();
        g.beginPath();
        g.rect(x0, zone.getMinY(), width - 4, zone.getHeight());
        g.clip();
        return true;
    }

    /** A chain of epitems as linked boxes; returns the y below it. */
    private double chain(GraphicsContext g, List<EpItem> items, double x0, double y, double width, Color fill) {
        double s = palette.scale();
        double boxW = 118 * s;
        double boxH = 34 * s;
        double x = x0;
        int shown = 0;
        for (EpItem it : items) {
            if (x + boxW > x0 + width) {
                g.setFill(palette.muted());
                g.setFont(font);
                fillText(g, format("canvas.more", items.size() - shown), x, y + boxH / 2 + 4);
                break;
            }
            g.setFill(fill);
            g.fillRoundRect(x, y, boxW, boxH, 8, 8);
            g.setFill(palette.readyText());
            g.setFont(bold);
            fillText(g, "fd " + it.key().fd(), x + 6, y + 14 * s);
            g.setFont(small);
            fillText(g, Linux.epollEvents(it.events()), x + 6, y + 28 * s, boxW - 10);
            hits.add(new Hit(x, y, x + boxW, y + boxH, it.key().file(), it.key().fd(), "ready"));
            if (shown > 0) {
                g.setStroke(palette.edge());
                g.strokeLine(x - 14 * s, y + boxH / 2, x, y + boxH / 2);
            }
            x += boxW + 14 * s;
            shown++;
        }
        return y + boxH;
    }

    private void drawWaitQueues(GraphicsContext g) {
        double s = palette.scale();
        g.save();
        g.beginPath();
        g.rect(waitZone.getMinX(), waitZone.getMinY(), waitZone.getWidth(), waitZone.getHeight());
        g.clip();
        double y = waitZone.getMinY() + 20 * s;
        g.setFont(bold);
        g.setFill(palette.text());
        fillText(g, text.getString("canvas.waitqueues"), 12, y);
        // the threads asleep take the last lines of the band, as many as there is room for
        // below its title and a line for the files; when more sleep, the last of those lines
        // counts the rest
        List<SimThread> sleepers = kernel.sleepers();
        double lineH = 18 * s;
        double rowH = 24 * s;
        int sleeperLines = Math.min(sleepers.size(), Math.max(1, (int) ((waitZone.getMaxY() - 8 - y - rowH) / lineH)));
        double bottom = waitZone.getMaxY() - 8 - sleeperLines * lineH;
        int room = Math.max(0, (int) ((bottom - y) / rowH) - 1);
        Rows rows = fileRows(room);
        for (Map.Entry<OpenFile, Row> e : rows.shown().entrySet()) {
            y += rowH;
            OpenFile f = e.getKey();
            g.setFont(font);
            g.setFill(palette.text());
            String head = e.getValue().names + "  " + f.label();
            fillText(g, head, 12, y);
            double x = 12 + Math.max(200 * s, head.length() * 7.2 * s);
            hits.add(new Hit(8, y - rowH + 6, x, y + 6, f, e.getValue().firstFd, "waitqueues"));
            List<WaitQueue.Entry> entries = new ArrayList<>();
            for (WaitQueue q : f.waitQueues()) entries.addAll(q.entries());
            for (int k = 0; k < entries.size(); k++) {
                WaitQueue.Entry en = entries.get(k);
                String label = en.label() + (en.exclusive() ? " " + text.getString("canvas.exclusive") : "");
                double want = label.length() * 6.6 * s + 12;
                // an entry that does not fit whole, with room kept for the count of the rest,
                // gives way to that count: four acceptors' callbacks are four, not one and a smudge
                double left = waitZone.getWidth() - x - 8 - (k + 1 < entries.size() ? 70 * s : 0);
                if (want > left && k > 0) {
                    g.setFont(small);
                    g.setFill(palette.muted());
                    fillText(g, format("canvas.more", entries.size() - k), x, y - 1 * s);
                    x += 70 * s;
                    break;
                }
                double cw = Math.min(waitZone.getWidth() - x - 8, want);
                if (cw < 40) break;
                g.setFill(en.label().startsWith("ep_poll_callback") ? palette.callback()
                    : en.label().startsWith("pollwake") ? palette.pollwake() : palette.waiter());
                g.fillRoundRect(x, y - 15 * s, cw, 20 * s, 10, 10);
                g.setFill(Color.BLACK);
                g.setFont(small);
                fillText(g, label, x + 6, y - 1 * s, cw - 10);
                x += cw + 6;
            }
            if (entries.isEmpty()) {
                g.setFont(small);
                g.setFill(palette.muted());
                fillText(g, text.getString("canvas.noEntries"), x, y - 1);
            }
            String state = f.describeState();
            if (!state.isEmpty() && x < waitZone.getWidth() - 120) {
                g.setFont(small);
                g.setFill(palette.muted());
                fillText(g, state, Math.max(x + 12, waitZone.getWidth() * 0.62), y - 1, waitZone.getWidth() * 0.38 - 12);
            }
        }
        if (rows.total() > rows.shownFds()) {
            g.setFont(font);
            g.setFill(palette.muted());
            fillText(g, format("canvas.moreFiles", rows.total() - rows.shownFds()), 12, y + rowH);
        }
        g.setFont(font);
        g.setFill(palette.muted());
        double sy = waitZone.getMaxY() - 8;
        for (int i = 0; i < sleeperLines; i++) {
            if (i == sleeperLines - 1 && sleeperLines < sleepers.size()) {
                fillText(g, format("canvas.moreSleepers", sleepers.size() - i), 12, sy);
                break;
            }
            SimThread t = sleepers.get(i);
            fillText(g, format("canvas.sleeps", t.tid(), t.currentCall(), t.sleepingOn()), 12, sy);
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
    private Rows fileRows(int room) {
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
                        hookedRows.put(f, new Row(n.key().fd(), format("canvas.noFd", n.key().fd())));
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

    /** The bundle's message {@code key} with {@code args}; each message is parsed once, not once a frame. */
    private String format(String key, Object... args) {
        return formats.computeIfAbsent(key, k -> new MessageFormat(text.getString(k))).format(args);
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
