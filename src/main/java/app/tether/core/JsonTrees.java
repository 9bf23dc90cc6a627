package app.tether.core;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON documents (RFC 8259) as plain Java values: an object is a {@code LinkedHashMap<String, Object>} (field order
 * kept; a repeated name keeps its first place and its last value), an array a {@code List<Object>}, a string a
 * String, a whole number a Long or, beyond a long, a BigInteger, any other number a BigDecimal exactly as written,
 * true/false a Boolean and null Java null. The inventory and the state cache are read and written through here
 * rather than through Jackson, whose data binding (some 600 classes and their reflection) and even its jar lookup
 * cost {@code tether list} more than the rest of the command. Output matches what Jackson wrote for the same tree:
 * {@link #toFile} its indented UTF-8 (characters beyond the BMP escaped), {@link #toLine} its compact text.
 */
public final class JsonTrees {
    /** Deeper nesting is refused rather than risking the stack; Tether's own files nest four levels. */
    private static final int MAX_DEPTH = 500;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonTrees() {
    }

    /**
     * The one JSON value in {@code bytes}; not text, not JSON, no value or more than one: an IOException saying where.
     * UTF-8 as written here, or UTF-16 or UTF-32 as an editor may have saved the file, told apart as Jackson did
     * (a byte order mark, else where the zero bytes of the first characters fall; RFC 4627, section 3).
     */
    public static Object parse(byte[] bytes) throws IOException {
        Charset charset = encoding(bytes);
        String text;
        try {
            text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("not " + charset.name() + " text", e);
        }
        Reader reader = new Reader(text, text.startsWith("\uFEFF") ? 1 : 0);
        reader.skipSpace();
        Object value = reader.value(0);
        reader.skipSpace();
        if (reader.at < text.length()) {
            throw reader.error("more after the JSON value");
        }
        return value;
    }

    /** The encoding of JSON text from its first bytes; UTF-8 unless they say otherwise. */
    private static Charset encoding(byte[] bytes) {
        int[] b = new int[4];
        for (int i = 0; i < 4; i++) {
            b[i] = i < bytes.length ? bytes[i] & 0xFF : -1; // -1: no such byte
        }
        if (b[0] == 0 && b[1] == 0 && (b[2] == 0xFE && b[3] == 0xFF || b[2] == 0 && b[3] > 0)) {
            return Charset.forName("UTF-32BE");
        }
        if (b[2] == 0 && b[3] == 0 && (b[0] == 0xFF && b[1] == 0xFE || b[0] > 0 && b[1] == 0)) {
            return Charset.forName("UTF-32LE");
        }
        if (b[0] == 0xFE && b[1] == 0xFF || b[0] == 0 && b[1] > 0) {
            return StandardCharsets.UTF_16BE;
        }
        if (b[0] == 0xFF && b[1] == 0xFE || b[0] > 0 && b[1] == 0) {
            return StandardCharsets.UTF_16LE;
        }
        return StandardCharsets.UTF_8; // a UTF-8 byte order mark is read as U+FEFF and skipped
    }

    /** {@code value} as a file's bytes: UTF-8, each field on a line indented two spaces per level, "name" : value. */
    public static byte[] toFile(Object value) {
        StringBuilder out = new StringBuilder();
        new Writer(out, true).value(value, 0);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code value} as one line of compact JSON text. */
    public static String toLine(Object value) {
        StringBuilder out = new StringBuilder();
        new Writer(out, false).value(value, 0);
        return out.toString();
    }

    /** A recursive-descent reader over the decoded text. */
    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text, int at) {
            this.text = text;
            this.at = at;
        }

        Object value(int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH);
            }
            if (at >= text.length()) {
                throw error("no JSON value");
            }
            char c = text.charAt(at);
            switch (c) {
                case '{' -> {
                    return object(depth);
                }
                case '[' -> {
                    return array(depth);
                }
                case '"' -> {
                    return string();
                }
                case 't' -> {
                    return word("true", Boolean.TRUE);
                }
                case 'f' -> {
                    return word("false", Boolean.FALSE);
                }
                case 'n' -> {
                    return word("null", null);
                }
                default -> {
                    if (c == '-' || c >= '0' && c <= '9') {
                        return number();
                    }
                    throw error("unexpected '" + c + "'");
                }
            }
        }

        private Map<String, Object> object(int depth) throws IOException {
            Map<String, Object> object = new LinkedHashMap<>();
            at++;
            skipSpace();
            if (take('}')) {
                return object;
            }
            do {
                skipSpace();
                if (at >= text.length() || text.charAt(at) != '"') {
                    throw error("a field name expected");
                }
                String name = string();
                skipSpace();
                if (!take(':')) {
                    throw error("':' expected");
                }
                skipSpace();
                object.put(name, value(depth + 1));
                skipSpace();
            } while (take(','));
            if (!take('}')) {
                throw error("',' or '}' expected");
            }
            return object;
        }

        private List<Object> array(int depth) throws IOException {
            List<Object> array = new ArrayList<>();
            at++;
            skipSpace();
            if (take(']')) {
                return array;
            }
            do {
                skipSpace();
                array.add(value(depth + 1));
                skipSpace();
            } while (take(','));
            if (!take(']')) {
                throw error("',' or ']' expected");
            }
            return array;
        }

        private String string() throws IOException {
            at++; // the opening quote
            StringBuilder out = null;
            int start = at;
            while (true) {
                if (at >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(at);
                if (c == '"') {
                    String tail = text.substring(start, at++);
                    return out == null ? tail : out.append(tail).toString();
                }
                if (c < 0x20) {
                    throw error("a control character in a string");
                }
                if (c != '\\') {
                    at++;
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(text, start, at);
                if (++at >= text.length()) {
                    throw error("unterminated string");
                }
                char escape = text.charAt(at++);
                switch (escape) {
                    case '"', '\\', '/' -> out.append(escape);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error("a short \\u escape");
                        }
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int digit = Character.digit(text.charAt(at++), 16);
                            if (digit < 0) {
                                throw error("a bad \\u escape");
                            }
                            code = code * 16 + digit;
                        }
                        out.append((char) code);
                    }
                    default -> throw error("a bad escape \\" + escape);
                }
                start = at;
            }
        }

        private Object number() throws IOException {
            int start = at;
            take('-');
            if (take('0')) {
                if (at < text.length() && isDigit(text.charAt(at))) {
                    throw error("a leading zero");
                }
            } else if (!digits()) {
                throw error("a digit expected");
            }
            boolean whole = true;
            if (take('.')) {
                whole = false;
                if (!digits()) {
                    throw error("a digit expected after '.'");
                }
            }
            if (take('e') || take('E')) {
                whole = false;
                if (!take('+')) {
                    take('-');
                }
                if (!digits()) {
                    throw error("a digit expected in the exponent");
                }
            }
            String number = text.substring(start, at);
            if (number.length() > 1000) {
                throw error("a number longer than 1000 characters");
            }
            if (!whole) {
                return new BigDecimal(number);
            }
            BigInteger value = new BigInteger(number);
            return value.bitLength() < 64 ? (Object) value.longValue() : value;
        }

        private boolean digits() {
            int start = at;
            while (at < text.length() && isDigit(text.charAt(at))) {
                at++;
            }
            return at > start;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private Object word(String word, Object value) throws IOException {
            if (!text.startsWith(word, at)) {
                throw error("unexpected text");
            }
            at += word.length();
            return value;
        }

        private boolean take(char c) {
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        void skipSpace() {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                at++;
            }
        }

        /** The problem with its line and column (1-based), as a parser's message would give them. */
        IOException error(String problem) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < Math.min(at, text.length()); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new IOException(problem + " at line " + line + ", column " + (at - lineStart + 1));
        }
    }

    /** Writes a tree the way Jackson's generator did, indented (its default pretty printer) or compact. */
    private record Writer(StringBuilder out, boolean indented) {
        void value(Object value, int depth) {
            if (value == null) {
                out.append("null");
            } else if (value instanceof Map<?, ?> object) {
                object(object, depth);
            } else if (value instanceof List<?> array) {
                array(array, depth);
            } else if (value instanceof String text) {
                string(text);
            } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer
                    || value instanceof BigInteger || value instanceof BigDecimal) {
                out.append(value);
            } else {
                throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
            }
        }

        private void object(Map<?, ?> object, int depth) {
            out.append('{');
            if (object.isEmpty()) {
                out.append(indented ? " }" : "}");
                return;
            }
            boolean first = true;
            for (Map.Entry<?, ?> field : object.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                newLine(depth + 1);
                string((String) field.getKey());
                out.append(indented ? " : " : ":");
                value(field.getValue(), depth + 1);
            }
            newLine(depth);
            out.append('}');
        }

        private void array(List<?> array, int depth) {
            out.append('[');
            if (array.isEmpty()) {
                out.append(indented ? " ]" : "]");
                return;
            }
            boolean first = true;
            for (Object element : array) {
                out.append(first ? (indented ? " " : "") : (indented ? ", " : ","));
                first = false;
                value(element, depth);
            }
            out.append(indented ? " ]" : "]");
        }

        private void newLine(int depth) {
            if (indented) {
                out.append('\n');
                out.append("  ".repeat(depth));
            }
        }

        /** Quotes, backslashes and control characters escaped; in a file, each half of a surrogate pair too. */
        private void string(String text) {
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20 || indented && Character.isSurrogate(c)) {
                            out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15])
                                    .append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
