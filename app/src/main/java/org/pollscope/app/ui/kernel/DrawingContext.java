package org.pollscope.app.ui.kernel;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextBoundsType;
import org.pollscope.kernel.OpenFile;

/**
 * What the drawings of kernel space share: the palette and its fonts, the texts and their
 * formats, the bands of the canvas, and what the frame being drawn has put where (the hits,
 * for clicks and {@link KernelCanvas#whereIs}; the texts and tree nodes, for the tests). It
 * lives as long as its canvas, so that the parsed formats and the laid-out texts outlast a
 * frame; {@link #beginFrame} forgets what the last frame drew.
 */
final class DrawingContext {
    /** a text is laid out for the renderer again after this many frames (see fillText) */
    private static final int RELAYOUT_FRAMES = 600;

    /** A file drawn in a band ({@code zone}: "tree", "ready", "waitqueues"), and the box a click finds it in. */
    record Hit(double x0, double y0, double x1, double y1, OpenFile file, int fd, String zone) {
        boolean contains(double x, double y) {
            return x >= x0 && x <= x1 && y >= y0 && y <= y1;
        }
    }

    private final ResourceBundle text;
    private final Map<String, MessageFormat> formats = new HashMap<>();
    /** per font, the Text that lays its texts out for the renderer: see {@link #fillText} */
    private final Map<Font, Primer> primers = new HashMap<>();
    /** frames drawn */
    private int frame;
    private KernelPalette palette;
    private Font font;
    private Font small;
    private Font bold;
    private Rectangle2D treeZone = Rectangle2D.EMPTY;
    private Rectangle2D readyZone = Rectangle2D.EMPTY;
    private Rectangle2D waitZone = Rectangle2D.EMPTY;
    private final List<Hit> hits = new ArrayList<>();
    private final List<String> drawnTexts = new ArrayList<>();
    private int drawnNodes;
    private int drawnWedges;

    DrawingContext(ResourceBundle text, KernelPalette palette) {
        this.text = text;
        setPalette(palette);
    }

    void setPalette(KernelPalette p) {
        palette = p;
        double s = palette.scale();
        font = Font.font(13 * s);
        small = Font.font(11 * s);
        bold = Font.font(null, FontWeight.BOLD, 13 * s);
        // the texts are laid out again in the new fonts
        primers.clear();
    }

    /** Starts a frame with the canvas cut into its bands: nothing is drawn yet, nowhere to click. */
    void beginFrame(Rectangle2D tree, Rectangle2D ready, Rectangle2D wait) {
        hits.clear();
        frame++;
        drawnNodes = 0;
        drawnWedges = 0;
        drawnTexts.clear();
        treeZone = tree;
        readyZone = ready;
        waitZone = wait;
    }

    KernelPalette palette() {
        return palette;
    }

    Font font() {
        return font;
    }

    Font small() {
        return small;
    }

    Font bold() {
        return bold;
    }

    Rectangle2D treeZone() {
        return treeZone;
    }

    Rectangle2D readyZone() {
        return readyZone;
    }

    Rectangle2D waitZone() {
        return waitZone;
    }

    /** The bundle's message {@code key} as it stands. */
    String text(String key) {
        return text.getString(key);
    }

    /** The bundle's message {@code key} with {@code args}; each message is parsed once, not once a frame. */
    String format(String key, Object... args) {
        return formats.computeIfAbsent(key, k -> new MessageFormat(text.getString(k))).format(args);
    }

    /** Where a click at this box finds {@code file}, named by {@code fd}, in band {@code zone}. */
    void hit(double x0, double y0, double x1, double y1, OpenFile file, int fd, String zone) {
        hits.add(new Hit(x0, y0, x1, y1, file, fd, zone));
    }

    /** The files drawn in this frame, in the order drawn (the last on top). */
    List<Hit> hits() {
        return hits;
    }

    List<String> drawnTexts() {
        return drawnTexts;
    }

    void nodeDrawn() {
        drawnNodes++;
    }

    void wedgeDrawn() {
        drawnWedges++;
    }

    int drawnNodes() {
        return drawnNodes;
    }

    int drawnWedges() {
        return drawnWedges;
    }

    /**
     * With more than one epoll instance, clips what is drawn next to the column of one
     * ({@code x0} and {@code width} within {@code zone}) and returns true: the caller restores.
     * A lone instance has the whole zone and needs no clip.
     */
    static boolean clipColumn(GraphicsContext g, int columns, double x0, Rectangle2D zone, double width) {
        if (columns < 2) return false;
        g.save();
        g.beginPath();
        g.rect(x0, zone.getMinY(), width - 4, zone.getHeight());
        g.clip();
        return true;
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
    void fillText(GraphicsContext g, String s, double x, double y) {
        primers.computeIfAbsent(g.getFont(), Primer::new).layOut(s, frame);
        drawnTexts.add(s);
        g.fillText(s, x, y);
    }

    /** {@link #fillText(GraphicsContext, String, double, double)} squeezed into {@code maxWidth}. */
    void fillText(GraphicsContext g, String s, double x, double y, double maxWidth) {
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
}
