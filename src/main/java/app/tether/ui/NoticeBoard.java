package app.tether.ui;

import app.tether.watch.EventResponses;
import app.tether.watch.Notice;
import app.tether.watch.NoticeAction;
import app.tether.watch.Notifier;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The window's own notifications (for desktops with neither a notification server nor a tray, and alongside them
 * while the window shows): the notices now shown, newest first, one per key, changed on the FX thread only.
 */
public final class NoticeBoard implements Notifier {
    /** Older notices beyond this many are dropped, so a long absence does not fill the window. */
    static final int MOST = 4;

    private final ObservableList<Notice> shown = FXCollections.observableArrayList();
    private final EventResponses responses;
    private final Executor fx;
    private final Executor background;
    /** While false, new notices are not shown here (the desktop shows them; the window is hidden). */
    private volatile BooleanSupplier wanted = () -> true;

    /**
     * @param fx         where the list changes (the FX thread; a direct executor in tests)
     * @param background where button answers run, off the FX thread
     */
    public NoticeBoard(EventResponses responses, Executor fx, Executor background) {
        this.responses = responses;
        this.fx = fx;
        this.background = background;
    }

    @Override
    public void show(Notice notice) {
        fx.execute(() -> {
            remove(notice.key());
            if (!wanted.getAsBoolean()) {
                return; // an older card under this key would be stale now
            }
            shown.add(0, notice);
            if (shown.size() > MOST) {
                shown.remove(MOST, shown.size());
            }
        });
    }

    /** Shows new notices only while {@code condition} holds (checked on the FX thread). */
    public void showOnlyWhile(BooleanSupplier condition) {
        wanted = condition;
    }

    @Override
    public void withdraw(String key) {
        fx.execute(() -> remove(key));
    }

    /** A button pressed on {@code notice}: answered in the background, and the notice goes (it was answered). */
    public void answer(Notice notice, NoticeAction action) {
        shown.remove(notice);
        background.execute(() -> action.respond(responses, notice.target()));
    }

    /** The user closed {@code notice} without answering. */
    public void dismiss(Notice notice) {
        shown.remove(notice);
    }

    private void remove(String key) {
        shown.removeIf(n -> n.key().equals(key));
    }

    /** What is shown now (FX thread). */
    public ObservableList<Notice> notices() {
        return shown;
    }
}
