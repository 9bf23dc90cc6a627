package app.tether.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH {@code sshd} on a free loopback port, with its own host keys and authorized_keys, for
 * interop tests. Runs in the foreground ({@code -D -e}) as a child of the test JVM; {@link #close()} stops it.
 */
public final class OpenSshServer implements AutoCloseable {
    public static final String SSHD = "/usr/sbin/sshd";

    private final Path dir;
    private final String address;
    private final int port;
    private final Path authorizedKeys;
    private final List<String> extraConfig;
    private Process process;

    private OpenSshServer(Path dir, String address, int port, List<String> extraConfig) {
        this.dir = dir;
        this.address = address;
        this.port = port;
        this.authorizedKeys = dir.resolve("authorized_keys");
        this.extraConfig = List.copyOf(extraConfig);
    }

    /** Starts sshd in {@code dir} (skips or fails the test when sshd is missing; see {@link Interop}). */
    public static OpenSshServer start(Path dir, String... extraConfigLines) throws IOException, InterruptedException {
        return startOn(dir, "127.0.0.1", freePort(), extraConfigLines);
    }

    /** Starts sshd listening on {@code address:port} (a loopback address; port 22 needs root). */
    public static OpenSshServer startOn(Path dir, String address, int port, String... extraConfigLines)
            throws IOException, InterruptedException {
        Interop.requireProgram(SSHD);
        Interop.requireProgram("/usr/bin/ssh-keygen");
        Files.createDirectories(dir);
        OpenSshServer server = new OpenSshServer(dir, address, port, List.of(extraConfigLines));
        server.generateHostKeys();
        Files.writeString(server.authorizedKeys, "");
        server.writeConfig();
        server.launch();
        return server;
    }

    public int port() {
        return port;
    }

    /** The listening sshd's process id (its per-connection children descend from it). */
    public long pid() {
        return process.pid();
    }

    public Path dir() {
        return dir;
    }

    public String host() {
        return address;
    }

    /** The authorized_keys file sshd reads for every user. */
    public Path authorizedKeys() {
        return authorizedKeys;
    }

    /** Kills sshd and its per-connection processes, so established sessions really drop (a VM going away). */
    public void killWithConnections() throws InterruptedException {
        if (process != null) {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            process.waitFor(5, TimeUnit.SECONDS);
        }
        process = null;
    }

    /** The user tests log in as: whoever runs the tests (root in CI). */
    public static String user() {
        return System.getProperty("user.name");
    }

    /** Lets the holder of {@code publicKey} (an OpenSSH .pub file) log in. */
    public void authorize(Path publicKey) throws IOException {
        Files.writeString(authorizedKeys, Files.readString(publicKey).strip() + "\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** Makes a key pair with ssh-keygen: type ed25519, ecdsa or rsa; empty passphrase for none. */
    public static Path generateKey(Path dir, String type, String passphrase, String... extraArgs)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path key = dir.resolve("id_" + type + (passphrase.isEmpty() ? "" : "_pw") + (extraArgs.length > 0 ? "_x" : ""));
        List<String> command = new ArrayList<>(List.of("/usr/bin/ssh-keygen", "-q", "-t", type, "-N", passphrase,
                "-C", "tether-test", "-f", key.toString()));
        command.addAll(List.of(extraArgs));
        run(command);
        return key;
    }

    /** The host keys as known_hosts lines for {@code [127.0.0.1]:port}, as ssh-keyscan would print. */
    public List<String> knownHostsLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String type : List.of("ed25519", "ecdsa", "rsa")) {
            String pub = Files.readString(dir.resolve("ssh_host_" + type + "_key.pub")).strip();
            String[] parts = pub.split(" ");
            lines.add("[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1]);
        }
        return lines;
    }

    /** Replaces the host keys with new ones (a "reinstalled server"); takes effect on restart. */
    public void regenerateHostKeys() throws IOException, InterruptedException {
        for (String type : List.of("ed25519", "ecdsa", "rsa")) {
            Files.deleteIfExists(dir.resolve("ssh_host_" + type + "_key"));
            Files.deleteIfExists(dir.resolve("ssh_host_" + type + "_key.pub"));
        }
        generateHostKeys();
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        // sshd's per-connection children are in their own sessions; kill any left holding the port.
        process = null;
    }

    /** Starts sshd again on the same port (after {@link #stop()}). */
    public void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void generateHostKeys() throws IOException, InterruptedException {
        for (String type : List.of("ed25519", "ecdsa", "rsa")) {
            Path key = dir.resolve("ssh_host_" + type + "_key");
            if (!Files.exists(key)) {
                run(List.of("/usr/bin/ssh-keygen", "-q", "-t", type, "-N", "", "-f", key.toString()));
            }
        }
    }

    private void writeConfig() throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "Port " + port,
                "ListenAddress " + address,
                "HostKey " + dir.resolve("ssh_host_ed25519_key"),
                "HostKey " + dir.resolve("ssh_host_ecdsa_key"),
                "HostKey " + dir.resolve("ssh_host_rsa_key"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorizedKeys,
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "AllowTcpForwarding yes",
                "AllowAgentForwarding no",
                "X11Forwarding no",
                "PrintMotd no",
                "MaxStartups 200:30:300",
                "MaxSessions 100",
                "LogLevel INFO"));
        // sshd keeps the first value of a keyword: an extra line replaces the default it names; from a Match line on,
        // lines are conditional and replace nothing (they come last, after the defaults)
        for (String extra : extraConfig) {
            String keyword = extra.strip().split("\\s+")[0];
            if (keyword.equalsIgnoreCase("Match")) {
                break;
            }
            if (!keyword.equalsIgnoreCase("HostKey")) {
                lines.removeIf(line -> line.split(" ")[0].equalsIgnoreCase(keyword));
            }
        }
        lines.addAll(extraConfig);
        Files.write(dir.resolve("sshd_config"), lines, StandardCharsets.UTF_8);
    }

    private void launch() throws IOException, InterruptedException {
        Files.createDirectories(Path.of("/run/sshd"));
        ProcessBuilder builder = new ProcessBuilder(SSHD, "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile()));
        process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("sshd.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("sshd did not listen on port " + port + " within 15 s");
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
