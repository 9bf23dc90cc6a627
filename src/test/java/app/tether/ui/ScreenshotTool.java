package app.tether.ui;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.inventory.CnbWorkspace;
import app.tether.inventory.HfSpace;
import app.tether.inventory.HourlyPrice;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.JupyterSettings;
import app.tether.inventory.PortForward;
import app.tether.inventory.SshServer;
import app.tether.jupyter.JupyterStatus;
import app.tether.jupyter.ServiceKind;
import app.tether.probe.GpuAvailability;
import app.tether.probe.GpuProcess;
import app.tether.probe.GpuSample;
import app.tether.probe.HostFacts;
import app.tether.probe.NvidiaSmiParser;
import app.tether.probe.Reachability;
import app.tether.probe.ServerStatus;
import app.tether.probe.StatusHistory;
import app.tether.providers.StandardProviders;
import app.tether.providers.StateCache;
import app.tether.settings.Preferences;
import app.tether.providers.cnb.CnbStandIn;
import app.tether.testing.HfStandIn;
import app.tether.workflow.Lifecycle;
import java.time.Instant;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Takes the README screenshots of the real window (GTK glass, so run it under Xvfb):
 * {@code xvfb-run -a -s "-screen 0 1400x1100x24" java -cp ... app.tether.ui.ScreenshotTool en|zh out.png [gpu|editor|wizard|hostkey|about|tunnels|spaces|paused|hardware|notices|spend|cnb-running|cnb-closed|cnb-init|idle]}.
 * {@code hostkey} is the narrowest window with a server whose host key is not trusted yet. The Space modes run
 * the stand-in Hub (test sources) with four Spaces, so their state, hardware and price are what the window
 * reads from it; the CNB modes run the stand-in CNB (a running workspace, one recycled with work in its backup)
 * and {@code cnb-init} shows the repository wizard. {@code idle} runs the stand-in Hub's three Spaces (as its
 * {@code main} does) in front of Debian's jupyter-server and the guard with a one-minute idle rule on the free one,
 * driven by a manual clock through the countdown: the idle row and the window's "pausing soon" card.
 */
public final class ScreenshotTool {
    private ScreenshotTool() {
    }

