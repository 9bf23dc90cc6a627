package app.tether.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code tether forward NAME 0:HOST:PORT} as its own process (TETHER_INSTANCE=off), the way a user runs a tunnel
 * beside the browser, with the testbed's TETHER_HOME and HOME; its local port is read from the line it prints when
 * it listens. For benchmarks that compare it with {@code ssh -N -L}, process against process.
 */
public final class TetherForwardProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private TetherForwardProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** {@code launcher} is the command that runs Tether ({@code java … app.tether.Main}); its output goes to {@code logs}. */
    public static TetherForwardProcess start(SshTestbed testbed, List<String> launcher, String name, String spec,
            Path logs) throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("forward", name, spec));
        Path err = Files.createDirectories(logs).resolve("forward.err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        env.put("TETHER_HOME", testbed.environment().home().toString());
        env.put("HOME", testbed.home().toString());
        env.put("TETHER_INSTANCE", "off");
        env.put("LANG", "C.UTF-8");
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.remove("SSH_AUTH_SOCK");
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine(); // "127.0.0.1:PORT -> HOST:PORT …"
        for (int skipped = 0; line != null && line.startsWith("Profiling started") && skipped < 3; skipped++) {
            line = out.readLine(); // a profiler's agent given in the launcher's options prints this first
        }
        if (line == null || !line.startsWith("127.0.0.1:")) {
            process.destroyForcibly();
            throw new IOException("tether forward: " + line + " " + Files.readString(err));
        }
        return new TetherForwardProcess(process, Integer.parseInt(line.substring("127.0.0.1:".length(),
                line.indexOf(' '))));
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** CPU time (user + system, or user only) the whole process has used so far, from /proc. */
    public long cpuNanos(boolean userOnly) throws IOException {
        return ProcessCpu.nanos(process.pid(), userOnly);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
