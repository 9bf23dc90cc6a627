package app.tether.ui;

import app.tether.inventory.SshServer;
import app.tether.jupyter.InstallMode;
import app.tether.jupyter.ServiceKind;
import app.tether.jupyter.SetupOptions;
import java.util.LinkedHashSet;
import java.util.Set;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The Jupyter setup wizard's choices and their rules; {@link #toOptions()} gives the jupyter feature's options. */
public final class JupyterSetupViewModel {
    static final int MIN_PASSWORD = 8;

    private final SshServer target;
    private final StringProperty environment = new SimpleStringProperty("");
    private final ObjectProperty<InstallMode> install = new SimpleObjectProperty<>(InstallMode.IF_MISSING);
    private final StringProperty indexUrl = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("");
    private final BooleanProperty usePassword = new SimpleBooleanProperty(false);
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty passwordAgain = new SimpleStringProperty("");
    private final ObjectProperty<ServiceKind> service = new SimpleObjectProperty<>(ServiceKind.AUTO);
    private final BooleanProperty chinese = new SimpleBooleanProperty(false);
    private final BooleanProperty lsp = new SimpleBooleanProperty(false);
    private final StringProperty notebookDir = new SimpleStringProperty("");
    private final BooleanProperty openToNetwork = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();

    public JupyterSetupViewModel(SshServer target, boolean chineseByDefault) {
        this.target = target;
        port.set(String.valueOf(target.jupyter().portOrDefault()));
        notebookDir.set(target.jupyter().notebookDir() == null ? "" : target.jupyter().notebookDir());
        chinese.set(chineseByDefault);
        Observable[] inputs = {port, usePassword, password, passwordAgain, openToNetwork, indexUrl};
        for (Observable input : inputs) {
            input.addListener(obs -> validate());
        }
        validate();
    }

    private void validate() {
        String key = null;
        if (!port.get().isBlank()) {
            try {
                int value = Integer.parseInt(port.get().strip());
                if (value < 1 || value > 65535) {
                    key = "validation.port.range";
                }
            } catch (NumberFormatException e) {
                key = "validation.port.range";
            }
        }
        if (key == null && openToNetwork.get() && !usePassword.get()) {
            key = "ui.jupyter.error.networkNeedsPassword";
        }
        if (key == null && usePassword.get()) {
            if (password.get().length() < MIN_PASSWORD) {
                key = "ui.jupyter.error.passwordShort";
            } else if (!password.get().equals(passwordAgain.get())) {
                key = "ui.jupyter.error.passwordMismatch";
            }
        }
        if (key == null && !indexUrl.get().isBlank() && !indexUrl.get().strip().matches("https?://\\S+")) {
            key = "ui.jupyter.error.indexUrl";
        }
        error.set(key);
        valid.set(key == null);
    }

    /** The options to run; the password leaves as chars and the text fields are cleared. */
    public SetupOptions toOptions() {
        if (!valid.get()) {
            throw new IllegalStateException("the wizard has errors");
        }
        Set<String> extras = new LinkedHashSet<>();
        if (chinese.get()) {
            extras.add("zh");
        }
        if (lsp.get()) {
            extras.add("lsp");
        }
        char[] secret = usePassword.get() ? password.get().toCharArray() : null;
        password.set("");
        passwordAgain.set("");
        return new SetupOptions(port.get().isBlank() ? null : Integer.valueOf(port.get().strip()), install.get(),
                blankToNull(environment.get()), blankToNull(indexUrl.get()), extras, secret, service.get(),
                blankToNull(notebookDir.get()), openToNetwork.get());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public SshServer target() {
        return target;
    }

    public StringProperty environmentProperty() {
        return environment;
    }

    public ObjectProperty<InstallMode> installProperty() {
        return install;
    }

    public StringProperty indexUrlProperty() {
        return indexUrl;
    }

    public StringProperty portProperty() {
        return port;
    }

    public BooleanProperty usePasswordProperty() {
        return usePassword;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty passwordAgainProperty() {
        return passwordAgain;
    }

    public ObjectProperty<ServiceKind> serviceProperty() {
        return service;
    }

    public BooleanProperty chineseProperty() {
        return chinese;
    }

    public BooleanProperty lspProperty() {
        return lsp;
    }

    public StringProperty notebookDirProperty() {
        return notebookDir;
    }

    public BooleanProperty openToNetworkProperty() {
        return openToNetwork;
    }

    /** The message key of the first problem, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
