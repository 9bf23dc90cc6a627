package app.tether.jupyter;

/** Whether setup installs JupyterLab: never, only when no Jupyter server is found, or always (upgrade). */
public enum InstallMode {
    NEVER, IF_MISSING, ALWAYS
}
