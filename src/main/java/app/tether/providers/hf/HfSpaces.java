package app.tether.providers.hf;

import app.tether.core.BackgroundExecutors;
import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.HfSpace;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.jupyter.JupyterSecrets;
import app.tether.providers.LiveState;
import app.tether.workflow.Goal;
import app.tether.workflow.Lifecycle;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * The Hugging Face operations beyond the common lifecycle, shared by the CLI and the window: who the token is,
 * hardware and sleep time (checked before anything is sent), dev mode and its VS Code address, and creating a
 * JupyterLab Space from the template with its build followed. Blocking: call it off the FX thread.
 */
public final class HfSpaces {
    public static final String TEMPLATE = "SpacesExamples/jupyterlab";
    /** Docker Spaces keep their app in /home/user/app (hf-spaces-api.md §3–4). */
    public static final String DEV_MODE_FOLDER = "/home/user/app";
    private static final Pattern SPACE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final ExecutorService LOG_THREADS = BackgroundExecutors.pool("hf-logs");

    private final HfProvider provider;

    public HfSpaces(HfProvider provider) {
        this.provider = provider;
    }

    public HfProvider provider() {
        return provider;
    }

    /** The token's owner, organisations and kind (role, or OAuth). */
    public record Who(String name, List<String> orgs, String role, boolean oauth) {
    }

    public Who whoami() throws InterruptedException {
        if (provider.credentials().tokenValue() == null) {
            throw new TetherException(ErrorCode.AUTH_FAILED, "hf.error.noUser");
        }
        return who(provider.api().whoami());
    }

    /** Checks {@code token} (before it is stored) against whoami-v2. */
    public Who whoamiWith(String token) throws InterruptedException {
        HfApi api = new HfApi(provider.credentials().endpoint(), () -> token, HfApi.DEFAULT_TIMEOUT);
        return who(api.whoami());
    }

    private static Who who(JsonNode json) {
        List<String> orgs = new ArrayList<>();
        json.path("orgs").forEach(org -> orgs.add(org.path("name").asText()));
        JsonNode auth = json.path("auth");
        boolean oauth = "oauth".equals(auth.path("type").asText());
        String role = auth.path("accessToken").path("role").asText(null);
        return new Who(json.path("name").asText(), orgs, role, oauth);
    }

    /** Checks an {@code OWNER/NAME} Space id. */
    public static String checkSpaceId(String id) {
        if (id == null || !SPACE_ID.matcher(id.strip()).matches()) {
            throw new TetherException(ErrorCode.USAGE, "hf.error.spaceId", id);
        }
        return id.strip();
    }

    /** A Tether name for Space {@code id}: its own name, else owner-name, else with a number. */
    public static String freeName(Inventory inventory, String id) {
        String shortName = id.substring(id.indexOf('/') + 1);
        if (!inventory.contains(shortName)) {
            return shortName;
        }
        String longName = id.replace('/', '-');
        String candidate = longName;
        for (int n = 2; inventory.contains(candidate); n++) {
            candidate = longName + "-" + n;
        }
        return candidate;
    }

