package app.tether.inventory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.tether.providers.LiveState;
import app.tether.providers.StateCache;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inventory.json} and {@code state.json} keep the shape and bytes earlier versions wrote: the files under
 * {@code resources/app/tether/inventory/format} were written by Tether 10d2da8, whose store went through Jackson's
 * data binding, from the targets and states built here. Reading them gives exactly these; writing these gives
 * the same bytes. Also the leniency of that data binding for hand-edited files, and what it refused.
 */
class InventoryFormatTest {
    @TempDir
    Path dir;

    /** Every kind, with every field set and with as few as possible. */
    static List<Target> targets() {
        return List.of(
                new SshServer("gpu1", null, "10.0.0.5", "me", 2222, "~/.ssh/id_ed25519", "bastion",
                        List.of("a100", "team"),
                        "Notes with \"quotes\", a tab\tand\nnew line, 中文 and emoji \uD83D\uDE80",
                        new HourlyPrice("USD", new BigDecimal("1.20")), new JupyterSettings(9999, "/data/notebooks"),
                        List.of(new PortForward("tensorboard", 6006, "127.0.0.1", 6006),
                                new PortForward(null, 0, "::1", 8080)), "compute.123456"),
                SshServer.ofAlias("box", "box-alias"),
                new SshServer("nojup", null, "h", null, null, null, null, List.of(), "", null,
                        new JupyterSettings(null, null), List.of()),
                new HfSpace("space", "me/lab", "t4-small", List.of("hf"), "a space",
                        new HourlyPrice("USD", new BigDecimal("0.40"))),
                new HfSpace("space2", "me/other", null, null, null, null),
                new GceInstance("spot", "proj-1", "us-central1-a", "vm-1", List.of("spot"), "gce",
                        new HourlyPrice("USD", new BigDecimal("0.3500")), "ubuntu", PreemptionRestart.ASK),
                new GceInstance("spot2", "proj-1", "europe-west4-b", "vm-2", List.of(), "", null),
                new CnbWorkspace("model", "team/model", "dev", "pl-42", List.of("cnb"), "cnb notes",
                        new HourlyPrice("CNY", new BigDecimal("8.00")), "cnb:arch:amd64:gpu:H20"),
                new CnbWorkspace("model2", "team/model2", null, null, null, null, null));
    }

    /** The states in the order the earlier version's file has them. */
    static Map<String, LiveState> states() {
        Map<String, LiveState> states = new LinkedHashMap<>();
        states.put("gpu1", new LiveState(TargetState.ONLINE, null, "1 x NVIDIA A100", null, null,
                Instant.parse("2026-12-05T10:15:30.123456Z")));
        states.put("model", new LiveState(TargetState.STOPPED, "closed", null, null, "stopped",
                Instant.parse("2026-12-05T09:00:00Z")));
        states.put("space", new LiveState(TargetState.RUNNING, "RUNNING", "t4-small", new BigDecimal("0.40"),
                "ok \"quoted\"", Instant.parse("2026-12-05T11:00:00Z")));
        return states;
    }

    static byte[] earlier(String name) throws IOException {
        try (InputStream in = InventoryFormatTest.class.getResourceAsStream("format/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void anEarlierVersionsFileReadsIntoTheSameTargets() throws Exception {
        Path file = Files.write(dir.resolve("inventory.json"), earlier("inventory.json"));
        assertEquals(targets(), new InventoryStore(file).load().targets());
    }

    @Test
    void savingWritesTheBytesTheEarlierVersionWrote() throws Exception {
        Path file = dir.resolve("inventory.json");
        Inventory inventory = Inventory.empty();
        for (Target target : targets()) {
            inventory = inventory.add(target);
        }
        new InventoryStore(file).save(inventory);
        assertEquals(new String(earlier("inventory.json"), "UTF-8"), Files.readString(file));
    }

    @Test
    void theStateCacheReadsAndWritesTheEarlierFormat() throws Exception {
        StateCache written = new StateCache(dir.resolve("state.json"));
        states().forEach(written::record);
        assertArrayEquals(earlier("state.json"), Files.readAllBytes(dir.resolve("state.json")));

        Path file = Files.write(dir.resolve("earlier.json"), earlier("state.json"));
        assertEquals(states(), new StateCache(file).all());
    }

    @Test
    void handEditedValuesAreTakenAsTheDataBindingTookThem() throws Exception {
        Target server = read("""
                {"kind": "ssh", "name": "box", "host": "h", "port": "2200", "notes": 42, "tags": ["a", 7, true],
                 "jupyter": {"port": 8890.0}, "forwards": [{"localPort": 0, "remotePort": "9000"}],
                 "price": {"currency": "EUR", "amount": 1.5}}""");
        assertEquals(new SshServer("box", null, "h", null, 2200, null, null, List.of("a", "7", "true"), "42",
                new HourlyPrice("EUR", new BigDecimal("1.5")), new JupyterSettings(8890, null),
                List.of(new PortForward(null, 0, "127.0.0.1", 9000))), server);
        assertEquals(PreemptionRestart.AUTOMATIC, ((GceInstance) read("""
                {"kind": "gce", "name": "vm", "restartAfterPreemption": " Automatic "}""")).preemptionRestart());
        assertEquals("main", ((CnbWorkspace) read("""
                {"kind": "cnb", "name": "ws", "repo": "o/r", "branch": null, "unknown": {"x": 1}}""")).branch());
    }

    @Test
    void whatTheDataBindingRefusedIsRefused() {
        for (String target : List.of(
                "[]",
                "{\"name\": \"no kind\"}",
                "{\"kind\": \"ssh\"}",
                "{\"kind\": \"vm\", \"name\": \"x\"}",
                "{\"kind\": \"ssh\", \"name\": \"x\", \"port\": 22.5}",
                "{\"kind\": \"ssh\", \"name\": \"x\", \"port\": \"twenty\"}",
                "{\"kind\": \"ssh\", \"name\": \"x\", \"port\": 99999999999}",
                "{\"kind\": \"ssh\", \"name\": \"x\", \"tags\": \"one\"}",
                "{\"kind\": \"ssh\", \"name\": \"x\", \"tags\": [null]}",
                "{\"kind\": \"ssh\", \"name\": \"x\", \"tags\": [[\"nested\"]]}",
                "{\"kind\": \"ssh\", \"name\": {\"an\": \"object\"}}",
                "{\"kind\": \"ssh\", \"name\": \"x\", \"jupyter\": 8888}",
                "{\"kind\": \"ssh\", \"name\": \"x\", \"forwards\": [{\"localPort\": 1}]}",
                "{\"kind\": \"ssh\", \"name\": \"x\", \"price\": {\"currency\": \"XXY\", \"amount\": \"1\"}}",
                "{\"kind\": \"ssh\", \"name\": \"x\", \"price\": {\"currency\": \"USD\", \"amount\": \"1e999999999\"}}",
                "{\"kind\": \"ssh\", \"name\": \"x\", \"price\": {\"currency\": \"USD\", \"amount\": true}}",
                "{\"kind\": \"gce\", \"name\": \"x\", \"restartAfterPreemption\": \"never\"}")) {
            assertThrows(IllegalArgumentException.class, () -> read(target), target);
        }
    }

    private static Target read(String json) throws IOException {
        return TargetJson.read(app.tether.core.JsonTrees.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