    public static void main(String[] args) throws Exception {
        Locale locale = "zh".equals(args[0]) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        Path out = Path.of(args[1]).toAbsolutePath();
        boolean gpuCards = args.length > 2 && "gpu".equals(args[2]);
        boolean hostKey = args.length > 2 && "hostkey".equals(args[2]);
        Path dir = Files.createTempDirectory("tether-shot");
        String mode = args.length > 2 ? args[2] : "";
        boolean spaces = List.of("spaces", "paused", "hardware").contains(mode);
        boolean cnb = List.of("cnb-running", "cnb-closed").contains(mode);
        boolean idle = "idle".equals(mode);
        Environment environment = new Environment(dir.resolve("tether-home"), dir.resolve("home"));
        Process jupyter = null;
        if (idle) {
            int port = HfStandIn.freePort();
            jupyter = HfStandIn.startJupyter(dir, port, "huggingface");
            HfStandIn hub = hubForIdle(URI.create("http://127.0.0.1:" + port));
            environment = environment.withVariable("HF_ENDPOINT", hub.endpoint().toString())
                    .withVariable("HF_TOKEN", "hf_alice_write");
        }
        if (spaces) {
            HfStandIn hub = hubWithSpaces();
            environment = environment.withVariable("HF_ENDPOINT", hub.endpoint().toString())
                    .withVariable("HF_TOKEN", "hf_alice_write");
        }
        if (cnb) {
            CnbStandIn standIn = cnbWithWorkspaces();
            environment = environment.withVariable("CNB_API_ENDPOINT", standIn.uri().toString())
                    .withVariable("CNB_TOKEN", "demo-token");
        }
        seed(environment, locale, spaces);
        if ("spend".equals(mode)) {
            seedSpend(environment);
        }
        if (cnb) {
            seedCnb(environment, locale);
        }
        if (idle) {
            seedIdle(environment);
        }
        Environment env = environment;
        CountDownLatch done = new CountDownLatch(1);
        Platform.startup(() -> {
            AppContext context = new AppContext(env, new InventoryStore(env.inventoryFile()),
                    Preferences.open(env.settingsFile()), new UiLanguage(locale), new ThemeSwitcher(false),
                    new FxExecutors(BackgroundExecutors.pool("shot"), FxExecutors.FX));
            context.themes().apply(Preferences.Theme.LIGHT);
            Stage stage = new Stage();
            MainWindow window = MainWindow.show(stage, context, uri -> { }, () -> { });
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(hostKey ? stage.getMinWidth() : 1200);
            stage.setHeight(gpuCards ? 1000 : 820);
            // Shows the buttons as the desktop app has them (Connect enabled); nothing here connects anywhere.
            window.setActions(new TargetActions() {
                @Override
                public boolean canConnect() {
                    return true;
                }
            });
            window.model().reload().thenRun(() -> {
                if (idle) {
                    showIdle(env, window, context.language());
                } else {
                    feedStatus(window.model(), gpuCards ? 3 : hostKey ? 4 : 0);
                }
                String dialog = args.length > 2 && !gpuCards && !hostKey && !spaces && !cnb && !idle ? args[2] : "";
                if (spaces) {
                    showSpaces(env, window, mode, locale);
                }
                if (cnb) {
                    showCnb(env, window, mode, locale);
                }
                if ("editor".equals(dialog)) {
                    // The Add dialog as it opens with Test connection (never pressed here: nothing is reached).
                    ConnectionTester untried = server -> new java.util.concurrent.CompletableFuture<>();
                    Platform.runLater(() -> window.model().newServerEditor(untried).thenAccept(editor -> {
                        editor.nameProperty().set(locale == Locale.SIMPLIFIED_CHINESE ? "实验室 A800" : "Lab A800");
                        editor.hostProperty().set("h100.lab.example.edu");
                        editor.portProperty().set("70000");
                        AddTargetViewModel add = new AddTargetViewModel(editor,
                                new SpaceEditorViewModel(window.model().inventory(), null));
                        window.dialogs().form(View.ADD_TARGET, add, "ui.cloud.add.title", add.validProperty(),
                                editor::revealErrors);
                    }).exceptionally(failure -> {
                        failure.printStackTrace();
                        return null;
                    }));
                } else if ("about".equals(dialog)) {
                    Platform.runLater(() -> window.dialogs().show(View.ABOUT, AboutInfo.of(env, uri -> { }),
                            "ui.about.title"));
                } else if ("tunnels".equals(dialog)) {
                    // Example rows, like the seeded statuses above: no SSH server is reached from here.
                    TunnelsViewModel tunnels = new TunnelsViewModel(new app.tether.tunnel.TunnelService(null,
                            env), new app.tether.instance.HeldForwards(null, app.tether.tunnel.PortMemory.in(env)),
                            new FxExecutors(BackgroundExecutors.direct(), FxExecutors.FX));
                    Platform.runLater(() -> window.dialogs().show(View.TUNNELS, tunnels, "ui.tunnels.title"));
                    PauseTransition fill = new PauseTransition(Duration.millis(1500));
                    fill.setOnFinished(event -> tunnels.rows().setAll(exampleTunnels(window.model())));
                    fill.play();
                } else if ("notices".equals(dialog)) {
                    showNotices(window);
                } else if ("spend".equals(dialog)) {
                    SpendViewModel spend = new SpendViewModel(env, java.time.Clock.systemDefaultZone(),
                            new FxExecutors(BackgroundExecutors.pool("shot-spend"), FxExecutors.FX));
                    Platform.runLater(() -> window.dialogs().show(View.SPEND, spend, "ui.spend.title"));
                } else if ("cnb-init".equals(dialog)) {
                    Platform.runLater(() -> showCnbInit(window, dir));
                } else if ("wizard".equals(dialog)) {
                    Platform.runLater(() -> {
                        JupyterSetupViewModel wizard = new JupyterSetupViewModel(
                                (app.tether.inventory.SshServer) window.model().items().get(0).target(), locale == Locale.SIMPLIFIED_CHINESE);
                        window.dialogs().form(View.JUPYTER_SETUP, wizard, "ui.jupyter.title", wizard.validProperty());
                    });
                }
                PauseTransition settle = new PauseTransition(Duration.millis(
                        idle ? 9000 : spaces || cnb || "cnb-init".equals(mode) || "spend".equals(mode) ? 6000
                        : dialog.isEmpty() ? 1200 : 3000));
                settle.setOnFinished(event -> {
                    try {
                        javafx.scene.Scene scene = (dialog.isEmpty() || "notices".equals(dialog)) && !"hardware".equals(mode) ? stage.getScene() : javafx.stage.Window.getWindows().stream()
                                .filter(w -> w != stage && w.isShowing()).reduce((a, b) -> b).orElseThrow().getScene();
                        ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", out.toFile());
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    } finally {
                        done.countDown();
                    }
                });
                settle.play();
            });
        });
        boolean taken = done.await(60, TimeUnit.SECONDS);
        if (jupyter != null) {
            jupyter.destroy();
            jupyter.waitFor(10, TimeUnit.SECONDS);
        }
        if (!taken) {
            throw new IllegalStateException("no screenshot taken");
        }
        // Halt rather than exit: GTK can abort while tearing down a nested dialog loop, and the PNG is written.
        Runtime.getRuntime().halt(0);
    }

