package org.pollscope.app.ui.kernel;

import java.text.MessageFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
import javafx.scene.text.TextAlignment;
import org.pollscope.app.ui.Messages;
import org.pollscope.kernel.EventPoll;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.OpenFile;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * Kernel space, drawn on one Canvas so that a 10,000-item interest list stays cheap: three
 * bands, top to bottom.
 * <ul>
 * <li><b>tree</b>: each epoll instance's interest list ({@code ep->rbr}) as a red-black tree,
 *     nodes labelled by fd and open file. Between two steps the nodes glide from where they
 *     were to where they are, so a rotation is seen, captioned with its lib/rbtree.c case.
 *     Zoom the width (wheel) and pan (drag); a subtree too small to tell apart on
 *     screen is drawn as one wedge with its count.</li>
 * <li><b>ready</b>: {@code rdllist} as a chain of epitems, {@code ovflist} while
 *     ep_send_events runs, and the threads on {@code ep->wq}.</li>
 * <li><b>waitqueues</b>: each open file with the entries hooked on its wait queues:
 *     {@code ep_poll_callback} (epoll), {@code pollwake} (select and poll), sleeping threads.
 *     Clicking a file (here or in the tree) asks the owner what to do with it.</li>
 * </ul>
 * Each band is a drawing of its own ({@link TreeDrawing}, {@link ReadyListDrawing},
 * {@link WaitQueueDrawing}), and they share a {@link DrawingContext}; this class keeps what
 * lasts between frames and what the user does to them: the step's animation, zoom and pan,
 * clicks.
 */
public final class KernelCanvas extends Pane {
    /** A file the user clicked, and where (screen coordinates, for a menu). */
    public record FileTarget(OpenFile file, int fd, double screenX, double screenY) {}

    private static final double ANIMATION_MS = 700;

    private final Canvas canvas = new Canvas();
    private final ResourceBundle text;
    private final DrawingContext ctx;
    private final TreeDrawing trees;
    private final ReadyListDrawing readyList;
    private final WaitQueueDrawing waitQueues;
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
    private Consumer<FileTarget> onFileClicked = t -> { };
    private double dragX;
    private double dragY;
    private boolean dragged;

    public KernelCanvas() {
        this(Messages.english());
    }

    public KernelCanvas(ResourceBundle text) {
        this.text = text;
        this.ctx = new DrawingContext(text, KernelPalette.of("light"));
        this.trees = new TreeDrawing(ctx);
        this.readyList = new ReadyListDrawing(ctx);
        this.waitQueues = new WaitQueueDrawing(ctx);
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        getStyleClass().add("kernel-canvas");
        setFocusTraversable(true);
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
            if (dragged && ctx.treeZone().contains(dragX, dragY)) {
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
        ctx.setPalette(KernelPalette.of(theme));
        draw();
    }

    /**
     * The user's type size (View > Zoom in / out; 1 as the theme has it): the texts, the
     * nodes, the rows and the boxes of every band grow with it. The tree's own zoom (the
     * wheel) widens the tree only.
     */
    public void setFontScale(double scale) {
        ctx.setFontScale(scale);
        draw();
    }

    public double fontScale() {
        return ctx.fontScale();
    }

    public void setOnFileClicked(Consumer<FileTarget> c) {
        onFileClicked = c;
    }

    /** Zooms the tree's width by {@code factor} around a point of the canvas (the point stays put). */
    public void zoomAt(double factor, double x, double y) {
        double z = Math.max(0.25, Math.min(400, zoom * factor));
        double f = z / zoom;
        // keep the point under the cursor where it is
        double ox = ctx.treeZone().getMinX() + 12;
        panX = (x - ox) - (x - ox - panX) * f;
        zoom = z;
        draw();
    }

    public void zoomIn() {
        zoomAt(1.25, ctx.treeZone().getMinX() + ctx.treeZone().getWidth() / 2, ctx.treeZone().getMinY() + ctx.treeZone().getHeight() / 3);
    }

    public void zoomOut() {
        zoomAt(0.8, ctx.treeZone().getMinX() + ctx.treeZone().getWidth() / 2, ctx.treeZone().getMinY() + ctx.treeZone().getHeight() / 3);
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
            case "tree" -> ctx.treeZone();
            case "ready" -> ctx.readyZone();
            case "waitqueues" -> ctx.waitZone();
            default -> new Rectangle2D(0, 0, getWidth(), getHeight());
        };
    }

    /** Tree nodes and wedges drawn in the last frame (for the tests of simplification). */
    public int drawnNodes() {
        return ctx.drawnNodes();
    }

    public int drawnWedges() {
        return ctx.drawnWedges();
    }

    /** The texts drawn in the last frame, in order (for the tests of what a band leaves out). */
    List<String> drawnTexts() {
        return List.copyOf(ctx.drawnTexts());
    }

    /** What the last frame did not draw whole, and why (for the tests of the bands' heights). */
    List<DrawingContext.Cut> cuts() {
        return List.copyOf(ctx.cuts());
    }

    /** The heights the last frame gave its bands against what they ask ("tree", "ready", "waitqueues"). */
    Map<String, DrawingContext.Band> bands() {
        return Map.copyOf(ctx.bands());
    }

    /** Where the last frame drew its files (for tests). */
    List<DrawingContext.Hit> hits() {
        return List.copyOf(ctx.hits());
    }

