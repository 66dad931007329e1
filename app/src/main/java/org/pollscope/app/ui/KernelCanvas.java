package org.pollscope.app.ui;

import java.util.List;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.pollscope.kernel.EpItem;
import org.pollscope.kernel.EpollFileFd;
import org.pollscope.kernel.EventPoll;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.RbTree;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.WaitQueue;

/**
 * Kernel space, drawn on one Canvas (a large interest list stays cheap): for every epoll
 * instance its interest list as a red-black tree (nodes labelled by fd), its ready list as a
 * chain of epitems, and the threads asleep on its wait queue; the wait queues of the watched
 * files with the entries hooked on them.
 */
public final class KernelCanvas extends Pane {
    private static final Color BACKGROUND = Color.web("#eef2f7");
    private final Canvas canvas = new Canvas();
    private Kernel kernel;

    public KernelCanvas() {
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        getStyleClass().add("kernel-canvas");
    }

    public void show(Kernel k) {
        this.kernel = k;
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        // clearRect over the whole canvas also drops the commands buffered since the last frame
        g.clearRect(0, 0, w, h);
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, w, h);
        if (kernel == null) return;
        g.setFont(Font.font(13));
        List<EventPoll> eps = kernel.eventPolls();
        if (eps.isEmpty()) {
            g.setFill(Color.web("#5a6270"));
            g.fillText("no epoll instance yet", 16, 24);
        }
        double colW = eps.isEmpty() ? w : w / eps.size();
        for (int i = 0; i < eps.size(); i++) {
            drawEpoll(g, eps.get(i), i * colW, colW, h);
        }
        // threads asleep
        double y = h - 10;
        g.setFill(Color.web("#5a6270"));
        for (SimThread t : kernel.sleepers()) {
            g.fillText("T" + t.tid() + " sleeps in " + t.currentCall() + " on " + t.sleepingOn(), 16, y);
            y -= 18;
        }
    }

    private void drawEpoll(GraphicsContext g, EventPoll ep, double x0, double w, double h) {
        g.setFill(Color.web("#2c3e50"));
        g.fillText(ep.label() + " (refs " + ep.refs() + ")", x0 + 12, 20);
        g.setFill(Color.web("#5a6270"));
        g.fillText("interest list (rbr): " + ep.interestList().size() + " items", x0 + 12, 40);
        RbTree.Node<EpollFileFd, EpItem> root = ep.interestList().root();
        int height = ep.interestList().height();
        double levelH = Math.min(48, (h * 0.5) / Math.max(1, height));
        if (root != null) drawNode(g, root, x0 + w / 2, 70, w / 4, levelH, 0, height);
        // ready list
        double y = 80 + levelH * Math.max(1, height) + 20;
        g.setFill(Color.web("#5a6270"));
        List<EpItem> ready = ep.readyList();
        g.fillText("ready list (rdllist): " + (ready.isEmpty() ? "empty" : ""), x0 + 12, y);
        double x = x0 + 12;
        y += 10;
        for (EpItem it : ready) {
            if (x + 70 > x0 + w) break;
            g.setFill(Color.web("#f5b041"));
            g.fillRoundRect(x, y, 62, 24, 8, 8);
            g.setFill(Color.BLACK);
            g.fillText("fd " + it.key().fd(), x + 10, y + 17);
            x += 74;
        }
        List<EpItem> ovf = ep.overflowList();
        if (ovf != null) {
            g.setFill(Color.web("#5a6270"));
            g.fillText("ovflist: " + ovf.size() + " items", x0 + 12, y + 44);
        }
        // wait queue of epoll_wait
        y += 64;
        g.setFill(Color.web("#5a6270"));
        g.fillText("wq (threads in epoll_wait):", x0 + 12, y);
        for (WaitQueue.Entry e : ep.waiters().entries()) {
            y += 18;
            g.fillText("  " + e.label() + (e.exclusive() ? " (exclusive)" : ""), x0 + 12, y);
        }
        // the watched files' wait queues
        y += 26;
        g.fillText("wait queues of the watched files:", x0 + 12, y);
        RbTree<EpollFileFd, EpItem> tree = ep.interestList();
        for (RbTree.Node<EpollFileFd, EpItem> n = tree.first(); n != null; n = tree.next(n)) {
            for (var hook : n.value().hooks()) {
                y += 18;
                if (y > h - 40) {
                    g.fillText("  … (" + tree.size() + " items in all)", x0 + 12, y);
                    return;
                }
                g.fillText("  " + hook.queue().name() + ": " + hook.queue().entries().size() + " entries (ep_poll_callback for fd "
                    + n.key().fd() + ")", x0 + 12, y);
            }
        }
    }

    /** Levels below this are summarised: a subtree there is drawn as one grey wedge. */
    static final int DRAWN_LEVELS = 7;

    private void drawNode(GraphicsContext g, RbTree.Node<EpollFileFd, EpItem> n, double x, double y, double dx, double dy,
                          int depth, int height) {
        if (depth >= DRAWN_LEVELS) {
            // far-away nodes are simplified: a 10,000-item interest list stays cheap to draw
            g.setFill(Color.web("#95a5a6"));
            g.fillPolygon(new double[] {x, x - 4, x + 4}, new double[] {y - 3, y + 5, y + 5}, 3);
            return;
        }
        // below depth 7 the nodes are dots without labels
        boolean small = depth > 6;
        if (n.left() != null) {
            g.setStroke(Color.web("#7f8c8d"));
            g.strokeLine(x, y, x - dx, y + dy);
            drawNode(g, n.left(), x - dx, y + dy, dx / 2, dy, depth + 1, height);
        }
        if (n.right() != null) {
            g.setStroke(Color.web("#7f8c8d"));
            g.strokeLine(x, y, x + dx, y + dy);
            drawNode(g, n.right(), x + dx, y + dy, dx / 2, dy, depth + 1, height);
        }
        double r = small ? 3 : 14;
        g.setFill(n.color() == RbTree.Color.RED ? Color.web("#c0392b") : Color.web("#1b1b1b"));
        g.fillOval(x - r, y - r, 2 * r, 2 * r);
        if (!small) {
            g.setFill(Color.WHITE);
            g.setFont(Font.font(11));
            String label = String.valueOf(n.key().fd());
            g.fillText(label, x - 3.5 * label.length(), y + 4);
            g.setFont(Font.font(13));
        }
    }
}
