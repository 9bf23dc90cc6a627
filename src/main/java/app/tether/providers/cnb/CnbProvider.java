package app.tether.providers.cnb;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.CnbWorkspace;
import app.tether.inventory.HourlyPrice;
import app.tether.inventory.JupyterSettings;
import app.tether.inventory.SshServer;
import app.tether.inventory.TargetKind;
import app.tether.inventory.TargetState;
import app.tether.jupyter.JupyterService;
import app.tether.providers.ListPrice;
import app.tether.providers.LiveState;
import app.tether.providers.NotebookAccess;
import app.tether.providers.Provider;
import app.tether.providers.TargetAction;
import app.tether.ssh.SshSessions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tencent CNB workspaces: a target is a repository + branch, and its current workspace (sn / pipeline id, new with
 * each start) is looked up in {@code /workspace/list}. Running is running, closed is stopped, a start being
 * followed is starting, and any other status word is shown as CNB sent it.
 */
public final class CnbProvider implements Provider<CnbWorkspace> {
    private static final Logger LOG = LoggerFactory.getLogger(CnbProvider.class);
    /** A start Tether sent is followed this long; a workspace that never shows up by then is not "starting". */
    static final Duration START_FOLLOW = Duration.ofMinutes(15);
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(30);

    private final Supplier<CnbApi> api;
    private final CnbRunners runners;
    private final Clock clock;
    private final CnbJupyter jupyter;
    private final Duration pollInterval;
    private final Map<String, PendingStart> pending = new ConcurrentHashMap<>();
    /** Each running workspace's creation time as last observed, by target name (the spend ledger's start of a run). */
    private final Map<String, Instant> starts = new ConcurrentHashMap<>();

    /** A start Tether sent: the new workspace's sn (null when CNB said one already runs) and when. */
    private record PendingStart(String sn, Instant since) {
    }

    /** Jupyter is set up on open through {@code sshSessions} (asked on first use). */
    public CnbProvider(Environment environment, Supplier<SshSessions> sshSessions) {
        this(() -> CnbApi.from(new CnbCredentials(environment)), CnbRunners.standard(), Clock.systemUTC(),
                (server, progress) -> CnbJupyter.with(new JupyterService(sshSessions.get(), environment))
                        .ensureSetUp(server, progress));
    }

    CnbProvider(Supplier<CnbApi> api, CnbRunners runners, Clock clock, CnbJupyter jupyter) {
        this(api, runners, clock, jupyter, POLL_INTERVAL);
    }

    /** With another poll interval (tests: a second, to count requests per interval in seconds). */
    CnbProvider(Supplier<CnbApi> api, CnbRunners runners, Clock clock, CnbJupyter jupyter, Duration pollInterval) {
        this.api = api;
        this.pollInterval = pollInterval;
        this.runners = runners;
        this.clock = clock;
        this.jupyter = jupyter;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.CNB;
    }

    @Override
    public Class<CnbWorkspace> targetType() {
        return CnbWorkspace.class;
    }

    @Override
    public Duration pollInterval() {
        return pollInterval;
    }

    /** One list request (every page) for all targets. */
    @Override
    public Map<String, LiveState> observe(List<CnbWorkspace> targets) throws InterruptedException {
        if (targets.isEmpty()) {
            return Map.of();
        }
        List<CnbWorkspaceItem> items = api.get().workspaces(null, null, null);
        Map<String, LiveState> states = new HashMap<>();
        for (CnbWorkspace target : targets) {
            states.put(target.name(), stateOf(target, current(target, items)));
        }
        return states;
    }

    /** The live state of one target, read now. */
    public LiveState observe(CnbWorkspace target) throws InterruptedException {
        return stateOf(target, current(target));
    }

    /** The target's current workspace (the running one, else the newest), read now; empty when it has none. */
    public Optional<CnbWorkspaceItem> current(CnbWorkspace target) throws InterruptedException {
        return current(target, api.get().workspaces(target.repo(), target.branch(), null));
    }

