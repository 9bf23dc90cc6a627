package app.tether.ssh;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The user's {@code ~/.ssh/config}, read the way OpenSSH reads it: {@code Host} blocks with patterns,
 * {@code Include} (relative to {@code ~/.ssh}, with globs), first value wins. {@code Match} blocks are
 * skipped (Tether does not evaluate them).
 */
public final class SshConfigFile {
    private static final int MAX_INCLUDE_DEPTH = 16;

    /** One {@code Host} block: its patterns and its options (keys in lower case, in file order). */
    public record HostBlock(List<String> patterns, List<Map.Entry<String, String>> options) {
        boolean matches(String host) {
            boolean matched = false;
            for (String pattern : patterns) {
                boolean negated = pattern.startsWith("!");
                String glob = negated ? pattern.substring(1) : pattern;
                if (globMatches(glob, host)) {
                    if (negated) {
                        return false;
                    }
                    matched = true;
                }
            }
            return matched;
        }
    }

    /** The marker comments of the Host blocks Tether writes for VS Code (handoff.ManagedHostBlock). */
    static final String MANAGED_BEGIN = "# BEGIN TETHER MANAGED HOST ";
    static final String MANAGED_END = "# END TETHER MANAGED HOST ";

    private final Path sshDir;
    private final List<HostBlock> blocks;
    private final Set<String> managed;

    private SshConfigFile(Path sshDir, List<HostBlock> blocks, Set<String> managed) {
        this.sshDir = sshDir;
        this.blocks = List.copyOf(blocks);
        this.managed = Set.copyOf(managed);
    }

    /** Reads {@code config} (missing file = empty); relative Includes resolve against {@code sshDir}. */
    public static SshConfigFile read(Path config, Path sshDir) throws IOException {
        List<HostBlock> blocks = new ArrayList<>();
        // Lines before any Host apply to every host, as in OpenSSH.
        HostBlock global = new HostBlock(List.of("*"), new ArrayList<>());
        blocks.add(global);
        Reader reader = new Reader(sshDir, blocks);
        reader.read(config, global, 0);
        return new SshConfigFile(sshDir, blocks, reader.managed);
    }

    public static SshConfigFile empty(Path sshDir) {
        return new SshConfigFile(sshDir, List.of(), Set.of());
    }

    public List<HostBlock> blocks() {
        return blocks;
    }

    public Path sshDir() {
        return sshDir;
    }

    /** Every concrete alias (a Host pattern without wildcards or negation), in file order. */
    public List<String> aliases() {
        Set<String> aliases = new LinkedHashSet<>();
        for (HostBlock block : blocks) {
            for (String pattern : block.patterns()) {
                if (!pattern.isEmpty() && !pattern.startsWith("!") && pattern.chars().noneMatch(c -> c == '*' || c == '?')) {
                    aliases.add(pattern);
                }
            }
        }
        return List.copyOf(aliases);
    }

    /**
     * The aliases a user would import as servers: {@link #aliases()} without the ones in Tether's own managed
     * blocks, which stand for servers already in Tether's list.
     */
    public List<String> importableAliases() {
        return aliases().stream().filter(alias -> !managed.contains(alias)).toList();
    }

    public boolean hasAlias(String alias) {
        return aliases().contains(alias);
    }

    /**
     * The options that apply to {@code host}, first value winning per key (keys in lower case);
     * IdentityFile and LocalForward collect every value, joined by newlines.
     */
    public Map<String, String> resolve(String host) {
        Map<String, String> values = new LinkedHashMap<>();
        for (HostBlock block : blocks) {
            if (!block.matches(host)) {
                continue;
            }
            for (Map.Entry<String, String> option : block.options()) {
                String key = option.getKey();
                if (key.equals("identityfile") || key.equals("localforward") || key.equals("certificatefile")) {
                    values.merge(key, option.getValue(), (a, b) -> a + "\n" + b);
                } else {
                    values.putIfAbsent(key, option.getValue());
                }
            }
        }
        return values;
    }

    static boolean globMatches(String glob, String text) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(text).matches();
    }

    /** Splits a config line into words, honouring double quotes and {@code key=value}. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        boolean first = true;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (!quoted && (Character.isWhitespace(c) || (c == '=' && first))) {
                if (inWord) {
                    words.add(current.toString());
                    current.setLength(0);
                    inWord = false;
                    first = false;
                } else if (c == '=') {
                    first = false;
                }
            } else {
                current.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(current.toString());
        }
        return words;
    }

    private static final class Reader {
        private final Path sshDir;
        private final List<HostBlock> blocks;

        /** Host patterns inside Tether's managed blocks. */
        final Set<String> managed = new java.util.HashSet<>();

        Reader(Path sshDir, List<HostBlock> blocks) {
            this.sshDir = sshDir;
            this.blocks = blocks;
        }

        /** Reads one file into {@code blocks}; returns the block in force at its end. */
        HostBlock read(Path file, HostBlock current, int depth) throws IOException {
            if (depth > MAX_INCLUDE_DEPTH) {
                throw new IOException("Include nested too deeply at " + file);
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (NoSuchFileException e) {
                return current;
            }
            HostBlock block = current;
            boolean skipping = false;
            boolean inManaged = false;
            for (String raw : lines) {
                String line = raw.strip();
                if (line.startsWith(MANAGED_BEGIN) || line.startsWith(MANAGED_END)) {
                    inManaged = line.startsWith(MANAGED_BEGIN);
                }
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                List<String> words = words(line);
                if (words.isEmpty()) {
                    continue;
                }
                String key = words.get(0).toLowerCase(Locale.ROOT);
                List<String> args = words.subList(1, words.size());
                switch (key) {
                    case "host" -> {
                        if (inManaged) {
                            managed.addAll(args);
                        }
                        block = new HostBlock(List.copyOf(args), new ArrayList<>());
                        blocks.add(block);
                        skipping = false;
                    }
                    case "match" -> skipping = true;
                    case "include" -> {
                        if (!skipping) {
                            for (String pattern : args) {
                                for (Path included : expand(pattern)) {
                                    block = read(included, block, depth + 1);
                                }
                            }
                        }
                    }
                    default -> {
                        if (!skipping && !args.isEmpty()) {
                            block.options().add(Map.entry(key, String.join(" ", args)));
                        }
                    }
                }
            }
            return block;
        }

        private List<Path> expand(String pattern) throws IOException {
            String expanded = pattern.startsWith("~/") ? sshDir.getParent().resolve(pattern.substring(2)).toString()
                    : pattern;
            Path path = Path.of(expanded);
            if (!path.isAbsolute()) {
                path = sshDir.resolve(path);
            }
            String name = path.getFileName().toString();
            if (!name.contains("*") && !name.contains("?")) {
                return List.of(path);
            }
            Path dir = path.getParent();
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            List<Path> matches = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, name)) {
                stream.forEach(matches::add);
            }
            matches.sort(null);
            return matches;
        }
    }
}
