package app.tether.testing;

import app.tether.core.Environment;
import app.tether.inventory.SshServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real server with systemd as PID 1: the Debian tree {@code .ci/systemd-tree} builds, booted with
 * {@code systemd-nspawn -b}. It shares the host's network, so its sshd listens on a free loopback port (bound
 * in as {@code /etc/tether/sshd.conf}), and lets the test's key in as {@code tester} (sudo without password).
 * Boot, stop and reboot are bounded in time; the container is always stopped by {@link #close()}. The tree is
 * shared by every build on the machine: a lock file lets one container run at a time, and what earlier runs
 * left there (Tether's files, units, linger) is removed before each boot.
 */
public final class SystemdContainer implements AutoCloseable {
    public static final String USER = "tester";
    private static final Path NSPAWN = Path.of("/usr/bin/systemd-nspawn");
    private static final Path CACHE = Path.of("/var/cache/tether-ci");
    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "tether-systemd-tree.lock");
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path tree;
    private final Path work;
    private final int port;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Environment environment;
    private final Path key;
    private Process nspawn;
    private int boots;

    private SystemdContainer(Path tree, Path work, int port, FileChannel lockChannel, FileLock lock,
            Environment environment, Path key) {
        this.tree = tree;
        this.work = work;
        this.port = port;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.environment = environment;
        this.key = key;
    }

    /**
     * Boots the container and returns once its sshd answers. Skipped (failed under TETHER_REQUIRE_INTEROP=1) where
     * systemd-nspawn or the tree is missing, or where containers cannot be started here.
     */
    public static SystemdContainer boot(Path work) throws IOException, InterruptedException {
        Interop.requireThat("root".equals(System.getProperty("user.name")), "systemd-nspawn needs root");
        Interop.requireProgram(NSPAWN.toString());
        Path tree = locateTree();
        Interop.requireThat(tree != null, "no systemd test tree (build it with .ci/systemd-tree, or set "
                + "TETHER_SYSTEMD_TREE)");
        FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock();
        SystemdContainer container = null;
        try {
            stopLeftover(tree);
            resetTree(tree);
            int port = OpenSshServer.freePort();
            Files.createDirectories(work);
            Files.writeString(work.resolve("sshd.conf"), "Port " + port + "\nListenAddress 127.0.0.1\n");
            Path home = work.resolve("home");
            Path ssh = Files.createDirectories(home.resolve(".ssh"));
            Path key = OpenSshServer.generateKey(ssh, "ed25519", "");
            Files.copy(Path.of(key + ".pub"), work.resolve("authorized_keys"));
            Files.writeString(ssh.resolve("known_hosts"), "[127.0.0.1]:" + port + " "
                    + Files.readString(tree.resolve("etc/ssh/ssh_host_ed25519_key.pub")).strip() + "\n");
            Environment environment = new Environment(Files.createDirectories(work.resolve("tether")), home);
            container = new SystemdContainer(tree, work, port, channel, lock, environment, key);
            try {
                container.start();
            } catch (IOException e) {
                // where containers cannot run (no privileges), say why; under TETHER_REQUIRE_INTEROP=1 this fails
                Interop.requireThat(false, "systemd-nspawn could not boot the tree: " + e.getMessage());
            }
            return container;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            if (container != null) {
                container.close();
            } else {
                lock.release();
                channel.close();
            }
            throw e;
        }
    }

    private static Path locateTree() throws IOException {
        String named = System.getenv("TETHER_SYSTEMD_TREE");
        if (named != null && !named.isBlank()) {
            return Files.isRegularFile(Path.of(named, ".tether-ready")) ? Path.of(named) : null;
        }
        if (!Files.isDirectory(CACHE)) {
            return null;
        }
        try (Stream<Path> trees = Files.list(CACHE)) {
            return trees.filter(p -> p.getFileName().toString().startsWith("systemd-"))
                    .filter(p -> Files.isRegularFile(p.resolve(".tether-ready")))
                    .max(Comparator.comparing(p -> p.toFile().lastModified())).orElse(null);
        }
    }

    /**
     * Stops a container of this tree that a killed test run left behind (the lock is ours now, so it is an
     * orphan): found by its exact nspawn command line, never by a program name alone.
     */
    private static void stopLeftover(Path tree) throws InterruptedException {
        String directory = "--directory=" + tree;
        List<ProcessHandle> leftovers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.startsWith(NSPAWN.toString())
                        && line.contains(directory) && line.contains("--machine=tether-ci-")).orElse(false))
                .toList();
        for (ProcessHandle leftover : leftovers) {
            List<ProcessHandle> inside = leftover.descendants().toList();
            leftover.destroy();
            try {
                leftover.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                inside.forEach(ProcessHandle::destroyForcibly);
                leftover.destroyForcibly();
            }
        }
    }

    /** Removes what Tether and earlier tests left in the tree: Tether's files, units, lingering. */
    private static void resetTree(Path tree) throws IOException {
        Path home = tree.resolve("home/" + USER);
        for (String path : List.of(".jupyter", ".local/share/tether", ".local/share/jupyter", ".config/systemd")) {
            deleteTree(home.resolve(path));
        }
        Files.deleteIfExists(tree.resolve("var/lib/systemd/linger/" + USER));
        for (String dir : List.of("etc/systemd/system", "etc/systemd/system/multi-user.target.wants")) {
            Path units = tree.resolve(dir);
            if (Files.isDirectory(units)) {
                try (DirectoryStream<Path> found = Files.newDirectoryStream(units, "tether-jupyter-*")) {
                    for (Path unit : found) {
                        Files.deleteIfExists(unit);
                    }
                }
            }
        }
    }

    private void start() throws IOException, InterruptedException {
        boots++;
        Path console = work.resolve("console-" + boots + ".log");
        List<String> argv = new ArrayList<>(List.of(NSPAWN.toString(), "--quiet", "--directory=" + tree,
                "--register=no", "--keep-unit", "--boot", "--machine=tether-ci-" + ProcessHandle.current().pid(),
                "--bind-ro=" + work.resolve("sshd.conf") + ":/etc/tether/sshd.conf",
                "--bind-ro=" + work.resolve("authorized_keys") + ":/etc/tether/authorized_keys",
                "--console=pipe"));
        nspawn = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(console.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (!sshAnswers()) {
            if (!nspawn.isAlive()) {
                throw new IOException("systemd-nspawn exited " + nspawn.exitValue() + ": " + tail(console));
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IOException("the container's sshd did not answer within " + BOOT_TIMEOUT.toSeconds()
                        + " s: " + tail(console));
            }
            Thread.sleep(500);
        }
    }

    private boolean sshAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            InputStream in = socket.getInputStream();
            byte[] banner = new byte[7];
            int read = in.readNBytes(banner, 0, banner.length);
            return read == banner.length && new String(banner, StandardCharsets.US_ASCII).equals("SSH-2.0");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Shuts the container down (SIGTERM makes nspawn power it off cleanly), killing it when that takes too long. */
    private void stop() throws InterruptedException {
        if (nspawn == null || !nspawn.isAlive()) {
            return;
        }
        List<ProcessHandle> inside = nspawn.descendants().toList();
        nspawn.destroy();
        if (!nspawn.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            inside.forEach(ProcessHandle::destroyForcibly);
            nspawn.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Restarts the server: a clean power-off, then a fresh boot of the same tree on the same port. */
    public void reboot() throws IOException, InterruptedException {
        stop();
        start();
    }

    public int port() {
        return port;
    }

    /** HOME with the key and the container's host key in known_hosts; an empty TETHER_HOME. */
    public Environment environment() {
        return environment;
    }

    public SshServer target(String name) {
        return SshServer.ofHost(name, "127.0.0.1", USER, port, key.toString(), null);
    }

    /** A path inside the container, seen from the host. */
    public Path path(String inside) {
        return tree.resolve(inside.startsWith("/") ? inside.substring(1) : inside);
    }

    @Override
    public void close() throws InterruptedException, IOException {
        try {
            stop();
        } finally {
            lock.release();
            lockChannel.close();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