    static Optional<CnbWorkspaceItem> current(CnbWorkspace target, List<CnbWorkspaceItem> items) {
        Comparator<CnbWorkspaceItem> order = Comparator.comparing((CnbWorkspaceItem i) -> i.running())
                .thenComparing(i -> i.createTime() == null ? Instant.EPOCH : i.createTime());
        return items.stream().filter(i -> target.repo().equals(i.slug()) && target.branch().equals(i.branch()))
                .max(order);
    }

    /** The state of {@code target} given its current workspace as already read. */
    public LiveState stateOf(CnbWorkspace target, Optional<CnbWorkspaceItem> found) {
        Instant now = clock.instant();
        CnbRunners.Runner runner = runners.forTag(target.runner());
        String hardware = hardware(target);
        PendingStart start = pending.get(target.name());
        if (start != null && now.isAfter(start.since().plus(START_FOLLOW))) {
            pending.remove(target.name());
            start = null;
        }
        if (found.isPresent() && found.get().running()) {
            pending.remove(target.name());
            CnbWorkspaceItem item = found.get();
            if (item.createTime() != null) {
                starts.put(target.name(), item.createTime());
            }
            String message = item.createTime() == null ? null : timeLeftText(CnbTimeLeft.of(item.createTime(), runner,
                    runners.overnight()), now);
            return new LiveState(TargetState.RUNNING, item.status(), hardware, null, message, now);
        }
        starts.remove(target.name());
        if (start != null) {
            return new LiveState(TargetState.STARTING, "starting", hardware, null,
                    Messages.get("cnb.state.starting", start.sn() == null ? "-" : start.sn()), now);
        }
        if (found.isEmpty()) {
            return new LiveState(TargetState.STOPPED, null, hardware, null, Messages.get("cnb.state.none"), now);
        }
        CnbWorkspaceItem item = found.get();
        if (item.closed()) {
            return new LiveState(TargetState.STOPPED, item.status(), hardware, null, CnbBackup.summary(item), now);
        }
        // A status word the reference does not list: shown as CNB sent it.
        return new LiveState(TargetState.UNKNOWN, item.status(), hardware, null,
                Messages.get("cnb.state.other", item.status()), now);
    }

    /** A running workspace began when it was created (each start makes a new one). */
    @Override
    public Optional<Instant> startedAt(CnbWorkspace target) {
        return Optional.ofNullable(starts.get(target.name()));
    }

    /** "GPU L40, 16 cores, ≤48 GB" from the runner table; null when the runner is not known. */
    String hardware(CnbWorkspace target) {
        return runners.find(target.runner()).map(CnbProvider::describe).orElse(null);
    }

    /** The runner in words: "GPU L40 (16 cores, up to 48 GB GPU memory, shared)". */
    public static String describe(CnbRunners.Runner runner) {
        return runner.gpu()
                ? Messages.get("cnb.hardware.gpu", runner.key(), runner.cores(), runner.gpuMemoryGb())
                : Messages.get("cnb.hardware.cpu", runner.cores());
    }

    /**
     * When the workspace last observed running will be recycled at the latest, from its creation time (as the last
     * round saw it) and runner; empty when it was not running then.
     */
    public Optional<CnbTimeLeft> timeLeft(CnbWorkspace target) {
        return startedAt(target).map(created -> CnbTimeLeft.of(created, runners.forTag(target.runner()),
                runners.overnight()));
    }

    private static String timeLeftText(CnbTimeLeft left, Instant now) {
        long minutes = left.left(now).toMinutes();
        return Messages.get(left.reason() == CnbTimeLeft.Reason.OVERNIGHT ? "cnb.timeLeft.overnight" : "cnb.timeLeft",
                minutes / 60, minutes % 60, left.deadlineText());
    }

    @Override
    public Set<TargetAction> supported(CnbWorkspace target) {
        return EnumSet.of(TargetAction.START, TargetAction.STOP, TargetAction.RESTART);
    }

