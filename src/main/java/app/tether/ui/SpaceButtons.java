package app.tether.ui;

import app.tether.inventory.HfSpace;
import app.tether.inventory.TargetState;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The Space actions of the detail pane: Hardware… (a dialog with flavors, specs and prices), Sleep time… (not
 * on cpu-basic, which cannot sleep on a timer), dev mode on/off and, with dev mode on, Open in VS Code.
 */
final class SpaceButtons {
    private final DialogService dialogs;
    private final Supplier<SpaceActions> spaces;

    /** @param spaces the Space view model, or null until the desktop plugs it in (the actions stay hidden) */
    SpaceButtons(DialogService dialogs, Supplier<SpaceActions> spaces) {
        this.dialogs = dialogs;
        this.spaces = spaces;
    }

    List<ItemAction> itemActions() {
        Predicate<TargetItem> space = item -> item.target() instanceof HfSpace && spaces.get() != null;
        Predicate<TargetItem> idle = item -> !spaces.get().busy(item);
        Predicate<TargetItem> loaded = idle.and(item -> spaces.get().details(item) != null);
        Predicate<TargetItem> devMode = item -> spaces.get().details(item) != null && spaces.get().details(item).devMode();
        return List.of(
                ItemAction.button("hf-hardware", "ui.hf.action.hardware", this::chooseHardware)
                        .shownFor(space).enabledWhen(idle),
                ItemAction.button("hf-vscode", "ui.hf.action.vscode", this::openInVsCode)
                        .shownFor(space.and(devMode)).enabledWhen(item -> item.state() == TargetState.RUNNING
                                && spaces.get().details(item).vsCode() != null)
                        .tip("ui.hf.action.vscode.tip"),
                ItemAction.more("hf-sleep", "ui.hf.action.sleep", this::chooseSleepTime)
                        .shownFor(space.and(item -> !"cpu-basic".equals(flavor(item)))).enabledWhen(loaded),
                ItemAction.more("hf-dev-mode-on", "ui.hf.action.devMode.on", item -> report(spaces.get().setDevMode(item, true)))
                        .shownFor(space.and(devMode.negate())).enabledWhen(loaded),
                ItemAction.more("hf-dev-mode-off", "ui.hf.action.devMode.off", item -> report(spaces.get().setDevMode(item, false)))
                        .shownFor(space.and(devMode)).enabledWhen(loaded));
    }

    /** The flavor the Space asks for: the runtime's requested one, else what the last refresh saw. */
    private String flavor(TargetItem item) {
        SpaceDetails details = spaces.get().details(item);
        if (details != null && details.requestedHardware() != null) {
            return details.requestedHardware();
        }
        return item.liveProperty().get() == null ? null : item.liveProperty().get().hardware();
    }

    void chooseHardware(TargetItem item) {
        SpaceActions actions = spaces.get();
        actions.flavors().thenAccept(flavors -> {
            SpaceDetails details = actions.details(item);
            HardwareViewModel model = new HardwareViewModel(item.name(), flavors, flavor(item),
                    details == null ? null : details.sleepSeconds());
            if (dialogs.form(View.HARDWARE, model, "ui.hf.hardware.title", model.validProperty())) {
                report(actions.requestHardware(item, model.flavorId(), model.sleepSeconds()));
            }
        }).exceptionally(this::fail);
    }

    void chooseSleepTime(TargetItem item) {
        SpaceDetails details = spaces.get().details(item);
        SleepTimeViewModel model = new SleepTimeViewModel(item.name(), details == null ? null : details.sleepSeconds());
        if (dialogs.form(View.SLEEP_TIME, model, "ui.hf.sleep.title", model.validProperty())) {
            report(spaces.get().setSleepTime(item, model.secondsProperty().get()));
        }
    }

    private void openInVsCode(TargetItem item) {
        SpaceDetails details = spaces.get().details(item);
        if (details != null && details.vsCode() != null) {
            dialogs.openUri(details.vsCode().toString());
        }
    }

    private void report(CompletableFuture<SpaceDetails> change) {
        change.exceptionally(this::fail);
    }

    private <T> T fail(Throwable failure) {
        dialogs.error(failure);
        return null;
    }
}
