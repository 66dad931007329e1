package org.pollscope.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The PollScope window. */
public final class PollScopeApp extends Application {

    static void launchGui() {
        Application.launch(PollScopeApp.class);
    }

    @Override
    public void start(Stage stage) {
        BorderPane root = new BorderPane(new Label("PollScope"));
        stage.setTitle("PollScope");
        stage.setScene(new Scene(root, 1200, 800));
        stage.show();
    }
}
