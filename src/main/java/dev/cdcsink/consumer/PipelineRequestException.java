package dev.cdcsink.consumer;

/** An operator request the pipeline refuses; nothing was changed. The message says why. */
public class PipelineRequestException extends RuntimeException {

    public enum Reason {
        /** The request itself is wrong: unknown partition, offset out of range, a timestamp in the future. */
        INVALID,
        /** The request is fine but cannot be carried out by this instance now (partition owned by another). */
        CONFLICT,
        /** Kafka did not answer in time. */
        UNAVAILABLE
    }

    private final Reason reason;

    public PipelineRequestException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
