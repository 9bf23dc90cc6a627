package app.tether.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code nvidia-smi} prints: the CSV queries (with or without header, with or without units),
 * the default table and {@code -L} as a fallback, and the texts it prints when there is no usable driver.
 * Nothing here throws on odd input: unreadable output becomes a {@link GpuAvailability}, never an exception.
 */
public final class NvidiaSmiParser {
    /** The GPU fields Tether asks for, in order. */
    public static final List<String> GPU_FIELDS = List.of("index", "name", "uuid", "utilization.gpu",
            "utilization.memory", "memory.used", "memory.total", "temperature.gpu", "power.draw", "power.limit");
    /** The compute-process fields Tether asks for, in order. */
    public static final List<String> APP_FIELDS = List.of("gpu_uuid", "pid", "process_name", "used_memory");
    public static final List<String> GPU_QUERY = List.of("nvidia-smi", "--query-gpu=" + String.join(",", GPU_FIELDS),
            "--format=csv,noheader,nounits");
    public static final List<String> APPS_QUERY = List.of("nvidia-smi",
            "--query-compute-apps=" + String.join(",", APP_FIELDS), "--format=csv,noheader,nounits");

    /** The exit status a shell gives a command it cannot find. */
    public static final int COMMAND_NOT_FOUND = 127;
    /** The exit status coreutils {@code timeout} gives a command it had to stop. */
    public static final int TIMED_OUT = 124;

    /** What shape a piece of nvidia-smi output has. */
    public enum Format { EMPTY, CSV, TABLE, LIST, ERROR_TEXT, UNKNOWN }

    /** What one {@code --query-gpu} run amounted to; {@code detail} is the line that explains a failure. */
    public record GpuReading(GpuAvailability availability, String detail, List<GpuSample> gpus) {
        public GpuReading {
            gpus = List.copyOf(gpus);
        }
    }

    // Field names nvidia-smi accepts as synonyms (see `nvidia-smi --help-query-gpu` / `--help-query-compute-apps`).
    private static final Map<String, String> GPU_ALIASES = Map.of(
            "gpu_name", "name", "gpu_uuid", "uuid", "gpu_bus_id", "pci.bus_id");
    private static final Map<String, String> APP_ALIASES = Map.of("used_gpu_memory", "used_memory", "uuid", "gpu_uuid");

