package org.pollscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchChartTest {
    @Test
    void theNoteSaysWhereAndWhySelectIsLeftOut() {
        assertThat(BenchChart.note(List.of())).isEmpty();
        assertThat(BenchChart.note(List.of(new org.pollscope.app.ui.bench.BenchViewModel.LeftOut("select", 1000, 2010), new org.pollscope.app.ui.bench.BenchViewModel.LeftOut("select", 8000, 16010))))
            .isEqualTo("select is left out at N = 1000, 8000: it would watch fd 2010 and up, past the 1024 bits of an fd_set"
                + " (FD_SETSIZE: fds 0 to 1023 only).");
    }

    @Test
    void thePictureDrawsTheNoteInBothPanels(@TempDir Path dir) throws Exception {
        List<BenchChart.Point> pts = List.of(new BenchChart.Point("select", 100, 12, 120), new BenchChart.Point("poll", 100, 10, 220),
            new BenchChart.Point("poll", 1000, 80, 2200));
        Path plain = dir.resolve("plain.png"), noted = dir.resolve("noted.png");
        BenchChart.write(pts, "t", plain);
        BenchChart.write(pts, List.of(new org.pollscope.app.ui.bench.BenchViewModel.LeftOut("select", 1000, 2010)), "t", noted);
        BufferedImage a = ImageIO.read(plain.toFile()), b = ImageIO.read(noted.toFile());
        // the note's box is at the top left of each plot: (30 + 60 + 6, 60 + 35 + 6) and 590 px to the right
        for (int x : new int[] {30 + 60 + 8, 620 + 60 + 8}) {
            int rgb = b.getRGB(x, 60 + 35 + 8);
            assertThat(rgb).as("note at x=" + x).isNotEqualTo(a.getRGB(x, 60 + 35 + 8));
            // the note's pale yellow: more red than blue
            assertThat((rgb >> 16) & 0xff).isGreaterThan((rgb & 0xff) + 10);
        }
    }
}
