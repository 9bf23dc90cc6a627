package app.tether.jupyter;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import app.tether.ssh.CommandResult;
import app.tether.ssh.RemoteShell;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code jupyter setup}: the plan of steps (detect, install, configure, secret, service, start and verify,
 * discover), each reported through {@link Progress} with the remote output streamed and tokens masked.
 */
final class SetupRun {
    private static final Logger LOG = LoggerFactory.getLogger(SetupRun.class);
    private static final Duration DETECT_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration QUICK = Duration.ofSeconds(60);
    private static final int STEPS = 7;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JupyterService service;
    private final JupyterSecrets secrets;
    private final SshServer target;
    private final SetupOptions options;
    private final Progress progress;
    private final RemoteShell shell;
    private final RemoteFiles files;
    private final SecretFilter filter = new SecretFilter();
    private final Consumer<String> out;
    /** The package index an install could not reach (credentials masked), or null. */
    private String unreachableIndex;

    SetupRun(JupyterService service, JupyterSecrets secrets, RemoteShell shell, SshServer target, SetupOptions options,
            Progress progress) {
        this.service = service;
        this.secrets = secrets;
        this.shell = shell;
        this.files = new RemoteFiles(shell);
        this.target = target;
        this.options = options;
        this.progress = progress;
        secrets.token(target.name()).ifPresent(filter::add);
        this.out = line -> progress.line(filter.apply(line));
    }

    JupyterStatus run() {
        validate(options);
        LOG.info("Jupyter setup on {}: {}", target.name(), options);

        progress.step(0, STEPS, Messages.get("jupyter.step.detect"));
        Optional<RemoteState> old = JupyterService.readState(files);
        old.ifPresent(this::stopOld);
        int portStart = options.port() != null ? options.port() : target.jupyter().portOrDefault();
        Detection found = detect(shell, options.environment(), portStart);
        if (found.python().isEmpty() && "auto".equals(found.envKind())) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.noPython");
        }
        report(found);

        progress.step(1, STEPS, Messages.get("jupyter.step.install"));
        found = install(found, portStart);
        ServerApp app = ServerApp.of(found);
        out.accept(switch (app) {
            case LAB -> Messages.get("jupyter.setup.usingLab", found.jupyterLabVersion(), found.python());
            case CLASSIC_NOTEBOOK -> Messages.get("jupyter.setup.usingNotebook", found.notebookVersion(), found.python());
            case SERVER -> Messages.get("jupyter.setup.usingServer", found.jupyterServerVersion(), found.python());
        });
        int port = choosePort(found, portStart);
        ServiceKind kind = chooseService(options.service(), found);

