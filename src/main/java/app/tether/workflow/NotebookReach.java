package app.tether.workflow;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.Progress;
import app.tether.core.TetherException;
import app.tether.handoff.NotebookOpener;
import app.tether.handoff.NotebookUrl;
import app.tether.providers.NotebookAccess;
import app.tether.tunnel.HttpForwarder;
import app.tether.tunnel.HttpForwards;
import app.tether.tunnel.JupyterHealth;
import java.time.Duration;

/**
 * The last part of Connect: from the way in a provider names to the address a browser opens. Over SSH it is
 * the {@link NotebookOpener} (Jupyter service, tunnel); over HTTPS a local {@link HttpForwarder} that adds the
 * provider's credentials, checked by Jupyter's {@code /api/status} through it; a provider's own web page is
 * {@link WebPageOnly}, for the caller to open as it is.
 */
public final class NotebookReach {
    private static final int STEPS = 2;
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(90);

    private final NotebookOpener opener;
    private final HttpForwards forwards;
    private final JupyterHealth health;
    private final Duration answerWait;

    public NotebookReach(NotebookOpener opener, HttpForwards forwards, JupyterHealth health) {
        this(opener, forwards, health, ANSWER_WAIT);
    }

    /** With how long an HTTPS notebook may take to answer once the target runs (tests: short). */
    public NotebookReach(NotebookOpener opener, HttpForwards forwards, JupyterHealth health, Duration answerWait) {
        this.opener = opener;
        this.forwards = forwards;
        this.health = health;
        this.answerWait = answerWait;
    }

    public HttpForwards forwards() {
        return forwards;
    }

    /** Blocking: the notebook of {@code target} reached through {@code access}; what it opened stays open. */
    public NotebookUrl reach(String target, NotebookAccess access, Progress progress) throws InterruptedException {
        if (access instanceof NotebookAccess.OverSsh ssh) {
            return opener.open(ssh.server(), progress);
        }
        if (access instanceof NotebookAccess.InBrowser page) {
            throw new WebPageOnly(target, page.url());
        }
        NotebookAccess.OverHttps https = (NotebookAccess.OverHttps) access;
        progress.step(0, STEPS, Messages.get("connect.step.forward", https.base().getHost()));
        HttpForwarder forwarder = forwards.open(target, https.base(), https.headers());
        int port = forwarder.localPort();
        progress.step(1, STEPS, Messages.get("connect.step.answer", String.valueOf(port)));
        String token = https.token();
        if (!health.awaitHealthy(port, "/", token, answerWait)) {
            int code = health.statusCode(port, "/", token);
            throw new TetherException(code < 0 || code >= 500 ? ErrorCode.CANNOT_CONNECT : ErrorCode.REMOTE_FAILED,
                    code == 403 && token != null ? "connect.error.token" : "connect.error.notAnswering", target,
                    https.base().getHost(), code < 0 ? "-" : String.valueOf(code));
        }
        return new NotebookUrl(port, "/", health.uiPath(port, "/", token), token);
    }
}
