package org.pollscope.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.pollscope.app.ui.MainView;
import org.pollscope.app.ui.MainViewModel;
import org.pollscope.app.ui.Messages;
import org.pollscope.app.ui.compare.CompareViewModel;

/** Builds the window off screen, steps the scenario and writes one view as PNG (on the FX thread). */
final class SnapshotRenderer {
    private SnapshotRenderer() {}

    /** Null on success, else what went wrong (size: the window's width and height) (a positioned scenario error, say). */
    static String render(Path file, MainViewModel.ProgramRun program, int step, String view, String theme, Locale locale, double progress, int[] size, Path out) throws IOException {
        java.util.ResourceBundle text = Messages.of(locale);
        MainViewModel model = new MainViewModel(text);
        MainView v = new MainView(model, text);
        v.applyTheme(theme);
        Parent root = (Parent) v.root();
        Scene scene = new Scene(root, size[0], size[1]);
        if (program != null) {
            model.openProgram(program.program(), program.workload());
        } else if (!model.open(file)) {
            return model.errorProperty().get();
        }
        // straight to K: the stepper copies its nearest checkpoint and replays from there
        v.step().goTo(step);
        if (v.step().positionProperty().get() < step) {
            return "--step " + step + ": the run has " + v.step().positionProperty().get() + " steps";
        }
        if (view.equals("bench")) v.showBench();
        if (view.equals("compare")) {
            v.showCompare();
            List<CompareViewModel.LeftOut> left = new java.util.ArrayList<>();
            List<CompareViewModel.Point> pts = v.compare().measure(x -> { }, () -> false, p -> { }, left::add);
            left.forEach(v.compare()::addLeftOut);
            pts.forEach(v.compare()::add);
            // the in-step panel, ten wait calls in
            root.applyCss();
            root.layout();
            javafx.scene.Node step10 = root.lookup("#compare-step10");
            if (step10 instanceof javafx.scene.control.Button b) b.fire();
        }
        root.applyCss();
        root.layout();
        // a second pass: the first may have moved the status of the Scenario tab beneath its buttons
        root.applyCss();
        root.layout();
        // the current line in view, as the window scrolls to it once the list has its size
        if (root.lookup("#listing") instanceof javafx.scene.control.ListView<?> listing && listing.getSelectionModel().getSelectedIndex() > 2) {
            listing.scrollTo(listing.getSelectionModel().getSelectedIndex() - 2);
            root.layout();
        }
        // the picture of step K as it moves: 0 is the tree before the step, 1 after it
        v.canvas().setProgress(progress);
        Node target = switch (view) {
            case "tree", "ready", "waitqueues" -> v.canvas();
            case "user" -> root.lookup("#user-space");
            case "log" -> root.lookup("#syscall-log").getParent();
            default -> root;
        };
        javafx.scene.SnapshotParameters params = new javafx.scene.SnapshotParameters();
        if (target == v.canvas()) params.setViewport(v.canvas().zone(view));
        WritableImage img = target.snapshot(params, null);
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", out.toFile());
        return null;
    }

    /** The start page (lesson null) or the lesson player at step {@code step} (from 1), as the window shows them. */
    static String renderLesson(org.pollscope.lessons.Lesson lesson, int step, boolean teacher, String theme, Locale locale, int[] size, Path out)
        throws IOException {
        java.util.ResourceBundle text = Messages.of(locale);
        MainViewModel model = new MainViewModel(text);
        MainView v = new MainView(model, text);
        v.applyTheme(theme);
        Parent root = (Parent) v.root();
        Scene scene = new Scene(root, size[0], size[1]);
        if (lesson != null) {
            v.openLesson(lesson);
            if (teacher) v.lesson().setTeacher(true);
            // the student's path to step K: each checkpoint on the way answered
            while (v.lesson().stepProperty().get() + 1 < step) {
                if (!v.lesson().answeredProperty().get()) v.lesson().reveal();
                v.lesson().next();
            }
        }
        root.applyCss();
        root.layout();
        v.lessonView().canvas().setProgress(1);
        WritableImage img = root.snapshot(new javafx.scene.SnapshotParameters(), null);
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", out.toFile());
        return null;
    }
}
