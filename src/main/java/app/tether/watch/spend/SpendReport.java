package app.tether.watch.spend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Spend of one month in the user's time zone, from the ledger: per target and in total (USD, rounded to cents only
 * here, after summing), today's where the month is the current one, the running time without a known price, the
 * unknown time, and the spend of each day: the last 30 days for the current month, else the month's days. Where two
 * lines overlap (two Tether processes, or an interval written again as it grew) the time counts once; time seen
 * running by one process is not unknown because another could not see it.
 */
public record SpendReport(YearMonth month, ZoneId zone, Instant now, boolean current, List<TargetSpend> targets,
        BigDecimal today, BigDecimal total, Duration unknown, List<DaySpend> days) {

    /** One target's spend in the month; {@code today} is null when the month is not the current one. */
    public record TargetSpend(String target, BigDecimal today, BigDecimal month, Duration running, Duration unpriced,
            Duration unknown) {
    }

    /** One day's spend over every target. */
    public record DaySpend(LocalDate day, BigDecimal usd) {
    }

    private static final long MILLIS_PER_HOUR = 3_600_000L;

    /** Whether anything was recorded for this month at all (the view's empty state). */
    public boolean empty() {
        return targets.isEmpty();
    }

    /** The report of {@code month} in {@code zone} as of {@code now}, from {@code records}. */
    public static SpendReport of(List<LedgerRecord> records, YearMonth month, ZoneId zone, Instant now) {
        LocalDate todayDate = LocalDate.ofInstant(now, zone);
        boolean current = YearMonth.from(todayDate).equals(month);
        Instant monthStart = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant monthEnd = min(month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant(), now);
        Instant todayStart = todayDate.atStartOfDay(zone).toInstant();
        List<LocalDate> dayList = new ArrayList<>();
        if (current) {
            for (int i = 29; i >= 0; i--) {
                dayList.add(todayDate.minusDays(i));
            }
        } else {
            for (int d = 1; d <= month.lengthOfMonth(); d++) {
                dayList.add(month.atDay(d));
            }
        }
        Map<LocalDate, BigDecimal> perDay = new LinkedHashMap<>();
        dayList.forEach(day -> perDay.put(day, BigDecimal.ZERO));

        Map<String, List<LedgerRecord>> byTarget = new TreeMap<>();
        for (LedgerRecord record : records) {
            byTarget.computeIfAbsent(record.target(), t -> new ArrayList<>()).add(record);
        }
        List<TargetSpend> targets = new ArrayList<>();
        BigDecimal todayTotal = BigDecimal.ZERO;
        BigDecimal monthTotal = BigDecimal.ZERO;
        Duration unknownTotal = Duration.ZERO;
        for (Map.Entry<String, List<LedgerRecord>> entry : byTarget.entrySet()) {
            List<Piece> pieces = resolve(entry.getValue());
            BigDecimal today = BigDecimal.ZERO;
            BigDecimal spent = BigDecimal.ZERO;
            Duration running = Duration.ZERO;
            Duration unpriced = Duration.ZERO;
            Duration unknown = Duration.ZERO;
            boolean inMonth = entry.getValue().stream()
                    .anyMatch(r -> !r.to().isBefore(monthStart) && !r.from().isAfter(monthEnd));
            for (Piece piece : pieces) {
                Duration overlap = overlap(piece, monthStart, monthEnd);
                if (piece.kind() == LedgerRecord.Kind.RUN) {
                    for (LocalDate day : dayList) {
                        Instant start = day.atStartOfDay(zone).toInstant();
                        Instant end = min(day.plusDays(1).atStartOfDay(zone).toInstant(), now);
                        perDay.merge(day, cost(piece, overlap(piece, start, end)), BigDecimal::add);
                    }
                }
                switch (piece.kind()) {
                    case RUN -> {
                        running = running.plus(overlap);
                        if (piece.usdPerHour() == null) {
                            unpriced = unpriced.plus(overlap);
                        }
                        spent = spent.add(cost(piece, overlap));
                        if (current) {
                            today = today.add(cost(piece, overlap(piece, todayStart, now)));
                        }
                    }
                    case UNKNOWN -> unknown = unknown.plus(overlap);
                    case OFF -> {
                        // not billed
                    }
                }
            }
            if (!inMonth) {
                continue;
            }
            targets.add(new TargetSpend(entry.getKey(), current ? cents(today) : null, cents(spent), running, unpriced,
                    unknown));
            todayTotal = todayTotal.add(today);
            monthTotal = monthTotal.add(spent);
            unknownTotal = unknownTotal.plus(unknown);
        }
        List<DaySpend> days = perDay.entrySet().stream().map(e -> new DaySpend(e.getKey(), cents(e.getValue())))
                .toList();
        return new SpendReport(month, zone, now, current, List.copyOf(targets), current ? cents(todayTotal) : null,
                cents(monthTotal), unknownTotal, days);
    }

    /** A stretch of one target's time with one meaning, after overlaps are resolved. */
    record Piece(LedgerRecord.Kind kind, Instant from, Instant to, BigDecimal usdPerHour) {
    }

    /**
     * One target's records as disjoint pieces: running wins over not running, which wins over unknown; where
     * running lines overlap, the price of the one that started last counts (the newest observation of the price).
     */
    static List<Piece> resolve(List<LedgerRecord> records) {
        // An interval written again as it grew has the same start: keep its longest version only.
        Map<String, LedgerRecord> longest = new LinkedHashMap<>();
        for (LedgerRecord record : records) {
            String key = record.kind() + "|" + record.from() + "|"
                    + (record.usdPerHour() == null ? "" : record.usdPerHour().stripTrailingZeros().toPlainString());
            longest.merge(key, record, (a, b) -> a.to().isAfter(b.to()) ? a : b);
        }
        List<LedgerRecord> segments = new ArrayList<>(longest.values());
        TreeSet<Instant> bounds = new TreeSet<>();
        for (LedgerRecord segment : segments) {
            bounds.add(segment.from());
            bounds.add(segment.to());
        }
        List<Piece> pieces = new ArrayList<>();
        Instant previous = null;
        for (Instant bound : bounds) {
            if (previous != null) {
                Piece piece = pieceOf(segments, previous, bound);
                if (piece != null) {
                    Piece last = pieces.isEmpty() ? null : pieces.get(pieces.size() - 1);
                    if (last != null && last.to().equals(piece.from()) && last.kind() == piece.kind()
                            && samePrice(last.usdPerHour(), piece.usdPerHour())) {
                        pieces.set(pieces.size() - 1, new Piece(last.kind(), last.from(), piece.to(),
                                last.usdPerHour()));
                    } else {
                        pieces.add(piece);
                    }
                }
            }
            previous = bound;
        }
        return pieces;
    }

    private static Piece pieceOf(List<LedgerRecord> segments, Instant from, Instant to) {
        LedgerRecord best = null;
        for (LedgerRecord segment : segments) {
            if (segment.from().isAfter(from) || segment.to().isBefore(to)) {
                continue;
            }
            if (best == null || rank(segment) > rank(best)
                    || rank(segment) == rank(best) && segment.from().isAfter(best.from())) {
                best = segment;
            }
        }
        return best == null ? null : new Piece(best.kind(), from, to, best.usdPerHour());
    }

    private static int rank(LedgerRecord record) {
        return switch (record.kind()) {
            case RUN -> 2;
            case OFF -> 1;
            case UNKNOWN -> 0;
        };
    }

    private static boolean samePrice(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static Duration overlap(Piece piece, Instant start, Instant end) {
        Instant from = piece.from().isAfter(start) ? piece.from() : start;
        Instant to = piece.to().isBefore(end) ? piece.to() : end;
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }

    private static BigDecimal cost(Piece piece, Duration time) {
        if (piece.usdPerHour() == null || time.isZero()) {
            return BigDecimal.ZERO;
        }
        return piece.usdPerHour().multiply(BigDecimal.valueOf(time.toMillis()))
                .divide(BigDecimal.valueOf(MILLIS_PER_HOUR), 10, RoundingMode.HALF_UP);
    }

    private static BigDecimal cents(BigDecimal usd) {
        return usd.setScale(2, RoundingMode.HALF_UP);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** The targets sorted by this month's spend, largest first (the view and the CLI show them so). */
    public List<TargetSpend> byMonthSpend() {
        return targets.stream().sorted(Comparator.comparing(TargetSpend::month).reversed()
                .thenComparing(TargetSpend::target)).toList();
    }
}
