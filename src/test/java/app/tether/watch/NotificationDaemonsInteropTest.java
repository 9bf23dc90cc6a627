package app.tether.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import app.tether.core.BackgroundExecutors;
import app.tether.testing.EnglishMessages;
import app.tether.testing.Interop;
import app.tether.testing.PrivateSessionBus;
import app.tether.testing.RecordingResponses;
import app.tether.testing.XvfbDisplay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tether's notices on real Debian notification daemons, each on a private session bus and an Xvfb display:
 * GNOME's notification-daemon draws the buttons and a click on "Keep running" (xdotool) comes back as
 * ActionInvoked; dunst shows a countdown once however often it updates, closes it on cancel, and its default
 * action (a click on the notice) opens the target.
 */
@ExtendWith(EnglishMessages.class)
@Timeout(90)
class NotificationDaemonsInteropTest {
    private static final String NOTIFICATION_DAEMON = "/usr/lib/notification-daemon/notification-daemon";
    private static final String DUNST = "/usr/bin/dunst";
    private static final String DUNSTCTL = "/usr/bin/dunstctl";
    private static final String XDOTOOL = "/usr/bin/xdotool";

    @TempDir
    Path dir;
    private XvfbDisplay display;
    private PrivateSessionBus bus;
    private Process daemon;
    private DbusNotifier notifier;
    private final RecordingResponses responses = new RecordingResponses();

    @BeforeEach
    void startDisplayAndBus() throws Exception {
        display = XvfbDisplay.start("1024x600x24");
        bus = PrivateSessionBus.start(dir.resolve("bus"));
    }

    @AfterEach
    void stop() throws Exception {
        if (notifier != null) {
            notifier.close();
        }
        if (daemon != null) {
            daemon.destroy();
            if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
        bus.close();
        display.close();
    }

    private ProcessBuilder withSession(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("DISPLAY", display.display());
        env.put("DBUS_SESSION_BUS_ADDRESS", bus.address());
        env.put("HOME", dir.toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.remove("XDG_RUNTIME_DIR");
        return builder;
    }

    private void startDaemon(List<String> command) throws Exception {
        daemon = withSession(command).redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile())
                .start();
        notifier = waitFor(() -> DbusNotifier.connect(bus.address(), responses, BackgroundExecutors.direct()),
                "the daemon never owned org.freedesktop.Notifications: " + Files.readString(dir.resolve("daemon.log")));
    }

    private static <T> T waitFor(Supplier<Optional<T>> attempt, String failure) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < until) {
            Optional<T> result = attempt.get();
            if (result.isPresent()) {
                return result.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError(failure);
    }

    /** Runs a client program (xdotool, dunstctl) in the session; returns its output, failing on a non-zero exit. */
    private String run(String... command) throws IOException, InterruptedException {
        Process process = withSession(List.of(command)).redirectErrorStream(true).start();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end");
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }

    private NoticeDispatch dispatch() {
        return new NoticeDispatch(new Notices(kind -> true), List.of(notifier), BackgroundExecutors.direct());
    }

    private static WatchEvent event(String target, WatchEvent.Type type, String message) {
        return new WatchEvent(Instant.now(), target, type, null, message);
    }

    @Test
    void clickingKeepRunningOnNotificationDaemonReachesEventResponses() throws Exception {
        Interop.requireProgram(NOTIFICATION_DAEMON);
        Interop.requireProgram(XDOTOOL);
        startDaemon(List.of(NOTIFICATION_DAEMON));
        dispatch().accept(event("hf-space", WatchEvent.Type.IDLE_PAUSE_PENDING,
                "No GPU use or busy kernel for 30 min: pausing in 5 min."));

        String window = waitFor(() -> {
            try {
                String found = run(XDOTOOL, "search", "--onlyvisible", "--name", "^Notification$");
                return found.isEmpty() ? Optional.empty() : Optional.of(found.lines().findFirst().orElseThrow());
            } catch (IOException | InterruptedException | AssertionError e) {
                return Optional.empty(); // xdotool exits 1 while no window matches
            }
        }, "notification-daemon drew no notification");
        Map<String, Integer> geometry = new java.util.HashMap<>();
        run(XDOTOOL, "getwindowgeometry", "--shell", window).lines().map(line -> line.split("=", 2))
                .forEach(pair -> geometry.put(pair[0], Integer.parseInt(pair[1])));
        // notification-daemon lays the buttons out right-aligned at the bottom: "Keep running", then "Pause now".
        run(XDOTOOL, "mousemove", "--window", window, String.valueOf(geometry.get("WIDTH") - 190),
                String.valueOf(geometry.get("HEIGHT") - 39), "click", "1");

        assertEquals("keepRunning hf-space", responses.next(), "the click did not come back as keep running");
    }

    @Test
    void dunstShowsACountdownOnceClosesItOnCancelAndItsDefaultActionOpens() throws Exception {
        Interop.requireProgram(DUNST);
        Interop.requireProgram(DUNSTCTL);
        Path config = Files.writeString(dir.resolve("dunstrc"), "[global]\n");
        startDaemon(List.of(DUNST, "-conf", config.toString()));
        NoticeDispatch dispatch = dispatch();

        dispatch.accept(event("hf-space", WatchEvent.Type.IDLE_PAUSE_PENDING, "Pausing in 5 min."));
        dispatch.accept(event("hf-space", WatchEvent.Type.IDLE_PAUSE_PENDING, "Pausing in 4 min."));
        dispatch.accept(event("hf-space", WatchEvent.Type.IDLE_PAUSE_PENDING, "Pausing in 3 min."));
        assertEquals("1", settledCount(), "the countdown updated one notification in place");

        dispatch.accept(event("gpu-b", WatchEvent.Type.IDLE_PAUSE_PENDING, "Pausing in 5 min."));
        assertEquals("2", settledCount());
        dispatch.accept(event("gpu-b", WatchEvent.Type.IDLE_PAUSE_CANCELLED, "Busy again."));
        assertEquals("1", settledCount(), "the cancelled countdown was closed");

        run(DUNSTCTL, "action", "0");
        assertEquals("open hf-space", responses.next());
    }

    /** dunst's count of shown notices once it stops changing (it moves new ones from waiting to shown). */
    private String settledCount() throws Exception {
        List<String> seen = new ArrayList<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < until) {
            seen.add(run(DUNSTCTL, "count", "displayed"));
            if (seen.size() >= 3 && seen.subList(seen.size() - 3, seen.size()).stream().distinct().count() == 1) {
                return seen.get(seen.size() - 1);
            }
            Thread.sleep(150);
        }
        return fail("dunst's count did not settle: " + seen);
    }
}
