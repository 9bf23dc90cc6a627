package app.tether.ui;

import app.tether.core.Progress;
import app.tether.inventory.HfSpace;
import app.tether.inventory.InventoryStore;
import app.tether.jupyter.JupyterSecrets;
import app.tether.providers.LiveState;
import app.tether.providers.hf.HfFlavor;
import app.tether.providers.hf.HfSpaces;
import app.tether.workflow.Lifecycle;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The window's Hugging Face operations over {@link HfSpaces}, the same code {@code tether hf …} runs. */
public final class HfSpaceOperations implements SpaceOperations {
    private final HfSpaces hf;
    private final Lifecycle lifecycle;
    private final InventoryStore store;
    private final JupyterSecrets secrets;

    public HfSpaceOperations(HfSpaces hf, Lifecycle lifecycle, InventoryStore store, JupyterSecrets secrets) {
        this.hf = hf;
        this.lifecycle = lifecycle;
        this.store = store;
        this.secrets = secrets;
    }

    @Override
    public List<SpaceFlavor> flavors() throws InterruptedException {
        return hf.provider().hardware().flavors().values().stream().map(HfSpaceOperations::flavor).toList();
    }

    private static SpaceFlavor flavor(HfFlavor flavor) {
        String specs = Stream.of(flavor.cpu(), flavor.ram(), flavor.accelerator()).filter(Objects::nonNull)
                .collect(Collectors.joining(" · "));
        return new SpaceFlavor(flavor.name(), flavor.prettyName(), specs, flavor.pricePerHour(), flavor.accelerator() != null);
    }

    /** One request: the Space with its runtime and subdomain. */
    @Override
    public SpaceDetails details(HfSpace space) throws InterruptedException {
        JsonNode info = hf.provider().api().space(space.spaceId());
        JsonNode runtime = info.path("runtime");
        LiveState live = hf.provider().liveState(runtime);
        JsonNode hardware = runtime.path("hardware");
        String requested = hardware.path("requested").isTextual() ? hardware.path("requested").asText() : live.hardware();
        Integer sleep = runtime.path("gcTimeout").isNumber() ? runtime.path("gcTimeout").asInt() : null;
        boolean devMode = runtime.path("devMode").asBoolean(false);
        String subdomain = info.path("subdomain").asText("");
        URI vsCode = devMode && !subdomain.isBlank() ? URI.create("vscode://vscode-remote/ssh-remote+" + subdomain
                + "@ssh.hf.space" + HfSpaces.DEV_MODE_FOLDER) : null;
        return new SpaceDetails(live, requested, sleep, devMode, vsCode);
    }

    @Override
    public SpaceDetails requestHardware(HfSpace space, String flavor, Integer sleepSeconds) throws InterruptedException {
        hf.requestHardware(space, flavor, sleepSeconds);
        return details(space);
    }

    @Override
    public SpaceDetails setSleepTime(HfSpace space, int seconds) throws InterruptedException {
        hf.setSleepTime(space, seconds);
        return details(space);
    }

    @Override
    public SpaceDetails setDevMode(HfSpace space, boolean on) throws InterruptedException {
        hf.devMode(space, on);
        return details(space);
    }

    /** The token owner's Spaces and those of their organisations. */
    @Override
    public List<String> importable(Progress progress) throws InterruptedException {
        HfSpaces.Who who = hf.whoami();
        Set<String> owners = new LinkedHashSet<>();
        owners.add(who.name());
        owners.addAll(who.orgs());
        List<String> ids = new ArrayList<>();
        for (String owner : owners) {
            for (JsonNode space : hf.provider().api().spaces(owner)) {
                ids.add(space.path("id").asText());
            }
        }
        return ids;
    }

    @Override
    public HfSpace create(SpaceCreateViewModel.Request request, Progress progress) throws InterruptedException {
        return hf.create(store, secrets, request.name(), request.spaceId(), request.flavor(), request.privateSpace(),
                request.sleepSeconds(), null, progress);
    }

    @Override
    public LiveState follow(HfSpace space, Progress progress) throws InterruptedException {
        return hf.followBuild(space, lifecycle, progress);
    }
}
