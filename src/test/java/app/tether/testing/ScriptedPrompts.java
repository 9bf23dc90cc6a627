package app.tether.testing;

import app.tether.ssh.SshPrompts;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link SshPrompts} for tests: answers as {@link SshPrompts#NONE} does (refuses everything) unless told an
 * answer, and records every question it was asked.
 */
public final class ScriptedPrompts implements SshPrompts {
    private volatile boolean trustNewHostKeys;
    private volatile String passphrase;
    private volatile List<String> passwords = List.of();
    private final List<String> hostKeysAsked = new CopyOnWriteArrayList<>();
    private final List<String> passphrasesAsked = new CopyOnWriteArrayList<>();
    private final List<String> passwordsAsked = new CopyOnWriteArrayList<>();

    /** Trusts (or not) every new host key it is asked about. */
    public ScriptedPrompts trustingNewHostKeys(boolean trust) {
        this.trustNewHostKeys = trust;
        return this;
    }

    /** Gives this passphrase for every key; null cancels. */
    public ScriptedPrompts givingPassphrase(String passphrase) {
        this.passphrase = passphrase;
        return this;
    }

    /** Gives these passwords in turn, the last one again after that. */
    public ScriptedPrompts givingPasswords(String... passwords) {
        this.passwords = List.of(passwords);
        return this;
    }

    /** "hostPort keyType fingerprint" of each host key question, in order. */
    public List<String> hostKeysAsked() {
        return List.copyOf(hostKeysAsked);
    }

    /** The key file of each passphrase question, in order. */
    public List<String> passphrasesAsked() {
        return List.copyOf(passphrasesAsked);
    }

    /** The user@host of each password question, in order. */
    public List<String> passwordsAsked() {
        return List.copyOf(passwordsAsked);
    }

    @Override
    public boolean trustNewHostKey(String hostPort, String keyType, String sha256Fingerprint) {
        hostKeysAsked.add(hostPort + " " + keyType + " " + sha256Fingerprint);
        return trustNewHostKeys || NONE.trustNewHostKey(hostPort, keyType, sha256Fingerprint);
    }

    @Override
    public Optional<char[]> passphrase(String keyFile) {
        passphrasesAsked.add(keyFile);
        return passphrase == null ? NONE.passphrase(keyFile) : Optional.of(passphrase.toCharArray());
    }

    @Override
    public Optional<char[]> password(String userAtHost) {
        passwordsAsked.add(userAtHost);
        List<String> answers = passwords;
        if (answers.isEmpty()) {
            return NONE.password(userAtHost);
        }
        return Optional.of(answers.get(Math.min(passwordsAsked.size(), answers.size()) - 1).toCharArray());
    }
}
