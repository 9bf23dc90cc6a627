package app.tether.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Wraps help text at word boundaries only. picocli wraps with the JDK's line BreakIterator, which also breaks
 * after '/' and '.', so "~/.ssh/known_hosts" came out as "~/." and "ssh/known_hosts" on two lines. Here picocli
 * lays every row out on one line (a very wide usage width) and each row is then wrapped at spaces, continuation
 * lines starting under the row's text column; a word longer than the line stays whole.
 */
final class HelpWrapping {
    /** The width help is wrapped to (picocli's own default). */
    static final int WIDTH = 80;
    /** Wide enough that picocli never wraps a row itself. */
    private static final int UNWRAPPED = 2000;

    private HelpWrapping() {
    }

    /** Applies to {@code commandLine} and every subcommand below it. */
    static void apply(CommandLine commandLine) {
        commandLine.setUsageHelpWidth(UNWRAPPED);
        decorate(commandLine);
    }

    private static void decorate(CommandLine commandLine) {
        Map<String, CommandLine.IHelpSectionRenderer> sections = commandLine.getHelpSectionMap();
        for (Map.Entry<String, CommandLine.IHelpSectionRenderer> section : Map.copyOf(sections).entrySet()) {
            CommandLine.IHelpSectionRenderer renderer = section.getValue();
            if (section.getKey().equals(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS)) {
                // The heading ("Usage: ") is its own section but shares the synopsis's first line.
                sections.put(section.getKey(), help -> {
                    String heading = help.synopsisHeading();
                    return wrap(heading + renderer.render(help)).substring(heading.length());
                });
            } else {
                sections.put(section.getKey(), help -> wrap(renderer.render(help)));
            }
        }
        commandLine.setHelpSectionMap(sections);
        commandLine.getSubcommands().values().forEach(HelpWrapping::decorate);
    }

    static String wrap(String text) {
        String[] lines = text.split("\n", -1);
        int column = sectionColumn(lines);
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                result.append('\n');
            }
            String line = lines[i];
            result.append(line.length() <= WIDTH ? line : String.join("\n", wrapLine(line, column)));
        }
        return result.toString();
    }

    /** The text column most rows of a section share (picocli's description column), or -1. */
    private static int sectionColumn(String[] lines) {
        Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (String line : lines) {
            int column = gapColumn(line);
            if (column > 0) {
                counts.merge(column, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(-1);
    }

    private static List<String> wrapLine(String line, int sectionColumn) {
        int own = gapColumn(line);
        int column = own > 0 ? own
                : sectionColumn > 0 && line.length() > sectionColumn && line.charAt(sectionColumn - 1) == ' '
                        ? sectionColumn : leadingSpaces(line);
        String indent = " ".repeat(column);
        List<String> lines = new ArrayList<>();
        String rest = line.stripTrailing();
        boolean first = true;
        while (true) {
            String current = first ? rest : indent + rest.stripLeading();
            if (current.length() <= WIDTH) {
                lines.add(current);
                return lines;
            }
            int floor = first ? firstWordEnd(current) : indent.length();
            int cut = current.lastIndexOf(' ', WIDTH);
            if (cut <= floor) {
                cut = current.indexOf(' ', Math.max(floor + 1, WIDTH)); // a long word: keep it whole
                if (cut < 0) {
                    lines.add(current);
                    return lines;
                }
            }
            lines.add(current.substring(0, cut).stripTrailing());
            rest = current.substring(cut + 1);
            first = false;
        }
    }

    /** Where a row's text starts after a first field and a gap of two or more spaces; -1 without such a gap. */
    private static int gapColumn(String line) {
        int start = leadingSpaces(line);
        int gap = line.indexOf("  ", start);
        if (start >= line.length() || gap < 0 || gap > WIDTH / 2) {
            return -1;
        }
        int text = gap;
        while (text < line.length() && line.charAt(text) == ' ') {
            text++;
        }
        return text < WIDTH / 2 && text < line.length() ? text : -1;
    }

    private static int leadingSpaces(String line) {
        int start = 0;
        while (start < line.length() && line.charAt(start) == ' ') {
            start++;
        }
        return start;
    }

    private static int firstWordEnd(String line) {
        int at = 0;
        while (at < line.length() && line.charAt(at) == ' ') {
            at++;
        }
        int space = line.indexOf(' ', at);
        return space < 0 ? line.length() : space;
    }
}
