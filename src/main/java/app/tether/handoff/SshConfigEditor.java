package app.tether.handoff;

import app.tether.core.AtomicFiles;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes Tether's managed Host blocks into {@code ~/.ssh/config}: replaces the block with the same alias,
 * or inserts it before the first {@code Host}/{@code Match} line (so lines meant for every host stay
 * global and the block is not shadowed by a later {@code Host *}); leaves every other line alone. The
 * original file is copied to {@code config.tether-backup} once, before Tether first changes it.
 */
public final class SshConfigEditor {
    /** What {@link #apply} did. */
    public enum Outcome { ADDED, REPLACED, UNCHANGED }

    private final Path config;

    public SshConfigEditor(Path config) {
        this.config = config;
    }

    public Path config() {
        return config;
    }

    public Path backup() {
        return config.resolveSibling(config.getFileName() + ".tether-backup");
    }

    /** Aliases of the managed blocks in the file (these Tether may rewrite; all others belong to the user). */
    public Set<String> managedAliases() {
        Set<String> aliases = new LinkedHashSet<>();
        for (String line : read()) {
            String text = line.strip();
            if (text.startsWith(ManagedHostBlock.BEGIN)) {
                aliases.add(text.substring(ManagedHostBlock.BEGIN.length()).strip());
            }
        }
        return aliases;
    }

    /** The file as it would be after {@link #apply}. */
    public String preview(ManagedHostBlock block) {
        return String.join("\n", edited(read(), block)) + "\n";
    }

    public Outcome apply(ManagedHostBlock block) {
        List<String> before = read();
        List<String> after = edited(before, block);
        if (after.equals(before)) {
            return Outcome.UNCHANGED;
        }
        boolean replacing = findBlock(before, block.alias()) != null;
        try {
            Path dir = config.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                }
            }
            if (Files.exists(config) && !Files.exists(backup())) {
                Files.copy(config, backup(), StandardCopyOption.COPY_ATTRIBUTES);
            }
            AtomicFiles.write(config, (String.join("\n", after) + "\n").getBytes(StandardCharsets.UTF_8),
                    AtomicFiles.ownerOnly());
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "handoff.error.sshConfigWrite", config, e.getMessage());
        }
        return replacing ? Outcome.REPLACED : Outcome.ADDED;
    }

    private List<String> read() {
        try {
            if (!Files.exists(config)) {
                return List.of();
            }
            return Files.readString(config, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "error.sshConfig.read", config, e.getMessage());
        }
    }

    private static List<String> edited(List<String> lines, ManagedHostBlock block) {
        List<String> result = new ArrayList<>(lines);
        int[] existing = findBlock(lines, block.alias());
        if (existing != null) {
            result.subList(existing[0], existing[1] + 1).clear();
            result.addAll(existing[0], block.lines());
            return result;
        }
        int at = firstHostOrMatch(lines);
        List<String> insert = new ArrayList<>(block.lines());
        if (at < 0) {
            if (!result.isEmpty() && !result.get(result.size() - 1).isBlank()) {
                insert.add(0, "");
            }
            result.addAll(insert);
        } else {
            insert.add("");
            result.addAll(at, insert);
        }
        return result;
    }

    /** {begin, end} line indexes of the managed block for {@code alias}, or null. */
    private static int[] findBlock(List<String> lines, String alias) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(ManagedHostBlock.BEGIN + alias)) {
                for (int j = i + 1; j < lines.size(); j++) {
                    if (lines.get(j).strip().equals(ManagedHostBlock.END + alias)) {
                        return new int[] {i, j};
                    }
                }
            }
        }
        return null;
    }

    private static int firstHostOrMatch(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip().toLowerCase(Locale.ROOT);
            if (text.matches("(host|match)(\\s+|\\s*=).*")) {
                return i;
            }
        }
        return -1;
    }
}
