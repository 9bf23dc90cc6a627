package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.inventory.JupyterSettings;
import app.tether.inventory.SshServer;
import app.tether.jupyter.InstallMode;
import app.tether.jupyter.JupyterService;
import app.tether.jupyter.JupyterStatus;
import app.tether.jupyter.ServiceKind;
import app.tether.jupyter.SetupOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tether jupyter ...}: sets up Jupyter on an SSH server as a service and manages it afterwards. */
@Command(name = "jupyter", description = "Set up and manage Jupyter on an SSH server.",
        subcommands = {
            JupyterCommand.Setup.class,
            JupyterCommand.Start.class,
            JupyterCommand.Stop.class,
            JupyterCommand.Restart.class,
            JupyterCommand.Status.class,
            JupyterCommand.Logs.class,
            JupyterCommand.Remove.class
        })
final class JupyterCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                app.tether.core.Messages.get("cli.jupyter.subcommandMissing"));
    }

    /** Prints progress as "[2/7] step" lines and indented remote output, on stdout. */
    static Progress printer(PrintWriter out) {
        return new Progress() {
            @Override
            public synchronized void step(int index, int total, String text) {
                out.println("[" + (index + 1) + "/" + total + "] " + text);
                out.flush();
            }

            @Override
            public synchronized void line(String text) {
                out.println("    " + text);
                out.flush();
            }
        };
    }

    static JupyterService service(CliContext context) {
        return new JupyterService(context.sshSessions(), context.environment());
    }

    @Command(name = "setup", description = {
        "Set up Jupyter on an SSH server as a service, listening on 127.0.0.1.",
        "Detects Python and Jupyter, installs JupyterLab if needed, writes a managed config block, creates a",
        "token (or uses a password), installs a systemd user/system unit or a background process, starts it",
        "and checks that it answers."})
    static final class Setup implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "NAME", description = "The server.")
        String name;

        @Option(names = "--port", paramLabel = "N", description = "Port on the server (default: the saved one, 8888, or the next free).")
        Integer port;

        @Option(names = "--install", paramLabel = "MODE", defaultValue = "if-missing",
                description = "never, if-missing (default) or always (upgrade).")
        String install;

        @Option(names = "--env", paramLabel = "PATH|NAME", description = "A venv/conda prefix path or a conda environment name.")
        String environment;

        @Option(names = "--index-url", paramLabel = "URL", description = "Package index (mirror) for pip.")
        String indexUrl;

        @Option(names = "--extras", paramLabel = "zh,lsp", split = ",",
                description = "zh: Simplified Chinese language pack; lsp: jupyterlab-lsp + jedi-language-server.")
        List<String> extras;

        @Option(names = "--password-stdin", description = "Read a password from stdin (hashed here, never sent) instead of using a token.")
        boolean passwordStdin;

        @Option(names = "--service", paramLabel = "KIND", defaultValue = "auto",
                description = "auto (default), systemd-user, systemd-system or background.")
        String service;

        @Option(names = "--notebook-dir", paramLabel = "DIR", description = "Notebook directory on the server (default: home).")
        String notebookDir;

        @Option(names = "--open-to-network", description = "Listen on every interface instead of 127.0.0.1 (needs --password-stdin).")
        boolean openToNetwork;

        Setup(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws InterruptedException {
            SshServer target = context.sshReachable(name);
            if (PreinstalledJupyter.reused(context, target, port)) {
                return 0;
            }
            if (openToNetwork && !passwordStdin) {
                throw new TetherException(ErrorCode.USAGE, "jupyter.error.networkNeedsPassword");
            }
            char[] password = passwordStdin ? readPassword(System.in) : null;
            try {
                SetupOptions options = new SetupOptions(port, installMode(install), environment, indexUrl,
                        extras == null ? Set.of() : new LinkedHashSet<>(extras.stream().map(String::strip)
                                .filter(e -> !e.isEmpty()).toList()),
                        password, serviceKind(service), notebookDir, openToNetwork);
                JupyterStatus status = service(context).setup(target, options, printer(context.out()));
                String dir = notebookDir != null ? notebookDir : target.jupyter().notebookDir();
                // A cloud target keeps its own entry: the port is recorded on the machine, where status finds it.
                context.store().update(inventory -> inventory.require(target.name()) instanceof SshServer
                        ? inventory.replace(target.name(), target.withJupyter(new JupyterSettings(status.port(), dir)))
                        : inventory);
                context.out().println(Messages.get("cli.jupyter.setupDone", target.name(), status.port()));
                return 0;
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
        }
    }

    /** One action on a server's Jupyter, then one line saying it is done. */
    abstract static class ServiceAction implements Callable<Integer> {
        private final CliContext context;
        private final String doneKey;
        private final BiConsumer<JupyterService, SshServer> action;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        ServiceAction(CliContext context, String doneKey, BiConsumer<JupyterService, SshServer> action) {
            this.context = context;
            this.doneKey = doneKey;
            this.action = action;
        }

        @Override
        public Integer call() throws InterruptedException {
            action.accept(service(context), context.sshReachable(name));
            context.out().println(Messages.get(doneKey, name));
            return 0;
        }
    }

    @Command(name = "start", description = "Start Jupyter on a server where Tether set it up.")
    static final class Start extends ServiceAction {
        Start(CliContext context) {
            super(context, "cli.jupyter.started", JupyterService::start);
        }
    }

    @Command(name = "stop", description = "Stop Jupyter on a server.")
    static final class Stop extends ServiceAction {
        Stop(CliContext context) {
            super(context, "cli.jupyter.stopped", JupyterService::stop);
        }
    }

    @Command(name = "restart", description = "Restart Jupyter on a server.")
    static final class Restart extends ServiceAction {
        Restart(CliContext context) {
            super(context, "cli.jupyter.restarted", JupyterService::restart);
        }
    }

    @Command(name = "status", description = "Show whether Jupyter runs, its port, service kind, version, kernels and last activity.")
    static final class Status implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Status(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws InterruptedException {
            JupyterStatus status = service(context).status(context.sshReachable(name));
            if (json) {
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("name", name);
                node.put("setUp", status.setUp());
                node.put("running", status.running());
                node.put("port", status.port());
                node.put("service", status.service() == null ? null : status.service().id());
                node.put("version", status.version());
                node.put("kernels", status.kernels());
                node.put("lastActivity", status.lastActivity() == null ? null : status.lastActivity().toString());
                node.put("ui", status.ui() == null ? null : status.ui().id());
                JsonOutput.print(context.out(), node);
                return 0;
            }
            PrintWriter out = context.out();
            if (!status.setUp()) {
                out.println(Messages.get("cli.jupyter.notSetUp", name));
                return 0;
            }
            String unknown = Messages.get("cli.jupyter.unknown");
            out.println(Messages.get("cli.jupyter.state") + ": "
                    + Messages.get(status.running() ? "cli.jupyter.running" : "cli.jupyter.notRunning"));
            out.println(Messages.get("cli.jupyter.port") + ": " + status.port());
            out.println(Messages.get("cli.jupyter.service") + ": " + status.service().id());
            out.println(Messages.get("cli.jupyter.version") + ": " + (status.version() == null ? unknown : status.version()));
            out.println(Messages.get("cli.jupyter.kernels") + ": " + (status.kernels() == null ? unknown : status.kernels()));
            out.println(Messages.get("cli.jupyter.lastActivity") + ": "
                    + (status.lastActivity() == null ? unknown : status.lastActivity()));
            if (status.running()) {
                out.println(Messages.get("cli.jupyter.ui") + ": " + (status.ui() == null ? unknown
                        : status.withoutUi() ? Messages.get("cli.jupyter.noUi") : "/" + status.ui().path()));
            }
            return 0;
        }
    }

    @Command(name = "logs", description = "Print the last lines of Jupyter's log (journal or log file); tokens are masked.")
    static final class Logs implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--lines", paramLabel = "N", defaultValue = "100", description = "How many lines (default 100).")
        int lines;

        Logs(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws InterruptedException {
            if (lines < 1) {
                throw new TetherException(ErrorCode.USAGE, "cli.jupyter.badLines", lines);
            }
            service(context).logs(context.sshReachable(name), lines).forEach(context.out()::println);
            return 0;
        }
    }

    @Command(name = "remove", description = "Stop Jupyter and remove what setup made: service, config block (backup restored), token.")
    static final class Remove extends ServiceAction {
        Remove(CliContext context) {
            super(context, "cli.jupyter.removed", (service, target) -> service.remove(target, printer(context.out())));
        }
    }

    static InstallMode installMode(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "never" -> InstallMode.NEVER;
            case "if-missing" -> InstallMode.IF_MISSING;
            case "always" -> InstallMode.ALWAYS;
            default -> throw new TetherException(ErrorCode.USAGE, "cli.jupyter.badInstall", text);
        };
    }

    static ServiceKind serviceKind(String text) {
        try {
            return ServiceKind.fromId(text.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TetherException(ErrorCode.USAGE, "cli.jupyter.badService", text);
        }
    }

    /** The first line of stdin as characters, without ever making a String of it. */
    static char[] readPassword(InputStream in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                bytes.write(b);
            }
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "cli.jupyter.passwordRead", e.getMessage());
        }
        byte[] raw = bytes.toByteArray();
        int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(raw, 0, length));
        char[] password = new char[chars.remaining()];
        chars.get(password);
        Arrays.fill(raw, (byte) 0);
        if (chars.hasArray()) {
            Arrays.fill(chars.array(), '\0');
        }
        if (password.length == 0) {
            throw new TetherException(ErrorCode.USAGE, "cli.jupyter.passwordEmpty");
        }
        return password;
    }
}