    private static final Pattern HEADER_CELL = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*(\\s*\\[[^\\]]*])?");
    private static final Pattern NUMBER = Pattern.compile("([-+]?\\d+(?:\\.\\d+)?)\\s*([A-Za-z%]*)");
    private static final Pattern TABLE_GPU_ROW = Pattern.compile(
            "^\\|\\s*(\\d+)\\s+(.+?)\\s+(On|Off|WDDM|TCC|MCDM|N/A)\\s*\\|\\s*[0-9A-Fa-f]+:[0-9A-Fa-f:.]+\\s+\\S+\\s*\\|.*");
    private static final Pattern TABLE_STATE_ROW = Pattern.compile(
            "^\\|\\s*(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(.*?)\\s*\\|\\s*(\\d+)MiB\\s*/\\s*(\\d+)MiB\\s*\\|\\s*(\\S+)\\s+.*\\|\\s*$");
    private static final Pattern TABLE_POWER = Pattern.compile("(\\S+?)\\s*/\\s*(\\S+)");
    private static final Pattern LIST_GPU = Pattern.compile("^GPU (\\d+): (.+?) \\(UUID: (\\S+)\\)\\s*$");

    private NvidiaSmiParser() {
    }

    /**
     * Reads the output (stdout and stderr together) and exit status of Tether's {@link #GPU_QUERY}. Falls back
     * to the table and {@code -L} layouts, so a wrapper that ignores the query options still gives GPUs.
     */
    public static GpuReading readGpus(int exitCode, String output) {
        String text = output == null ? "" : output;
        Format format = detect(text);
        if (exitCode != 0 || format == Format.ERROR_TEXT) {
            return new GpuReading(failure(exitCode, text), firstLine(text), List.of());
        }
        List<GpuSample> gpus = switch (format) {
            case CSV -> parseGpuCsv(text);
            case TABLE -> parseTable(text);
            case LIST -> parseList(text);
            default -> List.of();
        };
        if (gpus.isEmpty() && format != Format.EMPTY) {
            return new GpuReading(GpuAvailability.ERROR, firstLine(text), List.of());
        }
        return new GpuReading(GpuAvailability.AVAILABLE, null, gpus);
    }

    /** Why nvidia-smi gave no GPUs, from its exit status and what it printed. */
    public static GpuAvailability failure(int exitCode, String output) {
        String text = output == null ? "" : output.toLowerCase(Locale.ROOT);
        if (exitCode == COMMAND_NOT_FOUND || text.contains("nvidia-smi: not found")
                || text.contains("nvidia-smi: command not found")) {
            return GpuAvailability.NO_NVIDIA_SMI;
        }
        if (isDriverError(text) || exitCode == 9 || exitCode == 12) {
            // 9: driver not loaded; 12: NVML shared library not found (nvidia-smi's documented exit codes)
            return GpuAvailability.NO_DRIVER;
        }
        return GpuAvailability.ERROR;
    }

    /** The shape of {@code output}, judged from its lines. */
    public static Format detect(String output) {
        List<String> lines = lines(output);
        if (lines.isEmpty()) {
            return Format.EMPTY;
        }
        String all = String.join("\n", lines).toLowerCase(Locale.ROOT);
        boolean table = lines.stream().anyMatch(l -> l.startsWith("+---") || l.startsWith("|===") || l.startsWith("| NVIDIA-SMI"));
        if (table) {
            return Format.TABLE;
        }
        if (lines.stream().anyMatch(l -> LIST_GPU.matcher(l).matches())) {
            return Format.LIST;
        }
        if (isDriverError(all) || all.contains("nvidia-smi: not found") || all.contains("nvidia-smi: command not found")) {
            return Format.ERROR_TEXT;
        }
        if (lines.stream().anyMatch(l -> l.contains(","))) {
            return Format.CSV;
        }
        return Format.UNKNOWN;
    }

    /** GPUs from {@code --query-gpu} CSV; without a header line the columns are Tether's {@link #GPU_FIELDS}. */
    public static List<GpuSample> parseGpuCsv(String csv) {
        return parseGpuCsv(csv, GPU_FIELDS);
    }

    /** GPUs from {@code --query-gpu} CSV; {@code fieldsWithoutHeader} names the columns when there is no header. */
    public static List<GpuSample> parseGpuCsv(String csv, List<String> fieldsWithoutHeader) {
        List<GpuSample> gpus = new ArrayList<>();
        for (Map<String, String> row : rows(csv, fieldsWithoutHeader, GPU_ALIASES, "name")) {
            String indexCell = row.get("index");
            Integer index = indexCell == null ? Integer.valueOf(gpus.size()) : integer(indexCell);
            if (index == null) {
                continue; // a warning or garbage line that happens to hold commas
            }
            gpus.add(new GpuSample(index, text(row.get("name")), text(row.get("uuid")),
                    decimal(row.get("utilization.gpu")), decimal(row.get("utilization.memory")),
                    whole(row.get("memory.used")), whole(row.get("memory.total")),
                    decimal(row.get("temperature.gpu")), decimal(row.get("power.draw")), decimal(row.get("power.limit"))));
        }
        return gpus;
    }

    /**
     * Processes from {@code --query-compute-apps} CSV (Tether's {@link #APP_FIELDS} when there is no header).
     * A failed run (non-zero exit) or output that is not CSV gives an empty list.
     */
    public static List<GpuProcess> readComputeApps(int exitCode, String output) {
        if (exitCode != 0 || detect(output) != Format.CSV) {
            return List.of();
        }
        return parseComputeApps(output);
    }

    /** Processes from {@code --query-compute-apps} CSV; without a header the columns are {@link #APP_FIELDS}. */
    public static List<GpuProcess> parseComputeApps(String csv) {
        return parseComputeApps(csv, APP_FIELDS);
    }

    public static List<GpuProcess> parseComputeApps(String csv, List<String> fieldsWithoutHeader) {
        List<GpuProcess> processes = new ArrayList<>();
        for (Map<String, String> row : rows(csv, fieldsWithoutHeader, APP_ALIASES, "process_name")) {
            Long pid = whole(row.get("pid"));
            if (pid == null) {
                continue;
            }
            processes.add(new GpuProcess(text(row.get("gpu_uuid")), pid, text(row.get("process_name")),
                    whole(row.get("used_memory"))));
        }
        return processes;
    }

    /**
     * GPUs from the default {@code nvidia-smi} table (any layout from driver 346 to 610). Tables have no
     * UUID, no memory utilisation, and may cut long names with "...".
     */
    public static List<GpuSample> parseTable(String table) {
        List<GpuSample> gpus = new ArrayList<>();
        List<String> lines = lines(table);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("| MIG devices") || line.startsWith("| Processes")) {
                break; // GPU rows come first; later sections have rows of a similar shape
            }
            Matcher gpu = TABLE_GPU_ROW.matcher(line);
            if (!gpu.matches() || i + 1 >= lines.size()) {
                continue;
            }
            Matcher state = TABLE_STATE_ROW.matcher(lines.get(i + 1));
            if (!state.matches()) {
                continue;
            }
            Double power = null;
            Double cap = null;
            Matcher watts = TABLE_POWER.matcher(state.group(4));
            if (watts.find()) {
                power = decimal(watts.group(1));
                cap = decimal(watts.group(2));
            }
            gpus.add(new GpuSample(Integer.parseInt(gpu.group(1)), gpu.group(2).strip(), null,
                    decimal(state.group(7)), null, Long.valueOf(state.group(5)), Long.valueOf(state.group(6)),
                    decimal(state.group(2)), power, cap));
            i++;
        }
        return gpus;
    }

    /** GPUs from {@code nvidia-smi -L}: index, name and UUID only (MIG device lines are left out). */
    public static List<GpuSample> parseList(String list) {
        List<GpuSample> gpus = new ArrayList<>();
        for (String line : lines(list)) {
            Matcher m = LIST_GPU.matcher(line);
            if (m.matches()) {
                gpus.add(new GpuSample(Integer.parseInt(m.group(1)), m.group(2), m.group(3),
                        null, null, null, null, null, null, null));
            }
        }
        return gpus;
    }

    private static boolean isDriverError(String lowerCaseText) {
        return lowerCaseText.contains("couldn't communicate with the nvidia driver")
                || lowerCaseText.contains("failed to initialize nvml")
                || lowerCaseText.contains("no devices were found")
                || lowerCaseText.contains("driver/library version mismatch")
                || lowerCaseText.contains("nvml shared library");
    }

    /** Rows as column name → raw cell, for CSV with or without a header line. */
    private static List<Map<String, String>> rows(String csv, List<String> fieldsWithoutHeader,
            Map<String, String> aliases, String freeTextColumn) {
        List<String> lines = lines(csv);
        List<Map<String, String>> rows = new ArrayList<>();
        if (lines.isEmpty()) {
            return rows;
        }
        List<String> columns;
        int first;
        if (isHeader(lines.get(0))) {
            columns = new ArrayList<>();
            for (String cell : lines.get(0).split(",", -1)) {
                columns.add(canonical(cell, aliases));
            }
            first = 1;
        } else {
            columns = fieldsWithoutHeader.stream().map(f -> canonical(f, aliases)).toList();
            first = 0;
        }
        int freeText = columns.indexOf(freeTextColumn);
        for (String line : lines.subList(first, lines.size())) {
            List<String> cells = split(line, columns.size(), freeText);
            if (cells.size() != columns.size()) {
                continue; // not a row of this query (a warning, a stray message)
            }
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                row.putIfAbsent(columns.get(c), cells.get(c)); // the first of two same-named columns wins
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * nvidia-smi does not quote: a comma inside a name (or a Windows process path) makes surplus cells,
     * which belong to the free-text column.
     */
    private static List<String> split(String line, int expected, int freeText) {
        String[] raw = line.split(",", -1);
        List<String> cells = new ArrayList<>();
        int surplus = raw.length - expected;
        for (int i = 0; i < raw.length; i++) {
            if (i == freeText && surplus > 0) {
                StringBuilder joined = new StringBuilder(raw[i]);
                for (int j = 1; j <= surplus; j++) {
                    joined.append(',').append(raw[i + j]);
                }
                cells.add(joined.toString().strip());
                i += surplus;
            } else {
                cells.add(raw[i].strip());
            }
        }
        return cells;
    }

    private static boolean isHeader(String line) {
        String[] cells = line.split(",", -1);
        boolean named = false;
        for (String cell : cells) {
            String c = cell.strip();
            if (!HEADER_CELL.matcher(c).matches()) {
                return false;
            }
            named |= c.contains(".") || c.contains("[") || c.contains("_") || GPU_FIELDS.contains(c)
                    || APP_FIELDS.contains(c);
        }
        return named;
    }

    /** {@code "memory.used [MiB]"} → {@code memory.used}, synonyms resolved. */
    private static String canonical(String headerCell, Map<String, String> aliases) {
        String name = headerCell.strip();
        int unit = name.indexOf('[');
        if (unit >= 0) {
            name = name.substring(0, unit).strip();
        }
        name = name.toLowerCase(Locale.ROOT);
        return aliases.getOrDefault(name, name);
    }

    private static boolean missing(String cell) {
        if (cell == null) {
            return true;
        }
        String c = cell.strip();
        // [N/A], [Not Supported], [Unknown Error], [Requested functionality has been deprecated], N/A, ERR!
        return c.isEmpty() || c.startsWith("[") || c.equalsIgnoreCase("N/A") || c.startsWith("ERR");
    }

    private static String text(String cell) {
        return missing(cell) ? null : cell.strip();
    }

    /** A number with or without its unit ({@code "217.24 W"}, {@code "100 %"}, {@code "754MiB"}, {@code "52C"}). */
    static Double decimal(String cell) {
        if (missing(cell)) {
            return null;
        }
        Matcher m = NUMBER.matcher(cell.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            return Double.valueOf(m.group(1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long whole(String cell) {
        Double value = decimal(cell);
        return value == null ? null : Math.round(value);
    }

    private static Integer integer(String cell) {
        Double value = decimal(cell);
        return value == null || value != Math.rint(value) ? null : value.intValue();
    }

    /** Lines without line ends and trailing blanks; blank lines dropped. */
    private static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return text.lines().map(String::stripTrailing).filter(l -> !l.isBlank()).toList();
    }

    private static String firstLine(String text) {
        List<String> lines = lines(text);
        return lines.isEmpty() ? null : lines.get(0).strip();
    }
}
