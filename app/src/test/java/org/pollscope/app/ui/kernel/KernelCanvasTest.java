package org.pollscope.app.ui.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pollscope.app.ui.MainView;
import org.pollscope.app.ui.MainWindow;
import org.pollscope.app.ui.MainViewModel;
import org.pollscope.app.ui.Messages;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SimThread;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import static org.assertj.core.api.Assertions.assertThat;

/** Kernel space on screen: clicking a file to act on it, rotations captioned, zoom, simplification, themes. */
@ExtendWith(ApplicationExtension.class)
class KernelCanvasTest {
    MainViewModel model;
    MainView view;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        model = new MainViewModel();
        view = MainWindow.show(stage, model, 1200, 760);
    }

    private Path scenario() throws Exception {
        return Files.writeString(dir.resolve("k.scn"), "a, b = socketpair()\nc, d = socketpair()\ne, f = socketpair()\n"
            + "ep = epoll_create1(0)\nepoll_ctl(ep, ADD, a, EPOLLIN) => 0\nepoll_ctl(ep, ADD, c, EPOLLIN) => 0\n"
            + "epoll_ctl(ep, ADD, e, EPOLLIN) => 0\nepoll_wait(ep, 8, 0) => 0\n");
    }

    @Test
    void clickingAWatchedFileOffersActionsAndSendingBytesMakesItReady(FxRobot robot) throws Exception {
        Path f = scenario();
        robot.interact(() -> model.open(f));
        for (int i = 0; i < 7; i++) robot.clickOn("#step-forward");
        KernelCanvas canvas = view.canvas();
        robot.interact(() -> canvas.setProgress(1));
        double[] at = canvas.whereIs(0, "tree");
        assertThat(at).as("fd 0 is drawn").isNotNull();
        robot.clickOn(canvas.localToScreen(at[0], at[1]));
        assertThat(view.lastFileMenu().isShowing()).isTrue();
        MenuItem send = view.lastFileMenu().getItems().get(0);
        assertThat(send.getText()).contains("write(b, 5)");
        robot.interact(send::fire);
        assertThat(robot.lookup("#step-position").queryAs(Label.class).getText()).isEqualTo("8 / 9");
        assertThat(view.step().kernelProperty().get().eventPolls().get(0).readyList()).hasSize(1);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<ListingLine> listing = robot.lookup("#listing").queryAs(javafx.scene.control.ListView.class);
        assertThat(listing.getItems().get(7).plain()).isEqualTo("+  write(b, 5)");
        // the scenario goes on with the statement in it: epoll_wait now finds a, against its expectation
        robot.clickOn("#step-forward");
        assertThat(view.step().syscalls()).last().asString().contains("epoll_wait = 1");
    }

    @Test
    void theThirdAscendingInsertRotatesAndTheCaptionNamesTheCase(FxRobot robot) throws Exception {
        Path f = scenario();
        robot.interact(() -> model.open(f));
        for (int i = 0; i < 7; i++) robot.clickOn("#step-forward");
        assertThat(view.canvas().caption()).startsWith("rb_insert_color → __rb_insert:").contains("left rotation at fd").contains("Case");
        robot.interact(() -> view.canvas().setProgress(0.5));
        assertThat(view.canvas().progress()).isEqualTo(0.5);
        robot.clickOn("#step-forward");
        assertThat(view.canvas().caption()).isEmpty();
    }

    @Test
    void zoomFromTheViewMenuAndFarNodesSimplified(FxRobot robot) {
        Kernel k = interestList(10_000);
        KernelCanvas canvas = view.canvas();
        robot.interact(() -> canvas.show(k));
        int drawn = canvas.drawnNodes() + canvas.drawnWedges();
        assertThat(canvas.drawnWedges()).isPositive();
        assertThat(drawn).as("far subtrees are wedges, not 10,000 nodes").isLessThan(1_000);
        // the first key of the tree is inside a wedge at this scale; zoomed in on it, it is a node of its own
        int first = k.eventPolls().get(0).interestList().first().key().fd();
        assertThat(canvas.whereIs(first, "tree")).isNull();
        // the View menu's zoom scales the type (KernelBandsTest); the tree's width zooms on the wheel
        robot.interact(() -> {
            canvas.zoomIn();
            canvas.zoomIn();
        });
        assertThat(canvas.zoom()).isCloseTo(1.5625, org.assertj.core.data.Offset.offset(1e-9));
        robot.interact(() -> {
            canvas.resetZoom();
            for (int i = 0; i < 30; i++) canvas.zoomAt(1.25, canvas.zone("tree").getMinX() + 12, canvas.zone("tree").getMinY() + 60);
        });
        assertThat(canvas.whereIs(first, "tree")).as("fd %d drawn when zoomed in", first).isNotNull();
        assertThat(canvas.drawnNodes() + canvas.drawnWedges()).isLessThan(1_000);
        robot.clickOn("View").clickOn("#zoom-reset");
        assertThat(canvas.zoom()).isEqualTo(1.0);
    }

    /** An interest list of {@code n} eventfds in one process. */
    private static Kernel interestList(int n) {
        Kernel k = new Kernel().fdLimit(n + 64).maxUserWatches(n + 64);
        SimThread t = k.newProcess("big");
        int ep = (int) k.epollCreate1(t, 0).ret();
        for (int i = 0; i < n; i++) {
            int fd = (int) k.eventfd(t, 0).ret();
            k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, fd, Linux.EPOLLIN, fd);
        }
        return k;
    }

    @Test
    void dotsDrawnTogetherStillLieOverTheEdgesThatEndInThem(FxRobot robot) {
        // 100 items across the canvas: the leaves and their parents are dots, drawn in runs
        // with the edges; each edge ends in the middle of its child, which must cover it
        Kernel k = interestList(100);
        KernelCanvas canvas = view.canvas();
        javafx.scene.image.WritableImage[] shot = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> {
            canvas.setTheme("light");
            canvas.show(k);
            shot[0] = canvas.snapshot(null, null);
        });
        KernelPalette light = KernelPalette.of("light");
        TreeLayout l = TreeLayout.of("", k.eventPolls().get(0).interestList());
        int leaves = 0;
        for (int r = 0; r < l.size(); r++) {
            if (l.left(r) >= 0 || l.right(r) >= 0) continue;
            double[] at = canvas.whereIs(l.fd(r), "tree");
            if (at == null) continue; // below the band: the deepest leaves of a small canvas
            javafx.scene.paint.Color c = shot[0].getPixelReader().getColor((int) at[0], (int) at[1]);
            javafx.scene.paint.Color want = l.red(r) ? light.red() : light.black();
            assertThat(c.getRed()).as("middle of leaf fd %d", l.fd(r)).isCloseTo(want.getRed(), org.assertj.core.data.Offset.offset(0.08));
            assertThat(c.getGreen()).as("middle of leaf fd %d", l.fd(r)).isCloseTo(want.getGreen(), org.assertj.core.data.Offset.offset(0.08));
            leaves++;
        }
        assertThat(leaves).isGreaterThan(20);
    }

    @Test
    void zoomedInOnlyTheNodesInTheBandAreDrawn(FxRobot robot) {
        Kernel k = interestList(10_000);
        KernelCanvas canvas = view.canvas();
        robot.interact(() -> {
            canvas.setTheme("light");
            canvas.show(k);
            javafx.geometry.Rectangle2D tree = canvas.zone("tree");
            for (int i = 0; i < 30; i++) canvas.zoomAt(1.25, tree.getMinX() + tree.getWidth() / 2, tree.getMinY() + 60);
        });
        javafx.geometry.Rectangle2D tree = canvas.zone("tree");
        int inView = 0;
        for (var n = k.eventPolls().get(0).interestList().first(); n != null; n = k.eventPolls().get(0).interestList().next(n)) {
            double[] at = canvas.whereIs(n.key().fd(), "tree");
            if (at == null) continue;
            inView++;
            // a node counts as drawn when its circle or its label could show: within a label's half width of the band
            assertThat(at[0]).as("fd %d", n.key().fd()).isBetween(tree.getMinX() - 80, tree.getMaxX() + 80);
        }
        assertThat(inView).as("the nodes of the part zoomed in on").isPositive();
        assertThat(canvas.drawnNodes()).isEqualTo(inView);
    }

    @Test
    void aThousandThreadsAsleepAreAFewLinesAndACount(FxRobot robot) {
        Kernel k = interestList(10);
        SimThread main = k.processes().get(0).threads().get(0);
        int ep = 0;
        assertThat(k.processes().get(0).fds().get(ep)).as("epoll_create1 took fd 0").isSameAs(k.eventPolls().get(0));
        for (int i = 0; i < 1000; i++) {
            SimThread w = k.newThread(main.process(), "w" + i);
            k.submit(w, k.epollWait(ep, 1, -1), o -> { });
        }
        assertThat(k.sleepers()).hasSize(1000);
        KernelCanvas canvas = view.canvas();
        robot.interact(() -> canvas.show(k));
        List<String> texts = canvas.drawnTexts();
        assertThat(texts.size()).as("texts drawn").isLessThan(100);
        long lines = texts.stream().filter(t -> t.contains(" sleeps in ")).count();
        assertThat(lines).isPositive();
        assertThat(texts).contains("\u2026 " + (1000 - lines) + " more threads asleep");
        // ep->wq: the names that could show in the column, then how many more
        String epwq = texts.stream().filter(t -> t.startsWith("ep->wq")).findFirst().orElseThrow();
        assertThat(epwq.length()).isLessThan(1_000);
        assertThat(epwq).matches(".*, \u2026 \\d+ more");
    }

    @Test
    void themeFromTheMenuIsRememberedWithTheLayout(FxRobot robot) throws Exception {
        robot.clickOn("View").clickOn("Theme").clickOn("#theme-projector");
        assertThat(view.theme()).isEqualTo("projector");
        assertThat(view.root().getStylesheets()).anyMatch(s -> s.contains("theme-projector"));
        Preferences prefs = Preferences.userRoot().node("pollscope-test-" + System.nanoTime());
        try {
            robot.interact(() -> view.saveLayout(prefs));
            assertThat(prefs.get("theme", null)).isEqualTo("projector");
            MainView[] fresh = new MainView[1];
            robot.interact(() -> {
                fresh[0] = new MainView(new MainViewModel(), Messages.of(Locale.ENGLISH));
                fresh[0].restoreLayout(prefs);
            });
            assertThat(fresh[0].theme()).isEqualTo("projector");
        } finally {
            prefs.removeNode();
        }
    }
}