    /** GPU workspaces spend core-hours (billed beyond the free quota); a workspace of unknown runner may be one. */
    @Override
    public boolean paid(CnbWorkspace target, LiveState state) {
        return runners.find(target.runner()).map(CnbRunners.Runner::gpu).orElse(true);
    }

    /**
     * A GPU workspace's hour in CNB's currency (CNY): the price recorded with the target, else the runner's cores ×
     * CNB's core-hour rate; charged only beyond the group's free monthly GPU core-hours. Empty for a CPU workspace.
     */
    @Override
    public Optional<ListPrice> listPrice(CnbWorkspace target) {
        if (!paid(target, LiveState.unknown())) {
            return Optional.empty();
        }
        CnbRunners.Pricing pricing = runners.pricing();
        HourlyPrice perHour = target.price() != null ? target.price()
                : new HourlyPrice(pricing.currency(), pricing.perHour(runner(target)));
        return Optional.of(new ListPrice(perHour, Messages.get("cnb.price.condition",
                String.valueOf(pricing.freeGpuCoreHoursPerMonth()), pricing.date().toString())));
    }

    @Override
    public LiveState perform(CnbWorkspace target, TargetAction action, Progress progress) throws InterruptedException {
        return switch (action) {
            case START -> start(target, progress);
            case STOP -> stop(target, progress);
            case RESTART -> {
                stop(target, progress);
                yield start(target, progress);
            }
            default -> throw new TetherException(ErrorCode.INVALID, "cnb.error.action", action.id());
        };
    }

    private LiveState start(CnbWorkspace target, Progress progress) throws InterruptedException {
        CnbStartResult result = api.get().start(target.repo(), target.branch());
        Instant now = clock.instant();
        if (result.alreadyRunning()) {
            progress.line(Messages.get("cnb.start.alreadyRunning", target.repo(), target.branch()));
            return new LiveState(TargetState.RUNNING, CnbWorkspaceItem.RUNNING, hardware(target), null, null, now);
        }
        pending.put(target.name(), new PendingStart(result.sn(), now));
        LOG.info("CNB workspace {} starting as {}", target.name(), result.sn());
        progress.line(Messages.get("cnb.start.sent", result.sn(), String.valueOf(result.buildLogUrl())));
        return new LiveState(TargetState.STARTING, "starting", hardware(target), null,
                Messages.get("cnb.state.starting", result.sn()), now);
    }

    private LiveState stop(CnbWorkspace target, Progress progress) throws InterruptedException {
        Optional<CnbWorkspaceItem> running = current(target).filter(CnbWorkspaceItem::running);
        pending.remove(target.name());
        if (running.isEmpty()) {
            return LiveState.of(TargetState.STOPPED);
        }
        String message = api.get().stop(running.get());
        progress.line(Messages.get("cnb.stop.sent", running.get().sn(), message == null ? "" : message));
        return new LiveState(TargetState.STOPPING, null, hardware(target), null, message, clock.instant());
    }

    /**
     * Follows a start until the workspace runs: polls the list every {@code every} and returns the running
     * workspace; fails after {@code timeout} (CANNOT_CONNECT) or when the workspace closes while starting.
     */
    public CnbWorkspaceItem awaitRunning(CnbWorkspace target, Duration timeout, Duration every, Progress progress)
            throws InterruptedException {
        Instant end = clock.instant().plus(timeout);
        while (true) {
            Optional<CnbWorkspaceItem> found = current(target);
            LiveState state = stateOf(target, found);
            if (state.state() == TargetState.RUNNING) {
                return found.orElseThrow();
            }
            if (state.state() != TargetState.STARTING) {
                throw new TetherException(ErrorCode.REMOTE_FAILED, "cnb.error.notStarted", target.name(),
                        state.stage() == null ? Messages.get(state.state().messageKey())
                                : app.tether.providers.StageWords.display(kind(), state.stage()));
            }
            if (clock.instant().isAfter(end)) {
                throw new TetherException(ErrorCode.CANNOT_CONNECT, "cnb.error.startTimeout", target.name(),
                        timeout.toMinutes());
            }
            progress.line(Messages.get("cnb.start.waiting", target.name()));
            Thread.sleep(every.toMillis());
        }
    }

