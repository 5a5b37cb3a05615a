package dev.cdcsink.event.decode;

/**
 * A record that cannot be decoded (or written as it is), with the failure kind and a message
 * naming the field. Thrown inside the decoding layers and turned into a dead letter's reason at
 * the pipeline's boundary.
 */
public final class DecodeException extends RuntimeException {

    private final FailureKind kind;

    public DecodeException(FailureKind kind, String message) {
        // No stack trace: a burst of poison records must not cost a stack walk each; the message says it all.
        super(message, null, false, false);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }

    /** The same failure with the path of the enclosing field in front of the message. */
    public DecodeException at(String path) {
        return new DecodeException(kind, path + ": " + getMessage());
    }

    /** {@code KIND: message}: the reason a dead letter carries. */
    public String reason() {
        return kind + ": " + getMessage();
    }
}
