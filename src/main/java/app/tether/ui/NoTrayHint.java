package app.tether.ui;

import app.tether.core.Messages;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the user once (ever, per Tether home) that this Linux desktop shows no tray icons and which GNOME extension
 * adds them. Tether never installs it itself.
 */
public final class NoTrayHint {
    private static final Logger LOG = LoggerFactory.getLogger(NoTrayHint.class);

    private NoTrayHint() {
    }

    /** Shows the hint unless {@code marker} says it was shown; true (on the FX thread) when it was shown now. */
    public static CompletableFuture<Boolean> showOnce(Path marker, FxExecutors executors, DialogService dialogs) {
        return executors.supply(() -> firstTime(marker)).thenApply(first -> {
            if (first) {
                dialogs.info("tray.hint.title", Messages.get("tray.hint.text"));
            }
            return first;
        });
    }

    private static boolean firstTime(Path marker) {
        try {
            Files.createDirectories(marker.getParent());
            Files.createFile(marker);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            LOG.warn("Could not remember that the tray hint was shown: {}", e.getMessage());
            return true;
        }
    }
}
