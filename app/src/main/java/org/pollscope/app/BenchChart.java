package org.pollscope.app;

import org.pollscope.app.ui.bench.BenchViewModel;
import org.pollscope.app.ui.bench.BenchViewModel.LeftOut;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.pollscope.app.ui.LogTicks;

/**
 * The bench as a picture: two log-log panels against N, real microseconds per event on the
 * left, the model's kernel work units per event on the right, one line per method. Drawn with
 * Java2D so the command line needs no display.
 */
final class BenchChart {
    private static final Color[] COLORS = {new Color(0xc0392b), new Color(0x2471a3), new Color(0x1e8449), new Color(0x7d3c98)};
    private static final String[] METHODS = {"select", "poll", "epoll-lt", "epoll-et"};

    /** One point: a method at N, its real µs per event and the model's units per event. */
    record Point(String method, int n, double realUs, double modelUnits) {}

    /** A method not measured at N: the highest fd it would have had to watch there. */

    private BenchChart() {}

    static void write(List<Point> points, String title, Path png) throws IOException {
        write(points, List.of(), title, png);
    }

    /** The picture, with a note in each panel for what was left out ({@code leftOut}: select past FD_SETSIZE). */
    static void write(List<Point> points, List<LeftOut> leftOut, String title, Path png) throws IOException {
        int w = 1200, h = 560;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, 30, 32);
        String note = note(leftOut);
        panel(g, points, true, 30, 60, 560, 440, "real kernel: µs per event (log)", note);
        panel(g, points, false, 620, 60, 560, 440, "model: kernel work units per event (log)", note);
        // legend
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        int x = 30;
        for (int i = 0; i < METHODS.length; i++) {
            g.setColor(COLORS[i]);
            g.fillRect(x, 530, 18, 4);
            g.setColor(Color.DARK_GRAY);
            g.drawString(METHODS[i], x + 24, 537);
            x += 130;
        }
        g.drawString("N: descriptors watched (log)", 820, 537);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    /** The window's note, in English: at which N select was left out and why; "" when nothing was. */
    static String note(List<LeftOut> leftOut) {
        return BenchViewModel.leftOutNote(org.pollscope.app.ui.Messages.english(), leftOut);
    }

    private static void panel(Graphics2D g, List<Point> points, boolean real, int x0, int y0, int w, int h, String caption,
        String note) {
        double minN = Double.MAX_VALUE, maxN = 0, minV = Double.MAX_VALUE, maxV = 0;
        for (Point p : points) {
            double v = real ? p.realUs() : p.modelUnits();
            if (!(v > 0)) continue;
            minN = Math.min(minN, p.n());
            maxN = Math.max(maxN, p.n());
            minV = Math.min(minV, v);
            maxV = Math.max(maxV, v);
        }
        g.setStroke(new BasicStroke(1f));
        g.setColor(new Color(0xf4f6f8));
        g.fillRect(x0, y0, w, h);
        g.setColor(Color.GRAY);
        g.drawRect(x0, y0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.setColor(Color.DARK_GRAY);
        g.drawString(caption, x0 + 10, y0 + 20);
        if (maxN == 0) return;
        double lx0 = Math.floor(Math.log10(minN)), lx1 = Math.max(lx0 + 1, Math.ceil(Math.log10(maxN)));
        double ly0 = Math.floor(Math.log10(minV)), ly1 = Math.max(ly0 + 1, Math.ceil(Math.log10(maxV)));
        int px = x0 + 60, py = y0 + 35, pw = w - 80, ph = h - 75;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        // 1-2-5 in every decade, as the window's charts; the powers of ten darker
        boolean xDecades = pw / (lx1 - lx0) < 90, yDecades = ph / (ly1 - ly0) < 90;
        for (double d : LogTicks.ticks(lx0, lx1, xDecades)) {
            int x = px + (int) Math.round((d - lx0) / (lx1 - lx0) * pw);
            g.setColor(grid(d));
            g.drawLine(x, py, x, py + ph);
            g.setColor(Color.DARK_GRAY);
            String s = LogTicks.label(d);
            g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, py + ph + 16);
        }
        for (double d : LogTicks.ticks(ly0, ly1, yDecades)) {
            int y = py + ph - (int) Math.round((d - ly0) / (ly1 - ly0) * ph);
            g.setColor(grid(d));
            g.drawLine(px, y, px + pw, y);
            g.setColor(Color.DARK_GRAY);
            String s = LogTicks.label(d);
            g.drawString(s, px - 6 - g.getFontMetrics().stringWidth(s), y + 4);
        }
        g.setStroke(new BasicStroke(2.5f));
        for (int i = 0; i < METHODS.length; i++) {
            Map<Integer, Double> line = new TreeMap<>();
            for (Point p : points) {
                double v = real ? p.realUs() : p.modelUnits();
                if (p.method().equals(METHODS[i]) && v > 0) line.put(p.n(), v);
            }
            g.setColor(COLORS[i]);
            int lastX = -1, lastY = -1;
            for (Map.Entry<Integer, Double> e : line.entrySet()) {
                int x = px + (int) ((Math.log10(e.getKey()) - lx0) / (lx1 - lx0) * pw);
                int y = py + ph - (int) ((Math.log10(e.getValue()) - ly0) / (ly1 - ly0) * ph);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (lastX >= 0) g.drawLine(lastX, lastY, x, y);
                lastX = x;
                lastY = y;
            }
        }
        if (!note.isEmpty()) drawNote(g, note, px + 6, py + 6, (int) (pw * 0.62));
    }

    private static Color grid(double decade) {
        return Math.abs(decade - Math.rint(decade)) < 1e-9 ? new Color(0xcccccc) : new Color(0xe8e8e8);
    }

    /** The note in a box, its words wrapped to {@code width}. */
    private static void drawNote(Graphics2D g, String note, int x, int y, int width) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        java.awt.FontMetrics fm = g.getFontMetrics();
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : note.split(" ")) {
            if (line.length() > 0 && fm.stringWidth(line + " " + word) > width - 12) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) lines.add(line.toString());
        int h = lines.size() * fm.getHeight() + 8;
        g.setStroke(new BasicStroke(1f));
        g.setColor(new Color(255, 248, 225, 235));
        g.fillRect(x, y, width, h);
        g.setColor(new Color(0xc9a227));
        g.drawRect(x, y, width, h);
        g.setColor(new Color(0x5c4400));
        for (int i = 0; i < lines.size(); i++) g.drawString(lines.get(i), x + 6, y + 4 + fm.getAscent() + i * fm.getHeight());
    }
}
