package app.tether.ui;

import javafx.scene.Parent;

/** Every view of the window and its dialogs, so code names a view instead of a path or a class string. */
public enum View {
    SERVER_EDITOR,
    SETTINGS,
    JUPYTER_SETUP,
    PROGRESS,
    HARDWARE,
    SLEEP_TIME,
    ADD_TARGET,
    SPACE_EDITOR,
    SPACE_IMPORT,
    SPACE_CREATE,
    TUNNELS,
    CNB_INIT,
    ABOUT,
    SPEND;

    /** Builds this view bound to {@code model} (the view model type each view expects). */
    Parent create(Object model, UiLanguage language) {
        return switch (this) {
            case SERVER_EDITOR -> new ServerEditorView((ServerEditorViewModel) model, language);
            case SETTINGS -> new SettingsView((SettingsViewModel) model, language);
            case JUPYTER_SETUP -> new JupyterSetupView((JupyterSetupViewModel) model, language);
            case PROGRESS -> new ProgressView((ProgressModel) model);
            case HARDWARE -> new HardwareDialog((HardwareViewModel) model, language);
            case SLEEP_TIME -> new SleepTimeView((SleepTimeViewModel) model, language);
            case ADD_TARGET -> new AddTargetView((AddTargetViewModel) model, language);
            case SPACE_EDITOR -> new SpaceEditorView((SpaceEditorViewModel) model, language);
            case SPACE_IMPORT -> new SpaceImportView((SpaceImportViewModel) model, language);
            case SPACE_CREATE -> new SpaceCreateView((SpaceCreateViewModel) model, language);
            case TUNNELS -> new TunnelsView((TunnelsViewModel) model, language);
            case CNB_INIT -> new CnbInitView((CnbInitViewModel) model, language);
            case ABOUT -> new AboutView((AboutInfo) model, language);
            case SPEND -> new SpendView((SpendViewModel) model, language);
        };
    }
}
