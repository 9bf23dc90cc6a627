package app.tether.providers.cnb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CnbSshLoginTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ssh -p 2222 cnb@gpu.cnb.space|cnb|gpu.cnb.space|2222",
        "ssh cnb@gpu.cnb.space -p 2222|cnb|gpu.cnb.space|2222",
        "ssh -p2022 cnb-ab12.dev@ssh.cnb.cool|cnb-ab12.dev|ssh.cnb.cool|2022",
        "ssh -o StrictHostKeyChecking=no -o Port=8022 root@10.0.0.5|root|10.0.0.5|8022",
        "ssh -t user@host.example|user|host.example|22",
        "ssh://dev@127.0.0.1:2200|dev|127.0.0.1|2200",
        "cnb@gpu.cnb.space|cnb|gpu.cnb.space|22",
        "ssh  a+b@[::1]  -p 22|a+b|::1|22"
    })
    void readsTheUsualShapes(String command, String user, String host, int port) {
        assertEquals(Optional.of(new CnbSshLogin(user, host, port)), CnbSshLogin.parse(command));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ssh", "ssh gpu.cnb.space", "ssh -p x cnb@host", "ssh cnb@host ls -la",
        "ssh 'cnb@host;rm -rf /'", "ssh cnb@host$(id)", "open in browser", "ssh -p 70000 cnb@host"})
    void givesUpOnAnythingElse(String command) {
        assertTrue(CnbSshLogin.parse(command).isEmpty(), command);
    }
}
