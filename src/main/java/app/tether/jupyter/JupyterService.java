package app.tether.jupyter;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import app.tether.ssh.CommandResult;
import app.tether.ssh.RemoteShell;
import app.tether.ssh.SshSessions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up Jupyter on an SSH server as a service, one reported step at a time (detect, install, configure,
 * secret, service, start and verify), and runs its lifecycle afterwards: start, stop, restart, status, logs and
 * remove. What was set up is kept on the server in a small state file, so any Tether can manage it later.
 */
public final class JupyterService {
    private static final Logger LOG = LoggerFactory.getLogger(JupyterService.class);
    /** Tether's directory on the server, under the remote user's home. */
    public static final String STATE_DIR = ".local/share/tether/jupyter";
    static final String STATE_FILE = STATE_DIR + "/state.json";

    private static final Duration DETECT_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration QUICK = Duration.ofSeconds(60);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration START_WAIT = Duration.ofSeconds(90);
    private static final int STEPS = 7;
    private static final int REMOVE_STEPS = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SshSessions sessions;
    private final JupyterSecrets secrets;

    public JupyterService(SshSessions sessions, Environment env) {
        this.sessions = sessions;
        this.secrets = new JupyterSecrets(env);
    }

    /** Provisions Jupyter on {@code t} as asked and leaves it running and verified; returns what runs now. */
    public JupyterStatus setup(SshServer t, SetupOptions o, Progress p) {
        validate(o);
        LOG.info("Jupyter setup on {}: {}", t.name(), o);
        RemoteShell shell = sessions.shell(t);
        RemoteFiles files = new RemoteFiles(shell);
        SecretFilter filter = new SecretFilter();
        secrets.token(t.name()).ifPresent(filter::add);
        Consumer<String> out = line -> p.line(filter.apply(line));

        p.step(0, STEPS, Messages.get("jupyter.step.detect"));
        Optional<RemoteState> old = readState(files);
        old.ifPresent(previous -> {
            out.accept(Messages.get("jupyter.setup.stoppingOld", previous.service().id()));
            try {
                new ServiceControl(shell, previous).stop(out);
            } catch (TetherException e) {
                out.accept(e.getLocalizedMessage());
            }
        });
        int portStart = o.port() != null ? o.port() : t.jupyter().portOrDefault();
        Detection found = detect(shell, o.environment(), portStart);
        if (found.python().isEmpty() && "auto".equals(found.envKind())) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.noPython");
        }
        report(found, out);

        p.step(1, STEPS, Messages.get("jupyter.step.install"));
        found = install(shell, found, o, portStart, out);
        boolean lab = found.hasJupyterLab();
        if (lab) {
            out.accept(Messages.get("jupyter.setup.usingLab", found.jupyterLabVersion(), found.python()));
        } else {
            out.accept(Messages.get("jupyter.setup.usingServer", found.jupyterServerVersion(), found.python()));
        }
        int port = choosePort(o, found, portStart, out);

        p.step(2, STEPS, Messages.get("jupyter.step.configure"));
        String home = requireAbsolute(found.home());
        String stateDir = home + "/" + STATE_DIR;
        String notebookDir = notebookDir(o.notebookDir() != null ? o.notebookDir() : t.jupyter().notebookDir(), home);
        files.directory(notebookDir);
        String configFile = home + "/.jupyter/" + JupyterConfigBlock.fileName(lab);
        String backupFile = configFile + ".tether-backup";
        if (old.isPresent() && !old.get().configFile().equals(configFile)) {
            revertConfig(files, old.get(), out);
        }
        Optional<byte[]> existing = files.read(configFile);
        boolean created = old.filter(s -> s.configFile().equals(configFile)).map(RemoteState::configCreated)
                .orElse(existing.isEmpty());
        String hash = o.password() != null ? PasswordHash.hash(o.password()) : null;
        JupyterConfigBlock.Settings settings = new JupyterConfigBlock.Settings(found.serverMajorVersion(), port,
                notebookDir, found.root(), hash, o.openToNetwork());
        String before = existing.map(JupyterService::bytesAsText).orElse(null);
        String after = JupyterConfigBlock.apply(before, settings);
        if (existing.isPresent()) {
            files.backupOnce(configFile, backupFile);
        }
        if (!after.equals(before)) {
            files.write(configFile, after.getBytes(StandardCharsets.ISO_8859_1), "644", true, false);
        }
        out.accept(Messages.get("jupyter.setup.configWritten", configFile));
        if (o.openToNetwork()) {
            out.accept(Messages.get("jupyter.setup.networkWarning", port));
        }