    /** The window's notification cards: an idle countdown (its buttons) over a lost tunnel, as watchers send them. */
    private static void showNotices(MainWindow window) {
        // Nothing is pressed in a screenshot; the board needs somewhere to send answers all the same.
        app.tether.watch.EventResponses nobody = new app.tether.watch.EventResponses() {
            @Override
            public void keepRunning(String target) {
            }

            @Override
            public void pauseNow(String target) {
            }

            @Override
            public void restart(String target) {
            }

            @Override
            public void open(String target) {
            }
        };
        NoticeBoard board = new NoticeBoard(nobody, FxExecutors.FX, BackgroundExecutors.direct());
        window.showNotices(board);
        app.tether.watch.Notices notices = new app.tether.watch.Notices(kind -> true);
        String lab = window.model().items().get(0).name();
        String paid = window.model().items().get(3).name();
        notices.of(new app.tether.watch.WatchEvent(Instant.now(), lab, app.tether.watch.WatchEvent.Type.TUNNEL_LOST,
                null, app.tether.core.Messages.get("tunnel.status.reconnecting", 2, "Connection reset")))
                .ifPresent(board::show);
        notices.of(new app.tether.watch.WatchEvent(Instant.now(), paid,
                app.tether.watch.WatchEvent.Type.IDLE_PAUSE_PENDING, null,
                app.tether.core.Messages.get("idle.event.countdown", paid, 4))).ifPresent(board::show);
    }

    /** The stand-in Hub with alice's Spaces: a paid one running, one paused, a free one and one that failed. */
    private static HfStandIn hubWithSpaces() throws IOException {
        HfStandIn hub = HfStandIn.start();
        hub.addUser("alice", "hf_alice_write", "write", "lab");
        URI app = URI.create("http://127.0.0.1:9");
        hub.addSpace("alice/jupyterlab", true, "t4-medium", app);
        hub.addSpace("lab/shared-a10g", false, "a10g-small", app);
        hub.setStage("lab/shared-a10g", "PAUSED", null);
        hub.addSpace("alice/demo", false, "cpu-basic", app);
        hub.addSpace("alice/finetune", true, "l4x1", app);
        hub.setStage("alice/finetune", "RUNTIME_ERROR", "CUDA out of memory. Tried to allocate 2.00 GiB");
        return hub;
    }

    /** HfStandIn's own three Spaces: notebook (private, t4-small) and shared (a10g-small) paused, public-lab running. */
    private static HfStandIn hubForIdle(URI app) throws IOException {
        HfStandIn hub = HfStandIn.start();
        hub.addUser("alice", "hf_alice_write", "write", "lab");
        hub.addSpace("alice/notebook", true, "t4-small", app);
        hub.setStage("alice/notebook", "PAUSED", null);
        hub.addSpace("alice/public-lab", false, "cpu-basic", app);
        hub.addSpace("lab/shared", false, "a10g-small", app);
        hub.setStage("lab/shared", "PAUSED", null);
        return hub;
    }

