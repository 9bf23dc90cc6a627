package app.tether.jupyter;

/**
 * The Jupyter application Tether runs as the server, chosen from what the server has: JupyterLab, the classic
 * Notebook 6 (its own Tornado server, configured as {@code NotebookApp}: many GPU images still ship it), or a
 * bare jupyter_server (which serves Notebook 7's {@code /tree} when that is installed, else no interface).
 */
public enum ServerApp {
    LAB("jupyterlab", "jupyter_lab_config.py", "ServerApp"),
    CLASSIC_NOTEBOOK("notebook", "jupyter_notebook_config.py", "NotebookApp"),
    SERVER("jupyter_server", "jupyter_server_config.py", "ServerApp");

    private final String module;
    private final String configFile;
    private final String configClass;

    ServerApp(String module, String configFile, String configClass) {
        this.module = module;
        this.configFile = configFile;
        this.configClass = configClass;
    }

    /** JupyterLab when there; else the classic Notebook (6.x) when there; else jupyter_server. */
    public static ServerApp of(Detection found) {
        if (found.hasJupyterLab() && found.hasJupyterServer()) {
            return LAB;
        }
        if (found.hasClassicNotebook()) {
            return CLASSIC_NOTEBOOK;
        }
        return SERVER;
    }

    /** What {@code python -m} runs. */
    public String module() {
        return module;
    }

    /** The config file under {@code ~/.jupyter} this application reads. */
    public String configFile() {
        return configFile;
    }

    /** The configurable class that holds ip, port, root and password settings. */
    public String configClass() {
        return configClass;
    }

    public boolean classic() {
        return this == CLASSIC_NOTEBOOK;
    }
}
