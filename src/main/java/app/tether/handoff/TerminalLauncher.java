package app.tether.handoff;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import app.tether.ssh.RemoteShell;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "Open terminal": starts the user's terminal emulator running OpenSSH's {@code ssh} to a server, with the
 * same alias, user, port, key and jump host Tether uses (and the same ~/.ssh/known_hosts). Everything is passed
 * as argv. The one exception is macOS, whose Terminal only runs scripts: there the ssh line is written with
 * {@link RemoteShell#quote} into a private {@code .command} file.
 */
public final class TerminalLauncher {
    /** Linux terminals in the order tried, each with the option that runs a command (argv after it). */
    private static final List<List<String>> LINUX = List.of(
            List.of("x-terminal-emulator", "-e"),
            List.of("gnome-terminal", "--"),
            List.of("konsole", "-e"),
            List.of("xfce4-terminal", "-x"),
            List.of("xterm", "-e"));

    private final Environment environment;
    private final String osName;

    public TerminalLauncher(Environment environment) {
        this(environment, System.getProperty("os.name", ""));
    }

    TerminalLauncher(Environment environment, String osName) {
        this.environment = environment;
        this.osName = osName.toLowerCase(Locale.ROOT);
    }

    /** The {@code ssh} command that reaches {@code server} as Tether does. */
    public List<String> sshArgv(SshServer server) {
        List<String> argv = new ArrayList<>(List.of("ssh"));
        if (server.usesAlias()) {
            argv.add(server.sshAlias());
            return argv;
        }
        if (server.port() != null) {
            argv.addAll(List.of("-p", String.valueOf(server.port())));
        }
        if (server.identityFile() != null) {
            argv.addAll(List.of("-i", expandHome(server.identityFile())));
        }
        if (server.jumpHost() != null) {
            argv.addAll(List.of("-J", server.jumpHost()));
        }
        // "--" so that a host can never be read as an option.
        argv.add("--");
        argv.add(server.user() == null ? server.host() : server.user() + "@" + server.host());
        return argv;
    }

    private String expandHome(String path) {
        return path.startsWith("~/") ? environment.userHome().resolve(path.substring(2)).toString() : path;
    }

    /**
     * The command that opens a terminal running {@code ssh}; empty when no known terminal is installed.
     * Linux: the first of x-terminal-emulator, gnome-terminal, konsole, xfce4-terminal, xterm found on PATH.
     */
    public Optional<List<String>> command(SshServer server) {
        List<String> ssh = sshArgv(server);
        if (osName.startsWith("windows")) {
            // Windows Terminal takes the command line as its arguments; without it, a console window via start.
            Optional<Path> wt = onPath("wt.exe");
            List<String> command = new ArrayList<>(wt.isPresent() ? List.of(wt.get().toString())
                    : List.of("cmd.exe", "/c", "start"));
            command.addAll(ssh);
            return Optional.of(command);
        }
        if (osName.startsWith("mac")) {
            return Optional.of(List.of("open", "-a", "Terminal"));
        }
        for (List<String> terminal : LINUX) {
            Optional<Path> program = onPath(terminal.get(0));
            if (program.isPresent()) {
                List<String> command = new ArrayList<>(List.of(program.get().toString(), terminal.get(1)));
                command.addAll(ssh);
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }

    /** Opens the terminal; throws a TetherException that says what to install when there is none. */
    public void open(SshServer server) {
        List<String> command = command(server).orElseThrow(() -> new TetherException(ErrorCode.FAILURE,
                "handoff.error.noTerminal", RemoteShell.quote(sshArgv(server))));
        if (osName.startsWith("mac")) {
            command = new ArrayList<>(command);
            command.add(commandFile(server).toString());
        }
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new TetherException(ErrorCode.FAILURE, e, "handoff.error.terminal", command.get(0), e.getMessage());
        }
    }

    /** macOS: a user-only script Terminal runs (the ssh line quoted by the project's one quoting function). */
    private Path commandFile(SshServer server) {
        try {
            Path file = Files.createTempFile("tether-ssh-", ".command",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.writeString(file, "#!/bin/sh\nrm -f \"$0\"\nexec " + RemoteShell.quote(sshArgv(server)) + "\n",
                    StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "handoff.error.terminal", "Terminal", e.getMessage());
        }
    }

    private Optional<Path> onPath(String program) {
        String path = environment.variable("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
