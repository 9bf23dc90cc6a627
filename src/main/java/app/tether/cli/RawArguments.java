package app.tether.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command-line arguments as the bytes the user gave. Java hands {@code main} strings decoded with the
 * locale's charset ({@code sun.jnu.encoding}), so bytes that are not valid there are already replaced (U+FFFD
 * or '?') and lost. On Linux the kernel keeps the original bytes in {@code /proc/self/cmdline}; the last
 * {@code args.length} entries there are the program's arguments (the launcher passes them on unchanged). They are
 * used only when each one decodes to the string Java gave, so a launcher that rewrote arguments is never trusted.
 */
final class RawArguments {
    private RawArguments() {
    }

    /** The raw bytes of {@code args}, or null where the system does not keep them or they do not match. */
    static List<byte[]> of(String[] args) {
        return of(args, Path.of("/proc/self/cmdline"), argvCharset());
    }

    /** The charset the JVM decoded argv with. */
    private static Charset argvCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    static List<byte[]> of(String[] args, Path cmdline, Charset decoding) {
        byte[] all;
        try {
            all = Files.readAllBytes(cmdline);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
        List<byte[]> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == 0) {
                entries.add(Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        if (start < all.length) {
            entries.add(Arrays.copyOfRange(all, start, all.length));
        }
        if (entries.size() < args.length) {
            return null;
        }
        List<byte[]> tail = entries.subList(entries.size() - args.length, entries.size());
        for (int i = 0; i < args.length; i++) {
            if (!shape(new String(tail.get(i), decoding)).equals(shape(args[i]))) {
                return null;
            }
        }
        return List.copyOf(tail);
    }

    /**
     * The argument with every run of characters a decoder may have replaced (non-ASCII, '?', U+FFFD) collapsed to
     * one marker: the JVM's own decoding of argv and the JDK's charset decoders do not replace bad bytes the same
     * way (one '?' or one U+FFFD per byte or per sequence), while a launcher that changed an argument changes its
     * ASCII too.
     */
    private static String shape(String text) {
        return text.replaceAll("[^\\x00-\\x3e\\x40-\\x7f]+", "\u0000");
    }
}
