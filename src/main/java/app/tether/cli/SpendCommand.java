package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.watch.spend.SpendFormat;
import app.tether.watch.spend.SpendLedger;
import app.tether.watch.spend.SpendLimits;
import app.tether.watch.spend.SpendReport;
import app.tether.watch.spend.SpendReports;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tether spend [--month YYYY-MM] [--json]}: the month's spend per target and in total from the ledger, in the
 * user's time zone ({@code TZ}, else the system's); {@code tether spend limit} sets, clears or lists the monthly
 * limits.
 */
@Command(name = "spend", description = {"This month's spend (or --month's) per paid target and in total, in USD, from",
    "the ledger Tether writes while the window or 'tether watch' observes targets: today, the month, running time,",
    "running time without a known price, and unknown time (not observed while the target may have run)."},
        subcommands = SpendCommand.Limit.class)
final class SpendCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "The month to show (default: this month).")
    String month;

    @Option(names = "--json", description = "One JSON object: {month, zone, today, total, unknownSeconds, targets:"
            + " [{name, today, month, runningSeconds, unpricedSeconds, unknownSeconds, limit}], days: [{date, usd}],"
            + " limit}.")
    boolean json;

    SpendCommand(CliContext context) {
        this.context = context;
    }

    /** The user's zone: {@code TZ} from the environment when it names one, else the system's. */
    static ZoneId zone(CliContext context) {
        String tz = context.environment().variable("TZ");
        if (tz != null) {
            try {
                return ZoneId.of(tz.startsWith(":") ? tz.substring(1) : tz);
            } catch (DateTimeException e) {
                // not a zone name Java knows (POSIX rules such as "CST-8"): the JVM's own reading of it
            }
        }
        return ZoneId.systemDefault();
    }

    @Override
    public Integer call() {
        ZoneId zone = zone(context);
        Instant now = Instant.now();
        YearMonth chosen = parseMonth(month, now, zone);
        SpendReport report;
        SpendLimits.All limits;
        SpendLedger ledger = SpendLedger.in(context.environment());
        try {
            report = SpendReports.read(ledger, chosen, zone, now);
            limits = SpendLimits.in(context.environment()).load();
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "spend.cli.cannotRead", ledger.dir(), e.getMessage());
        }
        if (json) {
            JsonOutput.print(context.out(), json(report, limits));
            return 0;
        }
        String monthName = java.time.format.DateTimeFormatter.ofPattern(Messages.get("ui.spend.monthPattern"),
                Messages.locale()).format(chosen);
        if (report.empty()) {
            context.out().println(Messages.get("spend.cli.empty", monthName));
        } else {
            printTable(report, monthName);
        }
        printLimits(report, limits);
        context.out().flush();
        return 0;
    }

    private void printTable(SpendReport report, String monthName) {
        context.out().println(Messages.get("spend.cli.title", monthName, report.zone().getId()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {Messages.get("spend.cli.target"), Messages.get("spend.cli.today"),
            Messages.get("spend.cli.month"), Messages.get("spend.cli.running"), Messages.get("spend.cli.unpriced"),
            Messages.get("spend.cli.unknown")});
        for (SpendReport.TargetSpend target : report.byMonthSpend()) {
            rows.add(new String[] {target.target(), target.today() == null ? "-" : SpendFormat.usd(target.today()),
                SpendFormat.usd(target.month()), SpendFormat.duration(target.running()),
                target.unpriced().isZero() ? "-" : SpendFormat.duration(target.unpriced()),
                SpendFormat.duration(target.unknown())});
        }
        rows.add(new String[] {Messages.get("spend.cli.total"), report.today() == null ? "-"
                : SpendFormat.usd(report.today()), SpendFormat.usd(report.total()), "", "",
            SpendFormat.duration(report.unknown())});
        int[] widths = new int[6];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], width(Cli.oneLine(row[i])));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = Cli.oneLine(row[i]);
                // Names left, numbers right.
                line.append(i == 0 ? cell + " ".repeat(widths[i] - width(cell))
                        : " ".repeat(widths[i] - width(cell)) + cell);
                line.append(i < row.length - 1 ? "  " : "");
            }
            context.out().println(line.toString().stripTrailing());
        }
    }

    /** Columns {@code text} takes in a terminal: Chinese characters and full-width forms take two. */
    static int width(String text) {
        return text.codePoints().map(c -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            boolean wide = script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                    || c >= 0x3000 && c <= 0x303F || c >= 0xFF00 && c <= 0xFF60;
            return wide ? 2 : 1;
        }).sum();
    }

    private void printLimits(SpendReport report, SpendLimits.All limits) {
        limits.overall().ifPresent(limit -> context.out().println(used(Messages.get("spend.all"), report.total(),
                limit)));
        limits.targets().forEach((name, limit) -> {
            BigDecimal spent = report.targets().stream().filter(t -> t.target().equals(name))
                    .map(SpendReport.TargetSpend::month).findFirst().orElse(BigDecimal.ZERO);
            context.out().println(used(name, spent, limit));
        });
    }

    private static String used(String who, BigDecimal spent, SpendLimits.Limit limit) {
        return Messages.get("spend.cli.limitUsed", who, SpendFormat.usd(spent), SpendFormat.usd(limit.usd()),
                percent(spent, limit), limit.pause() ? Messages.get("spend.cli.limitPause") : "");
    }

    private static String percent(BigDecimal spent, SpendLimits.Limit limit) {
        return spent.multiply(BigDecimal.valueOf(100)).divide(limit.usd(), 0, RoundingMode.DOWN).toPlainString();
    }

    private static Map<String, Object> json(SpendReport report, SpendLimits.All limits) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("month", report.month().toString());
        root.put("zone", report.zone().getId());
        root.put("currency", "USD");
        root.put("today", report.today());
        root.put("total", report.total());
        root.put("unknownSeconds", report.unknown().toSeconds());
        List<Map<String, Object>> targets = new ArrayList<>();
        for (SpendReport.TargetSpend target : report.byMonthSpend()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", target.target());
            row.put("today", target.today());
            row.put("month", target.month());
            row.put("runningSeconds", target.running().toSeconds());
            row.put("unpricedSeconds", target.unpriced().toSeconds());
            row.put("unknownSeconds", target.unknown().toSeconds());
            row.put("limit", limitJson(limits.targets().get(target.target())));
            targets.add(row);
        }
        root.put("targets", targets);
        root.put("days", report.days().stream().map(day -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("date", day.day().toString());
            row.put("usd", day.usd());
            return row;
        }).toList());
        root.put("limit", limitJson(limits.overall().orElse(null)));
        return root;
    }

    private static Map<String, Object> limitJson(SpendLimits.Limit limit) {
        if (limit == null) {
            return null;
        }
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("usd", limit.usd().setScale(2, RoundingMode.HALF_UP));
        node.put("pause", limit.pause());
        return node;
    }

    static YearMonth parseMonth(String text, Instant now, ZoneId zone) {
        if (text == null) {
            return YearMonth.from(now.atZone(zone));
        }
        try {
            return YearMonth.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new TetherException(ErrorCode.USAGE, "spend.cli.badMonth", text);
        }
    }

    /** {@code tether spend limit [NAME] USD [--pause] | [NAME] --clear}; without arguments, lists the limits. */
    @Command(name = "limit", description = {"Set a monthly spend limit in USD for one target (NAME) or for all",
        "(no NAME): a notification at 80 % and at 100 %, and with --pause Tether pauses (or stops) what it covers at",
        "100 %. --clear removes it. Without arguments: lists the limits."})
    static final class Limit implements Callable<Integer> {
        private final CliContext context;

        @Parameters(arity = "0..2", paramLabel = "[NAME] USD", description = "The target (none: all) and the limit.")
        List<String> arguments = new ArrayList<>();

        @Option(names = "--pause", description = "Pause (or stop, where the kind cannot pause) at 100 %.")
        boolean pause;

        @Option(names = "--clear", description = "Remove the limit.")
        boolean clear;

        Limit(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            SpendLimits limits = SpendLimits.in(context.environment());
            try {
                if (clear) {
                    if (arguments.size() > 1 || pause) {
                        throw new TetherException(ErrorCode.USAGE, "spend.cli.limitUsage");
                    }
                    String name = arguments.isEmpty() ? null : target(arguments.get(0));
                    boolean had = limits.clear(name);
                    say(had ? "spend.cli.limitCleared" : "spend.cli.limitNone", who(name));
                    return 0;
                }
                if (arguments.isEmpty()) {
                    if (pause) {
                        throw new TetherException(ErrorCode.USAGE, "spend.cli.limitUsage");
                    }
                    list(limits.load());
                    return 0;
                }
                String name = arguments.size() == 2 ? target(arguments.get(0)) : null;
                BigDecimal usd = amount(arguments.get(arguments.size() - 1));
                limits.set(name, new SpendLimits.Limit(usd, pause));
                say("spend.cli.limitSet", who(name), SpendFormat.usd(usd),
                        pause ? Messages.get("spend.cli.limitPause") : "");
                return 0;
            } catch (IOException e) {
                throw new TetherException(ErrorCode.IO, e, "spend.cli.cannotWrite",
                        context.environment().home().resolve("spend"), e.getMessage());
            }
        }

        private String target(String name) {
            return context.store().load().require(name).name();
        }

        private static String who(String name) {
            return name == null ? Messages.get("spend.all") : name;
        }

        private void list(SpendLimits.All all) {
            if (all.none()) {
                say("spend.cli.noLimits");
                return;
            }
            all.overall().ifPresent(limit -> say("spend.cli.limitOverall", SpendFormat.usd(limit.usd()),
                    limit.pause() ? Messages.get("spend.cli.limitPause") : ""));
            all.targets().forEach((name, limit) -> say("spend.cli.limitTarget", name, SpendFormat.usd(limit.usd()),
                    limit.pause() ? Messages.get("spend.cli.limitPause") : ""));
        }

        private void say(String key, Object... args) {
            context.out().println(Messages.get(key, args));
            context.out().flush();
        }

        /** A plain decimal above 0 with at most 2 decimals, up to a million; "$20" is taken as 20. */
        static BigDecimal amount(String text) {
            String plain = text.strip().startsWith("$") ? text.strip().substring(1) : text.strip();
            try {
                if (!plain.matches("\\d{1,7}(\\.\\d{1,2})?")) {
                    throw new NumberFormatException(plain);
                }
                BigDecimal usd = new BigDecimal(plain);
                if (usd.signum() <= 0 || usd.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
                    throw new NumberFormatException(plain);
                }
                return usd;
            } catch (NumberFormatException e) {
                throw new TetherException(ErrorCode.USAGE, "spend.cli.badAmount", text);
            }
        }
    }
}
