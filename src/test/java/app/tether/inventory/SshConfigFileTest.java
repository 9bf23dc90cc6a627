package app.tether.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.tether.ssh.SshConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshConfigFileTest {
    @TempDir
    Path home;

    @Test
    void importTakesConcreteAliasesFromIncludesAndSkipsWildcardsAndExisting() throws Exception {
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.createDirectories(ssh.resolve("config.d"));
        Files.writeString(ssh.resolve("config"), String.join("\n",
                "# comment",
                "Include config.d/*.conf",
                "Host gpu1 gpu2",
                "  HostName 10.0.0.1",
                "  User ml",
                "Host *.corp !bad.corp",
                "  User corp",
                "Host lab?",
                "  Port 2200",
                "Host \"quoted box\"",
                "  HostName q",
                "Match host gpu1",
                "  Port 99",
                "Host *",
                "  ServerAliveInterval 30",
                ""));
        Files.writeString(ssh.resolve("config.d/10-a.conf"), "Host included\n  HostName inc.example\n");
        Files.writeString(ssh.resolve("config.d/20-b.conf"), "Host=other\n  Port=2022\n");
        SshConfigFile config = SshConfigFile.read(ssh.resolve("config"), ssh);
        assertEquals(List.of("included", "other", "gpu1", "gpu2", "quoted box"), config.aliases());

        Inventory existing = Inventory.empty().add(SshServer.ofAlias("mine", "gpu2"));
        SshConfigImport.Result result = SshConfigImport.apply(existing, config.aliases());
        assertEquals(List.of("included", "other", "gpu1", "quoted box"), result.added());
        assertEquals(List.of("gpu2"), result.skipped());
        assertEquals(5, result.inventory().targets().size());
    }

    @Test
    void resolveAppliesFirstValueWinsAcrossMatchingBlocks() throws Exception {
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(ssh.resolve("config"), String.join("\n",
                "Host gpu1", "  HostName 10.0.0.1", "  IdentityFile ~/.ssh/a", "  ProxyJump bastion",
                "Host *", "  User fallback", "  HostName ignored", "  IdentityFile ~/.ssh/b", "  Port 2222", ""));
        var values = SshConfigFile.read(ssh.resolve("config"), ssh).resolve("gpu1");
        assertEquals("10.0.0.1", values.get("hostname"));
        assertEquals("fallback", values.get("user"));
        assertEquals("2222", values.get("port"));
        assertEquals("bastion", values.get("proxyjump"));
        assertEquals("~/.ssh/a\n~/.ssh/b", values.get("identityfile"));
    }

    @Test
    void missingConfigHasNoAliases() throws Exception {
        assertEquals(List.of(), SshConfigFile.read(home.resolve(".ssh/config"), home.resolve(".ssh")).aliases());
    }
}
