package app.tether.ui;

/**
 * What the window asks of the live features (status, SSH, Jupyter, tunnels). The window works without them
 * ({@link #NONE}: Connect stays disabled), as in tests of the list alone; the desktop app plugs in
 * {@link Workflows}.
 */
public interface TargetActions {
    TargetActions NONE = new TargetActions() {
    };

    /** Whether Connect / Open notebook / VS Code are available. */
    default boolean canConnect() {
        return false;
    }

    /** Tries a server from the Add/Edit dialog before it is saved. */
    default ConnectionTester connectionTester() {
        return ConnectionTester.NONE;
    }

    /** F5: probe every server again now. */
    default void refreshAll() {
    }

    /** Connect on purpose to {@code item}, so SSH may ask (new host key, passphrase), then probe it again. */
    default void verify(TargetItem item) {
    }

    /** A new refresh interval from Settings. */
    default void refreshIntervalChanged(int seconds) {
    }

    /** Connect: Jupyter running, tunnel up, notebook open in the browser. */
    default void openNotebook(TargetItem item) {
    }

    /** Copies the notebook's local URL (opening the tunnel first when needed). */
    default void copyNotebookUrl(TargetItem item) {
    }

    /** Opens the user's terminal emulator with {@code ssh} to the server. */
    default void openTerminal(TargetItem item) {
    }

    default void openInVsCode(TargetItem item) {
    }

    /** PyCharm / JetBrains: copies the notebook URL for "Configured server" and offers the Gateway link. */
    default void openInJetBrains(TargetItem item) {
    }

    /** Asks the server how its Jupyter is doing (fills {@link TargetItem#jupyterProperty()}). */
    default void loadJupyterStatus(TargetItem item) {
    }

    default void setUpJupyter(TargetItem item) {
    }

    default void startJupyter(TargetItem item) {
    }

    default void stopJupyter(TargetItem item) {
    }

    default void showJupyterLogs(TargetItem item) {
    }

    /** Removes everything Tether set up for Jupyter on the server (after asking). */
    default void removeJupyter(TargetItem item) {
    }

    /** Shows the open tunnels, each target's with a Close button. */
    default void showTunnels() {
    }
}
