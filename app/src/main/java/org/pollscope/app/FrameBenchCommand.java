package org.pollscope.app;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import org.pollscope.app.ui.kernel.KernelCanvas;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SimThread;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pollscope bench-frames}: the frame time of kernel space while the interest list
 * changes and the change is animated, under the software pipeline and headless. A step erases
 * and inserts one registration (so the tree rebalances) and shows it animated, as stepping in
 * the window does; then the animation is drawn at {@code --frames-per-step} points of its
 * course, the last the step done. Each frame is one drawing of the canvas rendered to an image;
 * a step's first frame also lays the trees out. A benchmark, not a test: its figures go to
 * docs/benchmarks.md with the machine and date.
 */
@Command(name = "bench-frames", mixinStandardHelpOptions = true,
    description = "Measure the frame time of drawing a large interest list (software rendering, headless).")
public final class FrameBenchCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--items", defaultValue = "10000", paramLabel = "N", description = "Registrations in the interest list (default 10000).")
    int items;

    @Option(names = "--frames", defaultValue = "300", paramLabel = "F", description = "Frames measured after 60 warm-up frames (default 300).")
    int frames;

    @Option(names = "--frames-per-step", defaultValue = "6", paramLabel = "K",
        description = "Frames of each step's animation (default 6); 1: every frame a new step, not animated.")
    int framesPerStep;

    @Override
    public Integer call() throws Exception {
        // before JavaFX starts: -5 was a NegativeArraySizeException, 2^31-1 an overflow of items + 64
        range("--items", items, 1, 1_000_000);
        range("--frames", frames, 1, 100_000);
        range("--frames-per-step", framesPerStep, 1, 1_000);
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("headless.geometry", "1600x1000-32");
        Kernel k = new Kernel().fdLimit(items + 64).maxUserWatches(items + 64);
        k.trace().setRecording(false);
        SimThread t = k.newProcess("bench");
        int ep = (int) k.epollCreate1(t, 0).ret();
        int[] fds = new int[items];
        for (int i = 0; i < items; i++) {
            fds[i] = (int) k.eventfd(t, 0).ret();
            k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, fds[i], Linux.EPOLLIN, fds[i]);
        }
        CompletableFuture<double[]> result = new CompletableFuture<>();
        javafx.application.Platform.startup(() -> {
            KernelCanvas canvas = new KernelCanvas();
            StackPane root = new StackPane(canvas);
            new Scene(root, 1400, 900);
            root.applyCss();
            root.layout();
            double[] ms = new double[frames];
            double[] drawMs = new double[frames];
            // one image for every frame: a frame on screen allocates none
            javafx.scene.image.WritableImage image = new javafx.scene.image.WritableImage(1400, 900);
            java.util.Random rnd = new java.util.Random(1);
            int perStep = Math.max(1, framesPerStep);
            for (int f = -60; f < frames; f++) {
                long t0 = System.nanoTime();
                int inStep = Math.floorMod(f, perStep);
                if (inStep == 0) {
                    int fd = fds[rnd.nextInt(items)];
                    k.epollCtl(t, ep, Linux.EPOLL_CTL_DEL, fd, 0, 0);
                    k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, fd, Linux.EPOLLIN, fd);
                }
                long t1 = System.nanoTime();
                if (perStep == 1) {
                    canvas.show(k);
                } else if (inStep == 0) {
                    // the step starts: laid out, drawn where it was (progress 0), animated from there
                    canvas.show(k, java.util.List.of(), true);
                } else {
                    // the frame the animation timer would draw next
                    canvas.setProgress((double) inStep / (perStep - 1));
                }
                long t2 = System.nanoTime();
                canvas.snapshot(null, image);
                if (f >= 0) {
                    ms[f] = (System.nanoTime() - t0) / 1e6;
                    drawMs[f] = (t2 - t1) / 1e6;
                }
            }
            Arrays.sort(drawMs);
            System.out.printf(Locale.ROOT, "of which laying out and recording the drawing (show or setProgress): median %.2f ms%n",
                drawMs[frames / 2]);
            result.complete(ms);
        });
        double[] ms = result.get(600, TimeUnit.SECONDS);
        javafx.application.Platform.exit();
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "interest list of %d items, %d frames, %d a step, software pipeline: median %.2f ms, p95 %.2f ms, max %.2f ms%n",
            items, frames, Math.max(1, framesPerStep), ms[frames / 2], ms[(int) (frames * 0.95)], ms[frames - 1]);
        return 0;
    }

    private void range(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), option + " must be " + min + " to " + max + ", found " + value);
        }
    }
}
