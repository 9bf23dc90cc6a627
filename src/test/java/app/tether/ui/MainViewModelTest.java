package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.BackgroundExecutors;
import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.Inventory;
import app.tether.inventory.InventoryStore;
import app.tether.inventory.SshServer;
import app.tether.inventory.TargetState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main window's state without a window: store work runs on the calling thread. */
class MainViewModelTest {
    @TempDir
    Path dir;

    private Environment environment() {
        return UiFixture.environment(dir);
    }

    private MainViewModel model(Environment environment) {
        return new MainViewModel(environment, new InventoryStore(environment.inventoryFile()),
                new FxExecutors(BackgroundExecutors.direct(), Runnable::run));
    }

    private static <T> T done(CompletableFuture<T> future) throws Exception {
        assertTrue(future.isDone());
        return future.get();
    }

    @Test
    void startsEmptyWithoutAnInventoryFile() throws Exception {
        MainViewModel model = model(environment());
        done(model.reload());
        assertTrue(model.emptyProperty().get());
        assertNull(model.storeProblemProperty().get());
    }

    @Test
    void addsEditsAndRemovesServersThroughTheStore() throws Exception {
        Environment environment = environment();
        MainViewModel model = model(environment);
        done(model.reload());
        ServerEditorViewModel add = done(model.newServerEditor());
        add.nameProperty().set("gpu1");
        add.hostProperty().set("one.example.com");
        done(model.save(add));
        assertEquals(List.of("gpu1"), model.items().stream().map(TargetItem::name).toList());
        assertEquals("gpu1", model.selectedProperty().get().name());
        assertFalse(model.emptyProperty().get());

        TargetItem row = model.items().get(0);
        row.stateProperty().set(TargetState.ONLINE);
        ServerEditorViewModel edit = done(model.editorFor((SshServer) row.target()));
        edit.nameProperty().set("gpu one");
        done(model.save(edit));
        Inventory stored = new InventoryStore(environment.inventoryFile()).load();
        assertTrue(stored.contains("gpu one"));
        assertFalse(stored.contains("gpu1"));

        done(model.remove("gpu one"));
        assertTrue(model.items().isEmpty());
        assertTrue(new InventoryStore(environment.inventoryFile()).load().targets().isEmpty());
    }

    @Test
    void keepsARowAndWhatItKnowsAcrossReloads() throws Exception {
        Environment environment = environment();
        new InventoryStore(environment.inventoryFile()).save(Inventory.empty()
                .add(SshServer.ofHost("gpu1", "h1", null, null, null, null)));
        MainViewModel model = model(environment);
        done(model.reload());
        TargetItem row = model.items().get(0);
        row.stateProperty().set(TargetState.ONLINE);
        done(model.reload());
        assertSame(row, model.items().get(0));
        assertEquals(TargetState.ONLINE, model.items().get(0).state());
    }

    @Test
    void filtersByNameAddressAndTag() throws Exception {
        Environment environment = environment();
        SshServer tagged = new SshServer("Lab box", null, "lab.example.edu", null, null, null, null, List.of("A100"), "",
                null, null, List.of());
        new InventoryStore(environment.inventoryFile()).save(Inventory.empty().add(tagged)
                .add(SshServer.ofHost("home", "192.168.1.9", null, null, null, null)));
        MainViewModel model = model(environment);
        done(model.reload());
        model.filterProperty().set("a100");
        assertEquals(List.of("Lab box"), model.visibleItems().stream().map(TargetItem::name).toList());
        model.filterProperty().set("192.168");
        assertEquals(List.of("home"), model.visibleItems().stream().map(TargetItem::name).toList());
        model.filterProperty().set("nothing");
        assertTrue(model.noMatchesProperty().get());
        model.filterProperty().set("");
        assertEquals(2, model.visibleItems().size());
    }

    @Test
    void aTooNewInventoryBecomesAStoreProblemAndIsNotOverwritten() throws Exception {
        Environment environment = environment();
        Files.createDirectories(environment.home());
        String future = "{\"schemaVersion\": 99, \"targets\": []}";
        Files.writeString(environment.inventoryFile(), future);
        MainViewModel model = model(environment);
        done(model.reload());
        assertNotNull(model.storeProblemProperty().get());
        assertEquals(ErrorCode.STORE_TOO_NEW, model.storeProblemProperty().get().cause().code());
        assertEquals(environment.home(), model.storeProblemProperty().get().folder());
        assertFalse(model.emptyProperty().get(), "the empty state must not invite adding over a broken file");

        ServerEditorViewModel add = new ServerEditorViewModel(Inventory.empty(), List.of(), dir, null);
        add.nameProperty().set("x");
        add.hostProperty().set("x.example.com");
        CompletableFuture<SshServer> saved = model.save(add);
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, saved::get);
        assertEquals(ErrorCode.STORE_TOO_NEW, ((TetherException) failure.getCause()).code());
        assertEquals(future, Files.readString(environment.inventoryFile()));
    }

    @Test
    void importsConcreteAliasesOnce() throws Exception {
        Environment environment = environment();
        Files.createDirectories(environment.sshDir());
        Files.writeString(environment.sshConfig(), "Host a b\n  User x\nHost *.corp\n  User y\n");
        MainViewModel model = model(environment);
        done(model.reload());
        var first = done(model.importSshConfig());
        assertEquals(List.of("a", "b"), first.added());
        var second = done(model.importSshConfig());
        assertEquals(List.of(), second.added());
        assertEquals(List.of("a", "b"), second.skipped());
        assertEquals(2, model.items().size());
    }
}
