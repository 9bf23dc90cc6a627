package app.tether.watch.spend;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A separate JVM that appends to a ledger: {@code DIR WRITER COUNT PAD} appends COUNT records (forever when -1) for
 * target WRITER + PAD characters, record i ending at epoch + i seconds, and prints "i" once each append returned.
 */
public final class LedgerWriterProcess {
    static final Instant BASE = Instant.parse("2026-12-05T00:00:00Z");

    private LedgerWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        SpendLedger ledger = new SpendLedger(Path.of(args[0]));
        String target = args[1] + "-" + "x".repeat(Integer.parseInt(args[3]));
        long count = Long.parseLong(args[2]);
        PrintStream out = new PrintStream(System.out, true, "UTF-8");
        for (long i = 0; count < 0 || i < count; i++) {
            ledger.append(List.of(LedgerRecord.run(target, BASE, BASE.plusSeconds(i), new BigDecimal("1.5"))));
            out.println(i);
        }
    }
}
