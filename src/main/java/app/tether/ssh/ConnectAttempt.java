package app.tether.ssh;

import app.tether.core.TetherException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;

/**
 * What one connection (one hop) is about, handed to MINA as the connection context so that the host key
 * verifier, the agent and the auth methods, which run on SSH threads, know the real host (also behind a
 * jump host, where the socket goes to a local forward) and can report why they refused.
 */
final class ConnectAttempt {
    private static final AttributeKey<ConnectAttempt> KEY = new AttributeKey<>();

    private final SshEndpoint endpoint;
    private final AtomicReference<TetherException> failure = new AtomicReference<>();
    private final Set<String> methodsTried = new LinkedHashSet<>();
    private final AtomicInteger openPrompts = new AtomicInteger();
    private volatile long lastPromptEnded;
    private final AtomicInteger passwordPrompts = new AtomicInteger();
    private final AtomicReference<String[]> keyProblem = new AtomicReference<>();
    private final boolean quiet;
    private final SshPrompts prompts;

    ConnectAttempt(SshEndpoint endpoint, boolean quiet, SshPrompts prompts) {
        this.endpoint = endpoint;
        this.quiet = quiet;
        this.prompts = prompts;
    }

    /** Who answers this connection's questions (chosen when it started, see {@link SshPrompts#forConnection()}). */
    SshPrompts prompts() {
        return prompts;
    }

    static ConnectAttempt of(ClientSession session) {
        AttributeRepository context = session.getConnectionContext();
        return context == null ? null : context.getAttribute(KEY);
    }

    AttributeRepository asContext() {
        return AttributeRepository.ofKeyValuePair(KEY, this);
    }

    SshEndpoint endpoint() {
        return endpoint;
    }

    /** Remembers the first reason a verifier or prompt refused; MINA itself only reports "failed". */
    void fail(TetherException e) {
        failure.compareAndSet(null, e);
    }

    TetherException failure() {
        return failure.get();
    }

    void tried(String method) {
        synchronized (methodsTried) {
            methodsTried.add(method);
        }
    }

    List<String> methodsTried() {
        synchronized (methodsTried) {
            return List.copyOf(methodsTried);
        }
    }

    /** A key file of this hop that could not be read or parsed, and why (the first one is reported). */
    void keyProblem(java.nio.file.Path file, String reason) {
        keyProblem.compareAndSet(null, new String[] {file.toString(), reason});
    }

    String[] keyProblem() {
        return keyProblem.get();
    }

    int nextPasswordPrompt() {
        return passwordPrompts.incrementAndGet();
    }

    /**
     * Runs a user prompt; connect and auth time-outs do not count the time a person spends answering. A quiet
     * attempt (background refresh) never asks anybody and takes {@code quietAnswer} instead.
     */
    <T> T prompting(java.util.function.Supplier<T> prompt, T quietAnswer) {
        if (quiet) {
            return quietAnswer;
        }
        openPrompts.incrementAndGet();
        try {
            return prompt.get();
        } finally {
            lastPromptEnded = System.nanoTime();
            openPrompts.decrementAndGet();
        }
    }

    boolean prompting() {
        return openPrompts.get() > 0;
    }

    long lastPromptEnded() {
        return lastPromptEnded;
    }
}
