package app.tether.ui;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.handoff.JetBrainsHandoff;
import app.tether.handoff.JupyterNotebookServer;
import app.tether.handoff.NotebookOpener;
import app.tether.handoff.NotebookUrl;
import app.tether.handoff.TerminalLauncher;
import app.tether.handoff.VsCodeHandoff;
import app.tether.handoff.VsCodePlan;
import app.tether.instance.HeldForwards;
import app.tether.inventory.SshServer;
import app.tether.jupyter.JupyterSecrets;
import app.tether.jupyter.JupyterService;
import app.tether.jupyter.JupyterStatus;
import app.tether.jupyter.SetupOptions;
import app.tether.providers.StandardProviders;
import app.tether.providers.StateCache;
import app.tether.ssh.SshConfigFile;
import app.tether.tunnel.JupyterHealth;
import app.tether.tunnel.HttpForwards;
import app.tether.tunnel.PortMemory;
import app.tether.tunnel.TunnelService;
import app.tether.workflow.Connect;
import app.tether.workflow.Lifecycle;
import app.tether.workflow.NotebookReach;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop's live features behind the window's buttons: status refresh, open notebook through a tunnel,
 * VS Code, Jupyter setup/start/stop/logs. Blocking work runs in the background; the user sees progress dialogs
 * and SSH questions (the user acted on purpose, so prompts may ask).
 */
