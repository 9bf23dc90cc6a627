package app.tether.jupyter;

import java.util.Set;

/**
 * What the user asked of {@code jupyter setup}. Null means "decide": port from the inventory (else 8888, or
 * the next free one), environment detected, token instead of password, notebook directory = home.
 *
 * @param environment a venv/conda prefix path (contains '/') or a conda environment name
 * @param extras "zh" (Chinese language pack) and/or "lsp" (jupyterlab-lsp + jedi-language-server)
 * @param password the clear password to hash locally, or null for a random token
 */
public record SetupOptions(Integer port, InstallMode install, String environment, String indexUrl,
        Set<String> extras, char[] password, ServiceKind service, String notebookDir, boolean openToNetwork) {

    public static final Set<String> KNOWN_EXTRAS = Set.of("zh", "lsp");

    public SetupOptions {
        install = install == null ? InstallMode.IF_MISSING : install;
        service = service == null ? ServiceKind.AUTO : service;
        extras = extras == null ? Set.of() : Set.copyOf(extras);
    }

    /** Everything decided automatically. */
    public static SetupOptions defaults() {
        return new SetupOptions(null, InstallMode.IF_MISSING, null, null, Set.of(), null, ServiceKind.AUTO, null, false);
    }

    @Override
    public String toString() {
        // never print the password
        return "SetupOptions[port=" + port + ", install=" + install + ", environment=" + environment + ", indexUrl="
                + SecretFilter.maskUrlCredentials(indexUrl) + ", extras=" + extras + ", password=" + (password == null ? "none" : "***")
                + ", service=" + service + ", notebookDir=" + notebookDir + ", openToNetwork=" + openToNetwork + "]";
    }
}
