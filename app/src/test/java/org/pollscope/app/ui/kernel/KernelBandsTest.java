package org.pollscope.app.ui.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pollscope.app.ui.MainView;
import org.pollscope.app.ui.MainViewModel;
import org.pollscope.app.ui.Messages;
import org.pollscope.kernel.program.Programs;
import org.pollscope.kernel.program.Workload;
import org.pollscope.kernel.scenario.ScenarioParser;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bands of kernel space size to their content: at the canvas the window gives at 1024x768
 * and 1280x800, in the light and projector themes, no pane title and no wait-queue entry of any
 * step of any corpus scenario is cut while another band has room to spare.
 */
@ExtendWith(ApplicationExtension.class)
class KernelBandsTest {
    private static final Path CORPUS = Path.of("..", "kernel-model", "src", "test", "resources", "scenarios");
    /** what must never be cut while another band has room: titles, entries, the rows that hold entries */
    private static final List<String> WHOLE = List.of("title", "entry", "row", "head");

    Stage stage;
    final ResourceBundle text = Messages.of(Locale.ENGLISH);

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    static List<Path> corpus() throws Exception {
        try (Stream<Path> s = Files.list(CORPUS)) {
            return s.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
    }

    /** The window at {@code w} x {@code h} in {@code theme}, a scenario open: the size it gives its canvas. */
    private double[] canvasSize(FxRobot robot, int w, int h, String theme) {
        double[] size = new double[2];
        robot.interact(() -> {
            MainViewModel model = new MainViewModel(text);
            MainView view = new MainView(model, text);
            stage.setScene(new Scene(view.root(), w, h));
            stage.show();
            view.applyTheme(theme);
            model.open(CORPUS.resolve("exclusive-wakes-one-waiter.scn"));
            view.root().applyCss();
            view.root().layout();
            size[0] = view.canvas().getWidth();
            size[1] = view.canvas().getHeight();
        });
        assertThat(size[0]).as("canvas width at %dx%d", w, h).isGreaterThan(200);
        return size;
    }

    /** What of the last frame was cut while another band had room, one line each. */
    private static List<String> cutWithRoomElsewhere(KernelCanvas c, String where) {
        List<String> bad = new ArrayList<>();
        Map<String, DrawingContext.Band> bands = c.bands();
        for (DrawingContext.Cut cut : c.cuts()) {
            if (!WHOLE.contains(cut.kind())) continue;
            for (Map.Entry<String, DrawingContext.Band> b : bands.entrySet()) {
                if (b.getKey().equals(cut.band()) || b.getValue().free() < 1) continue;
                bad.add(where + ": " + cut + " while " + b.getKey() + " has " + Math.round(b.getValue().free()) + " px free");
            }
            // nor is a title or entry cut for width when its band asked no more than it was given
            DrawingContext.Band own = bands.get(cut.band());
            if (cut.why().equals("height") && own != null && own.height() >= own.need() + 1) {
                bad.add(where + ": " + cut + " though its band had what it needed");
            }
        }
        return bad;
    }

    @Test
    void everyStepOfTheCorpusAtTheWindowsSizesAndThemes(FxRobot robot) throws Exception {
        List<Path> files = corpus();
        assertThat(files).hasSizeGreaterThan(100);
        List<String> bad = new ArrayList<>();
        int[] frames = {0};
        for (int[] size : new int[][] {{1024, 768}, {1280, 800}}) {
            for (String theme : List.of("light", "projector")) {
                double[] wh = canvasSize(robot, size[0], size[1], theme);
                robot.interact(() -> {
                    KernelCanvas c = new KernelCanvas(text);
                    c.setTheme(theme);
                    c.resize(wh[0], wh[1]);
                    for (Path f : files) {
                        StepViewModel vm = new StepViewModel(text);
                        try {
                            vm.load(ScenarioParser.parse(f));
                        } catch (Exception e) {
                            throw new AssertionError(f + ": " + e.getMessage(), e);
                        }
                        int step = 0;
                        do {
                            c.show(vm.kernelProperty().get(), vm.lastStep(), false);
                            frames[0]++;
                            bad.addAll(cutWithRoomElsewhere(c, f.getFileName() + " step " + step + " at " + size[0] + "x"
                                + size[1] + " " + theme));
                            step++;
                        } while (vm.forward());
                    }
                });
            }
        }
        assertThat(frames[0]).isGreaterThan(4 * files.size());
        assertThat(bad).isEmpty();
    }

    @Test
    void theThreeExclusiveWaitersAndWholeTitlesAtStep11(FxRobot robot) throws Exception {
        // the window of the issue: 1024x768 light, 1280x800 projector
        for (String theme : List.of("light", "projector")) {
            double[] wh = theme.equals("light") ? canvasSize(robot, 1024, 768, theme) : canvasSize(robot, 1280, 800, theme);
            robot.interact(() -> {
                KernelCanvas c = new KernelCanvas(text);
                c.setTheme(theme);
                c.resize(wh[0], wh[1]);
                StepViewModel vm = new StepViewModel(text);
                try {
                    vm.load(ScenarioParser.parse(CORPUS.resolve("exclusive-wakes-one-waiter.scn")));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < 11; i++) vm.forward();
                c.show(vm.kernelProperty().get(), vm.lastStep(), false);
                List<String> texts = c.drawnTexts();
                String at = theme + " " + wh[0] + "x" + wh[1] + " " + c.bands() + " " + c.cuts();
                for (int ep = 3; ep <= 5; ep++) {
                    assertThat(texts).as(at).contains("ep_poll_callback eventpoll#" + ep + " (unix#1, fd 0) (exclusive)");
                    assertThat(texts).as(theme).contains("eventpoll#" + ep + ": interest list (rbr), 1 item, 2 references");
                }
                assertThat(texts).as(theme).noneMatch(t -> t.matches(".*\u2026 \\d+ more"));
                assertThat(c.cuts()).as(at).noneMatch(cut -> WHOLE.contains(cut.kind()));
                if (theme.equals("light")) assertThat(c.cuts()).as(at).isEmpty();
            });
        }
    }

    @Test
    void theStuckDataOfTheBuggyEdgeTriggeredServerShowsInTheProjectorTheme(FxRobot robot) {
        List<String> texts = new ArrayList<>();
        List<DrawingContext.Cut> cuts = new ArrayList<>();
        robot.interact(() -> {
            MainViewModel model = new MainViewModel(text);
            MainView view = new MainView(model, text);
            stage.setScene(new Scene(view.root(), 1280, 800));
            stage.show();
            view.applyTheme("projector");
            model.openProgram(Programs.byName("epoll-et-buggy"), Workload.of(4, 3, 1.0, 1));
            for (int i = 0; i < 30 && view.step().forward(); i++) {
                // to step 30
            }
            view.root().applyCss();
            view.root().layout();
            view.canvas().setProgress(1);
            texts.addAll(view.canvas().drawnTexts());
            cuts.addAll(view.canvas().cuts());
        });
        assertThat(texts).anyMatch(t -> t.contains("queued=256"));
        // seven files with entries do not all fit a 629x548 canvas in type this large: rows are
        // counted, but an entry drawn is whole, and so is the file's state
        assertThat(cuts).noneMatch(c -> c.kind().equals("state") || c.kind().equals("entry"));
    }

    @Test
    void aReadyItemShowsWhatEpItemPollReportsNowAndItsRegisteredEventsApart(FxRobot robot) throws Exception {
        Path f = Files.createTempFile("ready", ".scn");
        // a socket registered for in and out: ready with EPOLLIN|EPOLLOUT; the pipe's write end, ET, for out
        Files.writeString(f, "a, b = socketpair()\nep = epoll_create1(0)\n"
            + "epoll_ctl(ep, ADD, a, EPOLLIN | EPOLLET) => 0\nwrite(b, \"xy\") => 2\nread(a, 2) => 2\n");
        List<List<String>> seen = new ArrayList<>();
        robot.interact(() -> {
            KernelCanvas c = new KernelCanvas(text);
            c.resize(900, 600);
            StepViewModel vm = new StepViewModel(text);
            try {
                vm.load(ScenarioParser.parse(f));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            while (vm.forward()) {
                c.show(vm.kernelProperty().get(), vm.lastStep(), false);
                seen.add(c.drawnTexts());
            }
        });
        Files.delete(f);
        // after the write: a's item is on rdllist with EPOLLIN pending; it asked EPOLLIN|EPOLLET (and the ERR|HUP epoll_ctl adds)
        List<String> written = seen.get(3);
        assertThat(written).contains("EPOLLIN").anyMatch(t -> t.startsWith("asked EPOLLIN|") && t.contains("EPOLLET"));
        assertThat(written).contains("eventpoll#3: ready list (rdllist), 1 item");
        // after the read: still linked (ET, no epoll_wait yet), but nothing to report
        List<String> drained = seen.get(4);
        assertThat(drained).contains("nothing now").doesNotContain("EPOLLIN");
    }

    @Test
    void zoomScalesTheTypeOfEveryPaneAndIsRemembered(FxRobot robot) {
        MainView[] view = new MainView[1];
        robot.interact(() -> {
            view[0] = new MainView(new MainViewModel(text), text);
            stage.setScene(new Scene(view[0].root(), 1024, 768));
            stage.show();
        });
        KernelCanvas canvas = view[0].canvas();
        double radius = nodeRadius(robot, canvas);
        robot.clickOn("View").clickOn("#zoom-in");
        robot.clickOn("View").clickOn("#zoom-in");
        assertThat(view[0].fontScale()).isEqualTo(1.5625);
        assertThat(canvas.fontScale()).isEqualTo(1.5625);
        assertThat(view[0].lessonView().canvas().fontScale()).isEqualTo(1.5625);
        assertThat(view[0].root().getStyle()).contains("-fx-font-size");
        assertThat(nodeRadius(robot, canvas)).as("nodes grow with the type").isGreaterThan(radius * 1.5);
        assertThat(canvas.zoom()).as("the tree's own zoom stays on the wheel").isEqualTo(1.0);
        for (int i = 0; i < 10; i++) robot.interact(() -> view[0].setFontScale(view[0].fontScale() * MainView.ZOOM_STEP));
        assertThat(view[0].fontScale()).isEqualTo(MainView.ZOOM_MAX);
        java.util.prefs.Preferences prefs = java.util.prefs.Preferences.userRoot().node("pollscope-test-" + System.nanoTime());
        try {
            robot.interact(() -> view[0].saveLayout(prefs));
            MainView[] fresh = new MainView[1];
            robot.interact(() -> {
                fresh[0] = new MainView(new MainViewModel(text), text);
                fresh[0].restoreLayout(prefs);
            });
            assertThat(fresh[0].fontScale()).isEqualTo(MainView.ZOOM_MAX);
            assertThat(fresh[0].canvas().fontScale()).isEqualTo(MainView.ZOOM_MAX);
        } finally {
            robot.interact(() -> {
                try {
                    prefs.removeNode();
                } catch (java.util.prefs.BackingStoreException e) {
                    throw new AssertionError(e);
                }
            });
        }
        robot.clickOn("View").clickOn("#zoom-reset");
        assertThat(view[0].fontScale()).isEqualTo(1.0);
        assertThat(view[0].root().getStyle()).isEmpty();
        for (int i = 0; i < 5; i++) robot.interact(() -> view[0].setFontScale(view[0].fontScale() / MainView.ZOOM_STEP));
        assertThat(view[0].fontScale()).isEqualTo(MainView.ZOOM_MIN);
    }

    /** Half the width of the hit box of fd 0's node in a one-item tree, less its margin. */
    private static double nodeRadius(FxRobot robot, KernelCanvas canvas) {
        org.pollscope.kernel.Kernel k = new org.pollscope.kernel.Kernel();
        org.pollscope.kernel.SimThread t = k.newProcess("p");
        int ep = (int) k.epollCreate1(t, 0).ret();
        int fd = (int) k.eventfd(t, 0).ret();
        k.epollCtl(t, ep, org.pollscope.kernel.Linux.EPOLL_CTL_ADD, fd, org.pollscope.kernel.Linux.EPOLLIN, fd);
        double[] r = new double[1];
        robot.interact(() -> {
            // the Scenario tab is not shown: the canvas has the size it is given here
            canvas.resize(600, 400);
            canvas.show(k);
            for (DrawingContext.Hit h : canvas.hits()) {
                if (h.zone().equals("tree")) r[0] = (h.x1() - h.x0()) / 2 - 2;
            }
        });
        assertThat(r[0]).isPositive();
        return r[0];
    }
}
