package app.tether.ui;

import app.tether.core.Environment;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The JavaFX application; {@link #launch(Environment)} is called by Main when there are no arguments. */
public final class DesktopApp extends Application {
    private static Environment environment;

    public static void launch(Environment env) {
        environment = env;
        Application.launch(DesktopApp.class);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Tether");
        stage.setScene(new Scene(new Label(environment == null ? "" : environment.home().toString()), 800, 600));
        stage.show();
    }
}
