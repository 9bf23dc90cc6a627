package app.tether.ui;

import app.tether.providers.cnb.CnbRunners;
import app.tether.providers.cnb.CnbScaffold;
import javafx.scene.control.MenuItem;

/**
 * The window's CNB entries that are not about one workspace: Make a Repository Ready for CNB… (the
 * {@code tether cnb init} wizard with its preview; the files are written in the background, then what was written
 * is shown).
 */
final class CnbMenu {
    private final UiLanguage language;
    private final DialogService dialogs;
    private final FxExecutors executors;

    CnbMenu(UiLanguage language, DialogService dialogs, FxExecutors executors) {
        this.language = language;
        this.dialogs = dialogs;
        this.executors = executors;
    }

    /** The File menu's entry. */
    MenuItem item() {
        MenuItem init = new MenuItem();
        init.setId("menu-cnb-init");
        init.textProperty().bind(language.text("cnb.ui.init.action"));
        init.setOnAction(event -> initRepository());
        return init;
    }

    void initRepository() {
        CnbInitViewModel wizard = new CnbInitViewModel(new CnbScaffold(CnbRunners.standard()), executors);
        if (!dialogs.form(View.CNB_INIT, wizard, "cnb.ui.init.title", wizard.validProperty())) {
            return;
        }
        wizard.write().thenAccept(results -> dialogs.info("cnb.ui.init.done.title", wizard.summary(results)))
                .exceptionally(failure -> {
                    dialogs.error(failure);
                    return null;
                });
    }
}
