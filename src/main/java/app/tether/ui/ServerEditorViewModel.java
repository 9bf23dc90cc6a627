package app.tether.ui;

import app.tether.core.Messages;
import app.tether.inventory.Inventory;
import app.tether.inventory.JupyterSettings;
import app.tether.inventory.PortForward;
import app.tether.inventory.SshServer;
import app.tether.inventory.SshServerDraft;
import app.tether.inventory.SshServerValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Add/Edit server form: every field as text, validated on each change with {@link SshServerValidator}
 * (plus the Jupyter port and extra forwards); an error message key per field, and {@link #validProperty()}.
 */
public final class ServerEditorViewModel {
    /** The fields of the form an error can point at. */
    public enum Field { NAME, ALIAS, HOST, USER, PORT, IDENTITY, JUMP, PRICE, JUPYTER_PORT, FORWARDS }

    /** Currencies offered in the price box (any ISO 4217 code may be typed). */
    public static final List<String> CURRENCIES = List.of("USD", "CNY", "EUR", "GBP", "JPY", "HKD");

    private final SshServerValidator validator;
    private final SshServer editing;
    private final ObservableList<String> knownAliases;

    private final StringProperty name = new SimpleStringProperty("");
    private final BooleanProperty useAlias = new SimpleBooleanProperty(false);
    private final StringProperty alias = new SimpleStringProperty("");
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty user = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("");
    private final StringProperty identityFile = new SimpleStringProperty("");
    private final StringProperty jumpHost = new SimpleStringProperty("");
    private final StringProperty tags = new SimpleStringProperty("");
    private final StringProperty notes = new SimpleStringProperty("");
    private final StringProperty priceCurrency = new SimpleStringProperty(defaultCurrency());
    private final StringProperty priceAmount = new SimpleStringProperty("");
    private final StringProperty jupyterPort = new SimpleStringProperty("");
    private final StringProperty notebookDir = new SimpleStringProperty("");
    /** Extra forwards, one {@code LOCAL:HOST:REMOTE} per line. */
    private final StringProperty forwards = new SimpleStringProperty("");

    private final Map<Field, ReadOnlyStringWrapper> errors = new EnumMap<>(Field.class);
    /** The errors the form shows: those of fields the user has edited, or all once OK was pressed. */
    private final Map<Field, ReadOnlyStringWrapper> shownErrors = new EnumMap<>(Field.class);
    private final Set<Field> touched = EnumSet.noneOf(Field.class);
    private boolean revealAll;
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(false);

    private final ConnectionTester tester;
    private final ReadOnlyObjectWrapper<ConnectionTester.Result> testResult = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(false);

    /**
     * @param editing the server being edited, or null when adding a new one
     */
    public ServerEditorViewModel(Inventory inventory, Collection<String> aliases, Path userHome, SshServer editing) {
        this(inventory, aliases, userHome, editing, ConnectionTester.NONE);
    }

    /** @param tester tries the connection the form describes ("Test connection") */
    public ServerEditorViewModel(Inventory inventory, Collection<String> aliases, Path userHome, SshServer editing,
            ConnectionTester tester) {
        this.validator = new SshServerValidator(inventory, aliases, userHome);
        this.editing = editing;
        this.tester = tester;
        this.knownAliases = FXCollections.observableArrayList(aliases);
        for (Field field : Field.values()) {
            errors.put(field, new ReadOnlyStringWrapper());
            shownErrors.put(field, new ReadOnlyStringWrapper());
        }
        if (editing != null) {
            fill(editing);
            // A stored server that no longer passes (a key file gone) says so at once.
            revealAll = true;
        }
        watch(name, Field.NAME);
        watch(useAlias, null);
        watch(alias, Field.ALIAS);
        watch(host, Field.HOST);
        watch(user, Field.USER);
        watch(port, Field.PORT);
        watch(identityFile, Field.IDENTITY);
        watch(jumpHost, Field.JUMP);
        watch(priceCurrency, Field.PRICE);
        watch(priceAmount, Field.PRICE);
        watch(jupyterPort, Field.JUPYTER_PORT);
        watch(forwards, Field.FORWARDS);
        validate();
    }

    /** Validates on every change; an edited field shows its errors from then on. */
    private void watch(Observable input, Field field) {
        input.addListener(obs -> {
            if (field != null) {
                touched.add(field);
            }
            testResult.set(null);
            validate();
        });
    }

    /** OK was pressed on an invalid form: every error shows now. */
    public void revealErrors() {
        revealAll = true;
        validate();
    }

    /**
     * Tries to connect to the server the form describes (in the background; SSH may ask about the host key or a
     * passphrase). An invalid form shows its errors instead.
     */
    public void testConnection() {
        if (!valid.get()) {
            revealErrors();
            return;
        }
        testing.set(true);
        testResult.set(null);
        tester.test(toServer()).whenComplete((result, failure) -> {
            testing.set(false);
            testResult.set(failure != null ? ConnectionTester.Result.failed(failure) : result);
        });
    }

    public boolean canTestConnection() {
        return tester != ConnectionTester.NONE;
    }

    /** The last test's outcome; null before a test and after any edit. */
    public ReadOnlyObjectProperty<ConnectionTester.Result> testResultProperty() {
        return testResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    private void fill(SshServer server) {
        SshServerDraft draft = SshServerDraft.of(server);
        name.set(draft.name());
        useAlias.set(server.usesAlias());
        alias.set(draft.sshAlias());
        host.set(draft.host());
        user.set(draft.user());
        port.set(draft.port());
        identityFile.set(draft.identityFile());
        jumpHost.set(draft.jumpHost());
        tags.set(draft.tags());
        notes.set(draft.notes());
        if (server.price() != null) {
            priceCurrency.set(server.price().currency());
            priceAmount.set(server.price().amount().toPlainString());
        }
        jupyterPort.set(server.jupyter().port() == null ? "" : server.jupyter().port().toString());
        notebookDir.set(server.jupyter().notebookDir() == null ? "" : server.jupyter().notebookDir());
        forwards.set(server.forwards().stream().map(PortForward::spec).collect(Collectors.joining("\n")));
    }

    private static String defaultCurrency() {
        return "zh".equals(Messages.locale().getLanguage()) ? "CNY" : "USD";
    }

    /** The form as the validator sees it; host fields are left out when an alias is used, and vice versa. */
    public SshServerDraft draft() {
        boolean viaAlias = useAlias.get();
        String price = priceAmount.get().isBlank() ? "" : priceCurrency.get().strip() + " " + priceAmount.get().strip();
        return new SshServerDraft(name.get(), viaAlias ? alias.get() : "", viaAlias ? "" : host.get(),
                viaAlias ? "" : user.get(), viaAlias ? "" : port.get(), viaAlias ? "" : identityFile.get(),
                viaAlias ? "" : jumpHost.get(), tags.get(), notes.get(), price);
    }

    private void validate() {
        Map<Field, String> found = new EnumMap<>(Field.class);
        SshServerDraft draft = draft();
        if (useAlias.get() && draft.sshAlias().isBlank()) {
            found.put(Field.ALIAS, "ui.validation.alias.required");
        }
        validator.validate(draft, editing == null ? null : editing.name())
                .forEach((field, key) -> found.putIfAbsent(Field.valueOf(field.name()), key));
        if (!jupyterPort.get().isBlank() && parsePort(jupyterPort.get()) == null) {
            found.put(Field.JUPYTER_PORT, "validation.port.range");
        }
        if (parseForwards() == null) {
            found.put(Field.FORWARDS, "ui.validation.forward");
        }
        errors.forEach((field, error) -> error.set(found.get(field)));
        shownErrors.forEach((field, error) -> error.set(revealAll || touched.contains(field) ? found.get(field) : null));
        valid.set(found.isEmpty());
    }

    private static Integer parsePort(String text) {
        try {
            int value = Integer.parseInt(text.strip());
            return value >= 1 && value <= 65535 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The extra forwards, or null when a line cannot be read. */
    private List<PortForward> parseForwards() {
        List<PortForward> parsed = new ArrayList<>();
        for (String line : forwards.get().split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                parsed.add(PortForward.parse(line));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return parsed;
    }

    /** The server the form describes; only when {@link #validProperty()} is true. */
    public SshServer toServer() {
        if (!valid.get()) {
            throw new IllegalStateException("the form has errors");
        }
        SshServer base = draft().toServer(editing);
        Integer jport = jupyterPort.get().isBlank() ? null : parsePort(jupyterPort.get());
        String dir = notebookDir.get().isBlank() ? null : notebookDir.get().strip();
        return base.withJupyter(new JupyterSettings(jport == null ? JupyterSettings.DEFAULT_PORT : jport, dir))
                .withForwards(parseForwards());
    }

    /** The message key of the error on {@code field}, or null when it is fine. */
    public ReadOnlyStringProperty errorProperty(Field field) {
        return errors.get(field).getReadOnlyProperty();
    }

    /** The message key of the error the form shows on {@code field} (edited, or OK pressed), or null. */
    public ReadOnlyStringProperty shownErrorProperty(Field field) {
        return shownErrors.get(field).getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public SshServer editing() {
        return editing;
    }

    public ObservableList<String> knownAliases() {
        return knownAliases;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public BooleanProperty useAliasProperty() {
        return useAlias;
    }

    public StringProperty aliasProperty() {
        return alias;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty identityFileProperty() {
        return identityFile;
    }

    public StringProperty jumpHostProperty() {
        return jumpHost;
    }

    public StringProperty tagsProperty() {
        return tags;
    }

    public StringProperty notesProperty() {
        return notes;
    }

    public StringProperty priceCurrencyProperty() {
        return priceCurrency;
    }

    public StringProperty priceAmountProperty() {
        return priceAmount;
    }

    public StringProperty jupyterPortProperty() {
        return jupyterPort;
    }

    public StringProperty notebookDirProperty() {
        return notebookDir;
    }

    public StringProperty forwardsProperty() {
        return forwards;
    }
}
