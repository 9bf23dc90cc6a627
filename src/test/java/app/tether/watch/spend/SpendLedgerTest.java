package app.tether.watch.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger on disk: whole lines, torn tails skipped, real processes killed mid-write, concurrent writers. */
class SpendLedgerTest {
    private static final Instant FROM = Instant.parse("2026-12-05T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-06T00:00:00Z");

    @TempDir
    Path dir;

    private static Process writer(Path ledgerDir, String name, long count, int pad) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LedgerWriterProcess.class.getName(), ledgerDir.toString(), name, String.valueOf(count),
                String.valueOf(pad)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static Set<Long> seconds(List<LedgerRecord> records, String prefix) {
        Set<Long> found = new TreeSet<>();
        for (LedgerRecord record : records) {
            if (record.target().startsWith(prefix + "-")) {
                found.add(record.to().getEpochSecond() - LedgerWriterProcess.BASE.getEpochSecond());
            }
        }
        return found;
    }

    @Test
    void recordsComeBackAsWrittenAndEachMonthHasItsFile() throws IOException {
        SpendLedger ledger = new SpendLedger(dir);
        LedgerRecord november = LedgerRecord.run("vm \"1\" 实验", Instant.parse("2026-11-30T23:00:00Z"),
                Instant.parse("2026-11-30T23:59:00Z"), new BigDecimal("0.35"));
        LedgerRecord december = LedgerRecord.unknown("vm \"1\" 实验", Instant.parse("2026-11-30T23:59:00Z"),
                Instant.parse("2026-12-01T00:30:00Z"));
        ledger.append(List.of(november, december));
        assertTrue(Files.exists(dir.resolve("2026-11.jsonl")) && Files.exists(dir.resolve("2026-12.jsonl")));
        assertEquals(List.of(november, december), ledger.read(Instant.parse("2026-11-01T00:00:00Z"), TO));
        assertEquals(december, ledger.last("vm \"1\" 实验", TO).orElseThrow());
    }

    @Test
    void aTornLastLineIsSkippedAndTheNextAppendStartsAFreshLine() throws IOException {
        SpendLedger ledger = new SpendLedger(dir);
        LedgerRecord first = LedgerRecord.run("a", FROM, FROM.plusSeconds(60), BigDecimal.ONE);
        LedgerRecord second = LedgerRecord.run("实验 b", FROM, FROM.plusSeconds(120), BigDecimal.TEN);
        ledger.append(List.of(first, second));
        Path file = dir.resolve("2026-12.jsonl");
        byte[] whole = Files.readAllBytes(file);
        int secondStart = new String(whole, StandardCharsets.UTF_8).indexOf('\n') + 1;
        // Every place a kill could cut the second line (multi-byte characters included), and a flipped byte.
        for (int cut = secondStart + 1; cut < whole.length - 1; cut++) {
            byte[] torn = java.util.Arrays.copyOf(whole, cut);
            Files.write(file, torn);
            assertEquals(List.of(first), ledger.read(FROM, TO), "cut at " + cut);
        }
        byte[] flipped = whole.clone();
        flipped[secondStart + 40] ^= 0x01;
        Files.write(file, flipped);
        assertEquals(List.of(first), ledger.read(FROM, TO));
        Files.write(file, java.util.Arrays.copyOf(whole, secondStart + 30));
        LedgerRecord third = LedgerRecord.off("a", FROM.plusSeconds(60), FROM.plusSeconds(180));
        ledger.append(List.of(third));
        assertEquals(List.of(first, third), ledger.read(FROM, TO));
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        assertEquals(3, lines.size());
        assertEquals(new String(whole, secondStart, 30, StandardCharsets.ISO_8859_1), lines.get(1),
                "the torn line stays as it was, never rewritten");
    }

    @Test
    void aWriterKilledMidWriteLosesNothingItHadWrittenAndLeavesNoCorruptRecord() throws Exception {
        for (int round = 0; round < 3; round++) {
            Path ledgerDir = dir.resolve("round" + round);
            // Long lines (16 KiB) make a kill during a write likely.
            Process process = writer(ledgerDir, "killed", -1, 16_384);
            long acknowledged = -1;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                long wanted = 100 + round * 100;
                String line;
                while (acknowledged < wanted && (line = out.readLine()) != null) {
                    acknowledged = Long.parseLong(line.strip());
                }
                process.destroyForcibly(); // SIGKILL
                assertTrue(process.waitFor(20, TimeUnit.SECONDS));
                assertEquals(137, process.exitValue(), "killed by SIGKILL");
            }
            SpendLedger ledger = new SpendLedger(ledgerDir);
            List<LedgerRecord> records = ledger.read(FROM, TO);
            Set<Long> found = seconds(records, "killed");
            for (long i = 0; i <= acknowledged; i++) {
                assertTrue(found.contains(i), "record " + i + " was acknowledged before the kill");
            }
            // Whatever is on disk is either a whole, checked record or the one torn tail.
            List<String> lines = Files.readAllLines(ledgerDir.resolve("2026-12.jsonl"), StandardCharsets.ISO_8859_1);
            long bad = lines.stream().filter(l -> LedgerLine.parse(new String(l.getBytes(StandardCharsets.ISO_8859_1),
                    StandardCharsets.UTF_8)).isEmpty()).count();
            assertTrue(bad <= 1, "bad lines: " + bad);
            assertEquals(lines.size() - bad, records.size());
            // The ledger goes on after the kill: a new record is read back.
            LedgerRecord after = LedgerRecord.off("after", FROM, FROM.plusSeconds(5));
            ledger.append(List.of(after));
            assertTrue(ledger.read(FROM, TO).contains(after));
            assertEquals(records.size() + 1, ledger.read(FROM, TO).size());
        }
    }

    @Test
    void concurrentWriterProcessesAndThreadsNeverInterleaveLines() throws Exception {
        List<Process> processes = new ArrayList<>();
        for (String name : List.of("p1", "p2", "p3")) {
            processes.add(writer(dir, name, 150, 6000));
        }
        SpendLedger ledger = new SpendLedger(dir);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            String name = "t" + t;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 150; i++) {
                        ledger.append(List.of(LedgerRecord.run(name + "-" + "y".repeat(6000), FROM,
                                FROM.plusSeconds(i), BigDecimal.ONE)));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Process process : processes) {
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue());
        }
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        List<LedgerRecord> records = ledger.read(FROM, TO);
        assertEquals(5 * 150, records.size());
        assertEquals(5 * 150, Files.readAllLines(dir.resolve("2026-12.jsonl")).size());
        for (String name : List.of("p1", "p2", "p3", "t0", "t1")) {
            assertEquals(150, seconds(records, name).size(), name);
        }
    }
}
