package app.tether.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Messages;
import app.tether.inventory.TargetState;
import app.tether.providers.TargetAction;
import app.tether.watch.WatchEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tray menu built from target states, without any tray. */
class TrayMenuBuilderTest {
    private final List<String> ran = new ArrayList<>();
    private final TrayCommands commands = new TrayCommands() {
        @Override
        public void openNotebook(String target) {
            ran.add("open " + target);
        }

        @Override
        public void perform(String target, TargetAction action) {
            ran.add(action.id() + " " + target);
        }

        @Override
        public void openInVsCode(String target) {
            ran.add("code " + target);
        }

        @Override
        public void pauseAll(List<String> targets) {
            ran.add("pause-all " + targets);
        }

        @Override
        public void showWindow() {
            ran.add("show");
        }

        @Override
        public void quit() {
            ran.add("quit");
        }
    };

    @BeforeEach
    void english() {
        Messages.setLocale(Locale.ENGLISH);
    }

    @AfterEach
    void reset() {
        Messages.setLocale(Locale.ENGLISH);
    }

    private static TrayTarget space(String name, TargetState state, String price, String note) {
        return new TrayTarget(name, state, price == null ? null : new BigDecimal(price), true,
                List.of(TargetAction.PAUSE), true, false, false, note);
    }

    @Test
    void totalOnTopThenEachRunningTargetWithStateAndPriceThenPauseAllShowQuit() {
        TrayMenu menu = TrayMenuBuilder.build(List.of(space("a100", TargetState.RUNNING, "3.4", null),
                space("t4", TargetState.STARTING, "0.6", null), space("old", TargetState.PAUSED, "1.05", null),
                new TrayTarget("box", TargetState.ONLINE, null, false, List.of(), true, true, true, null)), commands);
        List<TrayMenuItem> items = menu.items();
        assertEquals("Paid targets running: 2 · $4.00/h", ((TrayMenuItem.Info) items.get(0)).label());
        assertInstanceOf(TrayMenuItem.Separator.class, items.get(1));
        assertEquals("a100 — Running · $3.40/h", ((TrayMenuItem.Submenu) items.get(2)).label());
        assertEquals("t4 — Starting · $0.60/h", ((TrayMenuItem.Submenu) items.get(3)).label());
        assertEquals("box — Online", ((TrayMenuItem.Submenu) items.get(4)).label(), "a paused target is not listed");
        assertInstanceOf(TrayMenuItem.Separator.class, items.get(5));
        assertEquals(List.of("Pause all paid targets", "Show Tether", "Quit"), items.subList(6, 9).stream()
                .map(i -> ((TrayMenuItem.Action) i).label()).toList());
        assertEquals(TrayState.ACTIVE, menu.state());
        assertEquals("Tether — Paid targets running: 2 · $4.00/h", menu.tooltip());

        click(menu, "pause-all");
        click(menu, "target/a100/pause");
        click(menu, "target/box/vscode");
        click(menu, "target/box/open");
        click(menu, "show");
        click(menu, "quit");
        assertEquals(List.of("pause-all [a100, t4]", "pause a100", "code box", "open box", "show", "quit"), ran);
    }

    @Test
    void submenuOffersOpenTheProvidersStopActionsAndVsCodeOnlyWhereTheyApply() {
        TrayTarget vm = new TrayTarget("vm", TargetState.RUNNING, new BigDecimal("0.31"), true,
                List.of(TargetAction.STOP, TargetAction.PAUSE), true, true, false, null);
        TrayMenu menu = TrayMenuBuilder.build(List.of(vm, space("hf", TargetState.RUNNING, "0.6", null)), commands);
        TrayMenuItem.Submenu vmMenu = (TrayMenuItem.Submenu) menu.items().get(2);
        assertEquals(List.of("Open notebook", "Stop", "Pause", "Open in VS Code"), labels(vmMenu));
        assertEquals(List.of("Open notebook", "Pause"), labels((TrayMenuItem.Submenu) menu.items().get(3)));
    }

