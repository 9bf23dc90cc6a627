package app.tether.providers;

import app.tether.inventory.SshServer;
import java.net.URI;
import java.util.Map;

/** How a running target's notebook is reached. */
public sealed interface NotebookAccess permits NotebookAccess.OverSsh, NotebookAccess.OverHttps,
        NotebookAccess.InBrowser {

    /**
     * Through the SSH engine: {@code server} is an SSH target (possibly made on the fly from a cloud VM's
     * address and key) for the existing Jupyter service and tunnels.
     */
    record OverSsh(SshServer server) implements NotebookAccess {
    }

    /**
     * Over HTTP(S) at {@code base} with {@code headers} added to every request (e.g. an Authorization bearer
     * that must never appear in a URL, log or process list) and the notebook's own {@code token} (null when
     * none); served to the browser through a local forwarding listener on 127.0.0.1.
     */
    record OverHttps(URI base, Map<String, String> headers, String token) implements NotebookAccess {
        public OverHttps {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        /** Never shows header values or the token. */
        @Override
        public String toString() {
            return "OverHttps[" + base + ", headers=" + headers.keySet() + (token == null ? "" : ", token=***") + "]";
        }
    }

    /**
     * A web page the provider serves itself, behind its own login (CNB's WebIDE): opened in the browser as is,
     * with no tunnel or forwarding listener, since its login cookies belong to the provider's host.
     */
    record InBrowser(URI url) implements NotebookAccess {
    }
}
