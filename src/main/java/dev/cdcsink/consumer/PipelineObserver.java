package dev.cdcsink.consumer;

import dev.cdcsink.apply.ApplyResult;
import dev.cdcsink.change.Op;

/**
 * What the pipeline reports as it goes, for whoever measures it (the metrics). Called on the
 * consumer threads; implementations must be cheap and thread-safe.
 */
public interface PipelineObserver {

    /** A target transaction committed with this result; called right after the commit. */
    void committed(ApplyResult result);

    /** One target transaction of {@code records} records took {@code nanos} from collecting them to its commit. */
    void transaction(int records, long nanos);

    /** A tombstone (nothing to apply) was read from {@code topic}. */
    void tombstone(String topic);

    /** A record that is no row change (a heartbeat, a logical decoding message) was read from {@code topic}. */
    void ignored(String topic, String kind);

    /** A change of a source table that is not copied was skipped. */
    void excluded(String sourceTable, Op op);

    /**
     * A record was published to the dead-letter topic.
     *
     * @param table the target (or, when it has none, source) table; null when the record could not be parsed
     * @param op    the change's op; null when the record could not be parsed
     */
    void deadLettered(String table, Op op);

    /** A record read again that had been dead-lettered before: not published again. */
    void deadLetteredBefore(String table, Op op);

    /** An attempt failed for a reason that may pass (it is retried with backoff). */
    void transientFailure();
}
