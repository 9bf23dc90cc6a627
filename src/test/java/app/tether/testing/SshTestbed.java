package app.tether.testing;

import app.tether.core.Environment;
import app.tether.inventory.SshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real sshd plus a fake user world for it: {@code HOME} with {@code .ssh/id_ed25519} (authorized on the
 * server) and {@code .ssh/known_hosts} holding the server's keys, and an empty {@code TETHER_HOME}.
 * Nothing of the developer's own ~/.ssh leaks in.
 */
public final class SshTestbed implements AutoCloseable {
    private final OpenSshServer server;
    private final Environment environment;
    private final Path key;

    private SshTestbed(OpenSshServer server, Environment environment, Path key) {
        this.server = server;
        this.environment = environment;
        this.key = key;
    }

    /** Starts sshd under {@code dir/sshd}, with HOME {@code dir/home} and TETHER_HOME {@code dir/tether}. */
    public static SshTestbed start(Path dir, String... extraSshdConfig) throws IOException, InterruptedException {
        OpenSshServer server = OpenSshServer.start(dir.resolve("sshd"), extraSshdConfig);
        Path home = dir.resolve("home");
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Path key = OpenSshServer.generateKey(ssh, "ed25519", "");
        server.authorize(Path.of(key + ".pub"));
        Files.write(ssh.resolve("known_hosts"), server.knownHostsLines());
        Environment environment = new Environment(Files.createDirectories(dir.resolve("tether")), home);
        return new SshTestbed(server, environment, key);
    }

    public OpenSshServer server() {
        return server;
    }

    /** HOME = the fake home, TETHER_HOME = an empty directory. */
    public Environment environment() {
        return environment;
    }

    public Path home() {
        return environment.userHome();
    }

    /** The client's private key (authorized on the server, no passphrase). */
    public Path key() {
        return key;
    }

    /** A target for this server: 127.0.0.1, its port, the current user and the key. */
    public SshServer target(String name) {
        return SshServer.ofHost(name, server.host(), OpenSshServer.user(), server.port(), key.toString(), null);
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}