public final class Workflows implements TargetActions, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workflows.class);
    private static final int LOG_LINES = 300;

    private final Environment environment;
    private final LiveStatus live;
    private final MainViewModel model;
    private final DialogService dialogs;
    private final FxExecutors executors;
    private final TunnelService tunnels;
    private final HeldForwards heldForwards;
    private final JupyterService jupyter;
    private final NotebookOpener opener;
    private final VsCodeHandoff vsCode;
    private final TerminalLauncher terminal;
    private final Consumer<String> browser;
    private final Consumer<String> clipboard;
    private final Lifecycle lifecycle;
    private final HttpForwards forwards;
    private final CloudConnect cloud;
    private final CloudStatus cloudStatus;

    /**
     * @param browser   opens a URL in the desktop's browser
     * @param clipboard puts text on the clipboard (FX thread)
     */
    public Workflows(Environment environment, MainWindow window, LiveStatus live, Consumer<String> browser,
            Consumer<String> clipboard) {
        this.environment = environment;
        this.live = live;
        this.model = window.model();
        this.dialogs = window.dialogs();
        this.executors = model.executors();
        this.tunnels = new TunnelService(live.sessions(), environment);
        this.heldForwards = new HeldForwards(live.sessions(), PortMemory.in(environment));
        this.jupyter = new JupyterService(live.sessions(), environment);
        this.opener = new NotebookOpener(live.sessions(), tunnels,
                new JupyterNotebookServer(jupyter, new JupyterSecrets(environment)), new JupyterHealth(Duration.ofSeconds(5)));
        this.vsCode = new VsCodeHandoff(environment);
        this.terminal = new TerminalLauncher(environment);
        this.browser = browser;
        this.clipboard = clipboard;
        this.lifecycle = new Lifecycle(StandardProviders.create(environment, live::sessions), StateCache.in(environment));
        this.forwards = new HttpForwards(environment);
        this.cloud = new CloudConnect(new Connect(lifecycle, new NotebookReach(opener, forwards,
                new JupyterHealth(Duration.ofSeconds(5)))), dialogs, executors, window.language(), browser);
        this.cloudStatus = CloudStatus.start(environment, window, lifecycle);
        CnbPane.plugInto(window, lifecycle, live::sessions);
    }

    /** The window's tunnels, which the instance it serves shares with the CLI. */
    TunnelService tunnels() {
        return tunnels;
    }

    /** The forwards ({@code tether forward}) the window's instance holds for the CLI. */
    HeldForwards heldForwards() {
        return heldForwards;
    }

    /** The window's HTTP forwarders of cloud workspaces, shared the same way. */
    HttpForwards httpForwards() {
        return forwards;
    }

    /** The checked actions of every kind, shared by Connect and the window's lifecycle buttons. */
    public Lifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public boolean canConnect() {
        return true;
    }

    @Override
    public ConnectionTester connectionTester() {
        return new SshConnectionTester(environment, live.prompts(), executors);
    }

    @Override
    public void refreshAll() {
        live.refreshAll();
        cloudStatus.refreshAll();
    }

    @Override
    public void verify(TargetItem item) {
        live.verify(item);
    }

    @Override
    public void refreshIntervalChanged(int seconds) {
        live.refreshIntervalChanged(seconds);
    }

    @Override
    public void openNotebook(TargetItem item) {
        openTunnel(item, true, "ui.open.done");
    }

    @Override
    public void copyNotebookUrl(TargetItem item) {
        String known = item.notebookUrlProperty().get();
        if (known != null && tunnels.tunnels(item.name()).isPresent()) {
            clipboard.accept(known);
            return;
        }
        openTunnel(item, false, "ui.open.copied").thenAccept(url -> clipboard.accept(url.text()));
    }

    /**
     * PyCharm and other JetBrains IDEs: the tokenised URL goes to the clipboard for "Configured server", and
     * the JetBrains Gateway link (SSH to the server) is offered.
     */
    @Override
    public void openInJetBrains(TargetItem item) {
        SshServer server = sshServer(item);
        if (server == null) {
            return;
        }
        openTunnel(item, false, "ui.jetbrains.copied").thenAccept(url -> {
            clipboard.accept(JetBrainsHandoff.configuredServerText(url));
            executors.supply(() -> JetBrainsHandoff.gatewayLink(server, sshConfig(), null).toString())
                    .thenAccept(link -> {
                        if (dialogs.confirmText("ui.jetbrains.title", Messages.get("ui.jetbrains.gateway"), link,
                                "ui.jetbrains.openGateway")) {
                            browser.accept(link);
                        }
                    }).exceptionally(this::fail);
        });
    }

    private SshConfigFile sshConfig() {
        try {
            return SshConfigFile.read(environment.sshConfig(), environment.sshDir());
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "error.sshConfig.read", environment.sshConfig(), e.getMessage());
        }
    }

    private CompletableFuture<NotebookUrl> openTunnel(TargetItem item, boolean browse, String doneKey) {
        SshServer server = sshServer(item);
        if (server == null) {
            return item == null ? new CompletableFuture<>() : cloud.open(item, browse, doneKey);
        }
        ProgressModel progress = new ProgressModel(executors.fx());
        dialogs.progress("ui.open.title", progress);
        return interactive(() -> {
            try {
                return opener.open(server, progress);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TetherException(ErrorCode.FAILURE, e, "ui.open.cancelled", server.name());
            }
        }).whenComplete((url, failure) -> {
            if (failure != null) {
                progress.finish(false, message(failure));
                return;
            }
            item.notebookUrlProperty().set(url.text());
            live.refreshAll();
            if (!browse) {
                progress.finish(true, Messages.get(doneKey, url.root()));
                return;
            }
            // Only say "open" once the browser was started; otherwise offer the address to copy.
            executors.run(() -> browser.accept(url.text())).whenComplete((opened, noBrowser) -> {
                if (noBrowser == null) {
                    progress.finish(true, Messages.get(doneKey, url.root()));
                } else {
                    progress.offer(url.text());
                    progress.finish(true, Messages.get("ui.open.noBrowser", message(noBrowser)));
                }
            });
        });
    }

    @Override
    public void openTerminal(TargetItem item) {
        SshServer server = sshServer(item);
        if (server != null) {
            executors.run(() -> terminal.open(server)).exceptionally(this::fail);
        }
    }

    @Override
    public void openInVsCode(TargetItem item) {
        SshServer server = sshServer(item);
        if (server == null) {
            return;
        }
        executors.supply(() -> vsCode.plan(server, null)).thenAccept(plan -> {
            if (plan.needsConfigBlock() && !dialogs.confirmText("ui.vscode.title", Messages.get("ui.vscode.block",
                    vsCode.editor().config()), plan.blockToWrite().text(), "ui.vscode.write")) {
                return;
            }
            executors.supply(() -> launch(plan)).thenAccept(launched -> {
                if (!launched) {
                    browser.accept(plan.fallbackUri().toString());
                    dialogs.info("ui.vscode.title", Messages.get("ui.vscode.notFound"));
                }
                // VS Code cannot be handed a Jupyter URL: copy it for "Existing Jupyter Server", and say so.
                openTunnel(item, false, "ui.vscode.copied").thenAccept(url -> clipboard.accept(url.text()));
            }).exceptionally(this::fail);
        }).exceptionally(this::fail);
    }

    private boolean launch(VsCodePlan plan) {
        if (plan.needsConfigBlock()) {
            vsCode.writeBlock(plan);
        }
        return vsCode.launch(plan);
    }

    @Override
    public void loadJupyterStatus(TargetItem item) {
        SshServer server = sshServer(item);
        if (server == null) {
            return;
        }
        executors.supply(() -> jupyter.status(server)).whenComplete((status, failure) -> {
            if (failure != null) {
                LOG.debug("Jupyter status of {} unknown", server.name(), failure);
            } else {
                item.jupyterProperty().set(status);
            }
        });
    }

    @Override
    public void setUpJupyter(TargetItem item) {
        SshServer server = sshServer(item);
        if (server == null) {
            return;
        }
        JupyterSetupViewModel wizard = new JupyterSetupViewModel(server, "zh".equals(Messages.locale().getLanguage()));
        if (!dialogs.form(View.JUPYTER_SETUP, wizard, "ui.jupyter.title", wizard.validProperty())) {
            return;
        }
        SetupOptions options = wizard.toOptions();
        ProgressModel progress = new ProgressModel(executors.fx());
        dialogs.progress("ui.jupyter.title", progress);
        interactive(() -> {
            try {
                return jupyter.setup(server, options, progress);
            } finally {
                if (options.password() != null) {
                    Arrays.fill(options.password(), '\0');
                }
            }
        }).whenComplete((status, failure) -> {
            if (failure != null) {
                progress.finish(false, message(failure));
            } else {
                item.jupyterProperty().set(status);
                progress.finish(true, Messages.get("ui.jupyter.done", server.name(), String.valueOf(status.port())));
            }
        });
    }

    @Override
    public void startJupyter(TargetItem item) {
        control(item, jupyter::start);
    }

    @Override
    public void stopJupyter(TargetItem item) {
        item.notebookUrlProperty().set(null);
        // Closing a tunnel waits for its connections to end: off the FX thread, before Jupyter stops.
        control(item, server -> {
            tunnels.close(server.name());
            jupyter.stop(server);
        });
    }

    private void control(TargetItem item, Consumer<SshServer> action) {
        SshServer server = sshServer(item);
        if (server == null) {
            return;
        }
        interactive(() -> {
            action.accept(server);
            return jupyter.status(server);
        }).thenAccept(status -> item.jupyterProperty().set(status)).exceptionally(this::fail);
    }

    @Override
    public void showJupyterLogs(TargetItem item) {
        SshServer server = sshServer(item);
        if (server == null) {
            return;
        }
        interactive(() -> jupyter.logs(server, LOG_LINES))
                .thenAccept(lines -> dialogs.text("ui.jupyter.logs.title", Messages.get("ui.jupyter.logs.header",
                        server.name(), lines.size()), lines.isEmpty() ? List.of(Messages.get("ui.jupyter.logs.empty")) : lines))
                .exceptionally(this::fail);
    }

    @Override
    public void removeJupyter(TargetItem item) {
        SshServer server = sshServer(item);
        if (server == null || !dialogs.confirm("ui.jupyter.remove.title", "ui.jupyter.remove.message",
                "ui.jupyter.remove.ok", server.name())) {
            return;
        }
        item.notebookUrlProperty().set(null);
        ProgressModel progress = new ProgressModel(executors.fx());
        dialogs.progress("ui.jupyter.remove.title", progress);
        interactive(() -> {
            tunnels.close(server.name());
            jupyter.remove(server, progress);
            return jupyter.status(server);
        }).whenComplete((status, failure) -> {
            if (failure != null) {
                progress.finish(false, message(failure));
            } else {
                item.jupyterProperty().set(status);
                progress.finish(true, Messages.get("ui.jupyter.remove.done", server.name()));
            }
        });
    }

    @Override
    public void showTunnels() {
        TunnelsViewModel tunnelsModel = new TunnelsViewModel(tunnels, heldForwards, executors);
        try (TunnelsViewModel.Following following = tunnelsModel.follow()) {
            dialogs.show(View.TUNNELS, tunnelsModel, "ui.tunnels.title");
        }
    }

    /** Runs {@code work} in the background while SSH may ask the user (host key, passphrase). */
    private <T> CompletableFuture<T> interactive(Supplier<T> work) {
        return executors.supply(() -> {
            try (FxSshPrompts.Scope asking = live.prompts().interactive()) {
                return work.get();
            }
        });
    }

    private static SshServer sshServer(TargetItem item) {
        return item != null && item.target() instanceof SshServer server ? server : null;
    }

    private static String message(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof TetherException e) {
            return e.getLocalizedMessage();
        }
        LOG.error("Unexpected failure", cause);
        return Messages.get("error.unexpected", String.valueOf(cause));
    }

    private <T> T fail(Throwable failure) {
        dialogs.error(failure);
        return null;
    }

    /** The JupyterStatus line the detail pane shows. */
    static String describe(JupyterStatus status) {
        if (!status.setUp() && !status.running()) {
            return Messages.get("ui.jupyter.state.notSetUp");
        }
        if (!status.running()) {
            return Messages.get("ui.jupyter.state.stopped");
        }
        if (status.withoutUi()) {
            return Messages.get("ui.jupyter.state.noUi", status.port() == null ? "?" : String.valueOf(status.port()));
        }
        return Messages.get("ui.jupyter.state.running", status.port() == null ? "?" : String.valueOf(status.port()),
                status.version() == null ? "?" : status.version(), status.kernels() == null ? 0 : status.kernels());
    }

    @Override
    public void close() {
        cloudStatus.close();
        forwards.close();
        heldForwards.close();
        tunnels.close();
        live.close();
    }
}
