package org.pollscope.app.ui.lesson;

import java.util.List;
import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.pollscope.app.ui.Messages;
import org.pollscope.app.ui.kernel.KernelCanvas;

/**
 * The presenter window: kernel space alone, with the step's title above it, for the projector.
 * It draws the same {@link LessonPlayer} as the teacher's window, so stepping there moves it;
 * F11 or a double click toggles full screen, Escape leaves it.
 */
public final class PresenterWindow {
    private final Stage stage = new Stage();
    private final KernelCanvas canvas;
    private final Label title = new Label();
    /** a checkpoint waits for its prediction (kept here: a binding's dependencies hold it weakly) */
    private final javafx.beans.binding.BooleanBinding predicting;

    PresenterWindow(LessonPlayer player, ResourceBundle text, List<String> stylesheets) {
        canvas = new KernelCanvas(text);
        canvas.setId("presenter-kernel");
        player.kernel().revisionProperty().addListener((o, a, r) -> canvas.show(player.kernel().kernelProperty().get(),
            player.kernel().lastStep(), true));
        if (player.kernel().kernelProperty().get() != null) canvas.show(player.kernel().kernelProperty().get());
        // the room does not see what the next epoll_wait reports before the teacher reveals it
        predicting = player.hasCheckpointProperty().and(player.answeredProperty().not());
        predicting.addListener((o, a, hidden) -> canvas.setOutcomeHidden(hidden));
        canvas.setOutcomeHidden(predicting.get());
        title.setId("presenter-title");
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        title.textProperty().bind(Bindings.createStringBinding(() -> Messages.format(text, "lesson.presenterTitle",
            player.stepProperty().get() + 1, player.stepsProperty().get(), player.titleProperty().get()),
            player.stepProperty(), player.stepsProperty(), player.titleProperty()));
        BorderPane root = new BorderPane(canvas);
        root.setTop(title);
        BorderPane.setMargin(title, new Insets(8, 12, 4, 12));
        root.getStyleClass().add("main");
        root.getStylesheets().setAll(stylesheets);
        Scene scene = new Scene(root, 1280, 800);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.F11) stage.setFullScreen(!stage.isFullScreen());
        });
        canvas.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) stage.setFullScreen(!stage.isFullScreen());
        });
        stage.setScene(scene);
        stage.titleProperty().bind(title.textProperty());
    }

    void show(Window owner) {
        if (owner != null && stage.getOwner() == null) stage.initOwner(owner);
        stage.show();
        stage.toFront();
    }

    void setTheme(String theme) {
        canvas.setTheme(theme);
    }

    /** The type size of View > Zoom: the canvas and the step's title. */
    void setFontScale(double scale) {
        canvas.setFontScale(scale);
        title.setStyle(scale == 1 ? "" : String.format(java.util.Locale.ROOT, "-fx-font-size: %.2fem;", 1.5 * scale));
    }

    public Stage stage() {
        return stage;
    }

    public KernelCanvas canvas() {
        return canvas;
    }

    /** The title the room reads ("Step 3 / 8 · ..."). */
    public String title() {
        return title.getText();
    }
}
