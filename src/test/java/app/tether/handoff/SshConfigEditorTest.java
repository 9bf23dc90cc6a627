package app.tether.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.inventory.SshServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ~/.ssh/config editing: one marked block per server, replaced exactly, every other byte kept. */
class SshConfigEditorTest {
    @TempDir
    Path dir;

    private static ManagedHostBlock block(String name, String host) {
        return ManagedHostBlock.forTarget(ManagedHostBlock.aliasFor(name), SshServer.ofHost(name, host, "ml", 2200,
                null, null));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void eachServerGetsItsOwnBlockAndRewritingOneNeverTouchesAnother() throws Exception {
        Path config = dir.resolve("config");
        String user = "# my settings\nServerAliveInterval 30\n\nHost mine\n    HostName 10.1.1.1\n\nHost *\n    User me\n";
        Files.writeString(config, user);
        SshConfigEditor editor = new SshConfigEditor(config);
        editor.apply(block("s1", "10.0.0.1"));
        editor.apply(block("s2", "10.0.0.2"));
        String two = Files.readString(config);
        // s2's block stands on its own: s1's BEGIN comes after s2's END, or before s2's BEGIN with its END first.
        int s1Begin = two.indexOf("BEGIN TETHER MANAGED HOST tether-s1");
        int s1End = two.indexOf("END TETHER MANAGED HOST tether-s1");
        int s2Begin = two.indexOf("BEGIN TETHER MANAGED HOST tether-s2");
        int s2End = two.indexOf("END TETHER MANAGED HOST tether-s2");
        assertTrue(s1End < s2Begin || s2End < s1Begin, two);
        assertEquals(SshConfigEditor.Outcome.UNCHANGED, editor.apply(block("s2", "10.0.0.2")));

        // s1 changes (removed and added again with another address): only its block changes.
        assertEquals(SshConfigEditor.Outcome.REPLACED, editor.apply(block("s1", "10.9.9.9")));
        String after = Files.readString(config);
        assertEquals(1, count(after, "Host tether-s1\n"), after);
        assertEquals(1, count(after, "Host tether-s2\n"), after);
        assertTrue(after.contains("HostName 10.9.9.9") && after.contains("HostName 10.0.0.2"), after);
        assertEquals(two.replace("10.0.0.1", "10.9.9.9"), after);
        assertEquals(user, withoutBlocks(after), after);
    }

    @Test
    void userContentBetweenBlocksAndItsLineEndsAndBytesAreKept() throws Exception {
        Path config = dir.resolve("config");
        SshConfigEditor editor = new SshConfigEditor(config);
        editor.apply(block("s1", "10.0.0.1"));
        editor.apply(block("s2", "10.0.0.2"));
        // The user writes between and around the blocks, with CRLF lines, a Latin-1 byte and no final newline.
        byte[] head = "Host first\r\n    HostName a\r\n# caf\u00e9 \r\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = {'#', ' ', (byte) 0xe9, '\r', '\n'};
        String current = Files.readString(config);
        int split = current.indexOf("# BEGIN TETHER MANAGED HOST tether-s2");
        byte[] middle = "Host between\n    Port 1\n".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "Host last\n    User x".getBytes(StandardCharsets.UTF_8);
        byte[] file = concat(head, latin1, current.substring(0, split).getBytes(StandardCharsets.UTF_8), middle,
                current.substring(split).getBytes(StandardCharsets.UTF_8), tail);
        Files.write(config, file);

        editor.apply(block("s1", "10.7.7.7"));
        editor.apply(block("s2", "10.8.8.8"));
        byte[] expected = new String(file, StandardCharsets.ISO_8859_1).replace("10.0.0.1", "10.7.7.7")
                .replace("10.0.0.2", "10.8.8.8").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Arrays.toString(expected), Arrays.toString(Files.readAllBytes(config)));
    }

    @Test
    void aBlockAnOlderTetherNestedInsideAnotherIsLiftedOutAndKept() throws Exception {
        Path config = dir.resolve("config");
        List<String> s1 = block("s1", "10.0.0.1").lines();
        // What the old insertion point produced: s2's block inside s1's markers.
        String nested = s1.get(0) + "\n" + s1.get(1) + "\n" + block("s2", "10.0.0.2").text()
                + String.join("\n", s1.subList(2, s1.size())) + "\n";
        Files.writeString(config, nested);
        new SshConfigEditor(config).apply(block("s1", "10.0.0.3"));
        String after = Files.readString(config);
        assertEquals(block("s1", "10.0.0.3").text() + block("s2", "10.0.0.2").text(), after);
    }

    @Test
    void anotherServersBlockForTheSameHostIsNeverBorrowed() throws Exception {
        var env = new app.tether.core.Environment(dir.resolve("tether"), dir.resolve("home"));
        VsCodeHandoff handoff = new VsCodeHandoff(env);
        SshServer s2 = SshServer.ofHost("s2", "10.0.0.2", "ml", 2200, null, null);
        handoff.writeBlock(handoff.plan(s2, null));
        SshServer direct1 = SshServer.ofHost("direct1", "10.0.0.2", "ml", 2200, null, null);
        VsCodePlan plan = handoff.plan(direct1, null);
        assertEquals("tether-direct1", plan.alias());
        // The same target again uses its own block.
        handoff.writeBlock(plan);
        assertEquals("tether-direct1", handoff.plan(direct1, null).alias());
        assertEquals("tether-s2", handoff.plan(s2, null).alias());
    }

    @Test
    void aNameThatMakesAnotherServersAliasGetsItsOwn() throws Exception {
        var env = new app.tether.core.Environment(dir.resolve("tether"), dir.resolve("home"));
        VsCodeHandoff handoff = new VsCodeHandoff(env);
        handoff.writeBlock(handoff.plan(SshServer.ofHost("gpu 1", "10.0.0.1", null, null, null, null), null));
        VsCodePlan other = handoff.plan(SshServer.ofHost("GPU-1", "10.0.0.9", null, null, null, null), null);
        assertEquals("tether-gpu-1-2", other.alias());
    }

    private static String withoutBlocks(String text) {
        return text.replaceAll("(?s)# BEGIN TETHER MANAGED HOST (\\S+)\n.*?# END TETHER MANAGED HOST \\1\n\n?", "");
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
