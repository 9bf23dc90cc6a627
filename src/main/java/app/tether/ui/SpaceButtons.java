package app.tether.ui;

import app.tether.inventory.HfSpace;
import app.tether.inventory.TargetState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ToggleButton;

/**
 * The Space buttons after the lifecycle ones: Hardware… (a dialog with flavors, specs and prices), Sleep time…
 * (not on cpu-basic, which cannot sleep on a timer), Dev mode on/off and, with dev mode on, Open in VS Code.
 */
final class SpaceButtons {
    private final UiLanguage language;
    private final DialogService dialogs;
    private final SpaceActions actions;

    SpaceButtons(UiLanguage language, DialogService dialogs, SpaceActions actions) {
        this.language = language;
        this.dialogs = dialogs;
        this.actions = actions;
    }

    /** The buttons for {@code item}; none for targets that are not Spaces. Loads the Space's details the first time. */
    List<Node> build(TargetItem item) {
        if (!(item.target() instanceof HfSpace)) {
            return List.of();
        }
        SpaceDetails details = actions.details(item);
        if (details == null) {
            actions.load(item);
        }
        boolean busy = actions.busy(item);
        List<Node> buttons = new ArrayList<>();
        Button hardware = new Button(language.get("ui.hf.action.hardware"));
        hardware.setId("hf-hardware");
        hardware.setDisable(busy);
        hardware.setOnAction(event -> chooseHardware(item));
        buttons.add(hardware);
        String flavor = details != null && details.requestedHardware() != null ? details.requestedHardware()
                : item.liveProperty().get() == null ? null : item.liveProperty().get().hardware();
        if (!"cpu-basic".equals(flavor)) {
            Button sleep = new Button(language.get("ui.hf.action.sleep"));
            sleep.setId("hf-sleep");
            sleep.setDisable(busy || details == null);
            sleep.setOnAction(event -> chooseSleepTime(item));
            buttons.add(sleep);
        }
        ToggleButton devMode = new ToggleButton(language.get(details != null && details.devMode() ? "ui.hf.action.devMode.on"
                : "ui.hf.action.devMode.off"));
        devMode.setId("hf-dev-mode");
        devMode.setSelected(details != null && details.devMode());
        devMode.setDisable(busy || details == null);
        devMode.setOnAction(event -> {
            boolean on = devMode.isSelected();
            report(actions.setDevMode(item, on));
        });
        buttons.add(devMode);
        if (details != null && details.devMode() && details.vsCode() != null) {
            Button vsCode = new Button(language.get("ui.hf.action.vscode"));
            vsCode.setId("hf-vscode");
            vsCode.setDisable(item.state() != TargetState.RUNNING);
            vsCode.setOnAction(event -> dialogs.openUri(details.vsCode().toString()));
            buttons.add(vsCode);
        }
        return buttons;
    }

    void chooseHardware(TargetItem item) {
        actions.flavors().thenAccept(flavors -> {
            SpaceDetails details = actions.details(item);
            String current = details != null && details.requestedHardware() != null ? details.requestedHardware()
                    : item.liveProperty().get() == null ? null : item.liveProperty().get().hardware();
            HardwareViewModel model = new HardwareViewModel(item.name(), flavors, current,
                    details == null ? null : details.sleepSeconds());
            if (dialogs.form(View.HARDWARE, model, "ui.hf.hardware.title", model.validProperty())) {
                report(actions.requestHardware(item, model.flavorId(), model.sleepSeconds()));
            }
        }).exceptionally(this::fail);
    }

    void chooseSleepTime(TargetItem item) {
        SpaceDetails details = actions.details(item);
        SleepTimeViewModel model = new SleepTimeViewModel(item.name(), details == null ? null : details.sleepSeconds());
        if (dialogs.form(View.SLEEP_TIME, model, "ui.hf.sleep.title", model.validProperty())) {
            report(actions.setSleepTime(item, model.secondsProperty().get()));
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
