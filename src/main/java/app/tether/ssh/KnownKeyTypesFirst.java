package app.tether.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a server first for the host key types known_hosts already holds for it, as OpenSSH orders its
 * HostKeyAlgorithms. Without this MINA asks for ECDSA before Ed25519, so a host known by its Ed25519 key would
 * present another one; and since a host whose known keys are all of other types counts as changed
 * ({@link KnownHosts#lookup}), that would refuse a server that never changed.
 */
final class KnownKeyTypesFirst implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(KnownKeyTypesFirst.class);

    private final Path knownHostsFile;

    KnownKeyTypesFirst(Path knownHostsFile) {
        this.knownHostsFile = knownHostsFile;
    }

    @Override
    public void sessionCreated(Session session) {
        if (!(session instanceof ClientSession client)) {
            return;
        }
        ConnectAttempt attempt = ConnectAttempt.of(client);
        if (attempt == null) {
            return;
        }
        List<String> known;
        try {
            known = KnownHosts.read(knownHostsFile).keyTypes(attempt.endpoint().knownHostsName());
        } catch (IOException e) {
            LOG.debug("known_hosts unreadable while ordering host key types: {}", e.toString());
            return; // the verifier reports the unreadable file
        }
        if (known.isEmpty()) {
            return;
        }
        List<NamedFactory<Signature>> ordered = new ArrayList<>(client.getSignatureFactories());
        ordered.sort(Comparator.comparingInt(factory -> {
            int at = known.indexOf(keyType(factory.getName()));
            return at < 0 ? known.size() : at;
        }));
        client.setSignatureFactories(ordered);
    }

    /** The key type a signature algorithm belongs to: rsa-sha2-* are signatures of ssh-rsa keys. */
    static String keyType(String signature) {
        return signature.startsWith("rsa-sha2-") && !signature.contains("-cert-") ? "ssh-rsa" : signature;
    }
}
