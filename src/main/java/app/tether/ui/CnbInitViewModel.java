package app.tether.ui;

import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.providers.cnb.CnbRunners;
import app.tether.providers.cnb.CnbScaffold;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The window's {@code tether cnb init}: a repository folder, GPU runner, base image, JupyterLab and model-mirror
 * notes, with both files previewed exactly as {@link CnbScaffold} writes them. Files that exist and differ are
 * listed, and OK stays off until the user chooses to overwrite them (backed up); the folder is looked at and the
 * files written in the background.
 */
public final class CnbInitViewModel {
    private final CnbScaffold scaffold;
    private final FxExecutors executors;
    private final StringProperty folder = new SimpleStringProperty("");
    private final ObjectProperty<String> gpu = new SimpleObjectProperty<>("default");
    private final StringProperty image = new SimpleStringProperty(CnbScaffold.DEFAULT_IMAGE);
    private final BooleanProperty jupyter = new SimpleBooleanProperty(true);
    private final BooleanProperty hfMirror = new SimpleBooleanProperty(false);
    private final BooleanProperty overwrite = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper cnbYml = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper dockerfile = new ReadOnlyStringWrapper("");
    private final StringProperty imageError = new SimpleStringProperty();
    /** The folder's problem as a message key; null while fine or not looked at yet. */
    private final StringProperty folderError = new SimpleStringProperty("cnb.ui.init.folder.blank");
    /** The existing files that differ (paths relative to the folder), from the last look at it. */
    private final ObservableList<String> differing = FXCollections.observableArrayList();
    private final BooleanProperty checking = new SimpleBooleanProperty(false);
    private final BooleanBinding valid;
    private final StringBinding folderErrorKey;
    private final StringBinding imageErrorKey;
    /** Only the newest look at the folder counts (typing starts one per key). */
    private long looks;

    public CnbInitViewModel(CnbScaffold scaffold, FxExecutors executors) {
        this.scaffold = scaffold;
        this.executors = executors;
        folderErrorKey = Bindings.createStringBinding(folderError::get, folderError);
        imageErrorKey = Bindings.createStringBinding(imageError::get, imageError);
        valid = Bindings.createBooleanBinding(() -> folderError.get() == null && imageError.get() == null
                && !checking.get() && (differing.isEmpty() || overwrite.get()),
                folderError, imageError, checking, differing, overwrite);
        InvalidationListener changed = obs -> update();
        for (var property : List.of(folder, gpu, image, jupyter, hfMirror)) {
            property.addListener(changed);
        }
        update();
    }

    /** The GPU runners offered (default, L40, H20), as {@code tether cnb init --gpu} takes them. */
    public static List<CnbRunners.Runner> gpuRunners() {
        return CnbRunners.standard().all().stream().filter(CnbRunners.Runner::gpu).toList();
    }

    /** The options as the CLI's flags would give them. */
    public CnbScaffold.Options options() {
        return new CnbScaffold.Options(gpu.get(), image.get(), jupyter.get(), hfMirror.get());
    }

    /** Renders the preview now and looks at the folder in the background. */
    private void update() {
        CnbScaffold.Options options = options();
        boolean rendered;
        try {
            List<String> texts = scaffold.render(options);
            cnbYml.set(texts.get(0));
            dockerfile.set(texts.get(1));
            imageError.set(null);
            rendered = true;
        } catch (TetherException e) {
            imageError.set("cnb.ui.init.image.invalid");
            rendered = false;
        }
        long look = ++looks;
        String typed = folder.get() == null ? "" : folder.get().strip();
        if (typed.isEmpty()) {
            differing.clear();
            folderError.set("cnb.ui.init.folder.blank");
            return;
        }
        checking.set(true);
        boolean withFiles = rendered;
        executors.supply(() -> look(typed, withFiles ? options : null)).whenComplete((found, failure) -> {
            if (look != looks) {
                return;
            }
            checking.set(false);
            if (failure != null) {
                differing.clear();
                folderError.set("cnb.ui.init.folder.unreadable");
                return;
            }
            folderError.set(found.problem());
            differing.setAll(found.differing());
        });
    }

    /** What a look at the folder found: a problem key, or the files that differ. */
    private record Look(String problem, List<String> differing) {
    }

    private Look look(String typed, CnbScaffold.Options options) {
        Path dir;
        try {
            dir = Path.of(typed);
        } catch (InvalidPathException e) {
            return new Look("cnb.ui.init.folder.invalid", List.of());
        }
        if (!dir.isAbsolute()) {
            return new Look("cnb.ui.init.folder.relative", List.of());
        }
        if (!Files.isDirectory(dir)) {
            return new Look(Files.exists(dir) ? "cnb.ui.init.folder.notFolder" : "cnb.ui.init.folder.missing", List.of());
        }
        if (options == null) {
            return new Look(null, List.of());
        }
        List<String> names = new ArrayList<>();
        for (Path file : scaffold.differing(dir, options)) {
            names.add(dir.relativize(file).toString());
        }
        return new Look(null, names);
    }

    /** Writes both files in the background (replacing differing ones only when overwrite is chosen). */
    public CompletableFuture<List<CnbScaffold.Result>> write() {
        Path dir = Path.of(folder.get().strip());
        CnbScaffold.Options options = options();
        boolean force = overwrite.get();
        return executors.supply(() -> scaffold.write(dir, options, force));
    }

    /** What was written, one line per file, and what to do next: the same lines as the CLI prints. */
    public String summary(List<CnbScaffold.Result> results) {
        List<String> lines = new ArrayList<>();
        for (CnbScaffold.Result result : results) {
            lines.add(switch (result.outcome()) {
                case CREATED -> Messages.get("cnb.init.created", result.file());
                case UNCHANGED -> Messages.get("cnb.init.unchanged", result.file());
                case REPLACED -> Messages.get("cnb.init.replaced", result.file(), result.backup());
            });
        }
        CnbRunners.Runner runner = scaffold.runner(gpu.get());
        if (runner.note() != null) {
            lines.add(Messages.get("cnb.init.discontinued", runner.key()));
        }
        lines.add(Messages.get("cnb.ui.init.next", runner.key()));
        return String.join("\n", lines);
    }

    public StringProperty folderProperty() {
        return folder;
    }

    public ObjectProperty<String> gpuProperty() {
        return gpu;
    }

    public StringProperty imageProperty() {
        return image;
    }

    public BooleanProperty jupyterProperty() {
        return jupyter;
    }

    public BooleanProperty hfMirrorProperty() {
        return hfMirror;
    }

    public BooleanProperty overwriteProperty() {
        return overwrite;
    }

    public ReadOnlyStringProperty cnbYmlProperty() {
        return cnbYml.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dockerfileProperty() {
        return dockerfile.getReadOnlyProperty();
    }

    /** The folder field's problem as a message key (null when fine). */
    public StringBinding folderErrorProperty() {
        return folderErrorKey;
    }

    /** The image field's problem as a message key (null when fine). */
    public StringBinding imageErrorProperty() {
        return imageErrorKey;
    }

    public ObservableList<String> differing() {
        return differing;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
