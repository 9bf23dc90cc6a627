package app.tether.ui;

import app.tether.settings.Preferences;
import app.tether.watch.NoticeKind;
import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Settings form: language, theme, refresh interval and the notification switches. */
final class SettingsView extends GridPane {
    /** Kept so the bidirectional binding to the spinner is not collected. */
    private final ObjectProperty<Integer> refreshSeconds;

    SettingsView(SettingsViewModel model, UiLanguage language) {
        setId("settings");
        setHgap(12);
        setVgap(10);
        setPadding(new Insets(8, 4, 8, 4));
        setPrefWidth(420);
        // The labels keep their width; the long, wrapping check boxes take what is left.
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        getColumnConstraints().setAll(labels, fields);

        ComboBox<Preferences.Language> languages = new ComboBox<>();
        languages.setId("language");
        languages.getItems().setAll(Preferences.Language.values());
        languages.valueProperty().bindBidirectional(model.languageProperty());
        languages.setCellFactory(list -> new NamedCell<>(language, l -> "ui.settings.language." + l.name().toLowerCase()));
        languages.setButtonCell(new NamedCell<>(language, l -> "ui.settings.language." + l.name().toLowerCase()));

        ComboBox<Preferences.Theme> themes = new ComboBox<>();
        themes.setId("theme");
        themes.getItems().setAll(Preferences.Theme.values());
        themes.valueProperty().bindBidirectional(model.themeProperty());
        themes.setCellFactory(list -> new NamedCell<>(language, t -> "ui.settings.theme." + t.name().toLowerCase()));
        themes.setButtonCell(new NamedCell<>(language, t -> "ui.settings.theme." + t.name().toLowerCase()));

        Spinner<Integer> refresh = new Spinner<>(1, 3600, model.refreshSecondsProperty().get());
        refresh.setId("refresh");
        refresh.setEditable(true);
        refresh.setPrefWidth(110);
        refreshSeconds = model.refreshSecondsProperty().asObject();
        refresh.getValueFactory().valueProperty().bindBidirectional(refreshSeconds);
        Label seconds = new Label();
        seconds.textProperty().bind(language.text("ui.settings.seconds"));
        seconds.getStyleClass().add(Styles.TEXT_MUTED);
        HBox refreshRow = new HBox(8, refresh, seconds);
        refreshRow.setAlignment(Pos.CENTER_LEFT);

        addRow(0, label(language, "ui.settings.language"), languages);
        addRow(1, label(language, "ui.settings.theme"), themes);
        addRow(2, label(language, "ui.settings.refresh"), refreshRow);
        Label notices = label(language, "watch.notice.settings");
        GridPane.setValignment(notices, VPos.TOP);
        addRow(3, notices, noticeSwitches(model, language));

        CheckBox keepRunning = new CheckBox();
        keepRunning.setId("keepRunning");
        keepRunning.textProperty().bind(language.text("instance.settings.keepRunning"));
        keepRunning.setWrapText(true);
        keepRunning.selectedProperty().bindBidirectional(model.keepRunningProperty());
        add(keepRunning, 1, 4);
        if (model.offersStartAtLogin()) {
            CheckBox atLogin = new CheckBox();
            atLogin.setId("startAtLogin");
            atLogin.textProperty().bind(language.text("instance.settings.startAtLogin"));
            atLogin.setWrapText(true);
            atLogin.selectedProperty().bindBidirectional(model.startAtLoginProperty());
            add(atLogin, 1, 5);
        }
    }

    /** A check box per kind of notification; each event can be turned off here. */
    private static VBox noticeSwitches(SettingsViewModel model, UiLanguage language) {
        VBox switches = new VBox(6);
        switches.setId("notice-switches");
        for (NoticeKind kind : NoticeKind.values()) {
            CheckBox on = new CheckBox();
            on.setId("notify-" + kind.id());
            on.textProperty().bind(language.text(kind.labelKey()));
            on.setWrapText(true);
            on.selectedProperty().bindBidirectional(model.noticeProperties().get(kind));
            switches.getChildren().add(on);
        }
        return switches;
    }

    private static Label label(UiLanguage language, String key) {
        Label label = new Label();
        label.textProperty().bind(language.text(key));
        return label;
    }

    /** Shows an enum constant by its message key. */
    private static final class NamedCell<T> extends ListCell<T> {
        private final UiLanguage language;
        private final Function<T, String> key;

        NamedCell(UiLanguage language, Function<T, String> key) {
            this.language = language;
            this.key = key;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : language.get(key.apply(item)));
        }
    }
}
