package app.tether.handoff;

import app.tether.core.AtomicFiles;
import app.tether.core.ErrorCode;
import app.tether.core.IoReasons;
import app.tether.core.TetherException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes Tether's managed Host blocks into {@code ~/.ssh/config}: one marked block per alias, found by its
 * BEGIN/END markers and replaced exactly, or inserted before the first {@code Host}/{@code Match} line outside
 * any managed block (so lines meant for every host stay global and the block is not shadowed by a later
 * {@code Host *}). Every byte outside the block is kept as it was: the file is handled as bytes (ISO-8859-1
 * maps each byte to one char), line ends (LF or CRLF) included; the only byte ever added outside a block is the
 * line break that ends a last line which had none. A block that an older Tether wrote inside another block is
 * lifted out when either is rewritten. The original file is copied to {@code config.tether-backup} once,
 * before Tether first changes it.
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
        return managedTargets().keySet();
    }

    /** Each managed block's alias and the Tether target it was written for (null when the comment is missing). */
    public Map<String, String> managedTargets() {
        Map<String, String> owners = new LinkedHashMap<>();
        List<String> lines = lines(read());
        for (int i = 0; i < lines.size(); i++) {
            String alias = marker(lines.get(i), ManagedHostBlock.BEGIN);
            if (alias != null) {
                String owner = i + 1 < lines.size() ? ManagedHostBlock.ownerIn(new String(
                        lines.get(i + 1).strip().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)) : null;
                owners.put(alias, owner);
            }
        }
        return owners;
    }

    /** The file as it would be after {@link #apply} (UTF-8 text). */
    public String preview(ManagedHostBlock block) {
        String edited = edited(read(), block);
        return new String(edited.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    public Outcome apply(ManagedHostBlock block) {
        String before = read();
        String after = edited(before, block);
        if (after.equals(before)) {
            return Outcome.UNCHANGED;
        }
        boolean replacing = !blockLines(lines(before), block.alias()).isEmpty();
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
            AtomicFiles.write(config, after.getBytes(StandardCharsets.ISO_8859_1), AtomicFiles.ownerOnly());
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "handoff.error.sshConfigWrite", config, IoReasons.of(e));
        }
        return replacing ? Outcome.REPLACED : Outcome.ADDED;
    }

    /** The file's bytes, one char per byte; empty when there is no file. */
    private String read() {
        try {
            return new String(Files.readAllBytes(config), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "error.sshConfig.read", config, IoReasons.of(e));
        }
    }

    /** The lines of {@code text}, each with its own line end, so that joining them gives {@code text} back. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    static String edited(String text, ManagedHostBlock block) {
        List<String> lines = new ArrayList<>(lines(text));
        List<Integer> existing = blockLines(lines, block.alias());
        // The block's line ends follow the block it replaces, else the file's first line.
        String model = !existing.isEmpty() ? lines.get(existing.get(0)) : lines.isEmpty() ? "" : lines.get(0);
        String eol = model.endsWith("\r\n") ? "\r\n" : "\n";
        List<String> blockLines = new ArrayList<>();
        for (String line : block.lines()) {
            // Block values may hold non-ASCII (host names, key paths): their UTF-8 bytes, one char each.
            blockLines.add(new String((line + eol).getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        }
        if (!existing.isEmpty()) {
            int at = existing.get(0);
            for (int i = existing.size() - 1; i >= 0; i--) {
                lines.remove((int) existing.get(i));
            }
            lines.addAll(at, blockLines);
            return String.join("", lines);
        }
        int at = insertionPoint(lines);
        if (at < 0) {
            if (!lines.isEmpty()) {
                String last = lines.get(lines.size() - 1);
                if (!last.endsWith("\n")) {
                    lines.set(lines.size() - 1, last + eol);
                    last = last + eol;
                }
                if (!last.isBlank()) {
                    blockLines.add(0, eol);
                }
            }
            lines.addAll(blockLines);
        } else {
            blockLines.add(eol);
            lines.addAll(at, blockLines);
        }
        return String.join("", lines);
    }

    /**
     * The indexes of the lines of {@code alias}'s block, BEGIN to END, leaving out any complete block of another
     * alias nested inside (which an older Tether could write); empty when there is no such block.
     */
    private static List<Integer> blockLines(List<String> lines, String alias) {
        for (int i = 0; i < lines.size(); i++) {
            if (!alias.equals(marker(lines.get(i), ManagedHostBlock.BEGIN))) {
                continue;
            }
            List<Integer> own = new ArrayList<>();
            own.add(i);
            for (int j = i + 1; j < lines.size(); j++) {
                if (alias.equals(marker(lines.get(j), ManagedHostBlock.END))) {
                    own.add(j);
                    return own;
                }
                String inner = marker(lines.get(j), ManagedHostBlock.BEGIN);
                int innerEnd = inner == null || inner.equals(alias) ? -1 : endOf(lines, j, inner);
                if (innerEnd > 0) {
                    j = innerEnd; // another alias's complete block: not ours to touch
                } else {
                    own.add(j);
                }
            }
            return List.of(); // no END marker: not a block Tether can safely replace
        }
        return List.of();
    }

    private static int endOf(List<String> lines, int begin, String alias) {
        for (int j = begin + 1; j < lines.size(); j++) {
            if (alias.equals(marker(lines.get(j), ManagedHostBlock.END))) {
                return j;
            }
            if (marker(lines.get(j), ManagedHostBlock.BEGIN) != null) {
                return -1;
            }
        }
        return -1;
    }

    /** The alias after {@code prefix} when {@code line} is such a marker line, else null. */
    private static String marker(String line, String prefix) {
        String text = line.strip();
        return text.startsWith(prefix) ? text.substring(prefix.length()).strip() : null;
    }

    /** Before the first Host/Match line, or before the managed block that line belongs to; -1: at the end. */
    private static int insertionPoint(List<String> lines) {
        java.util.Deque<Integer> open = new java.util.ArrayDeque<>();
        for (int i = 0; i < lines.size(); i++) {
            if (marker(lines.get(i), ManagedHostBlock.BEGIN) != null) {
                open.push(i);
                continue;
            }
            if (marker(lines.get(i), ManagedHostBlock.END) != null) {
                open.poll();
                continue;
            }
            String text = lines.get(i).strip().toLowerCase(Locale.ROOT);
            if (text.matches("(host|match)(\\s+|\\s*=).*")) {
                return open.isEmpty() ? i : open.peekLast();
            }
        }
        return -1;
    }
}