        p.step(3, STEPS, Messages.get("jupyter.step.secret"));
        files.privateDirectory(stateDir);
        String token = null;
        if (hash == null) {
            token = secrets.token(t.name()).orElseGet(JupyterService::newToken);
            filter.add(token);
        }
        byte[] envFile = (token != null ? "JUPYTER_TOKEN=" + token + "\n" : "# password login: no token\n")
                .getBytes(StandardCharsets.US_ASCII);
        files.write(stateDir + "/env", envFile, "600", false, false);
        if (token != null) {
            secrets.saveToken(t.name(), token);
            out.accept(Messages.get("jupyter.setup.tokenStored"));
        } else {
            secrets.delete(t.name());
            out.accept(Messages.get("jupyter.setup.passwordStored"));
        }

        p.step(4, STEPS, Messages.get("jupyter.step.service"));
        ServiceKind kind = chooseService(o.service(), found);
        List<String> command = List.of(found.python(), "-m", lab ? "jupyterlab" : "jupyter_server");
        String unit = switch (kind) {
            case SYSTEMD_USER -> ServiceUnits.USER_UNIT;
            case SYSTEMD_SYSTEM -> ServiceUnits.systemUnitName(found.user());
            default -> null;
        };
        String unitFile = switch (kind) {
            case SYSTEMD_USER -> home + "/.config/systemd/user/" + unit;
            case SYSTEMD_SYSTEM -> "/etc/systemd/system/" + unit;
            default -> null;
        };
        RemoteState state = new RemoteState(RemoteState.VERSION, kind, command, port, found.user(), home, stateDir,
                configFile, backupFile, created, unit, unitFile, notebookDir, found.jupyterServerVersion(),
                found.jupyterLabVersion(), hash != null);
        if (old.isPresent() && old.get().unitFile() != null && !old.get().unitFile().equals(unitFile)) {
            removeUnit(shell, files, old.get(), out);
        }
        ServiceControl control = new ServiceControl(shell, state);
        if (kind != ServiceKind.BACKGROUND) {
            ServiceUnits.Spec spec = new ServiceUnits.Spec(command, home, state.envFile());
            String text = kind == ServiceKind.SYSTEMD_USER ? ServiceUnits.userUnit(spec)
                    : ServiceUnits.systemUnit(spec, found.user());
            files.write(unitFile, text.getBytes(StandardCharsets.UTF_8), "644", false, control.needsSudo());
            control.enable(out);
            if (kind == ServiceKind.SYSTEMD_USER && !found.linger()) {
                enableLinger(shell, found.user(), out);
            }
        }
        files.write(home + "/" + STATE_FILE, state.toJson(), "600", false, false);
        out.accept(Messages.get("jupyter.setup.service." + kind.id(), unitFile == null ? state.logFile() : unitFile));

        p.step(5, STEPS, Messages.get("jupyter.step.start"));
        control.restart(out);
        JupyterStatus status = verify(t, state, token, control, filter, out);

