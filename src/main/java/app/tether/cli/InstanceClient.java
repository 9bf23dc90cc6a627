package app.tether.cli;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.instance.Frames;
import app.tether.instance.InstanceEndpoint;
import app.tether.settings.QuickSettings;
import java.io.Console;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The CLI's way to the per-user instance: when one answers, the command is sent there (arguments, environment,
 * working directory; standard input when the command reads it; questions answered at this terminal) and its
 * output and exit code are passed on; otherwise it runs here. Loads JDK classes only until it knows, so a command
 * sent to the instance costs a small JVM start and one socket exchange.
 *
 * <p>{@code TETHER_INSTANCE}: {@code off} (always here), {@code auto} (start an instance when none runs),
 * {@code required} (start one, fail without). Unset: use a running instance, start one only when Settings say
 * "keep running in the background"; with {@code CI=true} unset means off.
 */
public final class InstanceClient {
    /** Commands worth sending: they reuse the instance's sessions and tunnels. The rest always run here. */
    private static final Set<String> SENT = Set.of("list", "show", "remove", "exec", "status", "open", "forward",
            "start", "stop", "pause", "restart", "tunnels");
    /** Options that may come alone (no command): help and version. */
    private static final Set<String> ALONE = Set.of("-h", "--help", "-V", "--version");

    /**
     * Options for a background instance started with the runtime's {@code java} (not the app's launcher, whose
     * options come from packaging/jpackage/args-image.txt): the same collector as there, the serial one.
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC");
    /** A JVM starting on a busy machine can take long; in the usual case the wait is about one second. */
    private static final int STARTED_WAIT_MS = 60_000;
    private static final int HELLO_WAIT_MS = 5_000;

    /** How the CLI uses the instance. */
    enum Mode {
        /** Never: every command runs in its own process. */
        OFF,
        /** A running instance is used; none is started. */
        USE,
        /** A running instance is used; one is started when none runs. */
        AUTO,
        /** As AUTO, and a command fails when no instance can be had. */
        REQUIRED
    }

    private InstanceClient() {
    }

    /** Runs {@code args} through the instance when that applies, else with {@code local}; the exit code. */
    public static int run(String[] args, IntSupplier local) {
        Map<String, String> variables = System.getenv();
        Environment environment = Environment.fromSystem();
        Mode mode = mode(variables, environment.settingsFile());
        if (mode == Mode.OFF || !sendable(args)) {
            return local.getAsInt();
        }
        skipSelectorProviderSearch();
        InstanceEndpoint endpoint = InstanceEndpoint.of(environment);
        Optional<String> problem = endpoint.problem();
        if (problem.isPresent()) {
            System.err.println("tether: " + Messages.get("instance.error.unsafe", problem.get()));
            return mode == Mode.REQUIRED ? 1 : local.getAsInt();
        }
        try {
            Optional<SocketChannel> channel = endpoint.connect();
            if (channel.isEmpty() && mode.compareTo(Mode.AUTO) >= 0) {
                channel = start(endpoint);
            }
            if (channel.isEmpty()) {
                if (mode == Mode.REQUIRED) {
                    System.err.println("tether: " + Messages.get("instance.client.cannotStart", endpoint));
                    return 1;
                }
                return local.getAsInt();
            }
            Optional<Integer> code = talk(channel.get(), args, variables, mode, endpoint);
            return code.isPresent() ? code.get() : local.getAsInt();
        } catch (IOException e) {
            if (mode == Mode.REQUIRED) {
                System.err.println("tether: " + Messages.get("instance.client.cannotStart", e.getMessage()));
                return 1;
            }
            return local.getAsInt();
        }
    }

    /**
     * Names the JDK's own selector provider on Linux before the first socket is opened. Without it the JDK looks
     * for another one with a service lookup that opens every jar on the class path (about fifty in the app
     * image): the largest part of the client's work when an instance answers. Only when the user set none and
     * the class is the running JDK's (the same provider the JDK would pick).
     */
    static void skipSelectorProviderSearch() {
        String property = "java.nio.channels.spi.SelectorProvider";
        String epoll = "sun.nio.ch.EPollSelectorProvider";
        if (System.getProperty(property) != null
                || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return;
        }
        try {
            Class.forName(epoll, false, null);
            System.setProperty(property, epoll);
        } catch (ClassNotFoundException | LinkageError e) {
            // another JDK: it searches as usual
        }
    }

    static Mode mode(Map<String, String> variables, Path settingsFile) {
        String chosen = variables.getOrDefault("TETHER_INSTANCE", "").strip().toLowerCase(Locale.ROOT);
        switch (chosen) {
            case "off", "0", "false", "no" -> {
                return Mode.OFF;
            }
            case "auto" -> {
                return Mode.AUTO;
            }
            case "required" -> {
                return Mode.REQUIRED;
            }
            default -> {
                // unset (or not understood): decided below
            }
        }
        if ("true".equalsIgnoreCase(variables.getOrDefault("CI", "").strip())) {
            return Mode.OFF;
        }
        return keepRunning(settingsFile) ? Mode.AUTO : Mode.USE;
    }

