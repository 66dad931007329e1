package org.pollscope.app.ui;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** The window as the GUI tests open it: English, a given size, the title bound. */
public final class MainWindow {
    private MainWindow() {
    }

    /** The main view of {@code model} in {@code stage}, {@code width} by {@code height}, shown. */
    public static MainView show(Stage stage, MainViewModel model, double width, double height) {
        MainView view = new MainView(model, Messages.of(Locale.ENGLISH));
        stage.titleProperty().bind(model.titleProperty());
        stage.setScene(new Scene(view.root(), width, height));
        stage.show();
        return view;
    }

    /** Starts the Live tab's server on a free port, as its Start button does, and waits until it runs; its view model. */
    public static org.pollscope.app.ui.live.LiveViewModel startLive(org.testfx.api.FxRobot robot, MainView view)
        throws java.util.concurrent.TimeoutException {
        org.pollscope.app.ui.live.LiveViewModel live = view.live();
        robot.interact(() -> {
            view.showLive();
            live.portProperty().set("0");
            live.start();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> live.runningProperty().get());
        return live;
    }

    /** Waits until no step command of {@code view}'s Scenario tab runs (they run off the JavaFX thread). */
    public static void idle(MainView view, long seconds) throws java.util.concurrent.TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> !view.step().job().busy());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
