package app.tether.inventory;

/** Where Jupyter lives on a target: its remote port and notebook directory (null = defaults). */
public record JupyterSettings(Integer port, String notebookDir) {
    public static final int DEFAULT_PORT = 8888;

    public static JupyterSettings defaults() {
        return new JupyterSettings(DEFAULT_PORT, null);
    }

    public int portOrDefault() {
        return port == null ? DEFAULT_PORT : port;
    }
}
