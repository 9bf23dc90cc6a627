package app.tether.jupyter;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import app.tether.ssh.RemoteShell;
import app.tether.ssh.SshSessions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up Jupyter on an SSH server as a service ({@link SetupRun}: detect, install, configure, secret, service,
 * start and verify) and runs its lifecycle afterwards: start, stop, restart, status, logs and remove. What was
 * set up is kept on the server in a small state file, so any Tether can manage it later. Every method blocks on
 * the network: call it from a background thread, never the FX thread.
 */
public final class JupyterService {
    private static final Logger LOG = LoggerFactory.getLogger(JupyterService.class);
    /** Tether's directory on the server, under the remote user's home. */
    public static final String STATE_DIR = ".local/share/tether/jupyter";
    static final String STATE_FILE = STATE_DIR + "/state.json";

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration START_WAIT = Duration.ofSeconds(90);
    private static final int REMOVE_STEPS = 4;
    private static final String TOKEN_VARIABLE = "JUPYTER_TOKEN=";

    private final SshSessions sessions;
    private final JupyterSecrets secrets;

    public JupyterService(SshSessions sessions, Environment env) {
        this.sessions = sessions;
        this.secrets = new JupyterSecrets(env);
    }

    /** Provisions Jupyter on {@code t} as asked and leaves it running and verified; returns what runs now. */
    public JupyterStatus setup(SshServer t, SetupOptions o, Progress p) {
        SetupRun.validate(o);
        return new SetupRun(this, secrets, sessions.shell(t), t, o, p).run();
    }

    /** Starts the service and returns once Jupyter answers HTTP (or fails with its last log lines). */
    public void start(SshServer t) {
        controlAndAwait(t, ServiceControl::start);
    }

    public void stop(SshServer t) {
        new ServiceControl(sessions.shell(t), requireState(t)).stop(logged(t));
    }

    /** Restarts the service and returns once Jupyter answers HTTP. */
    public void restart(SshServer t) {
        controlAndAwait(t, ServiceControl::restart);
    }

    /** Runs {@code action} on the service Tether set up on {@code t}, then waits until Jupyter answers HTTP. */
    private void controlAndAwait(SshServer t, BiConsumer<ServiceControl, Consumer<String>> action) {
        RemoteState state = requireState(t);
        ServiceControl control = new ServiceControl(sessions.shell(t), state);
        action.accept(control, logged(t));
        awaitAnswer(t, state, control);
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
        String token = currentToken(t, new RemoteFiles(shell), state).orElse(null);
        return withForward(t, state.port(), base -> describe(t, state, new JupyterApi(base, token, HTTP_TIMEOUT),
                token != null));
    }

    /**
     * The token the server's Jupyter uses now, from its env file; the local copy is brought up to date when it
     * differs (another inventory entry for the same account ran setup), so opening it works without waiting on
     * a refusal. Falls back to the local copy when the server's file cannot be read.
     */
    private Optional<String> currentToken(SshServer t, RemoteFiles files, RemoteState state) {
        Optional<String> local = secrets.token(t.name());
        if (state.password()) {
            return local;
        }
        Optional<String> remote;
        try {
            remote = serverToken(files, state.stateDir());
        } catch (TetherException e) {
            LOG.info("Cannot read the token on {}: {}", t.name(), e.getMessage());
            return local;
        }
        if (remote.isPresent() && !remote.equals(local)) {
            LOG.info("The Jupyter token on {} changed since Tether stored it; storing the current one", t.name());
            secrets.saveToken(t.name(), remote.get());
        }
        return remote.or(() -> local);
    }

    /** The token in the env file in {@code stateDir} on the server, empty when there is none (password login). */
    static Optional<String> serverToken(RemoteFiles files, String stateDir) {
        return files.read(stateDir + "/env").flatMap(bytes -> new String(bytes, StandardCharsets.US_ASCII).lines()
                .filter(line -> line.startsWith(TOKEN_VARIABLE))
                .map(line -> line.substring(TOKEN_VARIABLE.length()).strip())
                .filter(token -> !token.isEmpty())
                .findFirst());
    }

    /** The last {@code lines} lines of the server's log, tokens masked. */
    public List<String> logs(SshServer t, int lines) {
        SecretFilter filter = filter(t);
        return new ServiceControl(sessions.shell(t), requireState(t)).logs(lines).stream().map(filter::apply).toList();
    }

