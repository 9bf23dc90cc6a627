package app.tether.ui;

import app.tether.core.Messages;
import app.tether.core.TetherException;
import atlantafx.base.theme.Styles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one way the window shows dialogs: confirmations, errors, information and forms built from a {@link View}. */
public final class DialogService {
    private static final Logger LOG = LoggerFactory.getLogger(DialogService.class);

    private final Window owner;
    private final UiLanguage language;
    private final Consumer<String> uriOpener;

    /** @param uriOpener opens a URI with the desktop (HostServices.showDocument in the app) */
    public DialogService(Window owner, UiLanguage language, Consumer<String> uriOpener) {
        this.owner = owner;
        this.language = language;
        this.uriOpener = uriOpener;
    }

    /** Asks before something that cannot be undone; Cancel is the default button. */
    public boolean confirm(String titleKey, String messageKey, String okKey, Object... args) {
        ButtonType ok = new ButtonType(language.get(okKey), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(language.get("ui.button.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, language.get(messageKey, args), ok, cancel);
        prepare(alert, titleKey);
        alert.setHeaderText(null);
        Button okButton = (Button) alert.getDialogPane().lookupButton(ok);
        okButton.setDefaultButton(false);
        okButton.getStyleClass().add(Styles.DANGER);
        okButton.setId("confirm-ok");
        ((Button) alert.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        return alert.showAndWait().filter(ok::equals).isPresent();
    }

    /** Shows {@code text} (e.g. a config block to be written) and asks before acting; Cancel is the default. */
    public boolean confirmText(String titleKey, String message, String text, String okKey) {
        ButtonType ok = new ButtonType(language.get(okKey), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(language.get("ui.button.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", ok, cancel);
        prepare(alert, titleKey);
        alert.setHeaderText(message);
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.getStyleClass().add("log-view");
        area.setPrefRowCount(8);
        // Long lines (a message, a link) wrap rather than hide behind a scroll bar.
        area.setWrapText(true);
        alert.getDialogPane().setContent(area);
        ((Button) alert.getDialogPane().lookupButton(ok)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        return alert.showAndWait().filter(ok::equals).isPresent();
    }

    /** Shows what went wrong in the user's words; unexpected failures are logged with their stack trace. */
    public void error(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String text;
        if (cause instanceof TetherException e) {
            text = e.getLocalizedMessage();
        } else {
            LOG.error("Unexpected failure", cause);
            text = Messages.get("error.unexpected", String.valueOf(cause));
        }
        Alert alert = new Alert(Alert.AlertType.ERROR, text, new ButtonType(language.get("ui.button.close"),
                ButtonBar.ButtonData.OK_DONE));
        prepare(alert, "ui.dialog.error.title");
        alert.setHeaderText(null);
        alert.showAndWait();
    }

    public void info(String titleKey, String text) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text, new ButtonType(language.get("ui.button.close"),
                ButtonBar.ButtonData.OK_DONE));
        prepare(alert, titleKey);
        alert.setHeaderText(null);
        alert.showAndWait();
    }

    /**
     * Shows {@code view} bound to {@code model} with OK and Cancel; OK is enabled only while {@code okEnabled}.
     *
     * @return true when the user pressed OK
     */
    public boolean form(View view, Object model, String titleKey, ObservableBooleanValue okEnabled) {
        Dialog<ButtonType> dialog = new Dialog<>();
        prepare(dialog, titleKey);
        DialogPane pane = dialog.getDialogPane();
        pane.setContent(view.create(model, language));
        ButtonType ok = new ButtonType(language.get("ui.button.ok"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(language.get("ui.button.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        pane.getButtonTypes().setAll(ok, cancel);
        Button okButton = (Button) pane.lookupButton(ok);
        okButton.setId("dialog-ok");
        okButton.disableProperty().bind(Bindings.not(okEnabled));
        ((Button) pane.lookupButton(cancel)).setId("dialog-cancel");
        dialog.setResizable(true);
        return dialog.showAndWait().filter(ok::equals).isPresent();
    }

    /**
     * Like {@link #form(View, Object, String, ObservableBooleanValue)}, but OK stays enabled: pressed while the
     * form is invalid, it keeps the dialog open and runs {@code whenInvalid} (which shows every error), so a
     * form need not show errors before the user typed anything.
     */
    public boolean form(View view, Object model, String titleKey, ObservableBooleanValue valid, Runnable whenInvalid) {
        Dialog<ButtonType> dialog = new Dialog<>();
        prepare(dialog, titleKey);
        DialogPane pane = dialog.getDialogPane();
        pane.setContent(view.create(model, language));
        ButtonType ok = new ButtonType(language.get("ui.button.ok"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(language.get("ui.button.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        pane.getButtonTypes().setAll(ok, cancel);
        Button okButton = (Button) pane.lookupButton(ok);
        okButton.setId("dialog-ok");
        okButton.addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
            if (!valid.get()) {
                event.consume();
                whenInvalid.run();
            }
        });
        ((Button) pane.lookupButton(cancel)).setId("dialog-cancel");
        dialog.setResizable(true);
        return dialog.showAndWait().filter(ok::equals).isPresent();
    }

    /** Shows {@code view} bound to {@code model} with a Close button only (lists, About). */
    public void show(View view, Object model, String titleKey) {
        Dialog<ButtonType> dialog = new Dialog<>();
        prepare(dialog, titleKey);
        dialog.getDialogPane().setContent(view.create(model, language));
        ButtonType close = new ButtonType(language.get("ui.button.close"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().setAll(close);
        ((Button) dialog.getDialogPane().lookupButton(close)).setId("dialog-close");
        dialog.setResizable(true);
        dialog.showAndWait();
    }

    /** Asks whether to trust a host key never seen before; "Don't connect" is the default. */
    public boolean trustHostKey(String hostPort, String keyType, String sha256Fingerprint) {
        ButtonType trust = new ButtonType(language.get("ui.hostKey.trust"), ButtonBar.ButtonData.OK_DONE);
        ButtonType deny = new ButtonType(language.get("ui.hostKey.deny"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.WARNING, "", trust, deny);
        prepare(alert, "ui.hostKey.title");
        alert.setHeaderText(language.get("ui.hostKey.header", hostPort));
        Label text = new Label(language.get("ui.hostKey.message", keyType));
        text.setWrapText(true);
        TextField fingerprint = new TextField(sha256Fingerprint);
        fingerprint.setId("host-key-fingerprint");
        fingerprint.setEditable(false);
        fingerprint.getStyleClass().add("log-view");
        Label advice = new Label(language.get("ui.hostKey.advice"));
        advice.setWrapText(true);
        VBox content = new VBox(8, text, fingerprint, advice);
        content.setPrefWidth(520);
        alert.getDialogPane().setContent(content);
        Button trustButton = (Button) alert.getDialogPane().lookupButton(trust);
        trustButton.setDefaultButton(false);
        trustButton.setId("host-key-trust");
        Button denyButton = (Button) alert.getDialogPane().lookupButton(deny);
        denyButton.setDefaultButton(true);
        denyButton.setId("host-key-deny");
        return alert.showAndWait().filter(trust::equals).isPresent();
    }

    /** Asks for a passphrase or password; empty when cancelled. The text is handed over as chars and cleared here. */
    public Optional<char[]> askSecret(String titleKey, String messageKey, String subject) {
        Dialog<ButtonType> dialog = new Dialog<>();
        prepare(dialog, titleKey);
        dialog.setHeaderText(language.get(messageKey, subject));
        PasswordField field = new PasswordField();
        field.setId("secret");
        DialogPane pane = dialog.getDialogPane();
        pane.setContent(field);
        ButtonType ok = new ButtonType(language.get("ui.button.ok"), ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(language.get("ui.button.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        pane.getButtonTypes().setAll(ok, cancel);
        Platform.runLater(field::requestFocus);
        boolean answered = dialog.showAndWait().filter(ok::equals).isPresent();
        char[] secret = field.getText().toCharArray();
        field.clear();
        return answered ? Optional.of(secret) : Optional.empty();
    }

    /**
     * Shows a long flow's progress without blocking (the flow runs in the background); Close is enabled once it
     * is done.
     */
    public void progress(String titleKey, ProgressModel model) {
        Dialog<ButtonType> dialog = new Dialog<>();
        prepare(dialog, titleKey);
        dialog.initModality(Modality.NONE);
        DialogPane pane = dialog.getDialogPane();
        pane.setContent(View.PROGRESS.create(model, language));
        ButtonType close = new ButtonType(language.get("ui.button.close"), ButtonBar.ButtonData.CANCEL_CLOSE);
        pane.getButtonTypes().setAll(close);
        Button closeButton = (Button) pane.lookupButton(close);
        closeButton.setId("progress-close");
        closeButton.disableProperty().bind(model.doneProperty().not());
        // Closing by the window's own button is refused too until the flow ends.
        dialog.setOnCloseRequest(event -> {
            if (!model.doneProperty().get()) {
                event.consume();
            }
        });
        dialog.setResizable(true);
        dialog.show();
    }

    /** Shows lines of text (logs) in a read-only, copyable area, wrapped and scrolled to the last line. */
    public void text(String titleKey, String header, List<String> lines) {
        Dialog<ButtonType> dialog = new Dialog<>();
        prepare(dialog, titleKey);
        dialog.setHeaderText(header);
        TextArea area = new TextArea(String.join("\n", lines));
        area.setId("text-view");
        area.setEditable(false);
        area.getStyleClass().add("log-view");
        area.setPrefSize(720, 420);
        // Long log lines wrap instead of hiding behind a sideways scroll; the newest line is what one looks for.
        area.setWrapText(true);
        dialog.setOnShown(event -> {
            area.end();
            area.setScrollTop(Double.MAX_VALUE);
        });
        dialog.getDialogPane().setContent(area);
        dialog.getDialogPane().getButtonTypes().setAll(new ButtonType(language.get("ui.button.close"),
                ButtonBar.ButtonData.CANCEL_CLOSE));
        dialog.setResizable(true);
        dialog.showAndWait();
    }

    /** Opens an address with the desktop (a browser page, a vscode:// link). */
    public void openUri(String uri) {
        uriOpener.accept(uri);
    }

    /** Opens a folder in the desktop's file manager. */
    public void openFolder(Path folder) {
        uriOpener.accept(folder.toUri().toString());
    }

    private void prepare(Dialog<?> dialog, String titleKey) {
        dialog.initOwner(owner);
        dialog.setTitle(language.get(titleKey));
        dialog.getDialogPane().getStylesheets().add(ThemeSwitcher.STYLESHEET);
        dialog.getDialogPane().styleProperty().bind(language.rootStyle());
        // The dialog window shows the owner's icons: JavaFX binds them (setting them here would break that binding).
    }
}
