package app.tether.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import app.tether.inventory.JupyterSettings;
import app.tether.inventory.SshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VsCodeHandoffTest {
    @TempDir
    Path dir;

    private Environment env;
    private Path config;
    private VsCodeHandoff handoff;

    private static final SshServer GPU = SshServer.ofHost("GPU 1", "10.0.0.5", "ml", 2200, "/keys/id gpu", "bastion");

    @BeforeEach
    void setUp() {
        env = new Environment(dir.resolve("tether"), dir.resolve("home"));
        config = env.sshConfig();
        handoff = new VsCodeHandoff(env);
    }

    @Test
    void aliasTargetOpensDirectlyWithoutTouchingTheConfig() {
        VsCodePlan plan = handoff.plan(SshServer.ofAlias("gpu", "gpu-box"), "/work/project");
        assertFalse(plan.needsConfigBlock());
        assertEquals(List.of("code", "--remote", "ssh-remote+gpu-box", "/work/project"), plan.commandLine("code"));
        assertEquals("vscode://vscode-remote/ssh-remote+gpu-box/work/project", plan.fallbackUri().toString());
        assertFalse(Files.exists(config));
    }

    @Test
    void aValueThatWouldBreakTheSshConfigIsRefusedAndNothingIsWritten() {
        // Possible only through a hand-edited inventory: the forms refuse such user names.
        SshServer hostile = SshServer.ofHost("p10", "h", "u\n    ProxyCommand touch /tmp/x", null, null, null);
        app.tether.core.TetherException e = org.junit.jupiter.api.Assertions.assertThrows(
                app.tether.core.TetherException.class, () -> handoff.plan(hostile, null));
        assertEquals(app.tether.core.ErrorCode.INVALID, e.code());
        assertFalse(Files.exists(config));
    }

    @Test
    void pathDefaultsToTheNotebookFolder() {
        SshServer target = SshServer.ofAlias("gpu", "gpu-box").withJupyter(new JupyterSettings(8888, "/data/nb"));
        assertEquals(List.of("/usr/bin/code", "--remote", "ssh-remote+gpu-box", "/data/nb"),
                handoff.plan(target, null).commandLine("/usr/bin/code"));
        assertEquals(List.of("code", "--remote", "ssh-remote+gpu-box"),
                handoff.plan(SshServer.ofAlias("gpu", "gpu-box"), null).commandLine("code"));
    }

    @Test
    void hostTargetGetsAManagedBlockWithExactText() {
        VsCodePlan plan = handoff.plan(GPU, null);
        assertTrue(plan.needsConfigBlock());
        assertEquals("tether-gpu-1", plan.alias());
        assertEquals("""
                # BEGIN TETHER MANAGED HOST tether-gpu-1
                # Written by Tether for "GPU 1"; Tether rewrites this block, so change the target in Tether instead.
                Host tether-gpu-1
                    HostName 10.0.0.5
                    User ml
                    Port 2200
                    IdentityFile "/keys/id gpu"
                    ProxyJump bastion
                # END TETHER MANAGED HOST tether-gpu-1
                """, plan.blockToWrite().text());
    }

    @Test
    void blockGoesBeforeTheFirstHostKeepsEverythingElseBacksUpOnceAndIsIdempotent() throws Exception {
        Files.createDirectories(config.getParent());
        String original = """
                # my settings
                ServerAliveInterval 30
                Include conf.d/*

                Host *
                    User nobody
                """;
        Files.writeString(config, original);
        VsCodePlan plan = handoff.plan(GPU, null);
        assertEquals(SshConfigEditor.Outcome.ADDED, handoff.writeBlock(plan));
        String expected = """
                # my settings
                ServerAliveInterval 30
                Include conf.d/*

                # BEGIN TETHER MANAGED HOST tether-gpu-1
                # Written by Tether for "GPU 1"; Tether rewrites this block, so change the target in Tether instead.
                Host tether-gpu-1
                    HostName 10.0.0.5
                    User ml
                    Port 2200
                    IdentityFile "/keys/id gpu"
                    ProxyJump bastion
                # END TETHER MANAGED HOST tether-gpu-1

                Host *
                    User nobody
                """;
        assertEquals(expected, Files.readString(config));
        assertEquals(original, Files.readString(handoff.editor().backup()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));

        // Again: the alias now exists and leads there, so nothing is written.
        VsCodePlan again = handoff.plan(GPU, null);
        assertFalse(again.needsConfigBlock());
        assertEquals("tether-gpu-1", again.alias());
        assertEquals(SshConfigEditor.Outcome.UNCHANGED, handoff.editor().apply(plan.blockToWrite()));
        assertEquals(expected, Files.readString(config));

        // The target changed: the block is replaced in place, and the first backup is kept.
        SshServer moved = SshServer.ofHost("GPU 1", "10.0.0.6", "ml", 2200, "/keys/id gpu", "bastion");
        VsCodePlan replan = handoff.plan(moved, null);
        assertEquals("tether-gpu-1", replan.alias());
        assertEquals(SshConfigEditor.Outcome.REPLACED, handoff.writeBlock(replan));
        assertEquals(expected.replace("10.0.0.5", "10.0.0.6"), Files.readString(config));
        assertEquals(original, Files.readString(handoff.editor().backup()));
        assertEquals(1, Files.readString(config).split("BEGIN TETHER").length - 1);
    }

    @Test
    void noConfigYetCreatesItWithoutBackup() throws Exception {
        VsCodePlan plan = handoff.plan(SshServer.ofHost("box", "box.example.com", null, null, null, null), null);
        handoff.writeBlock(plan);
        assertEquals("""
                # BEGIN TETHER MANAGED HOST tether-box
                # Written by Tether for "box"; Tether rewrites this block, so change the target in Tether instead.
                Host tether-box
                    HostName box.example.com
                # END TETHER MANAGED HOST tether-box
                """, Files.readString(config));
        assertFalse(Files.exists(handoff.editor().backup()));
    }

    @Test
    void existingUserAliasLeadingToTheSameHostIsUsedNotDuplicated() throws Exception {
        Files.createDirectories(config.getParent());
        Files.writeString(config.getParent().resolve("work.conf"), """
                Host lab-gpu
                    HostName 10.0.0.5
                    User ml
                    Port 2200
                    IdentityFile "/keys/id gpu"
                    ProxyJump bastion
                """);
        Files.writeString(config, "Include work.conf\n");
        VsCodePlan plan = handoff.plan(GPU, "/srv");
        assertFalse(plan.needsConfigBlock());
        assertEquals("lab-gpu", plan.alias());
        assertEquals("Include work.conf\n", Files.readString(config));
    }

    @Test
    void userAliasWithTetherNameButOtherHostIsNeverRedefined() throws Exception {
        Files.createDirectories(config.getParent());
        String own = "Host tether-gpu-1\n    HostName elsewhere.example.com\n";
        Files.writeString(config, own);
        VsCodePlan plan = handoff.plan(GPU, null);
        assertEquals("tether-gpu-1-2", plan.alias());
        handoff.writeBlock(plan);
        String text = Files.readString(config);
        assertTrue(text.endsWith(own), text);
        assertTrue(text.startsWith("# BEGIN TETHER MANAGED HOST tether-gpu-1-2\n"), text);
    }

    @Test
    void launchRunsTheConfiguredCodeProgramWithTheRemoteArguments() throws Exception {
        Path argsFile = dir.resolve("args.txt");
        Path fake = dir.resolve("fake-code");
        Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + argsFile + "'; done\n");
        fake.toFile().setExecutable(true);
        System.setProperty(VsCodeHandoff.CODE_PROPERTY, fake.toString());
        try {
            assertTrue(handoff.launch(handoff.plan(SshServer.ofAlias("gpu", "gpu-box"), "/work/my project")));
        } finally {
            System.clearProperty(VsCodeHandoff.CODE_PROPERTY);
        }
        assertEquals(List.of("--remote", "ssh-remote+gpu-box", "/work/my project"), Files.readAllLines(argsFile));
    }

    @Test
    void notebookUrlHidesTheTokenWhenPrinted() {
        NotebookUrl url = new NotebookUrl(18888, "/", "lab", "s3cr3t");
        assertEquals("http://127.0.0.1:18888/lab?token=s3cr3t", url.text());
        assertFalse(url.toString().contains("s3cr3t"));
        assertEquals("http://127.0.0.1:18888/?token=s3cr3t", JetBrainsHandoff.configuredServerText(url));
        assertNull(new NotebookEndpoint(null, 8888, null, " ").token());
        assertEquals("/base/", new NotebookEndpoint(null, 8888, "base", null).basePath());
    }

    @Test
    void gatewayLinkNamesHostPortUserAndProject() throws Exception {
        assertEquals("jetbrains-gateway://connect#type=ssh&deploy=false&host=10.0.0.5&port=2200&user=ml&projectPath=%2Fwork",
                JetBrainsHandoff.gatewayLink(GPU, app.tether.ssh.SshConfigFile.empty(env.sshDir()), "/work").toString());
    }

    @Test
    void systemBrowserUsesTheOsOpenerWithTheAddressAsOneArgument() {
        java.net.URI uri = java.net.URI.create("http://127.0.0.1:1/lab?token=a&b=c");
        assertEquals(List.of("xdg-open", uri.toString()), new SystemBrowser("Linux").command(uri));
        assertEquals(List.of("open", uri.toString()), new SystemBrowser("Mac OS X").command(uri));
        assertEquals(List.of("rundll32", "url.dll,FileProtocolHandler", uri.toString()),
                new SystemBrowser("Windows 11").command(uri));
    }
}
