package app.tether.watch.spend;

import app.tether.core.Messages;
import app.tether.inventory.TargetState;
import app.tether.watch.WatchEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares this month's spend (in the clock's zone) with the limits: at 80 % a SPEND_LIMIT_WARNING, at 100 % a
 * SPEND_LIMIT_REACHED and, where the user chose it, a pause of what the limit covers with PAUSED_BY_TETHER for each
 * target paused. Each notice is given once per month per limit and amount ({@link SpendLimits#claim}), across
 * processes; a target started again after that is not paused a second time that month.
 */
final class SpendLimitCheck {
    private static final Logger LOG = LoggerFactory.getLogger(SpendLimitCheck.class);
    private static final BigDecimal WARNING_SHARE = new BigDecimal("0.8");

    /** Pauses a target (null: every target seen billing); per target: empty when paused, else why not. */
    @FunctionalInterface
    interface Pauser {
        Map<String, Optional<String>> pause(String target);
    }

    private final SpendLedger ledger;
    private final SpendLimits limits;
    private final Clock clock;
    private final Consumer<WatchEvent> events;
    private final Pauser pauser;

    SpendLimitCheck(SpendLedger ledger, SpendLimits limits, Clock clock, Consumer<WatchEvent> events, Pauser pauser) {
        this.ledger = ledger;
        this.limits = limits;
        this.clock = clock;
        this.events = events;
        this.pauser = pauser;
    }

    /** One check now; failures to read are logged (the next check tries again). */
    void check() {
        try {
            SpendLimits.All all = limits.load();
            if (all.none()) {
                return;
            }
            Instant now = clock.instant();
            YearMonth month = YearMonth.from(LocalDate.ofInstant(now, clock.getZone()));
            SpendReport report = SpendReports.read(ledger, month, clock.getZone(), now);
            if (all.overall().isPresent()) {
                apply(month, null, report.total(), all.overall().get());
            }
            for (SpendReport.TargetSpend target : report.targets()) {
                SpendLimits.Limit limit = all.targets().get(target.target());
                if (limit != null) {
                    apply(month, target.target(), target.month(), limit);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot check the spend limits: {}", e.toString());
        }
    }

    private void apply(YearMonth month, String target, BigDecimal spent, SpendLimits.Limit limit) throws IOException {
        String key = (target == null ? "*" : "target:" + target) + ":" + limit.usd().toPlainString() + ":";
        String who = target == null ? Messages.get("spend.all") : target;
        String amount = SpendFormat.usd(limit.usd());
        if (spent.compareTo(limit.usd()) >= 0) {
            limits.claim(month, key + "warning"); // reached at once: the warning is past
            if (!limits.claim(month, key + "reached")) {
                return;
            }
            emit(target, WatchEvent.Type.SPEND_LIMIT_REACHED, null, Messages.get(limit.pause()
                    ? "spend.event.reachedPause" : "spend.event.reached", who, SpendFormat.usd(spent), amount));
            if (limit.pause()) {
                pauser.pause(target).forEach((name, failure) -> {
                    if (failure.isEmpty()) {
                        emit(name, WatchEvent.Type.PAUSED_BY_TETHER, TargetState.PAUSED,
                                Messages.get("spend.event.paused", name, who, amount));
                    } else {
                        emit(name, WatchEvent.Type.SPEND_LIMIT_REACHED, null,
                                Messages.get("spend.event.pauseFailed", name, failure.get()));
                    }
                });
            }
        } else if (spent.compareTo(limit.usd().multiply(WARNING_SHARE)) >= 0 && limits.claim(month, key + "warning")) {
            emit(target, WatchEvent.Type.SPEND_LIMIT_WARNING, null,
                    Messages.get("spend.event.warning", who, SpendFormat.usd(spent), amount));
        }
    }

    private void emit(String target, WatchEvent.Type type, TargetState state, String message) {
        LOG.info("{} {}: {}", type, target, message);
        try {
            events.accept(new WatchEvent(clock.instant(), target, type, state, message));
        } catch (RuntimeException e) {
            LOG.warn("A spend event listener failed", e);
        }
    }
}
