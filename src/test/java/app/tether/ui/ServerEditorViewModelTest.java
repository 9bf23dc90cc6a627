package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.inventory.HourlyPrice;
import app.tether.inventory.Inventory;
import app.tether.inventory.PortForward;
import app.tether.inventory.SshServer;
import app.tether.ui.ServerEditorViewModel.Field;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Add/Edit form's rules, without any control. */
class ServerEditorViewModelTest {
    @TempDir
    Path home;

    private final Inventory inventory = Inventory.empty().add(SshServer.ofHost("gpu1", "one.example.com", null, null,
            null, null));

    private ServerEditorViewModel form(SshServer editing) {
        return new ServerEditorViewModel(inventory, List.of("lab", "ws4090"), home, editing);
    }

    @Test
    void anEmptyFormAsksForANameAndAHost() {
        ServerEditorViewModel form = form(null);
        assertFalse(form.validProperty().get());
        assertEquals("validation.name.empty", form.errorProperty(Field.NAME).get());
        assertEquals("validation.host.required", form.errorProperty(Field.HOST).get());
    }

    @Test
    void showsAnErrorOnlyAfterItsFieldWasEditedOrOkWasPressed() {
        ServerEditorViewModel form = form(null);
        assertNull(form.shownErrorProperty(Field.NAME).get(), "nothing typed yet: no red text");
        assertNull(form.shownErrorProperty(Field.HOST).get());

        form.nameProperty().set("gpu1");
        assertEquals("validation.name.duplicate", form.shownErrorProperty(Field.NAME).get());
        assertNull(form.shownErrorProperty(Field.HOST).get(), "the host was not edited yet");

        form.revealErrors();
        assertEquals("validation.host.required", form.shownErrorProperty(Field.HOST).get());
    }

    @Test
    void editingAStoredServerShowsItsProblemsAtOnce() throws Exception {
        ServerEditorViewModel form = form(SshServer.ofHost("gpu2", "two.example.com", null, null, "~/.ssh/gone", null));
        assertEquals("validation.identity.missing", form.shownErrorProperty(Field.IDENTITY).get());
    }

    @Test
    void testConnectionOnAnInvalidFormShowsItsErrorsAndDoesNotConnect() {
        List<SshServer> tested = new java.util.ArrayList<>();
        ServerEditorViewModel form = new ServerEditorViewModel(inventory, List.of(), home, null, server -> {
            tested.add(server);
            return java.util.concurrent.CompletableFuture.completedFuture(new ConnectionTester.Result(true, "ok"));
        });
        form.testConnection();
        assertEquals(List.of(), tested);
        assertEquals("validation.name.empty", form.shownErrorProperty(Field.NAME).get());

        form.nameProperty().set("box");
        form.hostProperty().set("box.example.com");
        form.testConnection();
        assertEquals("box.example.com", tested.get(0).host());
        assertEquals("ok", form.testResultProperty().get().message());
        form.portProperty().set("2222");
        assertNull(form.testResultProperty().get(), "an edit makes the last result stale");
    }

    @Test
    void becomesValidOnceNameAndHostAreThere() {
        ServerEditorViewModel form = form(null);
        form.nameProperty().set("box");
        form.hostProperty().set("box.example.com");
        assertTrue(form.validProperty().get());
        assertNull(form.errorProperty(Field.NAME).get());
    }

    @Test
    void flagsPortsOutsideTheRangeAndMissingKeys() {
        ServerEditorViewModel form = form(null);
        form.nameProperty().set("box");
        form.hostProperty().set("box.example.com");
        form.portProperty().set("0");
        assertEquals("validation.port.range", form.errorProperty(Field.PORT).get());
        form.portProperty().set("65536");
        assertEquals("validation.port.range", form.errorProperty(Field.PORT).get());
        form.portProperty().set("65535");
        assertNull(form.errorProperty(Field.PORT).get());
        form.identityFileProperty().set("~/.ssh/nope");
        assertEquals("validation.identity.missing", form.errorProperty(Field.IDENTITY).get());
        assertFalse(form.validProperty().get());
    }