    /** Settings' "keep running in the background" ({@link QuickSettings}: without Commons Configuration). */
    private static boolean keepRunning(Path settingsFile) {
        if (!Files.isRegularFile(settingsFile)) {
            return false;
        }
        try {
            return Boolean.parseBoolean(QuickSettings.read(settingsFile)
                    .getProperty(app.tether.instance.InstanceSettings.KEEP_RUNNING, "false").strip());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether {@code args} is a command to send: one of {@link #SENT}, or help/version alone, and never with
     * {@code --accept-new-host-key} (trusting a key is the user's own process's decision).
     */
    static boolean sendable(String[] args) {
        String command = null;
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("--accept-new-host-key")) {
                return false;
            }
            if (command == null && !arg.startsWith("-")) {
                command = arg;
            } else if (command == null && !ALONE.contains(arg)) {
                return false;
            }
        }
        return command == null ? args.length > 0 : SENT.contains(command);
    }

    /** Starts {@code tether instance run} in the background and waits for it to answer. */
    static Optional<SocketChannel> start(InstanceEndpoint endpoint) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid"); // its own session: closing the terminal does not end it
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String launcher = System.getProperty("jpackage.app-path");
        if (launcher != null && !Files.isExecutable(java)) {
            command.add(launcher); // an app image without a java command: its own launcher runs the CLI too
        } else {
            command.add(java.toString());
            command.addAll(JVM_OPTIONS);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "app.tether.Main"));
        }
        command.addAll(List.of("instance", "run", "--idle-exit"));
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + STARTED_WAIT_MS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<SocketChannel> channel = endpoint.connect();
            if (channel.isPresent()) {
                return channel;
            }
            if (!process.isAlive() && process.exitValue() != 0) {
                // It lost the race to another instance starting at once (or failed): whoever listens now.
                return endpoint.connect();
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The exchange; empty when the instance says to run the command here. */
    private static Optional<Integer> talk(SocketChannel channel, String[] args, Map<String, String> variables,
            Mode mode, InstanceEndpoint endpoint) throws IOException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        boolean answered = false;
        try (Frames frames = new Frames(channel)) {
            Thread watchdog = BackgroundExecutors.threads("instance-hello").newThread(new HelloWatchdog(frames));
            watchdog.start();
            frames.writeNumber(Frames.HELLO, Frames.VERSION);
            Frames.Frame hello;
            try {
                hello = frames.read();
            } catch (IOException e) {
                return Optional.empty();
            } finally {
                watchdog.interrupt();
            }
            if (hello.type() != Frames.HELLO) {
                return Optional.empty();
            }
            answered = true; // from here on, a broken connection means the instance went away
            List<byte[]> raw = RawArguments.of(args);
            frames.write(Frames.RUN, new Frames.Request(Arrays.asList(args), raw, variables,
                    System.getProperty("user.dir", ""), Locale.getDefault().toLanguageTag(),
                    System.console() != null).encode());
            while (true) {
                Frames.Frame frame = frames.read();
                switch (frame.type()) {
                    case Frames.STDOUT -> {
                        out.write(frame.payload());
                        out.flush();
                    }
                    case Frames.STDERR -> {
                        err.write(frame.payload());
                        err.flush();
                    }
                    case Frames.WANT_STDIN -> pumpStdin(frames);
                    case Frames.PROMPT -> frames.write(Frames.ANSWER, answer(frame.payload()));
                    case Frames.EXIT -> {
                        return Optional.of(frame.number());
                    }
                    case Frames.LOCAL -> {
                        return Optional.empty();
                    }
                    default -> {
                        // a frame of a later protocol version: ignored
                    }
                }
            }
        } catch (EOFException | java.nio.channels.AsynchronousCloseException e) {
            return lost(e, mode, endpoint);
        } catch (IOException e) {
            if (!answered) {
                throw e;
            }
            return lost(e, mode, endpoint);
        }
    }

    /** The instance went away mid-command: one line; a new one is started for the next command when allowed. */
    private static Optional<Integer> lost(IOException why, Mode mode, InstanceEndpoint endpoint) {
        System.out.flush();
        System.err.println("tether: " + Messages.get("instance.client.lost", String.valueOf(why.getMessage())));
        if (mode.compareTo(Mode.AUTO) >= 0) {
            try {
                start(endpoint);
            } catch (IOException e) {
                System.err.println("tether: " + Messages.get("instance.client.cannotStart", e.getMessage()));
            }
        }
        return Optional.of(1);
    }

    /** Passes standard input on, from now on, until it ends (then an empty frame). */
    private static void pumpStdin(Frames frames) {
        BackgroundExecutors.threads("instance-stdin").newThread(new StdinPump(frames)).start();
    }

    /**
     * Closes the connection when the instance has not said hello in time: one that accepts but never answers is
     * treated as none. Named classes here and below, not lambdas: the client's start-up is measured in
     * milliseconds, and each first lambda costs some.
     */
    private record HelloWatchdog(Frames frames) implements Runnable {
        @Override
        public void run() {
            try {
                Thread.sleep(HELLO_WAIT_MS);
                frames.close();
            } catch (InterruptedException | IOException e) {
                // answered in time
            }
        }
    }

    /** Sends this process's standard input to the instance until it ends, then an empty frame. */
    private record StdinPump(Frames frames) implements Runnable {
        @Override
        public void run() {
            InputStream in = System.in;
            byte[] buffer = new byte[64 * 1024];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    frames.write(Frames.STDIN, buffer, 0, n);
                }
                frames.write(Frames.STDIN, new byte[0]);
            } catch (IOException e) {
                // the exchange ended
            }
        }
    }

    /** Asks this terminal; the answer frame (1 + text, or 0 when there is none). */
    private static byte[] answer(byte[] prompt) {
        Console console = System.console();
        if (console == null || prompt.length == 0) {
            return new byte[] {0};
        }
        String text = new String(prompt, 1, prompt.length - 1, StandardCharsets.UTF_8);
        String answer;
        if (prompt[0] == 1) {
            char[] secret = console.readPassword("%s ", text);
            answer = secret == null ? null : new String(secret);
        } else {
            answer = console.readLine("%s ", text);
        }
        if (answer == null) {
            return new byte[] {0};
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[bytes.length + 1];
        payload[0] = 1;
        System.arraycopy(bytes, 0, payload, 1, bytes.length);
        return payload;
    }
}
