package app.tether.workflow;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.net.URI;

/**
 * Connect's answer for a target whose way in is a provider's own web page ({@code NotebookAccess.InBrowser}, e.g.
 * CNB's WebIDE without SSH): there is no local address to give, so the caller opens {@link #url()} itself.
 */
public final class WebPageOnly extends TetherException {
    private final transient URI url;

    public WebPageOnly(String target, URI url) {
        super(ErrorCode.FAILURE, "connect.webPageOnly", target, url);
        this.url = url;
    }

    public URI url() {
        return url;
    }
}
