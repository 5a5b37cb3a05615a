package dev.cdcsink.event;

/**
 * The target database could not be asked how to decode a message without a schema. Transient:
 * the record is not at fault, and its batch is retried with backoff.
 */
public class TargetUnavailableException extends RuntimeException {

    public TargetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
