package org.pollscope.app;

import java.util.Locale;
import java.util.ResourceBundle;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.pollscope.app.ui.MainView;
import org.pollscope.app.ui.MainViewModel;
import org.pollscope.app.ui.Messages;

/** The PollScope window. */
public final class PollScopeApp extends Application {

    private static java.nio.file.Path initialFile;
    private static org.pollscope.app.ui.MainViewModel.ProgramRun initialProgram;
    private static int initialStep;
    private static boolean initialBench;
    /** steps a second to play at once the window shows step K, or 0 */
    private static double initialPlay;

    static void launchGui() {
        GuiEnvironment.requireWindow();
        Application.launch(PollScopeApp.class);
    }

    /**
     * {@code --lang en|zh} of the GUI commands: the window (and JavaFX's own controls) in that
     * language instead of the locale's ({@code LANG=zh_CN.UTF-8} gives Chinese too); null keeps
     * the locale.
     */
    static void useLanguage(picocli.CommandLine cl, String lang) {
        if (lang == null) return;
        switch (lang) {
            case "en" -> Locale.setDefault(Locale.ENGLISH);
            case "zh" -> Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            default -> throw new picocli.CommandLine.ParameterException(cl, "--lang: expected en or zh, found '" + lang + "'");
        }
    }

    /**
     * The GUI with a scenario (or a built-in program) loaded and stepped to {@code step} (a bad
     * file shows its error in the window).
     */
    static void launchGui(java.nio.file.Path file, org.pollscope.app.ui.MainViewModel.ProgramRun program, int step, boolean bench,
                          double play) {
        initialPlay = play;
        initialFile = file;
        initialProgram = program;
        initialStep = step;
        initialBench = bench;
        GuiEnvironment.requireWindow();
        Application.launch(PollScopeApp.class);
    }

    /**
     * Where the window opens: {x, y, width, height}, the wanted size clamped to the screen's
     * visual bounds (a 1024x768 screen gets a window that fits it, a size remembered from a larger
     * screen shrinks), centred on the screen.
     */
    /** The smallest and largest remembered window side, in pixels: anything else is not a size a window was. */
    static final double MIN_SIZE = 100;
    static final double MAX_SIZE = 100_000;

    static double[] fit(double width, double height, double screenX, double screenY, double screenWidth, double screenHeight) {
        double w = Math.min(width > 0 ? width : 1280, screenWidth);
        double h = Math.min(height > 0 ? height : 800, screenHeight);
        return new double[] {screenX + (screenWidth - w) / 2, screenY + (screenHeight - h) / 2, w, h};
    }

    @Override
    public void start(Stage stage) {
        ResourceBundle text = Messages.of(Locale.getDefault());
        MainViewModel model = new MainViewModel(text);
        // window size, theme, dividers, speed, folder and each lesson's progress are remembered between runs
        // (an odd or unreadable store gives the defaults and one line on standard error: RememberedSettings)
        org.pollscope.app.ui.RememberedSettings remembered = org.pollscope.app.ui.RememberedSettings.ofUser(PollScopeApp.class, System.err);
        java.util.prefs.Preferences prefs = remembered.node();
        MainView view = new MainView(model, text, org.pollscope.lessons.Course.builtIn(),
            new org.pollscope.app.ui.lesson.LessonProgress(remembered.child("lessons")));
        stage.titleProperty().bind(model.titleProperty());
        // the remembered (or default) size, within the screen's visual bounds and placed on it
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double[] bounds = fit(remembered.number("width", 1280, MIN_SIZE, MAX_SIZE), remembered.number("height", 800, MIN_SIZE, MAX_SIZE),
            screen.getMinX(), screen.getMinY(), screen.getWidth(), screen.getHeight());
        stage.setScene(new Scene(view.root()));
        stage.setX(bounds[0]);
        stage.setY(bounds[1]);
        stage.setWidth(bounds[2]);
        stage.setHeight(bounds[3]);
        view.restoreLayout(remembered);
        String warning = remembered.warning();
        if (warning != null) System.err.println(warning);
        stage.setOnHiding(e -> {
            view.close();
            if (prefs == null) return;
            try {
                prefs.putDouble("width", stage.getWidth());
                prefs.putDouble("height", stage.getHeight());
                view.saveLayout(prefs);
            } catch (RuntimeException ex) {
                System.err.println("pollscope: remembered settings: cannot be saved (" + ex.getMessage() + ")");
            }
        });
        stage.show();
        if (initialProgram != null) model.openProgram(initialProgram.program(), initialProgram.workload());
        if (initialProgram != null || initialFile != null && model.open(initialFile)) {
            // off the JavaFX thread: the window shows its progress, and Ctrl+Q or Esc still work
            int wanted = initialStep;
            view.step().goToInBackground(wanted, reached -> {
                if (!reached && view.step().complete() && view.step().stepsProperty().get() < wanted) {
                    System.err.println("pollscope open: --step " + wanted + ": the run has " + view.step().stepsProperty().get() + " steps");
                    javafx.application.Platform.exit();
                    System.exit(2);
                }
                if (initialPlay > 0) view.play(initialPlay);
            });
        }
        if (initialBench) view.showBench();
    }
}
