package app.tether.ui;

import app.tether.settings.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Remembers where the main window was and puts it back there, if that place is still on a screen. */
final class WindowPlacement {
    static final double DEFAULT_WIDTH = 1100;
    static final double DEFAULT_HEIGHT = 720;

    private WindowPlacement() {
    }

    static void restore(Stage stage, Preferences.WindowBounds bounds) {
        stage.setWidth(DEFAULT_WIDTH);
        stage.setHeight(DEFAULT_HEIGHT);
        if (bounds == null || bounds.width() < 200 || bounds.height() < 150) {
            stage.centerOnScreen();
            return;
        }
        Rectangle2D wanted = new Rectangle2D(bounds.x(), bounds.y(), bounds.width(), bounds.height());
        boolean visible = Screen.getScreens().stream().anyMatch(screen -> screen.getVisualBounds().intersects(wanted));
        stage.setWidth(bounds.width());
        stage.setHeight(bounds.height());
        if (visible) {
            stage.setX(bounds.x());
            stage.setY(bounds.y());
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(bounds.maximized());
    }

    static Preferences.WindowBounds of(Stage stage) {
        return new Preferences.WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized());
    }
}
