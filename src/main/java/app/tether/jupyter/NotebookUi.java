package app.tether.jupyter;

import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The web interface a Jupyter server offers a person: JupyterLab ({@code /lab}), the classic Notebook
 * ({@code /tree}), or none (a bare jupyter_server answers its API and a page saying it runs, nothing to work in).
 */
public enum NotebookUi {
    LAB("lab", "lab"), NOTEBOOK("notebook", "tree"), NONE(null, "");

    private final String id;
    private final String path;

    NotebookUi(String id, String path) {
        this.id = id;
        this.path = path;
    }

    /** The JSON spelling ({@code "lab"}, {@code "notebook"}), null for none. */
    public String id() {
        return id;
    }

    /** The page to open under the server's base URL ({@code lab}, {@code tree}; empty for none). */
    public String path() {
        return path;
    }

    /**
     * The interface the server has, JupyterLab first. A page exists when it answers 200, or redirects (to the
     * login page, when the request carries no valid token); a server without it answers 404.
     *
     * @param statusOf the HTTP status of {@code GET <base>/<path>} (with the token, no redirects followed), -1 when
     *     nothing answered
     * @return empty when nothing answered at all (not known), else the interface or {@link #NONE}
     */
    public static Optional<NotebookUi> find(ToIntFunction<String> statusOf) {
        boolean answered = false;
        for (NotebookUi ui : new NotebookUi[] {LAB, NOTEBOOK}) {
            int code = statusOf.applyAsInt(ui.path);
            if (code >= 200 && code < 400) {
                return Optional.of(ui);
            }
            answered |= code > 0;
        }
        return answered ? Optional.of(NONE) : Optional.empty();
    }
}
