package app.tether.ssh;

import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * Talks to the user's ssh-agent over its Unix socket ({@code SSH_AUTH_SOCK}) with the JDK's own Unix-domain
 * sockets; MINA's agent client would need APR. No agent forwarding is offered.
 */
final class UnixSocketAgentFactory implements SshAgentFactory {
    private final Path socket;

    UnixSocketAgentFactory(Path socket) {
        this.socket = socket;
    }

    @Override
    public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
        return List.of();
    }

    @Override
    public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
        ConnectAttempt attempt = session instanceof ClientSession client ? ConnectAttempt.of(client) : null;
        if (attempt != null && attempt.endpoint().identitiesOnly() || !Files.exists(socket)) {
            return new NoAgent();
        }
        return new Proxy(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
    }

    @Override
    public SshAgentServer createServer(ConnectionService service) {
        throw new UnsupportedOperationException("agent forwarding is not offered");
    }

    /** The agent protocol over one socket connection, one request at a time. */
    private static final class Proxy extends AbstractAgentProxy {
        private final SocketChannel channel;

        Proxy(SocketChannel channel) {
            super(null);
            this.channel = channel;
        }

        @Override
        protected synchronized Buffer request(Buffer buffer) throws IOException {
            // prepare() has already written the length prefix
            ByteBuffer out = ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available());
            while (out.hasRemaining()) {
                channel.write(out);
            }
            int length = readFully(4).getInt();
            if (length < 0 || length > 256 * 1024) {
                throw new IOException("ssh-agent sent a bad message length " + length);
            }
            return new ByteArrayBuffer(readFully(length).array());
        }

        private ByteBuffer readFully(int length) throws IOException {
            ByteBuffer in = ByteBuffer.allocate(length);
            while (in.hasRemaining()) {
                if (channel.read(in) < 0) {
                    throw new EOFException("ssh-agent closed the connection");
                }
            }
            return in.flip();
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                channel.close();
            }
        }
    }

    /** Stands in when there is no agent, or the host says IdentitiesOnly. */
    private static final class NoAgent implements SshAgent {
        private boolean open = true;

        @Override
        public Iterable<? extends Map.Entry<PublicKey, String>> getIdentities() {
            return List.of();
        }

        @Override
        public Map.Entry<String, byte[]> sign(org.apache.sshd.common.session.SessionContext session, PublicKey key,
                String algo, byte[] data) throws IOException {
            throw new IOException("no ssh-agent");
        }

        @Override
        public void addIdentity(java.security.KeyPair key, String comment,
                org.apache.sshd.agent.SshAgentKeyConstraint... constraints) throws IOException {
            throw new IOException("no ssh-agent");
        }

        @Override
        public void removeIdentity(PublicKey key) throws IOException {
            throw new IOException("no ssh-agent");
        }

        @Override
        public void removeAllIdentities() throws IOException {
            throw new IOException("no ssh-agent");
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
