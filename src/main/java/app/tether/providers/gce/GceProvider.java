package app.tether.providers.gce;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.GceInstance;
import app.tether.inventory.TargetKind;
import app.tether.inventory.TargetState;
import app.tether.providers.LiveState;
import app.tether.providers.NotebookAccess;
import app.tether.providers.Provider;
import app.tether.providers.TargetAction;
import com.google.api.services.compute.model.Instance;
import com.google.api.services.compute.model.Operation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google Compute Engine VMs: state from one aggregated list per project per round, PREEMPTED when a Spot VM's
 * stop came from a {@code compute.instances.preempted} operation, the price from Tether's dated table (or the
 * target's own), start/stop/suspend/restart followed to the end of their operations, and the way in over SSH
 * to the VM's external address.
 */
public final class GceProvider implements Provider<GceInstance> {
    private static final Logger LOG = LoggerFactory.getLogger(GceProvider.class);

    private final GceApi api;
    private final GcePrices prices;
    private final GceSshAccess ssh;
    private final Duration pollInterval;
    /** Per instance id and start: whether its last stop was a preemption (asked once per stop, not every round). */
    private final Map<String, Boolean> preemptions = new ConcurrentHashMap<>();
    /** Each running VM's lastStartTimestamp as last observed, by target name (the spend ledger's start of a run). */
    private final Map<String, Instant> starts = new ConcurrentHashMap<>();

    /** Polls every 20 s ({@code TETHER_GCE_WATCH_POLL_MS} overrides it; tests use a short period). */
    public GceProvider(Environment environment) {
        this(new GceApi(environment), environment,
                GceApi.millis(environment, "TETHER_GCE_WATCH_POLL_MS", Duration.ofSeconds(20)));
    }

    public GceProvider(GceApi api, Environment environment, Duration pollInterval) {
        this.api = api;
        this.prices = GcePrices.bundled();
        this.ssh = new GceSshAccess(api, environment);
        this.pollInterval = pollInterval;
    }

    public GceApi api() {
        return api;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.GCE;
    }

    @Override
    public Class<GceInstance> targetType() {
        return GceInstance.class;
    }

    /** 20 s: a preempted VM is seen within 40 s of leaving RUNNING. */
    @Override
    public Duration pollInterval() {
        return pollInterval;
    }

    @Override
    public Map<String, LiveState> observe(List<GceInstance> targets) throws InterruptedException {
        Map<String, LiveState> states = new LinkedHashMap<>();
        Map<String, List<GceInstance>> byProject = new LinkedHashMap<>();
        for (GceInstance target : targets) {
            byProject.computeIfAbsent(target.project(), p -> new java.util.ArrayList<>()).add(target);
        }
        for (Map.Entry<String, List<GceInstance>> project : byProject.entrySet()) {
            Map<String, Instance> found = new HashMap<>();
            try {
                for (Instance instance : api.allInstances(project.getKey())) {
                    found.put(GceInstanceFacts.last(instance.getZone()) + "/" + instance.getName(), instance);
                }
            } catch (TetherException e) {
                for (GceInstance target : project.getValue()) {
                    states.put(target.name(), new LiveState(TargetState.UNKNOWN, null, null, null,
                            e.getLocalizedMessage(), Instant.now()));
                }
                continue;
            }
            for (GceInstance target : project.getValue()) {
                Instance instance = found.get(target.zone() + "/" + target.instance());
                states.put(target.name(), instance == null ? gone(target) : state(target, instance));
            }
        }
        return states;
    }

