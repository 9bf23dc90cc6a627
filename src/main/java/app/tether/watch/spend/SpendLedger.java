package app.tether.watch.spend;

import app.tether.core.Environment;
import app.tether.core.FileLocks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The spend ledger in {@code TETHER_HOME/spend/}: one append-only file per UTC month ({@code 2026-12.jsonl}, by each
 * record's end), a {@link LedgerLine} per record. Appends hold the file's lock ({@link FileLocks}), so the window and
 * any {@code tether watch} write whole lines one after the other, and are forced to disk before they return. A line
 * torn by a kill is skipped when read, and the next append starts on a fresh line after it; nothing written is ever
 * rewritten.
 */
public final class SpendLedger {
    private final Path dir;

    public SpendLedger(Path dir) {
        this.dir = dir;
    }

    public static SpendLedger in(Environment environment) {
        return new SpendLedger(environment.home().resolve("spend"));
    }

    public Path dir() {
        return dir;
    }

    Path fileOf(YearMonth month) {
        return dir.resolve(month + ".jsonl");
    }

    /** Appends {@code records} (in order) and forces them to disk. */
    public void append(List<LedgerRecord> records) throws IOException {
        Map<YearMonth, StringBuilder> byFile = new LinkedHashMap<>();
        for (LedgerRecord record : records) {
            byFile.computeIfAbsent(YearMonth.from(record.to().atOffset(ZoneOffset.UTC)), m -> new StringBuilder())
                    .append(LedgerLine.format(record)).append('\n');
        }
        Files.createDirectories(dir);
        for (Map.Entry<YearMonth, StringBuilder> entry : byFile.entrySet()) {
            Path file = fileOf(entry.getKey());
            byte[] lines = entry.getValue().toString().getBytes(StandardCharsets.UTF_8);
            FileLocks.withLock(file, () -> {
                appendLocked(file, lines);
                return null;
            });
        }
    }

    private static void appendLocked(Path file, byte[] lines) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long size = channel.size();
            ByteBuffer out;
            if (size > 0 && !endsWithNewline(channel, size)) {
                // The last line was torn (a kill mid-write): leave it as it is and start a fresh one.
                out = ByteBuffer.allocate(lines.length + 1).put((byte) '\n').put(lines).flip();
            } else {
                out = ByteBuffer.wrap(lines);
            }
            long position = size;
            while (out.hasRemaining()) {
                position += channel.write(out, position);
            }
            channel.force(true);
        }
    }

    private static boolean endsWithNewline(FileChannel channel, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) == '\n';
    }

    /** Every intact record that may overlap {@code [from, to]} (torn or altered lines are skipped). */
    public List<LedgerRecord> read(Instant from, Instant to) throws IOException {
        List<LedgerRecord> records = new ArrayList<>();
        YearMonth last = YearMonth.from(to.atOffset(ZoneOffset.UTC)).plusMonths(1);
        for (YearMonth month = YearMonth.from(from.atOffset(ZoneOffset.UTC)); !month.isAfter(last);
                month = month.plusMonths(1)) {
            readFile(fileOf(month), records);
        }
        records.removeIf(r -> r.to().isBefore(from) || r.from().isAfter(to));
        return records;
    }

    /** The record of {@code target} that ends last within the two months before {@code now}; empty when none. */
    public Optional<LedgerRecord> last(String target, Instant now) throws IOException {
        return read(now.minus(java.time.Duration.ofDays(62)), now).stream()
                .filter(r -> r.target().equals(target))
                .max(Comparator.comparing(LedgerRecord::to).thenComparing(r -> r.kind() != LedgerRecord.Kind.UNKNOWN));
    }

    private static void readFile(Path file, List<LedgerRecord> into) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return; // no spend recorded that month
        }
        // Decoded leniently: a character torn by a kill becomes U+FFFD, and that line then fails its check.
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            LedgerLine.parse(line).ifPresent(into::add);
        }
    }
}
