package app.tether.providers.gce;

import app.tether.core.Environment;
import app.tether.testing.OpenSshServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The tests' real sshd standing in for a VM: on port 22 of a random loopback address when the tests may bind it
 * (root), else on a free port of 127.0.0.1 with {@code TETHER_GCE_SSH_PORT} telling Tether. Keys added to the
 * stand-in's {@code ssh-keys} metadata for {@code user} are written to its authorized_keys, as the guest agent would.
 */
final class VmSshd implements AutoCloseable {
    private final OpenSshServer sshd;
    private final boolean port22;

    private VmSshd(OpenSshServer sshd, boolean port22) {
        this.sshd = sshd;
        this.port22 = port22;
    }

    static VmSshd start(Path dir, ComputeStandIn compute, String user) throws IOException, InterruptedException {
        String address = "127." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255) + "." + ThreadLocalRandom.current().nextInt(2, 255);
        boolean port22 = canBind(address, 22);
        OpenSshServer sshd = port22 ? OpenSshServer.startOn(dir, address, 22)
                : OpenSshServer.startOn(dir, "127.0.0.1", OpenSshServer.freePort());
        compute.natIp(sshd.host());
        compute.onSshKeys(keys -> {
            List<String> lines = new ArrayList<>();
            for (String line : keys.split("\n")) {
                if (line.startsWith(user + ":")) {
                    lines.add(line.substring(user.length() + 1));
                }
            }
            try {
                Files.write(sshd.authorizedKeys(), lines);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return new VmSshd(sshd, port22);
    }

    /** {@code environment} told where sshd listens when it is not port 22. */
    Environment tell(Environment environment) {
        return port22 ? environment : environment.withVariable("TETHER_GCE_SSH_PORT", String.valueOf(sshd.port()));
    }

    OpenSshServer sshd() {
        return sshd;
    }

    private static boolean canBind(String address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        sshd.killWithConnections();
    }
}