    /** The live state of one instance as read now (one get). */
    public LiveState observe(GceInstance target) throws InterruptedException {
        try {
            return state(target, api.instance(target.project(), target.zone(), target.instance()));
        } catch (TetherException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return gone(target);
            }
            throw e;
        }
    }

    private LiveState gone(GceInstance target) {
        return new LiveState(TargetState.ERROR, null, null, null,
                Messages.get("gce.state.gone", target.instance(), target.zone(), target.project()), Instant.now());
    }

    LiveState state(GceInstance target, Instance instance) throws InterruptedException {
        String status = instance.getStatus();
        TargetState state = GceInstanceFacts.state(status);
        boolean spot = GceInstanceFacts.spot(instance);
        String message = instance.getStatusMessage();
        if (spot && (state == TargetState.STOPPED || state == TargetState.STOPPING) && preempted(target, instance)) {
            state = TargetState.PREEMPTED;
            message = Messages.get("gce.state.preempted", target.name());
        }
        rememberStart(target, state, instance.getLastStartTimestamp());
        Price price = price(target, instance, spot);
        if (message == null && (state == TargetState.RUNNING || state == TargetState.STARTING)) {
            message = price.note(); // where the price comes from, while it is being paid
        }
        return new LiveState(state, status, GceInstanceFacts.hardware(instance), price.perHour(), message,
                Instant.now());
    }

    private void rememberStart(GceInstance target, TargetState state, String lastStart) {
        Instant started = null;
        if (state == TargetState.RUNNING && lastStart != null) {
            try {
                started = java.time.OffsetDateTime.parse(lastStart).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                LOG.info("Unreadable lastStartTimestamp of {}: {}", target.name(), lastStart);
            }
        }
        if (started == null) {
            starts.remove(target.name());
        } else {
            starts.put(target.name(), started);
        }
    }

    @Override
    public java.util.Optional<Instant> startedAt(GceInstance target) {
        return java.util.Optional.ofNullable(starts.get(target.name()));
    }

    /** Whether the instance's latest stop was Google's preemption (zone operations; asked once per stop). */
    private boolean preempted(GceInstance target, Instance instance) throws InterruptedException {
        String key = instance.getId() + "@" + instance.getLastStartTimestamp();
        Boolean known = preemptions.get(key);
        if (known != null) {
            return known;
        }
        Operation operation;
        try {
            operation = api.lastPreemption(target.project(), target.zone(), instance.getSelfLink());
        } catch (TetherException e) {
            LOG.info("Cannot read the zone operations of {}: {}", target.name(), e.getMessage());
            return false;
        }
        String started = instance.getLastStartTimestamp();
        boolean preempted = operation != null && (started == null || !before(operation.getInsertTime(), started));
        // A stop still in progress may get its preemption operation a moment later: only a final answer is kept.
        if (preempted || "TERMINATED".equals(instance.getStatus())) {
            preemptions.put(key, preempted);
        }
        return preempted;
    }

    /** Whether RFC 3339 time {@code a} is before {@code b} (Compute writes offsets such as -08:00). */
    static boolean before(String a, String b) {
        try {
            return java.time.OffsetDateTime.parse(a).isBefore(java.time.OffsetDateTime.parse(b));
        } catch (RuntimeException e) {
            return String.valueOf(a).compareTo(String.valueOf(b)) < 0;
        }
    }

    /** The price per hour and where it came from. */
    record Price(BigDecimal perHour, String note) {
    }

    Price price(GceInstance target, Instance instance, boolean spot) {
        if (target.price() != null) {
            if ("USD".equals(target.price().currency())) {
                return new Price(target.price().amount(), Messages.get("gce.price.own"));
            }
            return new Price(null, Messages.get("gce.price.ownCurrency", target.price().toString()));
        }
        String machine = GceInstanceFacts.last(instance.getMachineType());
        String region = GceInstanceFacts.region(target.zone());
        BigDecimal perHour = prices.perHour(region, machine, GceInstanceFacts.gpus(instance), spot);
        if (perHour == null) {
            return new Price(null, Messages.get("gce.price.unknown", machine, region, prices.date()));
        }
        return new Price(perHour, Messages.get(spot ? "gce.price.tableSpot" : "gce.price.table", prices.date(), region));
    }

    @Override
    public Set<TargetAction> supported(GceInstance target) {
        return EnumSet.of(TargetAction.START, TargetAction.STOP, TargetAction.PAUSE, TargetAction.RESTART);
    }

    @Override
    public boolean paid(GceInstance target, LiveState state) {
        return true;
    }

    @Override
    public LiveState perform(GceInstance target, TargetAction action, Progress progress) throws InterruptedException {
        String project = target.project();
        String zone = target.zone();
        String name = target.instance();
        String note = null;
        switch (action) {
            case START -> {
                Instance now = api.instance(project, zone, name);
                if ("SUSPENDED".equals(now.getStatus())) {
                    api.resume(project, zone, name, progress);
                } else {
                    api.start(project, zone, name, progress);
                }
            }
            case STOP -> api.stop(project, zone, name, progress);
            case PAUSE -> {
                try {
                    api.suspend(project, zone, name, progress);
                } catch (TetherException refused) {
                    if (refused.code() == ErrorCode.AUTH_FAILED || refused.code() == ErrorCode.CANNOT_CONNECT) {
                        throw refused;
                    }
                    note = Messages.get("gce.pause.fallback", target.name(), refused.getLocalizedMessage());
                    progress.line(note);
                    api.stop(project, zone, name, progress);
                }
            }
            case RESTART -> {
                Instance now = api.instance(project, zone, name);
                if (!"TERMINATED".equals(now.getStatus()) && !"STOPPED".equals(now.getStatus())) {
                    api.stop(project, zone, name, progress);
                }
                api.start(project, zone, name, progress);
            }
            default -> throw new TetherException(ErrorCode.INVALID, "gce.error.unsupported", action.id());
        }
        LiveState after = observe(target);
        return note == null ? after : new LiveState(after.state(), after.stage(), after.hardware(),
                after.pricePerHour(), note, after.observedAt());
    }

    @Override
    public NotebookAccess access(GceInstance target, Progress progress) throws InterruptedException {
        return new NotebookAccess.OverSsh(ssh.server(target, progress));
    }
}
