package app.tether.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Jupyter server started locally on a free loopback port with a token (Debian's {@code jupyter-server}, or
 * its classic {@code jupyter-notebook}), with HOME and Jupyter's directories in a temporary folder.
 */
public final class LocalJupyter implements AutoCloseable {
    public static final String SERVER = "/usr/bin/jupyter-server";
    public static final String CLASSIC_NOTEBOOK = "/usr/bin/jupyter-notebook";

    private final Process process;
    private final int port;
    private final Path log;

    private LocalJupyter(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code program} (SERVER or CLASSIC_NOTEBOOK) and returns once it answers HTTP (60 s at most). */
    public static LocalJupyter start(String program, Path dir, String token) throws IOException, InterruptedException {
        Interop.requireProgram(program);
        int port = OpenSshServer.freePort();
        String app = program.equals(CLASSIC_NOTEBOOK) ? "NotebookApp" : "ServerApp";
        Path root = Files.createDirectories(dir.resolve("root"));
        List<String> argv = new ArrayList<>(List.of(program, "--allow-root", "--no-browser", "--" + app + ".ip=127.0.0.1",
                "--" + app + ".port=" + port, "--" + app + ".port_retries=0",
                "--" + app + (program.equals(CLASSIC_NOTEBOOK) ? ".notebook_dir=" : ".root_dir=") + root));
        Path log = dir.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HOME", dir.toString());
        builder.environment().put("JUPYTER_RUNTIME_DIR", dir.resolve("runtime").toString());
        builder.environment().put("JUPYTER_CONFIG_DIR", dir.resolve("config").toString());
        builder.environment().put("JUPYTER_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("JUPYTER_TOKEN", token);
        LocalJupyter jupyter = new LocalJupyter(builder.start(), port, log);
        try {
            jupyter.awaitAnswer();
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            jupyter.close();
            throw e;
        }
        return jupyter;
    }

    private void awaitAnswer() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(base() + "api").toURL().openConnection();
                connection.setConnectTimeout(2000);
                connection.setReadTimeout(2000);
                connection.getResponseCode();
                connection.disconnect();
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("Jupyter exited: " + Files.readString(log));
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("Jupyter did not answer within 60 s: " + Files.readString(log));
                }
                Thread.sleep(200);
            }
        }
    }

    public int port() {
        return port;
    }

    public String base() {
        return "http://127.0.0.1:" + port + "/";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
