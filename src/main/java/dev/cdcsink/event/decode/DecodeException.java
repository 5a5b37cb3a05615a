package dev.cdcsink.event.decode;

import dev.cdcsink.event.ParseFailure;

/**
 * A record that cannot be decoded, with the failure kind and a message naming the field. Thrown
 * inside the decoding layers and turned into a {@link ParseFailure} at the parser's boundary.
 */
public final class DecodeException extends RuntimeException {

    private final ParseFailure.Kind kind;

    public DecodeException(ParseFailure.Kind kind, String message) {
        // No stack trace: a burst of poison records must not cost a stack walk each; the message says it all.
        super(message, null, false, false);
        this.kind = kind;
    }

    public ParseFailure.Kind kind() {
        return kind;
    }

    /** The same failure with the path of the enclosing field in front of the message. */
    public DecodeException at(String path) {
        return new DecodeException(kind, path + ": " + getMessage());
    }

    public ParseFailure failure() {
        return new ParseFailure(kind, getMessage());
    }
}