        progress.step(2, STEPS, Messages.get("jupyter.step.configure"));
        String home = found.home();
        if (!home.startsWith("/")) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.detect", "HOME=" + home);
        }
        String notebookDir = notebookDir(options.notebookDir() != null ? options.notebookDir()
                : target.jupyter().notebookDir(), home);
        files.directory(notebookDir);
        String configFile = home + "/.jupyter/" + app.configFile();
        ManagedConfig config = new ManagedConfig(files);
        if (old.isPresent() && !old.get().configFile().equals(configFile)) {
            config.revert(old.get(), out);
        }
        String hash = options.password() != null ? PasswordHash.hash(options.password()) : null;
        boolean tetherCreated = old.filter(s -> s.configFile().equals(configFile)).map(RemoteState::configCreated)
                .orElse(false);
        boolean existed = config.apply(configFile, configFile + ".tether-backup", new JupyterConfigBlock.Settings(
                found.serverMajorVersion(), port, notebookDir, found.root(), hash, options.openToNetwork(), app.classic()),
                tetherCreated);
        boolean created = tetherCreated || !existed;
        out.accept(Messages.get("jupyter.setup.configWritten", configFile));
        if (options.openToNetwork()) {
            out.accept(Messages.get("jupyter.setup.networkWarning", port));
        }

        progress.step(3, STEPS, Messages.get("jupyter.step.secret"));
        String stateDir = home + "/" + JupyterService.STATE_DIR;
        String token = writeSecret(stateDir, hash != null);
        RemoteState state = state(found, app, kind, port, stateDir, configFile, created, notebookDir, hash != null);
        // written before the service is installed, so 'remove' can undo a setup that fails from here on
        files.write(home + "/" + JupyterService.STATE_FILE, state.toJson(), "600", false, false);

        progress.step(4, STEPS, Messages.get("jupyter.step.service"));
        if (old.isPresent() && old.get().unitFile() != null && !old.get().unitFile().equals(state.unitFile())) {
            JupyterService.removeUnit(shell, files, old.get(), out);
        }
        ServiceControl control = new ServiceControl(shell, state);
        installService(state, control, found);

        progress.step(5, STEPS, Messages.get("jupyter.step.start"));
        control.restart(out);
        JupyterStatus status = service.verify(target, state, token, control, filter, out);

        progress.step(6, STEPS, Messages.get("jupyter.step.discover"));
        out.accept(Messages.get("jupyter.setup.done", discoverUrl(state)));
        LOG.info("Jupyter set up on {}: {} on port {}", target.name(), kind.id(), port);
        return status;
    }

    private void stopOld(RemoteState previous) {
        out.accept(Messages.get("jupyter.setup.stoppingOld", previous.service().id()));
        try {
            new ServiceControl(shell, previous).stop(out);
        } catch (TetherException e) {
            out.accept(e.getLocalizedMessage());
        }
    }

    static void validate(SetupOptions o) {
        if (o.port() != null && (o.port() < 1 || o.port() > 65535)) {
            throw new TetherException(ErrorCode.USAGE, "jupyter.error.port", o.port());
        }
        if (o.environment() != null && (o.environment().isBlank() || o.environment().chars().anyMatch(c -> c < 0x20))) {
            throw new TetherException(ErrorCode.USAGE, "jupyter.error.environment", o.environment());
        }
        if (o.openToNetwork() && o.password() == null) {
            throw new TetherException(ErrorCode.USAGE, "jupyter.error.networkNeedsPassword");
        }
        for (String extra : o.extras()) {
            if (!SetupOptions.KNOWN_EXTRAS.contains(extra)) {
                throw new TetherException(ErrorCode.USAGE, "jupyter.error.extra", extra);
            }
        }
        if (o.indexUrl() != null && !o.indexUrl().matches("(?i)https?://\\S+")) {
            throw new TetherException(ErrorCode.USAGE, "jupyter.error.indexUrl", o.indexUrl());
        }
    }

    private static Detection detect(RemoteShell shell, String environment, int portStart) {
        CommandResult result = shell.capture(RemoteScripts.sh(RemoteScripts.DETECT,
                environment == null ? "" : environment, String.valueOf(portStart)), DETECT_TIMEOUT);
        if (!result.ok()) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.detect", result.stderr().strip());
        }
        return Detection.parse(result.stdout());
    }

    private void report(Detection found) {
        String none = Messages.get("jupyter.detect.none");
        out.accept(Messages.get("jupyter.detect.user", found.user(), found.home()));
        out.accept(Messages.get("jupyter.detect.python", found.python().isEmpty() ? none : found.python(),
                found.get("python_version").isEmpty() ? none : found.get("python_version")));
        out.accept(Messages.get("jupyter.detect.jupyter",
                found.hasJupyterServer() ? found.jupyterServerVersion() : none,
                found.hasJupyterLab() ? found.jupyterLabVersion() : none));
        out.accept(Messages.get("jupyter.detect.conda", found.conda().isEmpty() ? none : found.conda()));
        out.accept(Messages.get("jupyter.detect.systemd", yesNo(found.systemd()), yesNo(found.systemdUser()),
                yesNo(found.linger()), yesNo(found.privileged())));
    }

    private static String yesNo(boolean value) {
        return Messages.get(value ? "jupyter.yes" : "jupyter.no");
    }

    /** Installs when asked and returns what is there afterwards; falls back to an existing server if it fails. */
    private Detection install(Detection found, int portStart) {
        if (!InstallPlan.wanted(found, options.install())) {
            if (!found.envFound() && !"auto".equals(found.envKind())) {
                throw new TetherException(ErrorCode.NOT_FOUND, "jupyter.error.envNotFound", options.environment());
            }
            if (!found.hasServer()) {
                throw new TetherException(ErrorCode.NOT_FOUND, "jupyter.error.noJupyter", found.python());
            }
            out.accept(Messages.get("jupyter.install.skipped"));
            return found;
        }
        String environment = options.environment();
        Detection into = found;
        Optional<InstallPlan.Prepare> prepare = InstallPlan.prepare(found, options,
                found.home() + "/" + JupyterService.STATE_DIR + "/venv");
        if (prepare.isEmpty() && !found.envFound() && !"auto".equals(found.envKind())) {
            throw new TetherException(ErrorCode.NOT_FOUND, "conda".equals(found.envKind())
                    ? "jupyter.error.noConda" : "jupyter.error.noPython", String.valueOf(options.environment()));
        }
        if (prepare.isPresent()) {
            if (runInstall(prepare.get().command()) != 0) {
                return abandon(prepare, found);
            }
            environment = prepare.get().environment();
            into = detect(shell, environment, portStart);
        }
        if (into.python().isEmpty()) {
            return abandon(prepare, found);
        }
        for (List<String> command : InstallPlan.packages(into, options)) {
            if (runInstall(command) != 0) {
                return abandon(prepare, found);
            }
        }
        Detection after = detect(shell, environment, portStart);
        return after.hasServer() ? after : abandon(prepare, found);
    }

    /** Installing failed: deletes the environment this setup made for it (none half-made is left), then falls back. */
    private Detection abandon(Optional<InstallPlan.Prepare> prepared, Detection before) {
        List<String> undo = prepared.map(InstallPlan.Prepare::undo).orElse(List.of());
        if (!undo.isEmpty()) {
            CommandResult removed = shell.capture(undo, QUICK);
            out.accept(Messages.get(removed.ok() ? "jupyter.install.undone" : "jupyter.install.undoFailed",
                    prepared.get().environment(), removed.stderr().strip()));
        }
        return fallBack(before);
    }

    private int runInstall(List<String> command) {
        out.accept("$ " + RemoteShell.quote(command));
        int at = command.indexOf("--index-url");
        PipOutput out = new PipOutput(this.out);
        int code;
        if (at >= 0 && SecretFilter.hasUrlCredentials(command.get(at + 1))) {
            // A private index's password reaches pip through its environment, read from stdin, never argv/ps.
            List<String> rest = new java.util.ArrayList<>(command);
            String url = rest.remove(at + 1);
            rest.remove(at);
            List<String> wrapped = new java.util.ArrayList<>(List.of("sh", "-c",
                    "PIP_INDEX_URL=$(cat) && export PIP_INDEX_URL && exec \"$@\"", "sh"));
            wrapped.addAll(rest);
            code = shell.run(wrapped, url.getBytes(java.nio.charset.StandardCharsets.UTF_8), out, out, INSTALL_TIMEOUT);
        } else {
            code = shell.run(command, out, out, INSTALL_TIMEOUT);
        }
        LOG.info("Install command {} exited {}", command.get(0), code);
        if (code != 0 && out.unreachableReason() != null) {
            unreachableIndex = options.indexUrl() != null ? SecretFilter.maskUrlCredentials(options.indexUrl())
                    : Messages.get("jupyter.install.defaultIndex");
            this.out.accept(Messages.get("jupyter.install.indexUnreachable", unreachableIndex, out.unreachableReason()));
        }
        return code;
    }

    /** Where JupyterLab cannot be installed but a Jupyter server exists: use it, and say so. */
    private Detection fallBack(Detection before) {
        if (before.hasServer()) {
            out.accept(Messages.get("jupyter.install.fallback", before.serverVersion(), before.python()));
            return before;
        }
        if (unreachableIndex != null) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.indexUnreachable", unreachableIndex,
                    target.name());
        }
        throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.install");
    }

    private int choosePort(Detection found, int portStart) {
        Integer free = found.freePort();
        if (options.port() != null) {
            if (free == null || free.intValue() != options.port()) {
                throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.portBusy", options.port());
            }
            return options.port();
        }
        if (free == null) {
            return portStart;
        }
        if (free != portStart) {
            out.accept(Messages.get("jupyter.setup.portMoved", portStart, free));
        }
        return free;
    }

    /** The service kind to use: as asked when the server can do it, else (auto) the best it offers. */
    static ServiceKind chooseService(ServiceKind asked, Detection found) {
        boolean systemSystemd = found.systemd() && found.privileged();
        return switch (asked) {
            case AUTO -> found.systemdUser() ? ServiceKind.SYSTEMD_USER
                    : systemSystemd ? ServiceKind.SYSTEMD_SYSTEM : ServiceKind.BACKGROUND;
            case SYSTEMD_USER -> {
                if (!found.systemdUser()) {
                    throw new TetherException(ErrorCode.INVALID, "jupyter.error.noSystemdUser");
                }
                yield asked;
            }
            case SYSTEMD_SYSTEM -> {
                if (!systemSystemd) {
                    throw new TetherException(ErrorCode.INVALID, "jupyter.error.noSystemdSystem");
                }
                yield asked;
            }
            case BACKGROUND -> asked;
        };
    }

    /** Writes the 0600 env file (token, or nothing for a password) and keeps the token locally; returns it. */
    private String writeSecret(String stateDir, boolean password) {
        files.privateDirectory(stateDir);
        String token = null;
        if (!password) {
            // The server's Jupyter is one per account: a token it already has (an earlier setup, maybe through
            // another inventory entry for the same account) is kept, so no entry's copy stops matching.
            Optional<String> onServer = JupyterService.serverToken(files, stateDir);
            onServer.ifPresent(filter::add);
            token = onServer.or(() -> secrets.token(target.name())).orElseGet(SetupRun::newToken);
            filter.add(token);
            if (onServer.isPresent() && !onServer.equals(secrets.token(target.name()))) {
                out.accept(Messages.get("jupyter.setup.tokenKept"));
            }
        }
        byte[] envFile = (token != null ? "JUPYTER_TOKEN=" + token + "\n" : "# password login: no token\n")
                .getBytes(StandardCharsets.US_ASCII);
        files.write(stateDir + "/env", envFile, "600", false, false);
        if (token != null) {
            secrets.saveToken(target.name(), token);
            out.accept(Messages.get("jupyter.setup.tokenStored"));
        } else {
            secrets.delete(target.name());
            out.accept(Messages.get("jupyter.setup.passwordStored"));
        }
        return token;
    }

    private static RemoteState state(Detection found, ServerApp app, ServiceKind kind, int port, String stateDir,
            String configFile, boolean created, String notebookDir, boolean password) {
        List<String> command = List.of(found.python(), "-m", app.module());
        String unit = switch (kind) {
            case SYSTEMD_USER -> ServiceUnits.USER_UNIT;
            case SYSTEMD_SYSTEM -> ServiceUnits.systemUnitName(found.user());
            default -> null;
        };
        String unitFile = switch (kind) {
            case SYSTEMD_USER -> found.home() + "/.config/systemd/user/" + unit;
            case SYSTEMD_SYSTEM -> "/etc/systemd/system/" + unit;
            default -> null;
        };
        return new RemoteState(RemoteState.VERSION, kind, command, port, found.user(), found.home(), stateDir,
                configFile, configFile + ".tether-backup", created, unit, unitFile, notebookDir,
                found.serverVersion(), found.jupyterLabVersion(), password);
    }

    /** Writes and enables the systemd unit (and lingering for a user unit); nothing to install for background. */
    private void installService(RemoteState state, ServiceControl control, Detection found) {
        if (state.service() != ServiceKind.BACKGROUND) {
            ServiceUnits.Spec spec = new ServiceUnits.Spec(state.command(), state.home(), state.envFile());
            String text = state.service() == ServiceKind.SYSTEMD_USER ? ServiceUnits.userUnit(spec)
                    : ServiceUnits.systemUnit(spec, state.user());
            files.write(state.unitFile(), text.getBytes(StandardCharsets.UTF_8), "644", false, control.needsSudo());
            control.enable(out);
            if (state.service() == ServiceKind.SYSTEMD_USER && !found.linger()) {
                enableLinger(state.user(), found);
            }
        }
        out.accept(Messages.get("jupyter.setup.service." + state.service().id(),
                state.unitFile() == null ? state.logFile() : state.unitFile()));
    }

    /**
     * Lets the user's manager run without a login and start at boot. Without polkit (most servers) logind lets only
     * root enable lingering, even for oneself: then it is done through sudo where the user has it.
     */
    private void enableLinger(String user, Detection found) {
        List<String> argv = List.of("loginctl", "enable-linger", user);
        CommandResult linger = shell.capture(argv, QUICK);
        if (!linger.ok() && found.privileged() && !found.root()) {
            LOG.info("loginctl enable-linger without sudo failed: {}", linger.stderr().strip());
            linger = shell.capture(RemoteFiles.sudo(argv, true), QUICK);
        }
        out.accept(linger.ok() ? Messages.get("jupyter.setup.linger")
                : Messages.get("jupyter.setup.noLinger", linger.stderr().strip()));
    }

    /** The server's own URL from its runtime info ({@code jupyter server list --json}); a plain one if it says none. */
    private String discoverUrl(RemoteState state) {
        String fallback = "http://127.0.0.1:" + state.port() + "/";
        String module = ServerApp.CLASSIC_NOTEBOOK.module().equals(state.command().get(2)) ? "notebook" : "jupyter_server";
        List<String> list = List.of(state.command().get(0), "-m", module, "list", "--json");
        try {
            CommandResult result = shell.capture(list, QUICK);
            return RuntimeInfo.parseServerList(result.stdout()).stream()
                    .filter(info -> info.port() == state.port())
                    .map(RuntimeInfo::url)
                    .filter(url -> !url.isEmpty())
                    .findFirst().orElse(fallback);
        } catch (TetherException e) {
            LOG.info("No runtime info: {}", e.getMessage());
            return fallback;
        }
    }

    static String notebookDir(String asked, String home) {
        if (asked == null || asked.isBlank() || asked.equals("~")) {
            return home;
        }
        if (asked.startsWith("~/")) {
            return home + asked.substring(1);
        }
        return asked.startsWith("/") ? asked : home + "/" + asked;
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
