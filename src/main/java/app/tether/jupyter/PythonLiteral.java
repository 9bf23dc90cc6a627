package app.tether.jupyter;

/**
 * Writes a Java string as a Python 3 string literal that stands for exactly that text and nothing else: single
 * quotes, backslash escapes, and every non-printable or non-ASCII character escaped, so the config file stays
 * plain ASCII and no value can end the literal, the line, or the file's encoding.
 */
final class PythonLiteral {
    private PythonLiteral() {
    }

    static String of(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp >= 0x20 && cp < 0x7f) {
                        out.append((char) cp);
                    } else if (cp <= 0xff) {
                        out.append(String.format("\\x%02x", cp));
                    } else if (cp <= 0xffff) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.append(String.format("\\U%08x", cp));
                    }
                }
            }
        });
        return out.append('\'').toString();
    }
}
