package app.tether.tunnel;

import app.tether.testing.SshTestbed;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;

/** Sessions for tunnel tests: a plain MINA client logging in to the testbed's sshd (until SshSessions lands). */
final class TestLinks implements AutoCloseable {
    private final SshClient client;
    private final SshTestbed testbed;
    private ClientSession session;

    TestLinks(SshTestbed testbed) {
        this.testbed = testbed;
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.setKeyIdentityProvider(new FileKeyPairProvider(Path.of(testbed.key().toString())));
        // What SshSessions does: AES-GCM (AES-NI) before MINA's pure-Java chacha20.
        client.setCipherFactoriesNameList("aes128-gcm@openssh.com,aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,"
                + "aes128-ctr,aes256-ctr");
        client.start();
    }

    SessionSource source(String name) {
        return new SessionSource() {
            @Override
            public synchronized ClientSession session() {
                if (session != null && session.isOpen() && !session.isClosing()) {
                    return session;
                }
                try {
                    ClientSession s = client.connect(app.tether.testing.OpenSshServer.user(), "127.0.0.1",
                            testbed.server().port()).verify(Duration.ofSeconds(10)).getSession();
                    s.auth().verify(Duration.ofSeconds(10));
                    session = s;
                    return s;
                } catch (IOException e) {
                    throw new app.tether.core.TetherException(app.tether.core.ErrorCode.CANNOT_CONNECT, e,
                            "tunnel.error.link", name, e.toString());
                }
            }

            @Override
            public void invalidate() {
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    @Override
    public void close() throws IOException {
        client.stop();
    }
}
