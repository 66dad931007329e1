package org.pollscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

@ExtendWith(ApplicationExtension.class)
class SnapshotCommandTest {
    @TempDir
    Path dir;

    @Test
    void unknownViewAndThemeAreExit2WithAReason() throws Exception {
        Path f = Files.writeString(dir.resolve("s.scn"), "a, b = socketpair()\n");
        MainCommandTest.Result r = MainCommandTest.run("snapshot", f.toString(), "--view", "nope", "--out", dir.resolve("x.png").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("unknown view 'nope'");
        assertThat(MainCommandTest.run("snapshot", f.toString(), "--theme", "neon", "--out", "x.png").err()).contains("--theme");
    }

    @Test
    void rendersTheWindowAndTheKernelSpaceToPng(FxRobot robot) throws Exception {
        Path f = Files.writeString(dir.resolve("s.scn"), "a, b = socketpair()\nep = epoll_create1(0)\n"
            + "epoll_ctl(ep, ADD, a, EPOLLIN) => 0\nwrite(b, \"x\") => 1\n");
        Path window = dir.resolve("window.png");
        Path tree = dir.resolve("tree.png");
        String[] problem = new String[2];
        robot.interact(() -> {
            try {
                problem[0] = SnapshotRenderer.render(f, null, 4, "window", "projector", Locale.ENGLISH, 1, new int[] {1500, 940}, window);
                problem[1] = SnapshotRenderer.render(f, null, 4, "tree", "light", Locale.ENGLISH, 1, new int[] {1500, 940}, tree);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(problem).containsOnlyNulls();
        BufferedImage w = ImageIO.read(window.toFile());
        BufferedImage t = ImageIO.read(tree.toFile());
        assertThat(w.getWidth()).isEqualTo(1500);
        assertThat(t.getWidth()).isLessThan(w.getWidth());
        // the interest list's one node is drawn black somewhere in the kernel space
        boolean dark = false;
        for (int x = 0; x < t.getWidth() && !dark; x++) {
            for (int y = 0; y < 200 && !dark; y++) {
                dark = (t.getRGB(x, y) & 0xffffff) == 0x1b1b1b;
            }
        }
        assertThat(dark).as("a black rbtree node in the picture").isTrue();
    }

    @Test
    void malformedScenarioIsReportedNotRendered(FxRobot robot) throws Exception {
        Path f = Files.writeString(dir.resolve("bad.scn"), "a, b = socketpair(\n");
        String[] problem = new String[1];
        robot.interact(() -> {
            try {
                problem[0] = SnapshotRenderer.render(f, null, 0, "window", "light", Locale.ENGLISH, 1, new int[] {1500, 940}, dir.resolve("x.png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(problem[0]).startsWith(f + ":1:");
        assertThat(dir.resolve("x.png")).doesNotExist();
    }

    @Test
    void aBadSizeIsOneLineAndExit2() {
        for (String bad : new String[] {"1024", "1024x", "axb", "100x100", "99999x768", "1024x768x2"}) {
            MainCommandTest.Result r = MainCommandTest.run("snapshot", "--program", "epoll-lt", "--size", bad, "--out", dir.resolve("s.png").toString());
            assertThat(r.status()).as(bad).isEqualTo(2);
            assertThat(r.err().lines().filter(l -> l.contains("--size"))).as(bad).hasSize(1);
            assertThat(r.err()).as(bad).contains("--size: expected WIDTHxHEIGHT").contains("'" + bad + "'").doesNotContain("Exception");
        }
        assertThat(SnapshotCommand.parseSize("1024x768")).containsExactly(1024, 768);
        assertThat(SnapshotCommand.parseSize("1920X1080")).containsExactly(1920, 1080);
    }

    @Test
    void theWindowIsRenderedAtTheSizeAsked(FxRobot robot) throws Exception {
        Path f = Files.writeString(dir.resolve("s.scn"), "a, b = socketpair()\nwrite(b, \"x\") => 1\n");
        Path out = dir.resolve("small.png");
        String[] problem = new String[1];
        robot.interact(() -> {
            try {
                problem[0] = SnapshotRenderer.render(f, null, 2, "window", "light", Locale.ENGLISH, 1, new int[] {1024, 768}, out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(problem[0]).isNull();
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(1024);
        assertThat(img.getHeight()).isEqualTo(768);
    }
}
