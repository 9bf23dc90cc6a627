package app.tether.ssh;

/** What to do with an unknown host key (a changed one is always refused). */
public enum HostKeyPolicy {
    /** Refuse a host that has no entry in known_hosts (the CLI without {@code --accept-new-host-key}). */
    REFUSE_UNKNOWN,
    /** Trust an unknown host and append its key to known_hosts as OpenSSH would. */
    ACCEPT_NEW,
    /** Ask {@link SshPrompts#trustNewHostKey}; a yes appends the key as with {@link #ACCEPT_NEW}. */
    ASK
}
