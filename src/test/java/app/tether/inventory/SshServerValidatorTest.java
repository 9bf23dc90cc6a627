package app.tether.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.inventory.SshServerValidator.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshServerValidatorTest {
    @TempDir
    Path home;

    private final Inventory inventory = Inventory.empty().add(SshServer.ofAlias("taken", "gpu"));

    private Map<Field, String> validate(SshServerDraft draft, String editing) {
        return new SshServerValidator(inventory, List.of("gpu", "lab"), home).validate(draft, editing);
    }

    private static SshServerDraft host(String name, String host, String port, String identity) {
        return new SshServerDraft(name, "", host, "", port, identity, "", "", "", "");
    }

    @Test
    void validHostDraftHasNoErrors() {
        assertEquals(Map.of(), validate(host("新的 server", "10.0.0.5", "22", ""), null));
    }

    @Test
    void userAndJumpHostMayNotCarrySpacesQuotesOrLineBreaks() {
        for (String user : List.of("u\n    ProxyCommand x", "a b", "it's", "x\"y", "a@b", "tab\tbed")) {
            SshServerDraft draft = new SshServerDraft("n", "", "h", user, "", "", "", "", "", "");
            assertEquals("validation.user.invalid", validate(draft, null).get(Field.USER), user);
        }
        for (String jump : List.of("bastion\nProxyCommand x", "a b", "\"quoted\"")) {
            SshServerDraft draft = new SshServerDraft("n", "", "h", "", "", "", jump, "", "", "");
            assertEquals("validation.jump.invalid", validate(draft, null).get(Field.JUMP), jump);
        }
        SshServerDraft fine = new SshServerDraft("n", "", "h", "ml-user_1", "", "", "ops@bastion:2222", "", "", "");
        assertEquals(Map.of(), validate(fine, null));
    }

    @Test
    void emptyNameIsAnError() {
        assertEquals("validation.name.empty", validate(host("  ", "h", "", ""), null).get(Field.NAME));
    }

    @Test
    void duplicateNameIsAnErrorUnlessItIsTheTargetBeingEdited() {
        assertEquals("validation.name.duplicate", validate(host("taken", "h", "", ""), null).get(Field.NAME));
        assertEquals(null, validate(host("taken", "h", "", ""), "taken").get(Field.NAME));
    }

    @Test
    void portOutsideRangeOrNotANumberIsAnError() {
        for (String port : List.of("0", "65536", "-1", "ssh", "22.5")) {
            assertEquals("validation.port.range", validate(host("n", "h", port, ""), null).get(Field.PORT), port);
        }
        assertEquals(null, validate(host("n", "h", "65535", ""), null).get(Field.PORT));
    }

    @Test
    void missingIdentityFileIsAnErrorAndTildeExpands() throws Exception {
        assertEquals("validation.identity.missing",
                validate(host("n", "h", "", "~/.ssh/nope"), null).get(Field.IDENTITY));
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_test"), "key");
        assertEquals(null, validate(host("n", "h", "", "~/.ssh/id_test"), null).get(Field.IDENTITY));
    }

    @Test
    void unknownAliasIsAnErrorAndKnownAliasNeedsNoHost() {
        SshServerDraft unknown = new SshServerDraft("n", "nope", "", "", "", "", "", "", "", "");
        assertEquals("validation.alias.unknown", validate(unknown, null).get(Field.ALIAS));
        SshServerDraft known = new SshServerDraft("n", "lab", "", "", "", "", "", "", "", "");
        assertEquals(Map.of(), validate(known, null));
    }

    @Test
    void hostIsRequiredWithoutAlias() {
        assertTrue(validate(host("n", "", "", ""), null).containsKey(Field.HOST));
        assertEquals("validation.host.invalid", validate(host("n", "a;rm -rf /", "", ""), null).get(Field.HOST));
    }
}
