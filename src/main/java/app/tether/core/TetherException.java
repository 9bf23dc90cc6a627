package app.tether.core;

import java.util.Arrays;

/** A failure a user can understand: an {@link ErrorCode} plus a message key and its arguments. */
public class TetherException extends RuntimeException {
    private final ErrorCode code;
    private final String messageKey;
    private final transient Object[] args;

    public TetherException(ErrorCode code, String messageKey, Object... args) {
        this(code, null, messageKey, args);
    }

    public TetherException(ErrorCode code, Throwable cause, String messageKey, Object... args) {
        super(messageKey + " " + Arrays.toString(args), cause);
        this.code = code;
        this.messageKey = messageKey;
        this.args = args.clone();
    }

    public ErrorCode code() {
        return code;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }

    /** The message in the current UI language. */
    @Override
    public String getLocalizedMessage() {
        return Messages.get(messageKey, args);
    }
}
