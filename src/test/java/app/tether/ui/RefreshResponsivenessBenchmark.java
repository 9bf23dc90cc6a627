package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.SshServer;
import app.tether.inventory.TargetState;
import app.tether.probe.NvidiaSmiFixtures;
import app.tether.settings.Preferences;
import app.tether.testing.OpenSshServer;
import app.tether.testing.ProcessTreeCpu;
import app.tether.testing.SshTestbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * "The window stays responsive" while it refreshes 50 servers (one sshd, 50 names): the window with 50 rows and
 * its live status, and a pulse that posts a task to the FX thread every 10 ms and records how late it runs. Prints
 * the worst and 99th-percentile delay with the window idle, during the first round (50 connects) and during later
 * rounds (1 s interval), with the load average. Printed, not asserted
 * ({@code ./mvnw -B -o -Pbench test -Dtest=RefreshResponsivenessBenchmark}).
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class RefreshResponsivenessBenchmark {
    private static final int SERVERS = 50;

    @TempDir
    Path dir;

    private SshTestbed testbed;
    private MainWindow window;
    private LiveStatus live;
    private final ScheduledExecutorService pulse = BackgroundExecutors.scheduler("fx-pulse", 1);

    @Start
    void start(Stage stage) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("remote-bin"));
        Files.writeString(bin.resolve("gpus.out"), NvidiaSmiFixtures.read("csv-8xH100-80GB-HBM3-load-ansible-run-UNVERIFIED-REPO.csv"));
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\ncase \"$*\" in *--query-gpu=*) cat \"$(dirname \"$0\")/gpus.out\" ;; esac\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        testbed = SshTestbed.start(dir.resolve("sshd"), "SetEnv PATH=" + bin + ":/usr/bin:/bin");
        Inventory inventory = Inventory.empty();
        for (int i = 0; i < SERVERS; i++) {
            inventory = inventory.add(SshServer.ofHost("gpu" + i, "127.0.0.1", OpenSshServer.user(),
                    testbed.server().port(), testbed.key().toString(), null));
        }
        new InventoryStore(testbed.environment().inventoryFile()).save(inventory);
        AppContext context = new AppContext(testbed.environment(), new InventoryStore(testbed.environment().inventoryFile()),
                Preferences.open(testbed.environment().settingsFile()), new UiLanguage(Locale.ENGLISH),
                new ThemeSwitcher(false), new FxExecutors(BackgroundExecutors.pool("test-ui"), FxExecutors.FX));
        context.themes().apply(Preferences.Theme.LIGHT);
        window = MainWindow.show(stage, context, uri -> { }, () -> { });
    }

    @AfterEach
    void stop() throws Exception {
        pulse.shutdownNow();
        if (live != null) {
            live.close();
        }
        testbed.close();
    }

    /** How late each FX task posted every 10 ms ran, in ms. */
    private final List<Double> delays = Collections.synchronizedList(new ArrayList<>());

    @Test
    void theFxThreadDuringRefreshRoundsOfFiftyServers(FxRobot robot) throws Exception {
        await(() -> window.model().items().size() == SERVERS, 60);
        pulse.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            Platform.runLater(() -> delays.add((System.nanoTime() - posted) / 1e6));
        }, 0, 10, TimeUnit.MILLISECONDS);

        Thread.sleep(3000);
        report("window idle, no refresh (3 s)", 0, 3000);

        long start = System.nanoTime();
        robot.interact(() -> {
            live = LiveStatus.start(testbed.environment(), window, 1);
            window.setActions(live);
            window.model().selectedProperty().set(window.model().items().get(0));
        });
        await(() -> window.model().items().stream().allMatch(i -> i.state() == TargetState.ONLINE), 600);
        long firstRound = (System.nanoTime() - start) / 1_000_000;
        report("first round (50 connects)", firstRound, firstRound);

        Thread.sleep(15_000);
        report("later rounds (1 s interval, 15 s)", 0, 15_000);
    }

    private double cpuMark = ProcessTreeCpu.thisJvmMillis();

    /** Prints the delays recorded since the last report and starts a new period. */
    private void report(String period, long roundMillis, long periodMillis) {
        List<Double> sorted;
        synchronized (delays) {
            sorted = new ArrayList<>(delays);
            delays.clear();
        }
        Collections.sort(sorted);
        double cpu = ProcessTreeCpu.thisJvmMillis();
        System.out.printf(Locale.ROOT, "RefreshResponsivenessBenchmark: %-36s %s FX task delay: max %.0f ms, p99 %.1f ms, "
                + "median %.1f ms (%d tasks); Tether CPU %.0f ms in %d ms; load %s%n", period,
                roundMillis > 0 ? "all 50 online after " + roundMillis + " ms;" : "", sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1),
                sorted.isEmpty() ? -1 : sorted.get((int) (sorted.size() * 0.99)),
                sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2), sorted.size(), cpu - cpuMark, periodMillis,
                ProcessTreeCpu.load());
        cpuMark = cpu;
    }

    private static void await(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(20);
        }
    }
}