    /** The file drawn at a point of the canvas, or null. */
    public FileTarget fileAt(double x, double y) {
        for (int i = ctx.hits().size() - 1; i >= 0; i--) {
            DrawingContext.Hit h = ctx.hits().get(i);
            if (h.contains(x, y)) return new FileTarget(h.file(), h.fd(), x, y);
        }
        return null;
    }

    /** Where the file with fd {@code fd} is drawn in a band ("tree", "ready", "waitqueues"), or null. */
    public double[] whereIs(int fd, String zone) {
        for (DrawingContext.Hit h : ctx.hits()) {
            if (h.fd() == fd && h.zone().equals(zone)) return new double[] {(h.x0() + h.x1()) / 2, (h.y0() + h.y1()) / 2};
        }
        return null;
    }

    // ---- drawing ----

    /**
     * Leaves out what each ready epitem would report now (the events {@code ep_item_poll}
     * gives, on the ready list and under the tree's ringed nodes), the ready list saying so: a
     * lesson sets it while a checkpoint waits for the student's prediction, since those events
     * are what the next epoll_wait returns. The kernel keeps no such events on rdllist either;
     * {@code ep_send_events} polls each item when epoll_wait runs.
     */
    public void setOutcomeHidden(boolean hidden) {
        if (ctx.outcomeHidden() == hidden) return;
        ctx.setOutcomeHidden(hidden);
        draw();
    }

    /** What the canvas says while it has no kernel, when not the default ("Open a scenario..."). */
    private String emptyText;

    /** Says {@code text} while there is no kernel to draw (a screen whose kernel comes from elsewhere, the live server). */
    public void setEmptyText(String text) {
        emptyText = text;
        draw();
    }

    private boolean frozen;

    /**
     * While frozen the canvas keeps its picture and reads nothing of the kernel: a step command
     * running off the JavaFX thread owns the kernel then. Unfreezing draws again.
     */
    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
        if (!frozen) draw();
    }

    private void draw() {
        if (frozen) return;
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        // clearRect over the whole canvas also drops the commands buffered since the last frame
        g.clearRect(0, 0, w, h);
        g.setFill(ctx.palette().background());
        g.fillRect(0, 0, w, h);
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(TextAlignment.LEFT);
        if (kernel == null) {
            ctx.beginFrame(new Rectangle2D(0, 0, w, h), new Rectangle2D(0, h, w, 0), new Rectangle2D(0, h, w, 0));
        } else {
            double[] tree = trees.need(eps, layouts, before, caption, progress, w);
            double ready = readyList.need(eps, w);
            double[] wait = waitQueues.need(kernel, eps, w, h);
            double[] split = split(h, tree, ready, wait);
            split[0] = Math.max(0, Math.min(h, split[0]));
            split[1] = Math.max(0, Math.min(h - split[0], split[1]));
            ctx.beginFrame(new Rectangle2D(0, 0, w, split[0]), new Rectangle2D(0, split[0], w, split[1]),
                new Rectangle2D(0, split[0] + split[1], w, Math.max(1, h - split[0] - split[1])));
            ctx.band("tree", split[0], tree[0], tree[1]);
            ctx.band("ready", split[1], ready, ready);
            ctx.band("waitqueues", h - split[0] - split[1], wait[0], wait[1]);
        }
        if (kernel == null) {
            g.setFont(ctx.font());
            g.setFill(ctx.palette().muted());
            ctx.fillWrapped(g, emptyText != null ? emptyText : ctx.text("canvas.empty"), 16, 28 * ctx.unit(), w - 32, 20 * ctx.unit(), Integer.MAX_VALUE,
                DrawingContext.TREE, DrawingContext.TEXT);
            return;
        }
        trees.draw(g, eps, layouts, before, caption, progress, zoom, panX, panY);
        readyList.draw(g, eps);
        waitQueues.draw(g, kernel, eps);
        g.setStroke(ctx.palette().rule());
        g.setLineWidth(1);
        g.strokeLine(0, ctx.readyZone().getMinY(), w, ctx.readyZone().getMinY());
        if (ctx.readyZone().getHeight() > 0) g.strokeLine(0, ctx.waitZone().getMinY(), w, ctx.waitZone().getMinY());
    }

    /**
     * Cuts {@code h} into the heights of the tree, ready and wait-queue bands from what each
     * asks ({need, full}; the ready band's need is its full): when all fits at ease, each band
     * has what it asks and the tree the rest; when all fits whole, each has its need and the
     * rest is shared as each could use it; else the wait queues keep what they need up to
     * half, the tree up to 35 %, the ready list what it asks of the rest, the wait queues
     * whatever is left, and something is counted instead of drawn.
     */
    static double[] split(double h, double[] tree, double ready, double[] wait) {
        double needs = tree[0] + ready + wait[0];
        double fulls = tree[1] + ready + wait[1];
        if (fulls <= h) return new double[] {h - ready - wait[1], ready};
        if (needs <= h) {
            double extra = h - needs;
            double want = fulls - needs;
            double t = tree[0] + extra * (tree[1] - tree[0]) / want;
            return new double[] {t, ready};
        }
        double q = Math.min(wait[0], h * 0.5);
        double t = Math.min(tree[0], h * 0.35);
        double r = Math.max(0, Math.min(ready, h - t - q));
        return new double[] {t, r};
    }

}
