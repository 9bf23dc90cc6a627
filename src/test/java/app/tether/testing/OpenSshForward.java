package app.tether.testing;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code ssh -N -L PORT:127.0.0.1:SERVICE} to the testbed's sshd, with the testbed's key and known_hosts. */
public final class OpenSshForward implements AutoCloseable {
    private final Process process;
    private final int port;

    private OpenSshForward(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static OpenSshForward start(SshTestbed testbed, int servicePort, List<String> extra) throws Exception {
        int port = OpenSshServer.freePort();
        List<String> command = new ArrayList<>(List.of("/usr/bin/ssh", "-N", "-F", "/dev/null",
                "-o", "BatchMode=yes", "-o", "ExitOnForwardFailure=yes", "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + testbed.home().resolve(".ssh/known_hosts"),
                "-i", testbed.key().toString(), "-p", String.valueOf(testbed.server().port()),
                "-L", port + ":127.0.0.1:" + servicePort));
        command.addAll(extra);
        command.add(OpenSshServer.user() + "@127.0.0.1");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(testbed.home().resolve("ssh-" + port + ".log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("ssh -L exited " + process.exitValue());
            }
            try (Socket probe = TunnelLoad.connect(port)) {
                return new OpenSshForward(process, port);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IOException("ssh -L did not listen");
    }

    public int port() {
        return port;
    }

    /** The ssh client's process id. */
    public long pid() {
        return process.pid();
    }

    /** CPU time (user + system) the ssh client has used so far, from /proc (10 ms resolution). */
    public long cpuNanos() throws IOException {
        return ProcessCpu.nanos(process.pid(), false);
    }

    /** User-mode CPU time only (without the kernel's share: system calls, loopback TCP). */
    public long userNanos() throws IOException {
        return ProcessCpu.nanos(process.pid(), true);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
