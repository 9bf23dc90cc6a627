package app.tether.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.testing.Interop;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PasswordHashTest {
    private static final String FORMAT =
            "argon2:\\$argon2id\\$v=19\\$m=10240,t=10,p=8\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}";

    @Test
    void hashHasJupyterFormatWithSixteenByteSaltAndThirtyTwoByteHash() {
        String hash = PasswordHash.hash("s3cret-pass".toCharArray());
        assertTrue(hash.matches(FORMAT), hash);
        String[] parts = hash.split("\\$");
        assertEquals(16, Base64.getDecoder().decode(parts[4]).length);
        assertEquals(32, Base64.getDecoder().decode(parts[5]).length);
    }

    @Test
    void sameSaltSameHashNewSaltEachTime() {
        byte[] salt = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
        assertEquals(PasswordHash.hash("pw".toCharArray(), salt), PasswordHash.hash("pw".toCharArray(), salt));
        assertNotEquals(PasswordHash.hash("pw".toCharArray()), PasswordHash.hash("pw".toCharArray()));
    }

    /** argon2-cffi (Debian python3-argon2) computes the same bytes for the same salt: a known-answer check. */
    @Test
    void matchesArgon2Cffi() throws Exception {
        Interop.requireProgram("/usr/bin/python3");
        byte[] salt = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
        String password = "pässwört ' \" $(x) 密码";
        String script = "import sys, base64\nfrom argon2.low_level import hash_secret, Type\n"
                + "pw = sys.stdin.buffer.read()\nsalt = bytes.fromhex('a0a1a2a3a4a5a6a7a8a9aaabacadaeaf')\n"
                + "print(hash_secret(pw, salt, time_cost=10, memory_cost=10240, parallelism=8, hash_len=32,"
                + " type=Type.ID).decode())\n";
        String expected = python(script, password);
        assertEquals("argon2:" + expected, PasswordHash.hash(password.toCharArray(), salt));
    }

    /** jupyter_server's own check accepts the Java hash; hash and password travel on stdin, not argv. */
    @Test
    void jupyterServerPasswdCheckAcceptsTheHash() throws Exception {
        Interop.requireProgram("/usr/bin/jupyter-server");
        String hash = PasswordHash.hash("s3cret-pass".toCharArray());
        String script = "import sys\nfrom jupyter_server.auth.security import passwd_check\n"
                + "h, good, bad = sys.stdin.read().split('\\n')[:3]\n"
                + "print(passwd_check(h, good), passwd_check(h, bad))\n";
        assertEquals("True False", python(script, hash + "\ns3cret-pass\nwrong-pass\n"));
    }

    private static String python(String script, String stdin) throws Exception {
        Process process = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
