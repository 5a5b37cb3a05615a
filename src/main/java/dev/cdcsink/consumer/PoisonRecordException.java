package dev.cdcsink.consumer;

/**
 * A record that can never be applied, however often it is retried: it is dead-lettered with this
 * exception's message as the reason, and the partition moves on.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message);
    }

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
