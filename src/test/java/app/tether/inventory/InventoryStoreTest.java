package app.tether.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryStoreTest {
    @TempDir
    Path dir;

    @Test
    void missingFileIsAnEmptyInventory() {
        assertEquals(List.of(), new InventoryStore(dir.resolve("inventory.json")).load().targets());
    }

    @Test
    void everyKindRoundTripsWithAllFields() {
        InventoryStore store = new InventoryStore(dir.resolve("inventory.json"));
        SshServer ssh = new SshServer("GPU 服务器 \"one\"", null, "gpu.example.com", "ml", 2222, "~/.ssh/id_ed25519",
                "bastion", List.of("lab", "a100"), "line1\nline2", new HourlyPrice("CNY", new BigDecimal("8.50")),
                new JupyterSettings(8899, "/data/notebooks"), List.of(new PortForward("tb", 6006, "127.0.0.1", 6006)));
        Inventory inventory = Inventory.empty()
                .add(ssh)
                .add(SshServer.ofAlias("alias box", "gpu2"))
                .add(new HfSpace("space", "me/lab", "t4-small", List.of(), "", null))
                .add(new GceInstance("spot", "proj", "us-central1-a", "vm1", List.of("spot"), "", null))
                .add(new CnbWorkspace("cnb", "org/repo", "main", null, List.of(), "", null));
        store.save(inventory);
        assertEquals(inventory, store.load());
    }

    @Test
    void saveLeavesNoTempFilesBehindAndReplacesWholeFile() throws Exception {
        Path file = dir.resolve("inventory.json");
        InventoryStore store = new InventoryStore(file);
        store.save(Inventory.empty().add(SshServer.ofAlias("a", "a")));
        store.save(Inventory.empty().add(SshServer.ofAlias("b", "b")));
        try (var files = Files.list(dir)) {
            // Besides the file only its lock file (kept: deleting a lock file another process waits on is unsafe).
            assertEquals(List.of(file, dir.resolve("inventory.json.lock")), files.sorted().toList());
        }
        assertEquals("b", store.load().targets().get(0).name());
        assertTrue(Files.readString(file).contains("\"schemaVersion\" : 1"));
    }

    @Test
    void corruptFileIsReportedWithItsNameAndNeverOverwritten() throws Exception {
        Path file = dir.resolve("inventory.json");
        Files.writeString(file, "{ this is not json");
        InventoryStore store = new InventoryStore(file);
        TetherException failure = assertThrows(TetherException.class,
                () -> store.update(inv -> inv.add(SshServer.ofAlias("x", "x"))));
        assertEquals(ErrorCode.STORE_CORRUPT, failure.code());
        assertTrue(failure.getLocalizedMessage().contains(file.toString()));
        assertEquals("{ this is not json", Files.readString(file));
    }

    @Test
    void wrongShapeIsCorrupt() throws Exception {
        Path file = dir.resolve("inventory.json");
        Files.writeString(file, "{\"schemaVersion\":1,\"targets\":[{\"kind\":\"martian\",\"name\":\"x\"}]}");
        assertEquals(ErrorCode.STORE_CORRUPT,
                assertThrows(TetherException.class, () -> new InventoryStore(file).load()).code());
    }

    @Test
    void newerSchemaIsRefusedAndKept() throws Exception {
        Path file = dir.resolve("inventory.json");
        String future = "{\"schemaVersion\":99,\"targets\":[],\"galaxies\":[]}";
        Files.writeString(file, future);
        TetherException failure = assertThrows(TetherException.class, () -> new InventoryStore(file).load());
        assertEquals(ErrorCode.STORE_TOO_NEW, failure.code());
        assertEquals(future, Files.readString(file));
    }

    @Test
    void duplicateNamesAreRejectedAfterUnicodeNormalisation() {
        Inventory inventory = Inventory.empty().add(SshServer.ofAlias("caf\u00e9", "a"));
        TetherException failure = assertThrows(TetherException.class,
                () -> inventory.add(SshServer.ofAlias("cafe\u0301", "b")));
        assertEquals(ErrorCode.DUPLICATE, failure.code());
    }

    @Test
    void fieldsFromANewerTetherWithTheSameSchemaSurviveEveryWrite() throws Exception {
        Path file = dir.resolve("inventory.json");
        Files.writeString(file, """
                {"schemaVersion": 1, "syncedAt": "2026-12-01", "targets": [
                  {"kind": "ssh", "name": "gpu", "host": "10.0.0.1", "notes": "old", "color": "teal",
                   "jupyter": {"port": 8888, "kernelSpec": {"name": "py3"}},
                   "price": {"currency": "USD", "amount": "1.20", "source": "user"}},
                  {"kind": "hf-space", "name": "space", "spaceId": "me/lab", "sleepAfter": 3600}
                ]}
                """);
        InventoryStore store = new InventoryStore(file);
        store.update(inventory -> inventory.add(SshServer.ofAlias("new", "gpu2")));
        // A known field the user clears stays cleared; unknown ones stay as they were.
        store.update(inventory -> inventory.replace("gpu", new SshServer("gpu", null, "10.0.0.9", null, null, null,
                null, List.of(), null, null, null, List.of())));
        var root = new com.fasterxml.jackson.databind.ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(Files.readAllBytes(file));
        assertEquals("2026-12-01", root.path("syncedAt").asText());
        var gpu = root.path("targets").get(0);
        assertEquals("10.0.0.9", gpu.path("host").asText());
        assertEquals("teal", gpu.path("color").asText());
        assertEquals("py3", gpu.path("jupyter").path("kernelSpec").path("name").asText());
        assertEquals("", gpu.path("notes").asText());
        assertTrue(gpu.path("price").isMissingNode(), gpu.toString());
        assertEquals(3600, root.path("targets").get(1).path("sleepAfter").asInt());
        assertEquals("new", root.path("targets").get(2).path("name").asText());
        assertEquals(3, store.load().targets().size());
    }

    @Test
    void aWatcherHearsOfAnotherStoresWriteButNotOfItsOwn() throws Exception {
        Path file = dir.resolve("inventory.json");
        InventoryStore window = new InventoryStore(file);
        java.util.concurrent.Semaphore changes = new java.util.concurrent.Semaphore(0);
        try (AutoCloseable ignored = window.watch(changes::release)) {
            window.update(inventory -> inventory.add(SshServer.ofAlias("mine", "a")));
            assertTrue(!changes.tryAcquire(2500, java.util.concurrent.TimeUnit.MILLISECONDS), "own write reported");
            new InventoryStore(file).update(inventory -> inventory.add(SshServer.ofAlias("cli", "b")));
            assertTrue(changes.tryAcquire(5, java.util.concurrent.TimeUnit.SECONDS), "other write not reported");
        }
    }
}
