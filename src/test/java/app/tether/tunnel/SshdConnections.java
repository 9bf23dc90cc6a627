package app.tether.tunnel;

import app.tether.testing.OpenSshServer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Kills a test sshd together with its per-connection processes, so established sessions really drop. */
final class SshdConnections {
    private SshdConnections() {
    }

    static void killAll(OpenSshServer server) throws InterruptedException {
        String config = server.dir().resolve("sshd_config").toString();
        List<ProcessHandle> listeners = ProcessHandle.current().children()
                // sshd rewrites its title, so its arguments cannot be read back: the test runs one sshd at a time.
                .filter(p -> p.info().command().map(OpenSshServer.SSHD::equals).orElse(false))
                .toList();
        if (listeners.isEmpty()) {
            throw new IllegalStateException("sshd for " + config + " not found among the test's children: "
                    + ProcessHandle.current().children().map(p -> p.pid() + " " + p.info()).toList());
        }
        for (ProcessHandle listener : listeners) {
            List<ProcessHandle> children = listener.descendants().toList();
            listener.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            listener.onExit().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
        }
        server.stop();
    }
}
