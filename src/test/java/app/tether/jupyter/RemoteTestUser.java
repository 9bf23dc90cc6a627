package app.tether.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.tether.testing.OpenSshServer;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The unprivileged account interop tests log in as over SSH, since Jupyter must be set up as a normal user.
 * Tests run as root (here and in CI): then it is {@code tether-test}, created (and unlocked for key login,
 * which sshd refuses for a locked account without PAM) when missing. Otherwise it is the current user.
 * The account's home is shared by every test run on the machine, so a run holds a lock file from
 * {@link #prepare()} to {@link #close()}: concurrent builds take turns instead of stopping each other's Jupyter.
 */
public final class RemoteTestUser implements AutoCloseable {
    static final String NAME = "tether-test";
    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "tether-test-user.lock");

    private final String name;
    private final Path home;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private RemoteTestUser(String name, Path home, FileChannel lockChannel, FileLock lock) {
        this.name = name;
        this.home = home;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    public static RemoteTestUser prepare() throws IOException, InterruptedException {
        FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock();
        try {
            return prepare(channel, lock);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            lock.release();
            channel.close();
            throw e;
        }
    }

    private static RemoteTestUser prepare(FileChannel channel, FileLock lock) throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return new RemoteTestUser(OpenSshServer.user(), Path.of(System.getProperty("user.home")), channel, lock);
        }
        if (run("id", "-u", NAME) != 0) {
            assertEquals(0, run("useradd", "-m", "-s", "/bin/sh", NAME), "useradd " + NAME);
        }
        String shadow = Files.readAllLines(Path.of("/etc/shadow")).stream()
                .filter(line -> line.startsWith(NAME + ":")).findFirst().orElse("");
        if (shadow.startsWith(NAME + ":!")) {
            assertEquals(0, run("usermod", "-p", "*", NAME), "unlock " + NAME);
        }
        return new RemoteTestUser(NAME, Path.of("/home", NAME), channel, lock);
    }

    /** Lets the next test run use the account. */
    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }

    public String name() {
        return name;
    }

    public Path home() {
        return home;
    }

    /** sshd reads the fixture's authorized_keys as the user: every directory on the way must let it through. */
    public static void openPathFor(Path file) throws IOException {
        for (Path dir = file.getParent(); dir != null && !dir.equals(dir.getRoot()); dir = dir.getParent()) {
            var permissions = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            permissions.addAll(PosixFilePermissions.fromString("--x--x--x"));
            Files.setPosixFilePermissions(dir, permissions);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Removes what Tether and Jupyter leave in the user's home, so each test starts clean. */
    public void clean() throws IOException {
        for (String path : List.of(".jupyter", ".local/share/tether", ".local/share/jupyter", ".config/systemd")) {
            deleteTree(home.resolve(path));
        }
    }

    /** Ends the Jupyter a failed test left running here, by the pid in Tether's state directory (never by name). */
    public void killLeftoverJupyter() throws IOException {
        Path pidFile = home.resolve(JupyterService.STATE_DIR).resolve("jupyter.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Writes a file as the user would have (owned by them when we are root). */
    void writeOwned(Path file, String text) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        if ("root".equals(System.getProperty("user.name")) && !"root".equals(name)) {
            assertEquals(0, run("chown", "-R", name + ":", home.resolve(home.relativize(file).getName(0)).toString()));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
