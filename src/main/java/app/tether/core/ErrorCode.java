package app.tether.core;

/** What went wrong, with the CLI exit code each kind of failure maps to. */
public enum ErrorCode {
    USAGE(2),
    FAILURE(1),
    NOT_FOUND(1),
    DUPLICATE(1),
    INVALID(1),
    STORE_CORRUPT(1),
    STORE_TOO_NEW(1),
    IO(1),
    REMOTE_FAILED(1),
    CANNOT_CONNECT(3),
    AUTH_FAILED(3),
    HOST_KEY_REFUSED(4);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
