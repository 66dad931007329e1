import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Draws PollScope's icon, an epoll interest list as the window draws it: a red-black tree of
 * seven items (black root, two red children, four black leaves), one leaf ringed as ready, in
 * the light theme's colours ({@code KernelPalette}). Run at build time by the {@code dist}
 * profile of {@code app/pom.xml}: {@code java PollScopeIcon.java OUT.png [SIZE]}.
 */
public final class PollScopeIcon {
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java PollScopeIcon.java OUT.png [SIZE]");
            System.exit(2);
        }
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 256.0, size / 256.0);

        // the card
        g.setColor(new Color(0xeef2f7));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 48, 48));
        g.setColor(new Color(0x2c3e50));
        g.setStroke(new BasicStroke(6f));
        g.draw(new RoundRectangle2D.Double(11, 11, 234, 234, 44, 44));

        // the tree: node centres by level
        double[][] level = {{128, 62}, {76, 128}, {180, 128}, {48, 196}, {104, 196}, {152, 196}, {208, 196}};
        int[][] edges = {{0, 1}, {0, 2}, {1, 3}, {1, 4}, {2, 5}, {2, 6}};
        boolean[] red = {false, true, true, false, false, false, false};
        g.setColor(new Color(0x7f8c8d));
        g.setStroke(new BasicStroke(7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int[] e : edges) {
            g.draw(new Line2D.Double(level[e[0]][0], level[e[0]][1], level[e[1]][0], level[e[1]][1]));
        }
        int ready = 5;
        for (int i = 0; i < level.length; i++) {
            double r = i == 0 ? 26 : i < 3 ? 23 : 20;
            double x = level[i][0], y = level[i][1];
            if (i == ready) {
                g.setColor(new Color(0xf5b041));
                g.setStroke(new BasicStroke(8f));
                g.draw(new Ellipse2D.Double(x - r - 7, y - r - 7, 2 * (r + 7), 2 * (r + 7)));
            }
            g.setColor(red[i] ? new Color(0xc0392b) : new Color(0x1b1b1b));
            g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        }
        g.dispose();
        File out = new File(args[0]);
        if (out.getParentFile() != null) out.getParentFile().mkdirs();
        if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer");
    }
}