    @Test
    void nothingRunningMeansIdleIconNoTargetsAndPauseAllDisabled() {
        TrayMenu menu = TrayMenuBuilder.build(List.of(space("a", TargetState.PAUSED, "1", null)), commands);
        assertEquals(TrayState.IDLE, menu.state());
        assertEquals("No paid target running", ((TrayMenuItem.Info) menu.items().get(0)).label());
        assertInstanceOf(TrayMenuItem.Separator.class, menu.items().get(1));
        TrayMenuItem.Action pauseAll = (TrayMenuItem.Action) menu.find("pause-all").orElseThrow();
        assertFalse(pauseAll.enabled());
    }

    @Test
    void preemptedOrFlaggedTargetsAreListedAndTurnTheIconToAttention() {
        TrayMenu menu = TrayMenuBuilder.build(List.of(space("spot", TargetState.PREEMPTED, "0.5", null)), commands);
        assertEquals(TrayState.ATTENTION, menu.state());
        assertEquals("spot — Preempted", ((TrayMenuItem.Submenu) menu.items().get(2)).label());
        assertFalse(((TrayMenuItem.Action) menu.find("target/spot/open").orElseThrow()).enabled());

        TrayMenu idle = TrayMenuBuilder.build(List.of(space("a10", TargetState.RUNNING, "1.05", "Pausing soon (idle)")),
                commands);
        assertEquals(TrayState.ATTENTION, idle.state());
        assertEquals("a10 — Running · $1.05/h · Pausing soon (idle)",
                ((TrayMenuItem.Submenu) idle.items().get(2)).label());
        assertTrue(idle.tooltip().endsWith("1 need attention"), idle.tooltip());
    }

    @Test
    void labelsFollowTheLanguage() {
        Messages.setLocale(Locale.SIMPLIFIED_CHINESE);
        TrayMenu menu = TrayMenuBuilder.build(List.of(space("a100", TargetState.RUNNING, "3.4", null)), commands);
        assertEquals("运行中的付费目标：1 个 · $3.40/小时", ((TrayMenuItem.Info) menu.items().get(0)).label());
        assertEquals(List.of("暂停所有付费目标", "显示 Tether", "退出"), menu.items().subList(4, 7).stream()
                .map(i -> ((TrayMenuItem.Action) i).label()).toList());
        assertEquals(List.of("打开笔记本", "暂停"), labels((TrayMenuItem.Submenu) menu.items().get(2)));
    }

    @Test
    void watchEventsFlagATargetUntilTheyAreSettled() {
        List<String> changes = new ArrayList<>();
        TrayAttention attention = new TrayAttention(() -> changes.add("changed"));
        attention.accept(event("gpu", WatchEvent.Type.IDLE_PAUSE_PENDING, null));
        assertEquals("Pausing soon (idle)", attention.note("gpu"));
        attention.accept(event("gpu", WatchEvent.Type.STATE_CHANGED, TargetState.RUNNING));
        assertEquals("Pausing soon (idle)", attention.note("gpu"), "still counting down while it runs");
        attention.accept(event("gpu", WatchEvent.Type.IDLE_PAUSE_CANCELLED, null));
        assertEquals(null, attention.note("gpu"));
        attention.accept(event("spot", WatchEvent.Type.PREEMPTED, TargetState.PREEMPTED));
        assertEquals("Preempted", attention.note("spot"));
        attention.accept(event("spot", WatchEvent.Type.RESTARTED, TargetState.RUNNING));
        assertEquals(null, attention.note("spot"));
        attention.accept(event("spot", WatchEvent.Type.OBSERVE_FAILED, null));
        assertEquals(4, changes.size(), "only real changes are reported: " + changes);
    }

    private static WatchEvent event(String target, WatchEvent.Type type, TargetState state) {
        return new WatchEvent(Instant.now(), target, type, state, "");
    }

    private static List<String> labels(TrayMenuItem.Submenu submenu) {
        return submenu.items().stream().map(i -> ((TrayMenuItem.Action) i).label()).toList();
    }

    private static void click(TrayMenu menu, String key) {
        TrayMenuItem.Action action = (TrayMenuItem.Action) menu.find(key).orElseThrow(() -> new AssertionError(key));
        assertTrue(action.enabled(), key);
        action.action().run();
    }
}