        p.step(6, STEPS, Messages.get("jupyter.step.discover"));
        String url = discoverUrl(shell, state);
        out.accept(Messages.get("jupyter.setup.done", url));
        LOG.info("Jupyter set up on {}: {} on port {}", t.name(), kind.id(), port);
        return status;
    }

    public void start(SshServer t) {
        control(t).start(logged(t));
    }

    public void stop(SshServer t) {
        control(t).stop(logged(t));
    }

    public void restart(SshServer t) {
        control(t).restart(logged(t));
    }

    /** Whether Tether set Jupyter up on {@code t}, whether it runs, and what it reports about itself. */
    public JupyterStatus status(SshServer t) {
        RemoteShell shell = sessions.shell(t);
        Optional<RemoteState> found = readState(new RemoteFiles(shell));
        if (found.isEmpty()) {
            return JupyterStatus.notSetUp();
        }
        RemoteState state = found.get();
        if (!new ServiceControl(shell, state).running()) {
            return new JupyterStatus(true, false, state.port(), state.service(), state.serverVersion(), null, null);
        }
        String token = secrets.token(t.name()).orElse(null);
        return withForward(t, state.port(), base -> {
            JupyterApi api = new JupyterApi(base, token, HTTP_TIMEOUT);
            String version = state.serverVersion();
            Integer kernels = null;
            java.time.Instant lastActivity = null;
            try {
                version = api.version();
                if (token != null) {
                    JupyterApi.ServerState server = api.state();
                    kernels = server.kernels();
                    lastActivity = server.lastActivity();
                }
            } catch (TetherException e) {
                LOG.info("Jupyter on {} runs but did not answer: {}", t.name(), e.getMessage());
            }
            return new JupyterStatus(true, true, state.port(), state.service(), version, kernels, lastActivity);
        });
    }

    /** The last {@code lines} lines of the server's log, tokens masked. */
    public List<String> logs(SshServer t, int lines) {
        SecretFilter filter = new SecretFilter();
        secrets.token(t.name()).ifPresent(filter::add);
        return control(t).logs(lines).stream().map(filter::apply).toList();
    }

    /** Stops and removes the service, the managed block (restoring the backup), the env and state files. */
    public void remove(SshServer t, Progress p) {
        RemoteShell shell = sessions.shell(t);
        RemoteFiles files = new RemoteFiles(shell);
        SecretFilter filter = new SecretFilter();
        secrets.token(t.name()).ifPresent(filter::add);
        Consumer<String> out = line -> p.line(filter.apply(line));
        RemoteState state = readState(files).orElseThrow(
                () -> new TetherException(ErrorCode.NOT_FOUND, "jupyter.error.notSetUp", t.name()));
        p.step(0, REMOVE_STEPS, Messages.get("jupyter.step.stop"));
        new ServiceControl(shell, state).disable(out);
        p.step(1, REMOVE_STEPS, Messages.get("jupyter.step.removeUnit"));
        removeUnit(shell, files, state, out);
        p.step(2, REMOVE_STEPS, Messages.get("jupyter.step.restoreConfig"));
        revertConfig(files, state, out);
        p.step(3, REMOVE_STEPS, Messages.get("jupyter.step.removeState"));
        String dir = state.stateDir();
        files.delete(false, dir + "/env", dir + "/jupyter.pid", dir + "/jupyter.log", dir + "/state.json");
        secrets.delete(t.name());
        LOG.info("Jupyter removed from {}", t.name());
    }

    // ---- setup steps ----

    private static void validate(SetupOptions o) {
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

    private static void report(Detection found, Consumer<String> out) {
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
    private Detection install(RemoteShell shell, Detection found, SetupOptions o, int portStart, Consumer<String> out) {
        if (!InstallPlan.wanted(found, o.install())) {
            if (!found.envFound() && !"auto".equals(found.envKind())) {
                throw new TetherException(ErrorCode.NOT_FOUND, "jupyter.error.envNotFound", o.environment());
            }
            if (!found.hasJupyterServer()) {
                throw new TetherException(ErrorCode.NOT_FOUND, "jupyter.error.noJupyter", found.python());
            }
            out.accept(Messages.get("jupyter.install.skipped"));
            return found;
        }
        String environment = o.environment();
        Detection target = found;
        Optional<InstallPlan.Prepare> prepare = InstallPlan.prepare(found, o,
                found.home() + "/" + STATE_DIR + "/venv");
        if (prepare.isEmpty() && !found.envFound() && !"auto".equals(found.envKind())) {
            throw new TetherException(ErrorCode.NOT_FOUND, "conda".equals(found.envKind())
                    ? "jupyter.error.noConda" : "jupyter.error.noPython", String.valueOf(o.environment()));
        }
        if (prepare.isPresent()) {
            if (runInstall(shell, prepare.get().command(), out) != 0) {
                return fallBack(found, out);
            }
            environment = prepare.get().environment();
            target = detect(shell, environment, portStart);
        }
        if (target.python().isEmpty()) {
            return fallBack(found, out);
        }
        for (List<String> command : InstallPlan.packages(target, o)) {
            if (runInstall(shell, command, out) != 0) {
                return fallBack(found, out);
            }
        }
        Detection after = detect(shell, environment, portStart);
        return after.hasJupyterServer() ? after : fallBack(found, out);
    }

    private static int runInstall(RemoteShell shell, List<String> command, Consumer<String> out) {
        out.accept("$ " + RemoteShell.quote(command));
        int code = shell.run(command, out, out, INSTALL_TIMEOUT);
        LOG.info("Install command {} exited {}", command.get(0), code);
        return code;
    }

    private static Detection fallBack(Detection before, Consumer<String> out) {
        if (before.hasJupyterServer()) {
            out.accept(Messages.get("jupyter.install.fallback", before.jupyterServerVersion(), before.python()));
            return before;
        }
        throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.install");
    }

    private static int choosePort(SetupOptions o, Detection found, int portStart, Consumer<String> out) {
        Integer free = found.freePort();
        if (o.port() != null) {
            if (free == null || free.intValue() != o.port()) {
                throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.portBusy", o.port());
            }
            return o.port();
        }
        if (free == null) {
            return portStart;
        }
        if (free != portStart) {
            out.accept(Messages.get("jupyter.setup.portMoved", portStart, free));
        }
        return free;
    }

    /** The service kind to use: as asked when possible, else the best the server offers. */
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

    private static void enableLinger(RemoteShell shell, String user, Consumer<String> out) {
        CommandResult result = shell.capture(List.of("loginctl", "enable-linger", user), QUICK);
        out.accept(Messages.get(result.ok() ? "jupyter.setup.linger" : "jupyter.setup.noLinger"));
    }

    /** Waits for /api/status to answer through a short-lived forward: 200 with the token, 403 without. */
    private JupyterStatus verify(SshServer t, RemoteState state, String token, ServiceControl control,
            SecretFilter filter, Consumer<String> out) {
        return withForward(t, state.port(), base -> {
            JupyterApi withToken = new JupyterApi(base, token, HTTP_TIMEOUT);
            JupyterApi without = new JupyterApi(base, null, HTTP_TIMEOUT);
            long deadline = System.nanoTime() + START_WAIT.toNanos();
            int attempts = 0;
            int code;
            while (true) {
                try {
                    code = (token != null ? withToken : without).statusCode();
                    break;
                } catch (TetherException notYet) {
                    attempts++;
                    boolean late = System.nanoTime() > deadline;
                    if (late || (attempts % 10 == 0 && !control.running())) {
                        tail(control, filter, out);
                        throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.notAnswering",
                                state.port());
                    }
                    pause();
                }
            }
            int anonymous = token != null ? without.statusCode() : code;
            if ((token != null && code != 200) || anonymous != 403) {
                tail(control, filter, out);
                throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.verify", code, anonymous);
            }
            out.accept(Messages.get(token != null ? "jupyter.setup.verified" : "jupyter.setup.verifiedPassword"));
            String version = state.serverVersion();
            Integer kernels = null;
            java.time.Instant last = null;
            try {
                version = without.version();
                if (token != null) {
                    JupyterApi.ServerState server = withToken.state();
                    kernels = server.kernels();
                    last = server.lastActivity();
                }
            } catch (TetherException e) {
                LOG.info("Jupyter status after setup: {}", e.getMessage());
            }
            return new JupyterStatus(true, true, state.port(), state.service(), version, kernels, last);
        });
    }

    private static void tail(ServiceControl control, SecretFilter filter, Consumer<String> out) {
        try {
            control.logs(20).forEach(line -> out.accept(filter.apply(line)));
        } catch (TetherException e) {
            out.accept(e.getLocalizedMessage());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TetherException(ErrorCode.FAILURE, "jupyter.error.cancelled");
        }
    }

    /** Runs {@code work} with a local port forwarded to the server's 127.0.0.1:port for its duration. */
    private <T> T withForward(SshServer t, int port, Function<URI, T> work) {
        ClientSession session = sessions.session(t);
        SshdSocketAddress local;
        try {
            local = session.startLocalPortForwarding(new SshdSocketAddress("127.0.0.1", 0),
                    new SshdSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, e, "jupyter.error.forward", port, e.getMessage());
        }
        try {
            return work.apply(URI.create("http://127.0.0.1:" + local.getPort() + "/"));
        } finally {
            try {
                session.stopLocalPortForwarding(local);
            } catch (IOException e) {
                LOG.info("Closing the forward to {} failed: {}", port, e.toString());
            }
        }
    }

    /** The server's own URL from its runtime info ({@code jupyter server list --json}); a plain one if it says none. */
    private static String discoverUrl(RemoteShell shell, RemoteState state) {
        String fallback = "http://127.0.0.1:" + state.port() + "/";
        List<String> list = List.of(state.command().get(0), "-m", "jupyter_server", "list", "--json");
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

    private static void removeUnit(RemoteShell shell, RemoteFiles files, RemoteState state, Consumer<String> out) {
        if (state.unitFile() == null) {
            return;
        }
        ServiceControl control = new ServiceControl(shell, state);
        control.disable(out);
        files.delete(control.needsSudo(), state.unitFile());
        control.daemonReload(out);
    }

    /** Takes the managed block out; gives back the original file when nothing else changed since the backup. */
    private static void revertConfig(RemoteFiles files, RemoteState state, Consumer<String> out) {
        Optional<byte[]> current = files.read(state.configFile());
        Optional<byte[]> backup = files.read(state.backupFile());
        if (current.isEmpty()) {
            if (backup.isPresent()) {
                files.move(state.backupFile(), state.configFile());
            }
            return;
        }
        String text = bytesAsText(current.get());
        String stripped = JupyterConfigBlock.remove(text);
        if (backup.isPresent()) {
            String original = bytesAsText(backup.get());
            if (stripped.equals(original) || stripped.equals(original + "\n")) {
                files.move(state.backupFile(), state.configFile());
                out.accept(Messages.get("jupyter.remove.restored", state.configFile()));
                return;
            }
            out.accept(Messages.get("jupyter.remove.backupKept", state.backupFile()));
        }
        if (state.configCreated() && stripped.isBlank()) {
            files.delete(false, state.configFile());
        } else if (!stripped.equals(text)) {
            files.write(state.configFile(), stripped.getBytes(StandardCharsets.ISO_8859_1), "644", true, false);
        }
    }

    // ---- helpers ----

    private ServiceControl control(SshServer t) {
        RemoteShell shell = sessions.shell(t);
        RemoteState state = readState(new RemoteFiles(shell)).orElseThrow(
                () -> new TetherException(ErrorCode.NOT_FOUND, "jupyter.error.notSetUp", t.name()));
        return new ServiceControl(shell, state);
    }

    private Consumer<String> logged(SshServer t) {
        SecretFilter filter = new SecretFilter();
        secrets.token(t.name()).ifPresent(filter::add);
        return line -> LOG.info("{}: {}", t.name(), filter.apply(line));
    }

    private static Optional<RemoteState> readState(RemoteFiles files) {
        return files.read(STATE_FILE).map(RemoteState::parse);
    }

    /** Bytes as chars one to one, so a config file in any encoding is written back unchanged around the block. */
    private static String bytesAsText(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static String notebookDir(String asked, String home) {
        if (asked == null || asked.isBlank()) {
            return home;
        }
        if (asked.equals("~")) {
            return home;
        }
        if (asked.startsWith("~/")) {
            return home + asked.substring(1);
        }
        return asked.startsWith("/") ? asked : home + "/" + asked;
    }

    private static String requireAbsolute(String path) {
        if (!path.startsWith("/")) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.detect", "HOME=" + path);
        }
        return path;
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
