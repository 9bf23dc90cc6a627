package app.tether.testing;

import app.tether.core.Environment;
import app.tether.instance.InstanceControl;
import app.tether.instance.InstanceEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Real Tether processes for instance tests: {@code java -cp <test classpath> app.tether.Main ...} with the test's
 * TETHER_HOME and HOME (no ssh-agent, no CI flag of the machine), each bounded in time; every process started here
 * is killed by {@link #close()}, and so is any instance that answers on the test's socket.
 */
public final class InstanceProcesses implements AutoCloseable {
    private final Environment environment;
    private final Path logs;
    private final List<Process> started = new ArrayList<>();
    private String classPath = System.getProperty("java.class.path");
    private int count;

    public InstanceProcesses(Environment environment, Path logs) throws IOException {
        this.environment = environment;
        this.logs = Files.createDirectories(logs);
    }

    /**
     * From now on runs Tether with the class path the application has: the test classes left out, so that the tests'
     * {@code logback-test.xml} does not replace Tether's own logging set-up (its XML configuration alone cost
     * about 0.2 s of CPU in each process that logs, {@code exec} among them). For benchmarks; {@link #startMain}
     * then finds no test class.
     */
    public InstanceProcesses withApplicationClassPath() {
        classPath = applicationClassPath();
        return this;
    }

    /** This JVM's class path without the test classes: what the application has (main classes and libraries). */
    public static String applicationClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** What a finished process printed and returned. */
    public record Result(int code, String out, String err) {
    }

    public InstanceEndpoint endpoint() {
        return InstanceEndpoint.of(environment.withVariable("TETHER_HOME", environment.home().toString()));
    }

    private ProcessBuilder builder(String instanceMode, String... args) {
        return mainBuilder(instanceMode, "app.tether.Main", args);
    }

    private ProcessBuilder mainBuilder(String instanceMode, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-cp", classPath, mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.remove("SSH_AUTH_SOCK");
        env.remove("CI");
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.put("TETHER_HOME", environment.home().toString());
        env.put("HOME", environment.userHome().toString());
        env.put("LANG", "C.UTF-8");
        env.put("LC_ALL", "C.UTF-8");
        if (instanceMode != null) {
            env.put("TETHER_INSTANCE", instanceMode);
        }
        return builder;
    }

    /** Starts {@code tether instance run} and waits until it answers (60 s at most). */
    public Process startInstance() throws IOException, InterruptedException {
        Path log = logs.resolve("instance-" + (++count) + ".log");
        Process instance = builder(null, "instance", "run").redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        started.add(instance);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (ping().isPresent()) {
                return instance;
            }
            if (!instance.isAlive()) {
                throw new IllegalStateException("instance exited " + instance.exitValue() + ": " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("instance did not answer in 60 s: " + Files.readString(log));
    }

    /**
     * Starts {@code mainClass} of the test class path with the same environment (a stand-in for a process that
     * is not the CLI, such as the window's side of the instance); its standard error goes to a log, its standard
     * output is the caller's to read. Killed by {@link #close()} like the others.
     */
    public Process startMain(String mainClass, String... args) throws IOException {
        Path log = logs.resolve("main-" + (++count) + ".log");
        Process process = mainBuilder(null, mainClass, args).redirectError(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        started.add(process);
        return process;
    }

    /** The running instance's answer to a ping (its pid), or empty. */
    public Optional<InstanceControl.Answer> ping() throws IOException {
        return InstanceControl.send(endpoint(), "ping");
    }

    /** Starts {@code tether args...} as a client with TETHER_INSTANCE={@code mode} (null: unset). */
    public Process startClient(String mode, byte[] stdin, String... args) throws IOException {
        Process client = builder(mode, args).start();
        started.add(client);
        client.getOutputStream().write(stdin);
        client.getOutputStream().close();
        return client;
    }

    /**
     * Starts {@code tether args...} as a client on a terminal of its own (a pseudo-terminal from util-linux
     * {@code script}), so that it can be asked questions; what is written to its standard input is typed there,
     * and its standard output is the terminal's (prompts included, CR LF line ends).
     */
    public Process startClientOnTerminal(String mode, String... args) throws IOException {
        ProcessBuilder plain = builder(mode, args);
        String command = plain.command().stream().map(arg -> "'" + arg.replace("'", "'\\''") + "'")
                .collect(java.util.stream.Collectors.joining(" "));
        ProcessBuilder onTerminal = new ProcessBuilder("/usr/bin/script", "-qefc", command, "/dev/null")
                .redirectErrorStream(true);
        onTerminal.environment().clear();
        onTerminal.environment().putAll(plain.environment());
        onTerminal.environment().put("TERM", "dumb");
        Process client = onTerminal.start();
        started.add(client);
        return client;
    }

    /** Runs {@code tether args...} to the end (60 s at most) with TETHER_INSTANCE={@code mode}. */
    public Result run(String mode, String... args) throws IOException, InterruptedException {
        return finish(startClient(mode, new byte[0], args));
    }

    public static Result finish(Process client) throws IOException, InterruptedException {
        // Read both streams while it runs (a full pipe would block it).
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(client.getErrorStream()));
        String out = readAll(client.getInputStream());
        if (!client.waitFor(60, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new IllegalStateException("client did not end in 60 s; out: " + out);
        }
        return new Result(client.exitValue(), out, err.join());
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // An instance started on demand by a client is not in the list: found by its pid on the socket.
        Optional<InstanceControl.Answer> running = endpoint().problem().isEmpty() ? pingQuietly() : Optional.empty();
        // Never this JVM: a test may serve as the window's instance itself.
        running = running.filter(answer -> answer.pid() != ProcessHandle.current().pid());
        running.flatMap(answer -> ProcessHandle.of(answer.pid())).ifPresent(ProcessHandle::destroyForcibly);
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly); // a client under script(1)
            process.destroyForcibly();
        }
        for (Process process : started) {
            process.waitFor(10, TimeUnit.SECONDS);
        }
        running.flatMap(answer -> ProcessHandle.of(answer.pid())).ifPresent(p -> p.onExit().join());
    }

    private Optional<InstanceControl.Answer> pingQuietly() {
        try {
            return ping();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
