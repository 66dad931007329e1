package org.pollscope.app;

import java.util.Locale;
import java.util.ResourceBundle;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.pollscope.app.ui.MainView;
import org.pollscope.app.ui.MainViewModel;

/** The PollScope window. */
public final class PollScopeApp extends Application {

    static void launchGui() {
        Application.launch(PollScopeApp.class);
    }

    /** The user-visible strings for the default locale (English, or Simplified Chinese). */
    public static ResourceBundle messages(Locale locale) {
        return ResourceBundle.getBundle("org.pollscope.app.ui.messages", locale);
    }

    @Override
    public void start(Stage stage) {
        MainViewModel model = new MainViewModel();
        MainView view = new MainView(model, messages(Locale.getDefault()));
        stage.titleProperty().bind(model.titleProperty());
        stage.setScene(new Scene(view.root(), 1280, 800));
        stage.show();
    }
}
