package app.tether.providers.hf;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.HfSpace;
import app.tether.inventory.TargetKind;
import app.tether.inventory.TargetState;
import app.tether.jupyter.JupyterSecrets;
import app.tether.providers.LiveState;
import app.tether.providers.NotebookAccess;
import app.tether.providers.Provider;
import app.tether.providers.TargetAction;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hugging Face Spaces: state from the Space runtime (RUNNING; BUILDING and *_STARTING are starting; PAUSED;
 * SLEEPING/STOPPED asleep = stopped; *_ERROR error with the Hub's errorMessage), hardware and its price per
 * hour. Start = restart (wakes a paused or sleeping Space), stop and pause = pause (stops the billing). The
 * notebook is reached over HTTPS at the address the Hub gives, with the HF token as a Bearer header for a
 * private Space and the Space's JupyterLab token from Tether's secrets.
 */
public final class HfProvider implements Provider<HfSpace> {
    /** huggingface_hub's "heavily rate-limited" hub: poll gently. */
    private static final Duration POLL = Duration.ofSeconds(60);
    /**
     * While a Space builds, starts or stops: a build can take seconds, and the watcher's build events need to see it
     * (huggingface_hub's wait_for_space polls such a Space every second; Tether asks every five).
     */
    static final Duration CHANGING_POLL = Duration.ofSeconds(5);

    private final HfCredentials credentials;
    private final HfApi api;
    private final HfHardware hardware;
    private final JupyterSecrets jupyterTokens;

    public HfProvider(Environment environment) {
        this.credentials = new HfCredentials(environment);
        this.api = new HfApi(credentials.endpoint(), credentials::tokenValue, timeout(environment));
        this.hardware = new HfHardware(api, environment);
        this.jupyterTokens = new JupyterSecrets(environment);
    }

    public HfApi api() {
        return api;
    }

    public HfCredentials credentials() {
        return credentials;
    }

    public HfHardware hardware() {
        return hardware;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.HF_SPACE;
    }

    @Override
    public Class<HfSpace> targetType() {
        return HfSpace.class;
    }

    /** One listing per owner (their Spaces with runtimes); a Space missing from it is asked on its own. */
    @Override
    public Map<String, LiveState> observe(List<HfSpace> targets) throws InterruptedException {
        Map<String, LiveState> states = new LinkedHashMap<>();
        Set<String> owners = new LinkedHashSet<>();
        targets.forEach(t -> owners.add(owner(t.spaceId())));
        Map<String, JsonNode> byId = new HashMap<>();
        if (targets.size() > 1) {
            for (String owner : owners) {
                for (JsonNode space : api.spaces(owner)) {
                    byId.put(space.path("id").asText(), space);
                }
            }
        }
        for (HfSpace target : targets) {
            JsonNode space = byId.get(target.spaceId());
            JsonNode runtime = space != null && space.has("runtime") ? space.get("runtime") : api.runtime(target.spaceId());
            states.put(target.name(), liveState(runtime));
        }
        return states;
    }

    @Override
    public Duration pollInterval() {
        return POLL;
    }

    /** Every {@link #CHANGING_POLL} while a Space of the round is starting (building) or stopping, else every minute. */
    @Override
    public Duration pollInterval(Map<String, LiveState> lastRound) {
        return lastRound.values().stream().anyMatch(s -> s.state() == TargetState.STARTING
                || s.state() == TargetState.STOPPING) ? CHANGING_POLL : POLL;
    }

    @Override
    public Set<TargetAction> supported(HfSpace target) {
        return EnumSet.of(TargetAction.START, TargetAction.STOP, TargetAction.PAUSE, TargetAction.RESTART,
                TargetAction.FACTORY_RESTART);
    }

    /** A Space on anything but free hardware bills per minute while starting or running. */
    @Override
    public boolean paid(HfSpace target, LiveState state) {
        return state.pricePerHour() == null || state.pricePerHour().signum() > 0;
    }

    @Override
    public LiveState perform(HfSpace target, TargetAction action, Progress progress) throws InterruptedException {
        JsonNode runtime = switch (action) {
            case START, RESTART -> api.restart(target.spaceId(), false);
            case FACTORY_RESTART -> api.restart(target.spaceId(), true);
            case STOP, PAUSE -> api.pause(target.spaceId());
        };
        return liveState(runtime);
    }

    @Override
    public NotebookAccess access(HfSpace target, Progress progress) throws InterruptedException {
        JsonNode space = api.space(target.spaceId());
        URI base = address(space);
        Map<String, String> headers = new HashMap<>();
        if (space.path("private").asBoolean(false)) {
            String token = credentials.tokenValue();
            if (token == null) {
                throw new TetherException(ErrorCode.AUTH_FAILED, "hf.error.noTokenPrivate", target.spaceId());
            }
            headers.put("Authorization", "Bearer " + token);
        }
        return new NotebookAccess.OverHttps(base, headers, jupyterTokens.token(target.name()).orElse(null));
    }

    /** The Space's own address from the Hub: {@code host}, else {@code runtime.domains[0].domain}; never computed. */
    static URI address(JsonNode space) {
        String host = space.path("host").asText("");
        if (!host.isBlank()) {
            return URI.create(host.contains("://") ? host : "https://" + host);
        }
        for (JsonNode domain : space.path("runtime").path("domains")) {
            String name = domain.path("domain").asText("");
            if (!name.isBlank()) {
                return URI.create("https://" + name);
            }
        }
        throw new TetherException(ErrorCode.REMOTE_FAILED, "hf.error.noAddress", space.path("id").asText("?"));
    }

    /** A runtime JSON as a LiveState: current hardware (else requested) with its price. */
    public LiveState liveState(JsonNode runtime) throws InterruptedException {
        String stage = runtime.path("stage").asText(null);
        TargetState state = HfStages.state(stage);
        JsonNode hw = runtime.path("hardware");
        String flavor = hw.path("current").isTextual() ? hw.path("current").asText() : hw.path("requested").asText(null);
        BigDecimal price = hardware.flavor(flavor).map(HfFlavor::pricePerHour).orElse(null);
        String message = state == TargetState.ERROR ? runtime.path("errorMessage").asText(null) : null;
        return new LiveState(state, stage, flavor, price, message, Instant.now());
    }

    /** Each Hub request's limit: 20 s, or {@code TETHER_HF_TIMEOUT} seconds. */
    static Duration timeout(Environment environment) {
        String seconds = environment.variable("TETHER_HF_TIMEOUT");
        try {
            return seconds == null ? HfApi.DEFAULT_TIMEOUT : Duration.ofSeconds(Math.max(1, Long.parseLong(seconds.strip())));
        } catch (NumberFormatException e) {
            return HfApi.DEFAULT_TIMEOUT;
        }
    }

    static String owner(String spaceId) {
        int slash = spaceId.indexOf('/');
        return slash < 0 ? spaceId : spaceId.substring(0, slash);
    }
}
