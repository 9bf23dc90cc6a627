package app.tether.ui;

import app.tether.core.Progress;
import app.tether.inventory.HfSpace;
import app.tether.providers.LiveState;
import java.util.List;

/**
 * What the window asks of Hugging Face beyond the lifecycle actions: the hardware list, a Space's runtime
 * details, hardware / sleep time / dev mode changes, the Spaces an account can import, and creating a
 * JupyterLab Space. Blocking calls with timeouts; failures are TetherExceptions with the API's message.
 */
public interface SpaceOperations {
    /** The hardware flavors with specs and prices (the API's list, or the documented table when offline). */
    List<SpaceFlavor> flavors() throws InterruptedException;

    SpaceDetails details(HfSpace space) throws InterruptedException;

    /** Asks for {@code flavor}; {@code sleepSeconds} null keeps the sleep time, -1 means never. */
    SpaceDetails requestHardware(HfSpace space, String flavor, Integer sleepSeconds) throws InterruptedException;

    /** -1 means never sleep. */
    SpaceDetails setSleepTime(HfSpace space, int seconds) throws InterruptedException;

    SpaceDetails setDevMode(HfSpace space, boolean on) throws InterruptedException;

    /**
     * Creates a JupyterLab Space from the template with a generated {@code JUPYTER_TOKEN} secret (kept in
     * Tether's secrets) and adds it to the inventory file. An existing Space is an error, nothing is overwritten.
     */
    HfSpace create(SpaceCreateViewModel.Request request, Progress progress) throws InterruptedException;

    /** Follows a Space's build and start, streaming the build log to {@code progress}, until it runs or fails. */
    LiveState follow(HfSpace space, Progress progress) throws InterruptedException;

    /** The {@code OWNER/SPACE} ids of the user's and their organisations' Spaces. */
    List<String> importable(Progress progress) throws InterruptedException;
}
