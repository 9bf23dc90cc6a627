package app.tether.ui;

import app.tether.core.TetherException;
import java.nio.file.Path;

/** Why the inventory file cannot be used (damaged or from a newer Tether): the window says so and leaves it alone. */
public record StoreProblem(Path file, TetherException cause) {
    public Path folder() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? file : parent;
    }
}
