package app.tether.jupyter;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.ssh.CommandResult;
import app.tether.ssh.RemoteShell;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Starts, stops and inspects the Jupyter service Tether set up, whatever its kind: {@code systemctl --user},
 * {@code sudo -n systemctl} for a system unit, or the background script with its pid and log files.
 */
final class ServiceControl {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final RemoteShell shell;
    private final RemoteState state;

    ServiceControl(RemoteShell shell, RemoteState state) {
        this.shell = shell;
        this.state = state;
    }

    /** System units need sudo, unless the remote user is root. */
    boolean needsSudo() {
        return state.service() == ServiceKind.SYSTEMD_SYSTEM && !"root".equals(state.user());
    }

    void start(Consumer<String> output) {
        if (state.service() == ServiceKind.BACKGROUND) {
            expectOk(background("start"), output, "start");
        } else {
            expectOk(systemctl("start", state.unit()), output, "start");
        }
    }

    void stop(Consumer<String> output) {
        if (state.service() == ServiceKind.BACKGROUND) {
            expectOk(background("stop"), output, "stop");
        } else {
            expectOk(systemctl("stop", state.unit()), output, "stop");
        }
    }

    void restart(Consumer<String> output) {
        if (state.service() == ServiceKind.BACKGROUND) {
            stop(output);
            start(output);
        } else {
            expectOk(systemctl("restart", state.unit()), output, "restart");
        }
    }

    boolean running() {
        CommandResult result = state.service() == ServiceKind.BACKGROUND
                ? shell.capture(background("status"), TIMEOUT)
                : shell.capture(systemctl("is-active", state.unit()), TIMEOUT);
        String out = result.stdout().strip();
        return state.service() == ServiceKind.BACKGROUND ? out.startsWith("running") : "active".equals(out);
    }

    /** Reloads the unit files and enables the unit at boot (systemd kinds only). */
    void enable(Consumer<String> output) {
        expectOk(systemctl("daemon-reload"), output, "daemon-reload");
        expectOk(systemctl("enable", state.unit()), output, "enable");
    }

    /** Stops and disables the unit, ignoring a unit that is already gone. */
    void disable(Consumer<String> output) {
        if (state.service() == ServiceKind.BACKGROUND) {
            stop(output);
            return;
        }
        shell.capture(systemctl("disable", "--now", state.unit()), TIMEOUT).stderr().lines().forEach(output);
    }

    void daemonReload(Consumer<String> output) {
        if (state.service() != ServiceKind.BACKGROUND) {
            shell.capture(systemctl("daemon-reload"), TIMEOUT).stderr().lines().forEach(output);
        }
    }

    /** The last {@code lines} lines of the server's log: its journal, or the background log file. */
    List<String> logs(int lines) {
        String count = String.valueOf(Math.max(1, lines));
        List<String> argv = switch (state.service()) {
            case SYSTEMD_USER -> RemoteScripts.sh(RemoteScripts.USER_MANAGER, "journalctl", "--user", "-u",
                    state.unit(), "-n", count, "--no-pager");
            case SYSTEMD_SYSTEM -> RemoteFiles.sudo(List.of("journalctl", "-u", state.unit(), "-n", count,
                    "--no-pager"), needsSudo());
            default -> List.of("tail", "-n", count, state.logFile());
        };
        CommandResult result = shell.capture(argv, TIMEOUT);
        if (!result.ok()) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.logs", result.stderr().strip());
        }
        return result.stdout().lines().toList();
    }

    private List<String> background(String action) {
        List<String> args = new ArrayList<>(List.of(action, state.stateDir()));
        args.addAll(state.command());
        return RemoteScripts.sh(RemoteScripts.BACKGROUND, args);
    }

    private List<String> systemctl(String... args) {
        List<String> argv = new ArrayList<>();
        if (state.service() == ServiceKind.SYSTEMD_USER) {
            argv.addAll(List.of("systemctl", "--user"));
            argv.addAll(List.of(args));
            return RemoteScripts.sh(RemoteScripts.USER_MANAGER, argv);
        }
        argv.add("systemctl");
        argv.addAll(List.of(args));
        return RemoteFiles.sudo(argv, needsSudo());
    }

    private void expectOk(List<String> argv, Consumer<String> output, String what) {
        List<String> errors = new ArrayList<>();
        int code = shell.run(argv, output, line -> {
            errors.add(line);
            output.accept(line);
        }, TIMEOUT);
        if (code != 0) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, "jupyter.error.service", what,
                    errors.isEmpty() ? "exit " + code : String.join(" / ", errors));
        }
    }
}
