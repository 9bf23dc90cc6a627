package app.tether.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What one SSH data packet costs in MINA's aes128-gcm@openssh.com on this JDK, against OpenSSL's AES-128-GCM
 * ({@code openssl speed}, what OpenSSH uses), and how much of it is the per-packet {@code Cipher.init}: the bound
 * under the tunnel's bulk throughput. Not part of the normal build:
 * {@code ./mvnw -B -Pbench test -Dtest=CipherBenchmark}.
 */
@Tag("bench")
class CipherBenchmark {
    /** OpenSSH's largest data packet for forwarded TCP. */
    private static final int PACKET = 32 * 1024;
    private static final int PACKETS = 20_000;
    private static final int ROUNDS = 7;

    @Test
    void aes128GcmPerPacket() throws Exception {
        Cipher timed = BuiltinCiphers.aes128gcm.create();
        Cipher encrypt = BuiltinCiphers.aes128gcm.create();
        Cipher decrypt = BuiltinCiphers.aes128gcm.create();
        byte[] key = new byte[16];
        byte[] iv = new byte[12];
        timed.init(Cipher.Mode.Encrypt, key, iv.clone());
        encrypt.init(Cipher.Mode.Encrypt, key, iv.clone());
        decrypt.init(Cipher.Mode.Decrypt, key, iv.clone());
        // The packet layout MINA uses: 4-byte length (the AAD), payload, 16-byte tag.
        byte[] plain = "tether".repeat(PACKET / 6 + 1).substring(0, PACKET).getBytes(StandardCharsets.US_ASCII);
        byte[] packet = new byte[4 + PACKET + 16];
        double[] encryptMicros = new double[ROUNDS];
        double[] bothMicros = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < PACKETS; i++) {
                timed.updateAAD(packet, 0, 4);
                timed.update(packet, 4, PACKET);
            }
            encryptMicros[r] = (System.nanoTime() - start) / 1000.0 / PACKETS;
            start = System.nanoTime();
            for (int i = 0; i < PACKETS; i++) {
                System.arraycopy(plain, 0, packet, 4, PACKET);
                encrypt.updateAAD(packet, 0, 4);
                encrypt.update(packet, 4, PACKET);
                decrypt.updateAAD(packet, 0, 4);
                decrypt.update(packet, 4, PACKET); // verifies the tag, throws when it does not match
            }
            bothMicros[r] = (System.nanoTime() - start) / 1000.0 / PACKETS;
        }
        assertArrayEquals(plain, Arrays.copyOfRange(packet, 4, 4 + PACKET));

        javax.crypto.Cipher jdk = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        SecretKeySpec spec = new SecretKeySpec(key, "AES");
        double[] initMicros = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < PACKETS * 10; i++) {
                iv[8] = (byte) r;
                iv[9] = (byte) (i >> 16);
                iv[10] = (byte) (i >> 8);
                iv[11] = (byte) i;
                jdk.init(javax.crypto.Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(128, iv));
            }
            initMicros[r] = (System.nanoTime() - start) / 1000.0 / (PACKETS * 10);
        }
        double encryptUs = median(encryptMicros);
        double decryptUs = median(bothMicros) - encryptUs;
        System.out.printf(Locale.ROOT, "aes128-gcm, %d-byte packets, %s %s, median of %d rounds of %d:%n", PACKET,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), ROUNDS, PACKETS);
        System.out.printf(Locale.ROOT, "  MINA encrypt %.1f us/packet (%.0f MiB/s), decrypt %.1f us/packet (%.0f MiB/s), "
                + "Cipher.init alone %.2f us%n", encryptUs, mibPerSecond(encryptUs), decryptUs, mibPerSecond(decryptUs),
                median(initMicros));
        String openssl = opensslSpeed();
        if (openssl != null) {
            System.out.println("  " + openssl);
        }
    }

    private static double mibPerSecond(double microsPerPacket) {
        return PACKET / 1048576.0 / (microsPerPacket / 1e6);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** OpenSSL's AES-128-GCM on 32 KiB blocks, as µs per packet; null when openssl is not installed. */
    private static String opensslSpeed() throws Exception {
        if (!new java.io.File("/usr/bin/openssl").canExecute()) {
            return null;
        }
        Process p = new ProcessBuilder("/usr/bin/openssl", "speed", "-evp", "aes-128-gcm", "-bytes",
                String.valueOf(PACKET), "-seconds", "2").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        for (String line : out.split("\n")) {
            if (line.startsWith("AES-128-GCM")) {
                String[] parts = line.trim().split("\\s+");
                double kbPerSecond = Double.parseDouble(parts[parts.length - 1].replace("k", ""));
                double micros = PACKET / (kbPerSecond * 1000) * 1e6;
                return String.format(Locale.ROOT, "OpenSSL (openssl speed, both directions alike) %.1f us/packet (%.0f MiB/s)",
                        micros, PACKET / 1048576.0 / (micros / 1e6));
            }
        }
        return null;
    }
}
