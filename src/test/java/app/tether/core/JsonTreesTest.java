package app.tether.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The plain JSON reader and writer against Jackson, which wrote Tether's files and {@code --json} output before:
 * random trees (every kind of value, strings with quotes, control characters, non-ASCII and surrogate pairs) come
 * out byte for byte as Jackson writes them, indented and compact, and Jackson's reading of the same text gives
 * the same values. Then what is not JSON.
 */
class JsonTreesTest {
    private static final ObjectMapper JACKSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_LONG_FOR_INTS).build();

    @Test
    void randomTreesAreWrittenAsJacksonWritesThemAndReadBack() throws Exception {
        Random random = new Random(20261205);
        for (int i = 0; i < 300; i++) {
            Object tree = randomValue(random, 0);
            String compact = JsonTrees.toLine(tree);
            assertEquals(JACKSON.writeValueAsString(tree), compact);
            byte[] file = JsonTrees.toFile(tree);
            assertArrayEquals(JACKSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree), file,
                    () -> new String(file, StandardCharsets.UTF_8));
            assertEquals(tree, JsonTrees.parse(file));
            assertEquals(tree, JsonTrees.parse(compact.getBytes(StandardCharsets.UTF_8)));
            assertEquals(tree, JACKSON.readValue(file, Object.class));
        }
    }

    @Test
    void numbersKeepHowTheyWereWritten() throws Exception {
        List<?> numbers = (List<?>) JsonTrees.parse(
                "[0, -0, 7, -9223372036854775808, 9223372036854775808, 1.20, -0.5, 1e10, 2E-3, 1.5e+2]"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(0L, 0L, 7L, Long.MIN_VALUE, new BigInteger("9223372036854775808"),
                new BigDecimal("1.20"), new BigDecimal("-0.5"), new BigDecimal("1e10"), new BigDecimal("2E-3"),
                new BigDecimal("1.5e+2")), numbers);
        assertEquals("[1.20,1E+10]", JsonTrees.toLine(List.of(new BigDecimal("1.20"), new BigDecimal("1e10"))));
    }

    @Test
    void escapesAndTheByteOrderMarkAreRead() throws Exception {
        String json = "\uFEFF {\"a\\u00e9\\n\" : \"\\\"\\\\\\/\\b\\f\\r\\t\\ud83d\\ude80\", \"a\u00e9\\n\": null}";
        Map<?, ?> object = (Map<?, ?>) JsonTrees.parse(json.getBytes(StandardCharsets.UTF_8));
        // A repeated name keeps its place and takes the last value, as Jackson's tree does.
        assertEquals(1, object.size());
        assertTrue(object.containsKey("a\u00e9\n"));
        assertEquals(null, object.get("a\u00e9\n"));
        assertEquals("\"\\/\b\f\r\t\uD83D\uDE80",
                ((Map<?, ?>) JsonTrees.parse("{\"x\":\"\\\"\\\\\\/\\b\\f\\r\\t\\ud83d\\ude80\"}"
                        .getBytes(StandardCharsets.UTF_8))).get("x"));
    }

    @Test
    void textAnEditorSavedAsUtf16OrUtf32IsReadAsJacksonReadIt() throws Exception {
        String json = "{\"name\" : \"GPU 服务器 \uD83D\uDE80\", \"port\" : 22, \"tags\" : [ ]}";
        Object expected = JsonTrees.parse(json.getBytes(StandardCharsets.UTF_8));
        for (String charset : List.of("UTF-8", "UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE")) {
            for (boolean mark : new boolean[] {false, true}) {
                byte[] bytes = ((mark ? "\uFEFF" : "") + json).getBytes(java.nio.charset.Charset.forName(charset));
                assertEquals(expected, JsonTrees.parse(bytes), charset + (mark ? " with" : " without") + " a mark");
                assertEquals(expected, JACKSON.readValue(bytes, Object.class), "Jackson, " + charset);
            }
        }
        assertEquals(7L, JsonTrees.parse("7".getBytes(StandardCharsets.UTF_16LE)), "one character, two bytes");
        assertEquals(7L, JsonTrees.parse("7".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void whatIsNotJsonIsRefusedSayingWhere() {
        for (String text : List.of("", "   ", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "'x'", "01", "1.",
                "-", "1e", ".5", "+1", "NaN", "tru", "nul", "\"open", "\"tab\there\"", "\"\\x\"", "\"\\u12G4\"",
                "\"\\u12\"", "{} {}", "[1] x", "{\"a\":1}}", "// comment\n{}", "[" .repeat(600) + "]".repeat(600))) {
            IOException failure = assertThrows(IOException.class,
                    () -> JsonTrees.parse(text.getBytes(StandardCharsets.UTF_8)), text);
            assertTrue(failure.getMessage().contains("line ") || failure.getMessage().contains("UTF-8"),
                    failure.getMessage());
        }
        assertThrows(IOException.class, () -> JsonTrees.parse(new byte[] {'"', (byte) 0xC3, '"'}));
        IOException where = assertThrows(IOException.class,
                () -> JsonTrees.parse("{\n  \"a\" : [1, 2\n}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("',' or ']' expected at line 3, column 1", where.getMessage());
    }

    @Test
    void onlyJsonValuesAreWritten() {
        assertThrows(IllegalArgumentException.class, () -> JsonTrees.toLine(List.of(new Object())));
        assertEquals("{ }", new String(JsonTrees.toFile(Map.of()), StandardCharsets.UTF_8));
        assertEquals("[ ]", new String(JsonTrees.toFile(List.of()), StandardCharsets.UTF_8));
    }

    private static Object randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 8);
        switch (kind) {
            case 0:
                return null;
            case 1:
                return random.nextBoolean();
            case 2:
                return random.nextBoolean() ? (Object) random.nextLong() : (Object) (long) random.nextInt(100);
            case 3:
                // A scale of 0 would be written as a whole number and read back as a Long.
                return new BigDecimal(BigInteger.valueOf(random.nextInt()), random.nextBoolean()
                        ? 1 + random.nextInt(8) : -1 - random.nextInt(4));
            case 4:
            case 5:
                return randomText(random);
            case 6: {
                List<Object> array = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth + 1));
                }
                return array;
            }
            default: {
                Map<String, Object> object = new LinkedHashMap<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.put(randomText(random), randomValue(random, depth + 1));
                }
                return object;
            }
        }
    }

    private static String randomText(Random random) {
        String pieces = "aZ9 \"\\/\b\f\n\r\t\u0000\u001f\u007f\u00e9\u4e2d\u2028\uD83D\uDE80{}[],:";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            int at = random.nextInt(pieces.length() - 1);
            char c = pieces.charAt(at);
            if (Character.isLowSurrogate(c)) {
                continue; // only whole pairs: Jackson refuses half of one
            }
            text.append(c);
            if (Character.isHighSurrogate(c)) {
                text.append(pieces.charAt(at + 1));
            }
        }
        return text.toString();
    }
}
