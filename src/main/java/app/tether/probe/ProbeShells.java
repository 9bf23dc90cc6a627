package app.tether.probe;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import app.tether.ssh.RemoteShell;
import app.tether.ssh.SshSessions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Probes for the periodic refresh: one {@code sh} per server kept running on its pooled session, fed
 * {@link ProbeScript#SCRIPT} on its stdin for every probe. A new exec channel per probe made the server start a
 * session and the user's login shell each time, and a login shell reads its start-up files (~/.bashrc with conda or
 * pyenv set-up: on the test machine a hundred processes and about 0.9 s of CPU per probe); a standing shell reads
 * them once. A probe that does not end in time closes its shell (the next one starts a new one), as does a target
 * that is forgotten or redefined. Never two probes of one target at once (the refresher sees to it; a lock
 * makes it safe anyway).
 */
final class ProbeShells implements StatusRefresher.Prober {
    private final SshSessions sessions;
    private final Duration timeout;
    private final Map<String, Shell> shells = new ConcurrentHashMap<>();
    private volatile boolean closed;

    ProbeShells(SshSessions sessions, Duration timeout) {
        this.sessions = sessions;
        this.timeout = timeout;
    }

    @Override
    public ServerStatus probe(SshServer target) {
        return probe(target, timeout);
    }

    /** A probe with its own time limit (tests). */
    ServerStatus probe(SshServer target, Duration timeout) {
        Instant at = Instant.now();
        try {
            for (int attempt = 0;; attempt++) {
                Shell shell = shell(target);
                synchronized (shell) {
                    Shell.Answer answer = shell.run(timeout);
                    if (answer.complete() || shell.fresh || attempt > 0) {
                        // An incomplete answer from a shell just started: the server could not run it (ProbeScript
                        // says so from what it printed); from an older one: it died (session dropped), so once more.
                        return ProbeScript.read(target.name(), at, answer.stdout(), answer.stderr());
                    }
                }
            }
        } catch (TetherException e) {
            return ServerStatus.unreachable(target.name(), at, StatusProbe.reachability(e), e.getLocalizedMessage());
        }
    }

    /** The target's open shell, or a new one (connecting first when its session is not open). */
    private Shell shell(SshServer target) {
        Shell shell = shells.get(target.name());
        if (shell != null && shell.standing.isOpen() && shell.target.equals(target)) {
            shell.fresh = false;
            return shell;
        }
        if (shell != null) {
            shell.standing.close();
        }
        Shell opened = new Shell(target);
        opened.open(sessions.quietShell(target), timeout);
        if (closed) {
            opened.standing.close();
            throw new TetherException(ErrorCode.REMOTE_FAILED, "error.remote.cancelled", "sh");
        }
        shells.put(target.name(), opened);
        return opened;
    }

    @Override
    public void forget(String targetName) {
        Shell shell = shells.remove(targetName);
        if (shell != null) {
            shell.standing.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        shells.keySet().forEach(this::forget);
    }

    /** One standing shell and what it printed for the probe in progress. */
    private static final class Shell {
        /** What one probe got: the script's output, and whether it reached its end marker. */
        record Answer(String stdout, String stderr, boolean complete) {
        }

        private static final byte[] SCRIPT = (ProbeScript.SCRIPT + "\n").getBytes(StandardCharsets.UTF_8);
        private static final String END_LINE = "\n" + ProbeScript.END + "\n";

        final SshServer target;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private RemoteShell.Standing standing;
        private boolean ended; // guarded by out; the end marker arrived or the channel closed
        boolean fresh = true; // until it is reused for a second script (ProbeShells.shell)

        Shell(SshServer target) {
            this.target = target;
        }

        void open(RemoteShell remote, Duration timeout) {
            standing = remote.keepRunning(List.of("sh"), new Sink(out, true), new Sink(err, false), timeout);
            standing.onClose(() -> {
                synchronized (out) {
                    ended = true;
                    out.notifyAll();
                }
            });
        }

        /** Sends the script and waits for its end marker (or the channel to close); a timeout closes the shell. */
        Answer run(Duration timeout) {
            synchronized (out) {
                // A fresh shell (its first script) keeps what it printed before the script went: a shell that cannot
                // run it (nologin, a broken rc file) may have said why and ended before the script was sent.
                if (!fresh) {
                    out.reset();
                    err.reset();
                    ended = false;
                }
                ended = ended || !standing.isOpen();
            }
            try {
                standing.send(SCRIPT);
            } catch (IOException e) {
                return answer(false); // closed meanwhile: the caller tries a new shell once (or reads a fresh one's)
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (out) {
                try {
                    while (!ended) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            standing.close();
                            throw new TetherException(ErrorCode.REMOTE_FAILED, "error.remote.timeout", "sh",
                                    Math.max(1, timeout.toSeconds()));
                        }
                        TimeUnit.NANOSECONDS.timedWait(out, left);
                    }
                } catch (InterruptedException e) {
                    standing.close();
                    Thread.currentThread().interrupt();
                    throw new TetherException(ErrorCode.REMOTE_FAILED, e, "error.remote.cancelled", "sh");
                }
                return answer(out.toString(StandardCharsets.UTF_8).contains(END_LINE));
            }
        }

        private Answer answer(boolean complete) {
            synchronized (out) {
                return new Answer(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), complete);
            }
        }

        /** Collects a stream under the shell's lock; stdout's also watches for the end marker. */
        private final class Sink extends OutputStream {
            private final ByteArrayOutputStream buffer;
            private final boolean watchesEnd;

            Sink(ByteArrayOutputStream buffer, boolean watchesEnd) {
                this.buffer = buffer;
                this.watchesEnd = watchesEnd;
            }

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (out) {
                    buffer.write(bytes, offset, length);
                    if (watchesEnd && endsWithEndLine()) {
                        ended = true;
                        out.notifyAll();
                    }
                }
            }

            private boolean endsWithEndLine() {
                int size = out.size();
                if (size < END_LINE.length()) {
                    return false;
                }
                // The marker is the last thing the script prints; the shell then waits for the next one.
                byte[] all = out.toByteArray();
                return new String(all, size - END_LINE.length(), END_LINE.length(), StandardCharsets.UTF_8)
                        .equals(END_LINE);
            }
        }
    }
}