    @Test
    void acceptsAKeyFileUnderTheHomeFolder() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_ed25519"), "key");
        ServerEditorViewModel form = form(null);
        form.nameProperty().set("box");
        form.hostProperty().set("box.example.com");
        form.identityFileProperty().set("~/.ssh/id_ed25519");
        assertTrue(form.validProperty().get());
    }

    @Test
    void rejectsADuplicateNameButNotTheServerItsEditing() {
        ServerEditorViewModel adding = form(null);
        adding.nameProperty().set("gpu1");
        assertEquals("validation.name.duplicate", adding.errorProperty(Field.NAME).get());

        ServerEditorViewModel editing = form((SshServer) inventory.require("gpu1"));
        assertNull(editing.errorProperty(Field.NAME).get());
        assertTrue(editing.validProperty().get());
    }

    @Test
    void anAliasMustBeOneOfTheSshConfig() {
        ServerEditorViewModel form = form(null);
        form.nameProperty().set("lab server");
        form.useAliasProperty().set(true);
        assertEquals("ui.validation.alias.required", form.errorProperty(Field.ALIAS).get());
        form.aliasProperty().set("nope");
        assertEquals("validation.alias.unknown", form.errorProperty(Field.ALIAS).get());
        form.aliasProperty().set("lab");
        assertTrue(form.validProperty().get());
        // host fields are not checked while an alias is used
        assertNull(form.errorProperty(Field.HOST).get());
        assertEquals("lab", form.toServer().sshAlias());
        assertNull(form.toServer().host());
    }

    @Test
    void buildsTheServerWithPriceJupyterAndForwards() {
        ServerEditorViewModel form = form(null);
        form.nameProperty().set("  Lab A100 ");
        form.hostProperty().set("a100.example.edu");
        form.userProperty().set("ada");
        form.portProperty().set("2222");
        form.tagsProperty().set("lab, a100, lab");
        form.priceCurrencyProperty().set("CNY");
        form.priceAmountProperty().set("1.50");
        form.jupyterPortProperty().set("8899");
        form.notebookDirProperty().set("~/work");
        form.forwardsProperty().set("6006:127.0.0.1:6006\n\n7860:7860");
        assertTrue(form.validProperty().get());

        SshServer server = form.toServer();
        assertEquals("Lab A100", server.name());
        assertEquals(2222, server.port());
        assertEquals(List.of("lab", "a100"), server.tags());
        assertEquals(new HourlyPrice("CNY", new BigDecimal("1.50")), server.price());
        assertEquals(8899, server.jupyter().port());
        assertEquals("~/work", server.jupyter().notebookDir());
        assertEquals(List.of(new PortForward(null, 6006, "127.0.0.1", 6006), new PortForward(null, 7860, "127.0.0.1", 7860)),
                server.forwards());
    }

    @Test
    void flagsABadPriceJupyterPortAndForward() {
        ServerEditorViewModel form = form(null);
        form.nameProperty().set("box");
        form.hostProperty().set("box.example.com");
        form.priceCurrencyProperty().set("XX1");
        form.priceAmountProperty().set("1");
        assertEquals("validation.price.invalid", form.errorProperty(Field.PRICE).get());
        form.priceAmountProperty().set("");
        assertNull(form.errorProperty(Field.PRICE).get());
        form.jupyterPortProperty().set("99999");
        assertEquals("validation.port.range", form.errorProperty(Field.JUPYTER_PORT).get());
        form.jupyterPortProperty().set("");
        form.forwardsProperty().set("6006-6006");
        assertEquals("ui.validation.forward", form.errorProperty(Field.FORWARDS).get());
        assertFalse(form.validProperty().get());
    }

    @Test
    void editingFillsEveryFieldFromTheServer() {
        SshServer server = new SshServer("gpu1", null, "one.example.com", "ada", 2200, null, "ada@bastion",
                List.of("x"), "note", new HourlyPrice("USD", new BigDecimal("2.49")), null,
                List.of(new PortForward(null, 6006, "127.0.0.1", 6006)));
        ServerEditorViewModel form = new ServerEditorViewModel(Inventory.empty().add(server), List.of(), home, server);
        assertEquals("2200", form.portProperty().get());
        assertEquals("ada@bastion", form.jumpHostProperty().get());
        assertEquals("USD", form.priceCurrencyProperty().get());
        assertEquals("2.49", form.priceAmountProperty().get());
        assertEquals("6006:127.0.0.1:6006", form.forwardsProperty().get());
        assertEquals(server, form.toServer());
    }
}