    /** Seconds (at least 60) or "never" (-1). */
    public static int parseSleepTime(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("never") || value.equals("-1")) {
            return -1;
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 60) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new TetherException(ErrorCode.USAGE, "hf.error.sleepTime", text);
    }

    /** One aligned row: "t4-small      Nvidia T4 small       4 vCPU    15 GB     T4 16 GB        $0.40". */
    public static String describe(HfFlavor flavor) {
        String price = flavor.pricePerHour() == null ? "?" : flavor.free() ? Messages.get("hf.hardware.free")
                : "$" + flavor.pricePerHour().toPlainString();
        return row(flavor.name(), flavor.prettyName(), nz(flavor.cpu()), nz(flavor.ram()), nz(flavor.accelerator()),
                price);
    }

    /** The columns of the flavor table, padded the same way for the header and each flavor. */
    public static String row(String flavor, String name, String cpu, String ram, String gpu, String price) {
        return String.format(Locale.ROOT, "%-14s %-22s %-9s %-9s %-15s %s", flavor, name, cpu, ram, gpu, price);
    }

    private static String nz(String text) {
        return text == null ? "-" : text;
    }

    /** The hardware the Space asked for (what it runs on after its rebuild). */
    public String requestedHardware(HfSpace space) throws InterruptedException {
        JsonNode hw = provider.api().runtime(space.spaceId()).path("hardware");
        return hw.path("requested").isTextual() ? hw.path("requested").asText() : hw.path("current").asText(null);
    }

    /** Requests {@code flavor} (and a sleep time, -1 never): an unknown flavor or a sleep time on cpu-basic never leaves. */
    public LiveState requestHardware(HfSpace space, String flavor, Integer sleepSeconds) throws InterruptedException {
        checkFlavor(flavor);
        if (sleepSeconds != null && flavor.equals("cpu-basic")) {
            throw new TetherException(ErrorCode.USAGE, "hf.error.sleepOnFree");
        }
        return provider.liveState(provider.api().requestHardware(space.spaceId(), flavor, sleepSeconds));
    }

    public void checkFlavor(String flavor) throws InterruptedException {
        Map<String, HfFlavor> flavors = provider.hardware().flavors();
        if (!flavors.containsKey(flavor)) {
            List<String> valid = flavors.values().stream().map(f -> f.name() + " ("
                    + (f.pricePerHour() == null ? "?" : f.free() ? Messages.get("hf.hardware.free")
                            : "$" + f.pricePerHour().toPlainString() + "/h") + ")").toList();
            throw new TetherException(ErrorCode.USAGE, "hf.error.flavor", flavor, String.join(", ", valid));
        }
    }

    /** Sets the sleep time; refused before sending on cpu-basic (the Hub would answer 400). */
    public LiveState setSleepTime(HfSpace space, int seconds) throws InterruptedException {
        if ("cpu-basic".equals(requestedHardware(space))) {
            throw new TetherException(ErrorCode.USAGE, "hf.error.sleepOnFree");
        }
        return provider.liveState(provider.api().sleepTime(space.spaceId(), seconds));
    }

    public LiveState devMode(HfSpace space, boolean on) throws InterruptedException {
        return provider.liveState(provider.api().devMode(space.spaceId(), on));
    }

    /** {@code <subdomain>@ssh.hf.space} for VS Code Remote-SSH; refused when dev mode is off. */
    public String devModeSshHost(HfSpace space) throws InterruptedException {
        JsonNode info = provider.api().space(space.spaceId());
        if (!info.path("runtime").path("devMode").asBoolean(false)) {
            throw new TetherException(ErrorCode.INVALID, "hf.error.devModeOff", space.name());
        }
        String subdomain = info.path("subdomain").asText("");
        if (subdomain.isBlank()) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, "hf.error.noAddress", space.spaceId());
        }
        return subdomain + "@ssh.hf.space";
    }

    /**
     * Creates Space {@code spaceId} from the JupyterLab template with {@code JUPYTER_TOKEN} as a secret (a
     * generated one when {@code jupyterToken} is null), keeps the token in Tether's secrets and adds the Space
     * to the inventory as {@code name}. Everything is checked first; a 409 (the Space exists) changes nothing.
     */
    public HfSpace create(InventoryStore store, JupyterSecrets secrets, String name, String spaceId, String hardware,
            boolean isPrivate, Integer sleepSeconds, String jupyterToken, Progress progress) throws InterruptedException {
        String id = checkSpaceId(spaceId);
        String flavor = hardware == null ? "cpu-basic" : hardware;
        checkFlavor(flavor);
        if (sleepSeconds != null && flavor.equals("cpu-basic")) {
            throw new TetherException(ErrorCode.USAGE, "hf.error.sleepOnFree");
        }
        if (store.load().contains(name)) {
            throw new TetherException(ErrorCode.DUPLICATE, "validation.name.duplicate");
        }
        String token = jupyterToken != null ? jupyterToken : generateToken();
        ObjectNode body = HfApi.JSON.createObjectNode();
        body.put("name", id.substring(id.indexOf('/') + 1));
        body.put("organization", id.substring(0, id.indexOf('/')));
        body.put("type", "space");
        body.put("sdk", "docker");
        body.put("template", TEMPLATE);
        body.put("private", isPrivate);
        body.put("visibility", isPrivate ? "private" : "public");
        body.put("hardware", flavor);
        if (sleepSeconds != null) {
            body.put("sleepTimeSeconds", sleepSeconds);
        }
        body.putArray("secrets").addObject().put("key", "JUPYTER_TOKEN").put("value", token)
                .put("description", "JupyterLab token (set by Tether)");
        progress.line(Messages.get("hf.create.sending", id, TEMPLATE));
        provider.api().createRepo(body);
        HfSpace space = new HfSpace(name, id, flavor, null, null, null);
        secrets.saveToken(name, token);
        store.update(inventory -> inventory.add(space));
        progress.line(Messages.get("hf.create.created", id));
        return space;
    }

    /** Streams the build log to {@code progress} while following the Space until it runs (or fails). */
    public LiveState followBuild(HfSpace space, Lifecycle lifecycle, Progress progress) throws InterruptedException {
        AtomicBoolean done = new AtomicBoolean();
        Future<?> logs = LOG_THREADS.submit(() -> {
            try {
                provider.api().streamLogs(space.spaceId(), "build", progress::line, done::get);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (TetherException e) {
                progress.line(e.getLocalizedMessage());
            }
        });
        try {
            return lifecycle.await(space, Goal.RUNNING, Lifecycle.DEFAULT_WAIT, progress);
        } finally {
            try {
                logs.get(3, TimeUnit.SECONDS); // the build log ends with the build: let its last lines arrive
            } catch (Exception e) {
                done.set(true); // a stream still open stops at its next line
                logs.cancel(true);
            }
        }
    }

    static String generateToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