    /**
     * Stops and removes the service, the managed block (restoring the backup, or deleting a config file Tether
     * created), and Tether's directory on the server with the env and state files and Tether's own venv.
     */
    public void remove(SshServer t, Progress p) {
        RemoteShell shell = sessions.shell(t);
        RemoteFiles files = new RemoteFiles(shell);
        SecretFilter filter = filter(t);
        Consumer<String> out = line -> p.line(filter.apply(line));
        RemoteState state = requireState(t);
        p.step(0, REMOVE_STEPS, Messages.get("jupyter.step.stop"));
        new ServiceControl(shell, state).disable(out);
        p.step(1, REMOVE_STEPS, Messages.get("jupyter.step.removeUnit"));
        removeUnit(shell, files, state, out);
        p.step(2, REMOVE_STEPS, Messages.get("jupyter.step.restoreConfig"));
        new ManagedConfig(files).revert(state, out);
        p.step(3, REMOVE_STEPS, Messages.get("jupyter.step.removeState"));
        String dir = state.stateDir();
        if (dir.equals(state.home() + "/" + STATE_DIR)) {
            // all of it is Tether's: env, pid, logs, state and the venv Tether installed JupyterLab into
            files.deleteTree(dir);
            files.removeEmptyDirectory(state.home() + "/" + STATE_DIR.substring(0, STATE_DIR.lastIndexOf('/')));
        } else {
            files.delete(false, dir + "/env", dir + "/jupyter.pid", dir + "/jupyter.log", dir + "/jupyter.log.1",
                    dir + "/state.json");
        }
        secrets.delete(t.name());
        LOG.info("Jupyter removed from {}", t.name());
    }

    /** Waits for /api/status through a short-lived forward and checks access: 200 with the token, 403 without. */
    JupyterStatus verify(SshServer t, RemoteState state, String token, ServiceControl control, SecretFilter filter,
            Consumer<String> out) {
        return withForward(t, state.port(), base -> {
            JupyterApi withToken = new JupyterApi(base, token, HTTP_TIMEOUT);
            JupyterApi without = new JupyterApi(base, null, HTTP_TIMEOUT);
            int code = awaitAnswer(token != null ? withToken : without, state, control, filter, out);
            int anonymous = token != null ? without.statusCode() : code;
            if ((token != null && code != 200) || anonymous != 403) {
                tail(control, filter, out);
                throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.verify", code, anonymous);
            }
            out.accept(Messages.get(token != null ? "jupyter.setup.verified" : "jupyter.setup.verifiedPassword"));
            JupyterStatus status = describe(t, state, withToken, token != null);
            if (status.ui() == NotebookUi.NONE) {
                throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.noUi", t.name());
            }
            out.accept(Messages.get("jupyter.setup.ui", status.ui().path()));
            return status;
        });
    }

    /**
     * What a running server reports: its version, its web interface (a page that exists redirects to the login
     * without a token, so this works for password login too) and, with a token, kernels and the user's activity.
     */
    private static JupyterStatus describe(SshServer t, RemoteState state, JupyterApi api, boolean authorized) {
        String version = state.serverVersion();
        Integer kernels = null;
        Instant lastActivity = null;
        NotebookUi ui = null;
        try {
            version = api.version();
            ui = api.ui();
            if (authorized) {
                JupyterApi.ServerState server = api.state();
                kernels = server.kernels();
                lastActivity = server.lastActivity();
            }
        } catch (TetherException e) {
            LOG.info("Jupyter on {} runs but did not answer: {}", t.name(), e.getMessage());
        }
        return new JupyterStatus(true, true, state.port(), state.service(), version, kernels, lastActivity, ui);
    }

    private void awaitAnswer(SshServer t, RemoteState state, ServiceControl control) {
        withForward(t, state.port(), base -> awaitAnswer(new JupyterApi(base, null, HTTP_TIMEOUT), state, control,
                filter(t), logged(t)));
    }

    /** Polls /api/status until the server answers at all (any HTTP status); fails with its log when it does not. */
    private static int awaitAnswer(JupyterApi api, RemoteState state, ServiceControl control, SecretFilter filter,
            Consumer<String> out) {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        int attempts = 0;
        while (true) {
            try {
                return api.statusCode();
            } catch (TetherException notYet) {
                attempts++;
                boolean late = System.nanoTime() > deadline;
                if (late || (attempts % 10 == 0 && !control.running())) {
                    tail(control, filter, out);
                    throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.notAnswering", state.port());
                }
                pause();
            }
        }
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

    /** Disables and deletes a systemd unit Tether installed (nothing for background). */
    static void removeUnit(RemoteShell shell, RemoteFiles files, RemoteState state, Consumer<String> out) {
        if (state.unitFile() == null) {
            return;
        }
        ServiceControl control = new ServiceControl(shell, state);
        control.disable(out);
        files.delete(control.needsSudo(), state.unitFile());
        control.daemonReload(out);
    }

    static Optional<RemoteState> readState(RemoteFiles files) {
        return files.read(STATE_FILE).map(RemoteState::parse);
    }

    private RemoteState requireState(SshServer t) {
        return readState(new RemoteFiles(sessions.shell(t))).orElseThrow(
                () -> new TetherException(ErrorCode.NOT_FOUND, "jupyter.error.notSetUp", t.name()));
    }

    private SecretFilter filter(SshServer t) {
        SecretFilter filter = new SecretFilter();
        secrets.token(t.name()).ifPresent(filter::add);
        return filter;
    }

    /** Service output of lifecycle commands goes to Tether's log, tokens masked. */
    private Consumer<String> logged(SshServer t) {
        SecretFilter filter = filter(t);
        return line -> LOG.info("{}: {}", t.name(), filter.apply(line));
    }
}