    /** The three Spaces, the notebook token of public-lab (the template's) and a one-minute idle rule on it. */
    private static void seedIdle(Environment environment) throws IOException {
        new InventoryStore(environment.inventoryFile()).save(Inventory.empty()
                .add(new HfSpace("notebook", "alice/notebook", null, List.of(), "", null))
                .add(new HfSpace("public-lab", "alice/public-lab", null, List.of(), "", null))
                .add(new HfSpace("shared", "lab/shared", null, List.of(), "", null)));
        new app.tether.jupyter.JupyterSecrets(environment).saveToken("public-lab", "huggingface");
        app.tether.watch.IdleSettingsStore.in(environment).update("public-lab",
                app.tether.watch.IdleSettings.defaults(true), s -> new app.tether.watch.IdleSettings(true, 5, 1));
    }

    /**
     * Wires the Spaces, the guard's idle row and the window's notice cards as the desktop app does, selects
     * public-lab and drives the guard through a minute and a half of a manual clock (observing the stand-in Hub and
     * the real notebook each 30 s), so that the countdown is running when the picture is taken.
     */
    private static void showIdle(Environment environment, MainWindow window, UiLanguage language) {
        app.tether.providers.Providers providers = StandardProviders.create(environment, () -> {
            throw new IllegalStateException("no SSH in screenshots");
        });
        Lifecycle lifecycle = new Lifecycle(providers, StateCache.in(environment));
        CloudStatus.start(environment, window, lifecycle);
        app.tether.watch.WatchEvents events = new app.tether.watch.WatchEvents();
        app.tether.testing.ManualClock clock = new app.tether.testing.ManualClock(Instant.now());
        app.tether.tunnel.PortMemory ports = new app.tether.tunnel.PortMemory(environment.home().resolve("ports.properties"));
        HfSpace lab = new HfSpace("public-lab", "alice/public-lab", null, List.of(), "", null);
        app.tether.watch.Guard guard = new app.tether.watch.Guard(lifecycle, () -> List.of(lab), java.util.Set.of(),
                app.tether.watch.IdleSettingsStore.in(environment), new app.tether.watch.StandardIdleSignals(providers,
                        () -> null, new app.tether.tunnel.TunnelService(null, ports),
                        new app.tether.tunnel.HttpForwards(ports), new app.tether.jupyter.JupyterSecrets(environment)),
                events, clock, BackgroundExecutors.scheduler("shot-guard", 1), BackgroundExecutors.direct(), n -> { });
        window.setIdle(new IdleRow(language, guard.idle(),
                app.tether.watch.IdleSettingsStore.in(environment), guard, window.model().executors(), events));
        NoticeBoard board = new NoticeBoard(guard, FxExecutors.FX, BackgroundExecutors.direct());
        window.showNotices(board);
        events.subscribe(new app.tether.watch.NoticeDispatch(new app.tether.watch.Notices(kind -> true),
                List.of(board), BackgroundExecutors.pool("shot-notices")));
        window.model().select("public-lab");
        BackgroundExecutors.pool("shot-idle").execute(() -> {
            try {
                for (int i = 0; i < 3; i++) {
                    guard.dispatch(lab, lifecycle.observe(lab));
                    guard.idle().tick();
                    clock.advance(java.time.Duration.ofSeconds(30));
                }
                guard.dispatch(lab, lifecycle.observe(lab));
                guard.idle().tick();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Wires the Space side as the desktop app does and selects the Space the mode shows. */
    private static void showSpaces(Environment environment, MainWindow window, String mode, Locale locale) {
        Lifecycle lifecycle = new Lifecycle(StandardProviders.create(environment, () -> {
            throw new IllegalStateException("no SSH in screenshots");
        }), StateCache.in(environment));
        CloudStatus.start(environment, window, lifecycle);
        String name = "paused".equals(mode) ? "Shared A10G" : "JupyterLab T4";
        window.model().select(name);
        if ("hardware".equals(mode)) {
            PauseTransition loaded = new PauseTransition(Duration.millis(2500));
            loaded.setOnFinished(event -> ((javafx.scene.control.Button) window.stage().getScene().lookup("#hf-hardware"))
                    .fire());
            loaded.play();
        }
    }

    /** A run cut at {@code now}: the seeded pattern is per day, and today's part of it may not have begun yet. */
    private static void addRun(List<app.tether.watch.spend.LedgerRecord> records, Instant now, String target,
            Instant from, Instant to, String usdPerHour) {
        if (from.isBefore(now)) {
            records.add(app.tether.watch.spend.LedgerRecord.run(target, from, to.isAfter(now) ? now : to,
                    new BigDecimal(usdPerHour)));
        }
    }

    /**
     * A month of example ledger lines: a T4 Space most working days, an L4 Space now and then, a Spot VM with a price
     * change and an hour nobody watched; the same every run (a fixed pattern, not random).
     */
    private static void seedSpend(Environment environment) throws IOException {
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        java.time.LocalDate today = java.time.LocalDate.now(zone);
        Instant now = Instant.now();
        List<app.tether.watch.spend.LedgerRecord> records = new java.util.ArrayList<>();
        int[] t4Hours = {3, 5, 0, 6, 4, 2, 0, 7, 5, 3, 6, 0, 0, 4, 8, 5, 6, 2, 0, 0, 3, 6, 5, 7, 4, 0, 0, 5, 6, 3};
        for (int i = 0; i < 30; i++) {
            java.time.LocalDate day = today.minusDays(29 - i);
            Instant nine = day.atTime(9, 0).atZone(zone).toInstant();
            if (t4Hours[i] > 0) {
                addRun(records, now, "JupyterLab T4", nine, nine.plus(java.time.Duration.ofHours(t4Hours[i])), "0.60");
            }
            if (i % 6 == 2) {
                Instant start = nine.plus(java.time.Duration.ofHours(4));
                addRun(records, now, "Finetune L4", start, start.plus(java.time.Duration.ofHours(3)), "0.80");
            }
        }
        Instant vm = today.minusDays(3).atTime(13, 0).atZone(zone).toInstant();
        addRun(records, now, "gce-a100-spot", vm, vm.plus(java.time.Duration.ofHours(2)), "1.29");
        records.add(app.tether.watch.spend.LedgerRecord.unknown("gce-a100-spot", vm.plus(java.time.Duration.ofHours(2)),
                vm.plus(java.time.Duration.ofMinutes(160))));
        addRun(records, now, "gce-a100-spot", vm.plus(java.time.Duration.ofMinutes(160)),
                vm.plus(java.time.Duration.ofMinutes(250)), "1.47");
        app.tether.watch.spend.SpendLedger.in(environment).append(records);
        app.tether.watch.spend.SpendLimits limits = app.tether.watch.spend.SpendLimits.in(environment);
        limits.set(null, new app.tether.watch.spend.SpendLimits.Limit(new BigDecimal("150"), false));
        limits.set("gce-a100-spot", new app.tether.watch.spend.SpendLimits.Limit(new BigDecimal("20"), true));
    }

    /**
     * The stand-in CNB with team/model: branch main running for 1 h 17 min (no SSH: WebIDE only), branch
     * experiment closed by recycling with unpushed work in its backup; the group's GPU core-hours.
     */
    private static CnbStandIn cnbWithWorkspaces() throws IOException {
        CnbStandIn cnb = CnbStandIn.start().token("demo-token", "ada", CnbStandIn.ALL_SCOPES).repo("team/model")
                .specialAmount("{\"compute_develop_corehour\": 1600, \"compute_develop_gpu_corehour\": 1184}");
        cnb.sshForNew(false);
        cnb.add("team/model", "main", "running", Instant.now().minus(java.time.Duration.ofMinutes(77)));
        CnbStandIn.Workspace old = cnb.add("team/model", "experiment", "running",
                Instant.now().minus(java.time.Duration.ofHours(9)));
        cnb.recycle(old, 2, 3, 1, "train.py,eval.py,notes/ablation.md");
        return cnb;
    }

    private static void seedCnb(Environment environment, Locale locale) throws IOException {
        boolean zh = "zh".equals(locale.getLanguage());
        InventoryStore store = new InventoryStore(environment.inventoryFile());
        store.save(store.load()
                .add(new CnbWorkspace(zh ? "CNB 模型训练" : "CNB model", "team/model", "main", null, List.of("cnb"),
                        zh ? "L40 上的微调。" : "Fine-tuning on the L40.", null, "cnb:arch:amd64:gpu:L40"))
                .add(new CnbWorkspace(zh ? "CNB 实验分支" : "CNB experiment", "team/model", "experiment", null,
                        List.of("cnb"), "", null, "cnb:arch:amd64:gpu")));
    }

    /** Wires the CNB side as the desktop app does and selects the workspace the mode shows. */
    private static void showCnb(Environment environment, MainWindow window, String mode, Locale locale) {
        Lifecycle lifecycle = new Lifecycle(StandardProviders.create(environment, () -> {
            throw new IllegalStateException("no SSH in screenshots");
        }), StateCache.in(environment));
        CloudStatus.start(environment, window, lifecycle);
        CnbPane.plugInto(window, lifecycle, () -> {
            throw new IllegalStateException("no SSH in screenshots");
        });
        boolean zh = "zh".equals(locale.getLanguage());
        window.model().select("cnb-closed".equals(mode) ? (zh ? "CNB 实验分支" : "CNB experiment")
                : (zh ? "CNB 模型训练" : "CNB model"));
    }

    /** The cnb init wizard on a repository whose own .cnb.yml differs, with JupyterLab and the mirror notes. */
    private static void showCnbInit(MainWindow window, Path dir) {
        try {
            Path repo = Files.createDirectories(dir.resolve("my-model"));
            Files.writeString(repo.resolve(".cnb.yml"), "# an older pipeline\n");
            CnbInitViewModel wizard = new CnbInitViewModel(new app.tether.providers.cnb.CnbScaffold(
                    app.tether.providers.cnb.CnbRunners.standard()), window.model().executors());
            wizard.folderProperty().set(repo.toString());
            wizard.gpuProperty().set("L40");
            wizard.hfMirrorProperty().set(true);
            // The folder is looked at in the background; the dialog opens once that is back (a dialog opened from
            // a runLater, as here, gets no later runLater while it is open; the menu's does).
            PauseTransition looked = new PauseTransition(Duration.millis(1000));
            looked.setOnFinished(event -> Platform.runLater(() -> window.dialogs().form(View.CNB_INIT, wizard,
                    "cnb.ui.init.title", wizard.validProperty())));
            looked.play();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<TunnelsViewModel.Row> exampleTunnels(MainViewModel model) {
        String connected = app.tether.core.Messages.get("tunnel.status.connected");
        return List.of(
                new TunnelsViewModel.Row(model.items().get(0).name(), List.of(
                        new TunnelsViewModel.Forward(8888, "127.0.0.1:8888", connected, 2),
                        new TunnelsViewModel.Forward(6006, "127.0.0.1:6006", connected, 0))),
                new TunnelsViewModel.Row(model.items().get(3).name(), List.of(
                        new TunnelsViewModel.Forward(8889, "127.0.0.1:8888",
                                app.tether.core.Messages.get("tunnel.status.reconnecting", 4, "Connection reset"), 0))));
    }

    private static void seed(Environment environment, Locale locale, boolean spaces) throws IOException {
        boolean zh = "zh".equals(locale.getLanguage());
        Files.createDirectories(environment.sshDir());
        List<SshServer> servers = List.of(
                new SshServer(zh ? "实验室 H100" : "Lab H100", null, "h100.lab.example.edu", "ada", null, null, null,
                        List.of("lab", "h100"), zh ? "组里共享，周五维护。" : "Shared by the group; maintenance on Fridays.",
                        null, new JupyterSettings(8888, "~/work"),
                        List.of(new PortForward("TensorBoard", 6006, "127.0.0.1", 6006))),
                new SshServer("RTX 4090 workstation", "ws4090", null, null, null, null, null, List.of("home"), "", null,
                        null, List.of()),
                new SshServer(zh ? "AutoDL 3090（按时计费）" : "AutoDL 3090", null, "region-9.autodl.com", "root", 41234, null,
                        null, List.of("rented"), "", new HourlyPrice("CNY", new BigDecimal("1.58")), null, List.of()),
                new SshServer("Lambda A100 ×4", null, "129.146.20.31", "ubuntu", null, null, null, List.of("cloud"), "",
                        new HourlyPrice("USD", new BigDecimal("2.49")), null, List.of()),
                new SshServer(zh ? "旧服务器 V100" : "Old V100 box", null, "10.0.3.17", "ml", null, null,
                        "ada@bastion.example.edu", List.of(), "", null, null, List.of()));
        Inventory inventory = Inventory.empty();
        for (SshServer server : servers) {
            inventory = inventory.add(server);
        }
        if (spaces) {
            inventory = inventory.add(new HfSpace("JupyterLab T4", "alice/jupyterlab", null, List.of("hf"),
                    zh ? "组会演示用的笔记本。" : "Notebook for the group meeting demo.", null))
                    .add(new HfSpace("Shared A10G", "lab/shared-a10g", null, List.of("hf", "lab"), "", null))
                    .add(new HfSpace("Demo (CPU)", "alice/demo", null, List.of("hf"), "", null))
                    .add(new HfSpace(zh ? "微调 L4" : "Finetune L4", "alice/finetune", null, List.of("hf"), "", null));
        }
        new InventoryStore(environment.inventoryFile()).save(inventory);
    }

    /**
     * Feeds the list the status a probe would report, parsed from real nvidia-smi captures (test fixtures), with
     * 15 minutes of history so the sparklines have a shape.
     */
    private static void feedStatus(MainViewModel model, int select) {
        List<TargetItem> items = model.items();
        List<GpuSample> h100 = NvidiaSmiParser.parseGpuCsv(fixture("csv-1xH100-80GB-HBM3-load-drv590-allfields-nvidia_gpu_exporter.csv"));
        List<GpuProcess> processes = NvidiaSmiParser.parseComputeApps(
                fixture("compute-apps-1xH100-load-3procs-drv590-nvidia_gpu_exporter.csv"));
        List<GpuSample> a100 = NvidiaSmiParser.parseTable(fixture("table-4xA100-SXM4-80GB-drv555-no-processes-thamada-gls.txt"));
        List<GpuSample> rtx = NvidiaSmiParser.parseTable(fixture("table-8xRTX4090-drv550-no-processes-thamada-gls.txt"));
        StatusHistory history = new StatusHistory();
        model.setHistory(history);
        Instant now = Instant.now();
        String name = items.get(0).name();
        recordPast(history, name, h100, now, 62, 30);
        recordPast(history, items.get(3).name(), a100, now, 4, 4);
        ServerStatus current = online(name, now, h100, processes);
        history.record(current);
        items.get(0).apply(current);
        items.get(1).apply(online(items.get(1).name(), now, rtx.subList(0, 1), List.of()));
        items.get(2).apply(ServerStatus.unreachable(items.get(2).name(), now, Reachability.OFFLINE,
                app.tether.core.Messages.get("error.ssh.timeout", "region-9.autodl.com:41234", 10)));
        items.get(3).apply(online(items.get(3).name(), now, a100, List.of()));
        items.get(4).apply(ServerStatus.unreachable(items.get(4).name(), now, Reachability.HOST_KEY_UNKNOWN, null));
        items.get(0).jupyterProperty().set(new JupyterStatus(true, true, 8888, ServiceKind.SYSTEMD_USER, "2.14.2", 2,
                now.minusSeconds(40)));
        items.get(3).jupyterProperty().set(new JupyterStatus(true, false, 8888, ServiceKind.BACKGROUND, null, null, null));
        model.selectedProperty().set(items.get(select));
    }

    /** 15 minutes of made-up samples around {@code level} % (the fixtures are single moments). */
    private static void recordPast(StatusHistory history, String target, List<GpuSample> gpus, Instant now, double level,
            double swing) {
        for (int i = 180; i >= 1; i--) {
            List<GpuSample> past = new java.util.ArrayList<>();
            for (GpuSample g : gpus) {
                double phase = i / 9.0 + g.index();
                double util = Math.max(0, Math.min(100, level + swing * Math.sin(phase) + (i % 7) * 2));
                long total = g.memoryTotalMiB() == null ? 1 : g.memoryTotalMiB();
                long used = (long) (total * (0.18 + 0.05 * Math.cos(phase / 2)));
                past.add(new GpuSample(g.index(), g.name(), g.uuid(), util, null, used, total, g.temperatureC(),
                        g.powerW(), g.powerLimitW()));
            }
            history.record(online(target, now.minusSeconds(5L * i), past, List.of()));
        }
    }

    private static ServerStatus online(String target, Instant at, List<GpuSample> gpus, List<GpuProcess> processes) {
        HostFacts host = new HostFacts("gpu-node-01", "Ubuntu 22.04.4 LTS", 1_324_000, 3.12, 2.87, 2.40, 64, 515_000,
                402_000, 1_210_000);
        return new ServerStatus(target, at, Reachability.ONLINE, null, host, GpuAvailability.AVAILABLE, null, gpus,
                processes);
    }

    private static String fixture(String file) {
        try (var in = ScreenshotTool.class.getResourceAsStream("/fixtures/nvidia-smi/" + file)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
