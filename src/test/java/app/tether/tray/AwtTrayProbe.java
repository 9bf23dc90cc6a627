package app.tether.tray;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.watch.Notice;
import app.tether.watch.WatchEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The tray in a JVM of its own with real AWT and JavaFX (GTK) on the display it is given, for
 * {@link AwtTrayXembedInteropTest}: lets {@link TrayChoice} pick the tray for the session bus in {@code args[1]},
 * shows a small menu whose entries print what they do, and answers commands on stdin ("balloon", "exit").
 * Each event is one line on stdout.
 */
public final class AwtTrayProbe {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private AwtTrayProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Environment environment = new Environment(home, home).withVariable("DBUS_SESSION_BUS_ADDRESS", args[1]);
        ExecutorService background = BackgroundExecutors.pool("probe");
        Platform.setImplicitExit(false);
        Platform.startup(() -> { });
        CompletableFuture<Optional<TrayBackend>> chosen = new CompletableFuture<>();
        Platform.runLater(() -> TrayChoice.choose(new Stage(), environment, () -> say("activated"), background)
                .whenComplete((tray, failure) -> {
                    if (failure != null) {
                        chosen.completeExceptionally(failure);
                    } else {
                        chosen.complete(tray);
                    }
                }));
        Optional<TrayBackend> tray = chosen.get(30, TimeUnit.SECONDS);
        say("tray " + tray.map(t -> t.getClass().getSimpleName()).orElse("none"));
        if (tray.isPresent()) {
            TrayMenu menu = new TrayMenu(TrayState.ACTIVE, "Tether probe", List.of(
                    new TrayMenuItem.Action("target/gpu-lab/pause", "Pause gpu-lab", true, () -> say("action pause")),
                    new TrayMenuItem.Separator("separator"),
                    new TrayMenuItem.Action("quit", "Quit Tether", true, () -> say("action quit"))));
            Platform.runLater(() -> {
                tray.get().show(menu);
                say("shown");
            });
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
            if (line.equals("balloon")) {
                balloon();
            }
        }
        tray.ifPresent(t -> Platform.runLater(t::close));
        background.shutdownNow();
        Platform.exit();
        System.exit(0);
    }

    /** The AWT balloon; AWT reports a failure on its own thread, so that thread's handler says it too. */
    private static void balloon() {
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> say("balloon failed " + failure));
        try {
            new AwtTrayNotifier().show(new Notice("k", "gpu-lab", WatchEvent.Type.PREEMPTED, "gpu-lab was preempted",
                    "Google took the VM back.", Notice.Urgency.CRITICAL, List.of(), false));
            java.awt.EventQueue.invokeAndWait(() -> say("balloon shown"));
        } catch (Exception e) {
            say("balloon failed " + e);
        }
    }

    private static void say(String line) {
        OUT.println(line);
    }
}
