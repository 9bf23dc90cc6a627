package app.tether.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshRoutesTest {
    @TempDir
    Path home;

    private SshRoutes routes(String config) throws Exception {
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(ssh.resolve("config"), config);
        return new SshRoutes(SshConfigFile.read(ssh.resolve("config"), ssh), home, "me");
    }

    @Test
    void aliasTakesEverythingFromTheConfig() throws Exception {
        SshRoutes routes = routes("""
                Host gpu
                  HostName 10.1.2.3
                  User ml
                  Port 2200
                  IdentityFile ~/.ssh/gpu_key
                  IdentityFile /abs/other
                  IdentitiesOnly yes
                  ServerAliveInterval 15
                Host *
                  User fallback
                  HashKnownHosts yes
                """);
        List<SshEndpoint> hops = routes.hops(SshServer.ofAlias("GPU box", "gpu"));
        assertEquals(1, hops.size());
        SshEndpoint gpu = hops.get(0);
        assertEquals("10.1.2.3", gpu.hostName());
        assertEquals(2200, gpu.port());
        assertEquals("ml", gpu.user());
        assertEquals(List.of(home.resolve(".ssh/gpu_key"), Path.of("/abs/other")), gpu.identityFiles());
        assertTrue(gpu.identitiesOnly());
        assertTrue(gpu.hashKnownHosts());
        assertEquals(Duration.ofSeconds(15), gpu.aliveInterval());
        assertEquals("[10.1.2.3]:2200", gpu.hostPort());
        assertEquals("[10.1.2.3]:2200", gpu.knownHostsName());
    }

    @Test
    void hostKeyAliasIsTheKnownHostsName() throws Exception {
        SshEndpoint hop = routes("Host t\n  HostName localhost\n  Port 2222\n  HostKeyAlias my-gpu\n")
                .hops(SshServer.ofAlias("t", "t")).get(0);
        assertEquals("[localhost]:2222", hop.hostPort());
        assertEquals("my-gpu", hop.knownHostsName());
    }

    @Test
    void explicitFieldsWinAndDefaultsFillTheRest() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_ed25519"), "key");
        SshRoutes routes = routes("Host *\n  User fromconfig\n  Port 2022\n");
        SshEndpoint hop = routes.hops(SshServer.ofHost("n", "h.example", "root", null, null, null)).get(0);
        assertEquals("root", hop.user());
        assertEquals(2022, hop.port());
        assertEquals(List.of(home.resolve(".ssh/id_ed25519")), hop.identityFiles());
        assertEquals(SshRoutes.DEFAULT_ALIVE_INTERVAL, hop.aliveInterval());
        SshEndpoint plain = new SshRoutes(SshConfigFile.empty(home.resolve(".ssh")), home, "me")
                .hops(SshServer.ofHost("n", "h.example", null, null, null, null)).get(0);
        assertEquals("me", plain.user());
        assertEquals(22, plain.port());
        assertEquals("h.example", plain.hostPort());
    }

    @Test
    void proxyJumpChainsResolveEachHop() throws Exception {
        SshRoutes routes = routes("""
                Host gpu
                  HostName 10.0.0.9
                  ProxyJump bastion,admin@inner:2201
                Host bastion
                  HostName bastion.example
                  User jumper
                  ProxyJump [fe80::1]:2022
                """);
        List<SshEndpoint> hops = routes.hops(SshServer.ofAlias("gpu", "gpu"));
        assertEquals(List.of("[fe80::1]:2022", "bastion.example", "[inner]:2201", "10.0.0.9"),
                hops.stream().map(SshEndpoint::hostPort).toList());
        assertEquals(List.of("me", "jumper", "admin", "me"), hops.stream().map(SshEndpoint::user).toList());
    }

    @Test
    void targetJumpFieldOverridesTheConfigsProxyJump() throws Exception {
        SshRoutes routes = routes("Host h\n  ProxyJump nowhere\n");
        List<SshEndpoint> hops = routes.hops(SshServer.ofHost("n", "h", null, null, null, "j:2"));
        assertEquals(List.of("[j]:2", "h"), hops.stream().map(SshEndpoint::hostPort).toList());
    }

    @Test
    void badJumpsAndLoopsAreRefused() throws Exception {
        SshRoutes routes = routes("Host a\n  ProxyJump b\nHost b\n  ProxyJump a\n");
        TetherException loop = assertThrows(TetherException.class, () -> routes.hops(SshServer.ofAlias("a", "a")));
        assertEquals("error.ssh.jumpLoop", loop.messageKey());
        TetherException bad = assertThrows(TetherException.class,
                () -> routes.hops(SshServer.ofHost("n", "h", null, null, null, "x:notaport")));
        assertEquals("error.ssh.badPort", bad.messageKey());
    }
}
