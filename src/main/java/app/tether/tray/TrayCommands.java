package app.tether.tray;

import app.tether.providers.TargetAction;
import java.util.List;

/** What the tray's entries do; the app implements it. Called on the JavaFX thread; nothing here may block. */
public interface TrayCommands {
    void openNotebook(String target);

    /** Pause or stop {@code target} through its provider. */
    void perform(String target, TargetAction action);

    void openInVsCode(String target);

    /** Asks once, then pauses (or stops) every one of {@code targets}. */
    void pauseAll(List<String> targets);

    void showWindow();

    void quit();
}
