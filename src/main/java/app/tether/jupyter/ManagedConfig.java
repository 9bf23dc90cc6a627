package app.tether.jupyter;

import app.tether.core.Messages;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Jupyter config file on the server, as Tether edits it: the managed block put in (after backing the
 * original up once) and taken out again, giving the original bytes back when nothing else changed.
 */
final class ManagedConfig {
    private final RemoteFiles files;

    ManagedConfig(RemoteFiles files) {
        this.files = files;
    }

    /**
     * Puts the block into {@code configFile}, writing only when the bytes change.
     *
     * @param tetherCreated an earlier setup created the file: there is no original of the user's to back up
     * @return whether the file existed before (false: Tether creates it)
     */
    boolean apply(String configFile, String backupFile, JupyterConfigBlock.Settings settings, boolean tetherCreated) {
        Optional<byte[]> existing = files.read(configFile);
        String before = existing.map(ManagedConfig::text).orElse(null);
        String after = JupyterConfigBlock.apply(before, settings);
        if (existing.isPresent() && !tetherCreated) {
            files.backupOnce(configFile, backupFile);
        }
        if (!after.equals(before)) {
            files.write(configFile, after.getBytes(StandardCharsets.ISO_8859_1), "644", true, false);
        }
        return existing.isPresent();
    }

    /** Takes the block out of the state's config file; restores the backup when nothing else changed since. */
    void revert(RemoteState state, Consumer<String> out) {
        Optional<byte[]> current = files.read(state.configFile());
        Optional<byte[]> backup = files.read(state.backupFile());
        if (backup.isPresent() && state.configCreated()
                && JupyterConfigBlock.remove(text(backup.get())).isBlank()) {
            // an older Tether backed up the file it had created itself: that copy is no original, only its block
            files.delete(false, state.backupFile());
            backup = Optional.empty();
        }
        if (current.isEmpty()) {
            if (backup.isPresent()) {
                files.move(state.backupFile(), state.configFile());
            }
            return;
        }
        String text = text(current.get());
        String stripped = JupyterConfigBlock.remove(text);
        if (backup.isPresent()) {
            String original = text(backup.get());
            // the block was appended after a newline Tether may have added: either way, nothing of the user's changed
            if (stripped.equals(original) || stripped.equals(original + "\n")) {
                files.move(state.backupFile(), state.configFile());
                out.accept(Messages.get("jupyter.remove.restored", state.configFile()));
                return;
            }
            out.accept(Messages.get("jupyter.remove.backupKept", state.backupFile()));
        }
        if (state.configCreated() && stripped.isBlank()) {
            files.delete(false, state.configFile());
        } else if (!stripped.equals(text)) {
            files.write(state.configFile(), stripped.getBytes(StandardCharsets.ISO_8859_1), "644", true, false);
        }
    }

    /** Bytes as chars one to one, so a config file in any encoding is written back unchanged around the block. */
    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
