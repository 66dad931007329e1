package org.pollscope.app.ui.kernel;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /** the bands, as {@link Cut} and {@link Band} name them */
    static final String TREE = "tree";
    static final String READY = "ready";
    static final String WAIT = "waitqueues";
    /** what a {@link Cut} cut */
    static final String TITLE = "title";
    static final String ENTRY = "entry";
    static final String ROW = "row";
    static final String FILE = "file";
    static final String HEAD = "head";
    static final String STATE = "state";
    static final String ITEM = "item";
    static final String WAITER = "waiter";
    static final String SLEEPER = "sleeper";
    static final String TEXT = "text";
    static final String CAPTION = "caption";
    /** why: too wide, too low, past the rows a chain may take */
    static final String WIDTH = "width";
    static final String HEIGHT = "height";
    static final String ROWS = "rows";

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
    private Font big;
    private Rectangle2D treeZone = Rectangle2D.EMPTY;
    private Rectangle2D readyZone = Rectangle2D.EMPTY;
    private Rectangle2D waitZone = Rectangle2D.EMPTY;
    /** the user's type size (View > Zoom), times the theme's */
    private double fontScale = 1;
    private double unit = 1;
    /** per font, the widths of the texts measured: see {@link #width} */
    private final Map<Font, Map<String, Double>> widths = new HashMap<>();
    private final Text measurer = new Text();
    private final List<Hit> hits = new ArrayList<>();
    private final List<Cut> cuts = new ArrayList<>();
    private final Map<String, Band> bands = new LinkedHashMap<>();
    private final List<String> drawnTexts = new ArrayList<>();
    private int drawnNodes;
    private int drawnWedges;

    DrawingContext(ResourceBundle text, KernelPalette palette) {
        this.text = text;
        setPalette(palette);
    }

    /**
     * Something of a band that was not drawn whole: a text squeezed or wrapped short, entries
     * counted instead of drawn ("… 2 more"); {@code band} is "tree", "ready" or "waitqueues",
     * {@code kind} what was cut ("title", "entry", "row", "item", "waiter", "sleeper",
     * "text"), {@code why} the reason ("width", "height").
     */
    record Cut(String band, String kind, String what, String why) {}

    /**
     * A band's height as the frame gave it, against what its content asks: {@code need} the
     * height that draws every title, entry and row whole (a tree at its smallest legible
     * levels), {@code full} that height at ease (a tree at its widest levels).
     */
    record Band(double height, double need, double full) {
        /** Room beyond what the band's content asks at ease. */
        double free() {
            return Math.max(0, height - full);
        }
    }

    void setPalette(KernelPalette p) {
        palette = p;
        fonts();
    }

    /** The user's type size, 1 as the theme has it: fonts, nodes, rows and boxes grow with it. */
    void setFontScale(double f) {
        fontScale = f;
        fonts();
    }

    double fontScale() {
        return fontScale;
    }

    private void fonts() {
        unit = palette.scale() * fontScale;
        font = Font.font(13 * unit);
        small = Font.font(11 * unit);
        bold = Font.font(null, FontWeight.BOLD, 13 * unit);
        big = Font.font(null, FontWeight.BOLD, 15 * unit);
        // the texts are laid out again in the new fonts
        primers.clear();
        widths.clear();
    }

    private boolean outcomeHidden;

    /**
     * Whether what an epitem would report now ({@code ep_item_poll}) is left out of the
     * drawing: while a lesson's checkpoint waits for its prediction, that is its answer.
     */
    boolean outcomeHidden() {
        return outcomeHidden;
    }

    void setOutcomeHidden(boolean hidden) {
        outcomeHidden = hidden;
    }

    /** What a ready item shows while its events are hidden. */
    String hiddenOutcome() {
        return text("canvas.hiddenOutcome");
    }

    /** How large a pixel of the drawing is: the theme's scale times the user's type size. */
    double unit() {
        return unit;
    }

    /** The bold type that reads from the back of a room: the events an item would report now. */
    Font big() {
        return big;
    }

    /** The width of {@code s} in {@code f}, measured once. */
    double width(Font f, String s) {
        Map<String, Double> m = widths.computeIfAbsent(f, k -> new HashMap<>());
        Double w = m.get(s);
        if (w == null) {
            if (m.size() > 4096) m.clear();
            measurer.setFont(f);
            measurer.setText(s);
            w = measurer.getLayoutBounds().getWidth();
            m.put(s, w);
        }
        return w;
    }

    /**
     * {@code s} in lines no wider than {@code width}: broken at spaces, a word wider than a
     * line (or a run of Chinese, which has no spaces) broken between characters.
     */
    List<String> wrap(Font f, String s, double width) {
        if (width(f, s) <= width) return List.of(s);
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String word : s.split(" ")) {
            String joined = line.isEmpty() ? word : line + " " + word;
            if (width(f, joined) <= width) {
                line = joined;
                continue;
            }
            if (!line.isEmpty()) lines.add(line);
            line = word;
            while (line.length() > 1 && width(f, line) > width) {
                int n = line.length() - 1;
                while (n > 1 && width(f, line.substring(0, n)) > width) n--;
                lines.add(line.substring(0, n));
                line = line.substring(n);
            }
        }
        if (!line.isEmpty()) lines.add(line);
        return lines;
    }

    /**
     * Draws {@code s} wrapped to {@code width} from baseline {@code y}, a line every
     * {@code lineH}, at most {@code maxLines} lines (the last ending in an ellipsis, and the cut recorded);
     * returns the lines drawn. The text is recorded once, whole, among the texts drawn.
     */
    int fillWrapped(GraphicsContext g, String s, double x, double y, double width, double lineH, int maxLines,
                    String band, String kind) {
        List<String> lines = wrap(g.getFont(), s, width);
        int n = Math.max(1, Math.min(lines.size(), maxLines));
        drawnTexts.add(s);
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            if (i == n - 1 && n < lines.size()) {
                // the last line there is room for ends in an ellipsis, never squeezed
                String rest = String.join(" ", lines.subList(i, lines.size()));
                int k = rest.length();
                while (k > 1 && width(g.getFont(), rest.substring(0, k) + "\u2026") > width) k--;
                line = rest.substring(0, k) + "\u2026";
                cut(band, kind, s, HEIGHT);
            }
            primers.computeIfAbsent(g.getFont(), Primer::new).layOut(line, frame);
            if (width(g.getFont(), line) > width) {
                if (i == n - 1 && n == lines.size()) cut(band, kind, s, WIDTH);
                g.fillText(line, x, y + i * lineH, width);
            } else {
                g.fillText(line, x, y + i * lineH);
            }
        }
        return n;
    }

    /** Lines {@code s} takes wrapped to {@code width} in {@code f}. */
    int lines(Font f, String s, double width) {
        return wrap(f, s, width).size();
    }

    /** Records that something of a band was not drawn whole, and why. */
    void cut(String band, String kind, String what, String why) {
        cuts.add(new Cut(band, kind, what, why));
    }

    List<Cut> cuts() {
        return cuts;
    }

    /** Records the height a band was given against what its content asks. */
    void band(String name, double height, double need, double full) {
        bands.put(name, new Band(height, need, full));
    }

    Map<String, Band> bands() {
        return bands;
    }

    /** Starts a frame with the canvas cut into its bands: nothing is drawn yet, nowhere to click. */
    void beginFrame(Rectangle2D tree, Rectangle2D ready, Rectangle2D wait) {
        hits.clear();
        frame++;
        drawnNodes = 0;
        drawnWedges = 0;
        drawnTexts.clear();
        cuts.clear();
        bands.clear();
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

    /**
     * {@link #fillText(GraphicsContext, String, double, double)} squeezed into {@code maxWidth}
     * when wider (and then recorded as cut in {@code band}, as {@code kind}).
     */
    void fillText(GraphicsContext g, String s, double x, double y, double maxWidth, String band, String kind) {
        primers.computeIfAbsent(g.getFont(), Primer::new).layOut(s, frame);
        drawnTexts.add(s);
        if (width(g.getFont(), s) > maxWidth + 0.5) {
            cut(band, kind, s, WIDTH);
            g.fillText(s, x, y, Math.max(1, maxWidth));
        } else {
            g.fillText(s, x, y);
        }
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
