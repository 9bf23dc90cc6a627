package app.tether.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostFactsParserTest {
    @Test
    void aTypicalLinuxServer() {
        HostFacts facts = HostFactsParser.parse(List.of(
                "hostname gpu-01",
                "os-release PRETTY_NAME=\"Ubuntu 22.04.4 LTS\"",
                "uname Linux 5.15.0-105-generic",
                "uptime 351234.56 2745602.12",
                "loadavg 3.17 2.94 2.50 4/1234 98765",
                "cpus 64",
                "meminfo MemTotal:       528216164 kB",
                "meminfo MemAvailable:   401234567 kB",
                "df /dev/nvme0n1p2 1921725720 812345678 1011111111  45% /"));
        assertEquals(new HostFacts("gpu-01", "Ubuntu 22.04.4 LTS", 351234, 3.17, 2.94, 2.50, 64,
                528216164L / 1024, 401234567L / 1024, 1011111111L / 1024), facts);
    }

    @Test
    void spacesInFileSystemAndMountPointAndSingleQuotedOsName() {
        HostFacts facts = HostFactsParser.parse(List.of(
                "os-release PRETTY_NAME='Rocky Linux 9.3 (Blue Onyx)'",
                "df map auto_home 20480 10240 10240 50% /Volumes/My Home"));
        assertEquals("Rocky Linux 9.3 (Blue Onyx)", facts.os());
        assertEquals(10, facts.homeFreeMiB());
    }

    @Test
    void withoutProcEverythingUnknownIsMinusOneAndUnameStandsInForTheOs() {
        HostFacts facts = HostFactsParser.parse(List.of("hostname mac", "uname Darwin 23.4.0", "cpus ", "df "));
        assertEquals(new HostFacts("mac", "Darwin 23.4.0", -1, -1, -1, -1, -1, -1, -1, -1), facts);
    }

    @Test
    void garbageLinesAreIgnored() {
        HostFacts facts = HostFactsParser.parse(List.of("uptime abc", "loadavg x y", "meminfo MemTotal: lots", "cpus many",
                "something else entirely", ""));
        assertEquals(new HostFacts(null, null, -1, -1, -1, -1, -1, -1, -1, -1), facts);
    }
}
