package app.tether.watch.spend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * A ledger line: one JSON object ending in {@code "crc":"…"}, the CRC-32 of the same object without it. A line cut
 * short by a kill or a disk filling up fails the check and is skipped, so it is never read as a shorter interval.
 */
final class LedgerLine {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINE = Pattern.compile("^(\\{.*),\"crc\":\"([0-9a-f]{8})\"}$");

    private LedgerLine() {
    }

    static String format(LedgerRecord record) {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", VERSION);
        node.put("kind", record.kind().name().toLowerCase(Locale.ROOT));
        node.put("target", record.target());
        node.put("from", record.from().toString());
        node.put("to", record.to().toString());
        if (record.usdPerHour() != null) {
            node.put("usdPerHour", record.usdPerHour().toPlainString());
        }
        String body = node.toString();
        return body.substring(0, body.length() - 1) + ",\"crc\":\"" + crc(body) + "\"}";
    }

    /** The record of {@code line}; empty when the line is torn, altered, of a newer version or not a record. */
    static Optional<LedgerRecord> parse(String line) {
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String body = matcher.group(1) + "}";
        if (!crc(body).equals(matcher.group(2))) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node.path("v").asInt() != VERSION) {
                return Optional.empty();
            }
            LedgerRecord.Kind kind = LedgerRecord.Kind.valueOf(node.path("kind").asText().toUpperCase(Locale.ROOT));
            String price = node.path("usdPerHour").isTextual() ? node.path("usdPerHour").asText() : null;
            return Optional.of(new LedgerRecord(kind, node.path("target").asText(),
                    Instant.parse(node.path("from").asText()), Instant.parse(node.path("to").asText()),
                    price == null ? null : new BigDecimal(price)));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08x", crc.getValue());
    }
}