    /**
     * Over SSH when the workspace's detail has an {@code ssh} login Tether can read (Jupyter is set up there first
     * when missing, in the workspace folder as a background service: workspaces have no systemd), else its WebIDE
     * in the browser.
     */
    @Override
    public NotebookAccess access(CnbWorkspace target, Progress progress) throws InterruptedException {
        return access(target, running(target), progress);
    }

    /** The workspace's SSH login when it offers one Tether can read, without setting Jupyter up there. */
    @Override
    public Optional<SshServer> sshServer(CnbWorkspace target, Progress progress) throws InterruptedException {
        CnbWorkspaceItem item = running(target);
        return CnbSshLogin.parse(api.get().detail(target.repo(), item.sn()).ssh())
                .map(login -> sshServer(target, login, item.workspace()));
    }

    /** The running workspace of {@code target}, or INVALID saying it is not running. */
    public CnbWorkspaceItem running(CnbWorkspace target) throws InterruptedException {
        return current(target).filter(CnbWorkspaceItem::running).orElseThrow(
                () -> new TetherException(ErrorCode.INVALID, "cnb.error.notRunning", target.name()));
    }

    NotebookAccess access(CnbWorkspace target, CnbWorkspaceItem item, Progress progress) throws InterruptedException {
        CnbWorkspaceDetail detail = api.get().detail(target.repo(), item.sn());
        Optional<CnbSshLogin> login = CnbSshLogin.parse(detail.ssh());
        if (login.isPresent()) {
            CnbSshLogin ssh = login.get();
            progress.line(Messages.get("cnb.access.ssh", ssh.user(), ssh.host(), String.valueOf(ssh.port())));
            SshServer server = sshServer(target, ssh, item.workspace());
            jupyter.ensureSetUp(server, progress);
            return new NotebookAccess.OverSsh(server);
        }
        if (detail.webide() == null) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, "cnb.error.noWayIn", target.name());
        }
        progress.line(detail.ssh() == null ? Messages.get("cnb.access.webide")
                : Messages.get("cnb.access.webideUnreadable", detail.ssh()));
        return new NotebookAccess.InBrowser(URI.create(detail.webide()));
    }

    /** The SSH target the engine uses for a workspace: same name (so Jupyter's token is kept under it). */
    static SshServer sshServer(CnbWorkspace target, CnbSshLogin login, String workspaceFolder) {
        return SshServer.ofHost(target.name(), login.host(), login.user(), login.port(), null, null)
                .withJupyter(new JupyterSettings(JupyterSettings.DEFAULT_PORT, workspaceFolder));
    }

    /**
     * The GPU core-hours of the repository's top-level group (the free quota is per top-level organisation);
     * empty when CNB sends no such field. A token without {@code group-resource:r} fails with that scope named.
     */
    public Optional<CnbQuota> quota(CnbWorkspace target) throws InterruptedException {
        String group = target.repo().substring(0, target.repo().indexOf('/'));
        return CnbQuota.from(group, api.get().specialAmount(group));
    }

    /** The runner the target is recorded with, else the default GPU one. */
    public CnbRunners.Runner runner(CnbWorkspace target) {
        return runners.forTag(target.runner());
    }

    /** The detail's links of the running workspace (WebIDE, VS Code, …). */
    public CnbWorkspaceDetail detail(CnbWorkspace target) throws InterruptedException {
        return detail(target, running(target));
    }

    public CnbWorkspaceDetail detail(CnbWorkspace target, CnbWorkspaceItem item) throws InterruptedException {
        return api.get().detail(target.repo(), item.sn());
    }
}
