package dev.cdcsink.consumer;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.cdcsink.event.ChangeEventParser;
import dev.cdcsink.event.KafkaCoordinates;
import dev.cdcsink.event.ListingChange;
import dev.cdcsink.event.ParseResult;
import dev.cdcsink.observability.ChangeMetrics;
import dev.cdcsink.observability.FailureMetrics;
import dev.cdcsink.observability.LatencyMetrics;
import dev.cdcsink.sink.ApplyResult;
import dev.cdcsink.sink.ChangeBatch;
import dev.cdcsink.sink.ChangeOutcome;
import dev.cdcsink.sink.ListingSink;
import dev.cdcsink.sink.RejectedRows;

/**
 * The one path from Kafka records to the target, for the listener and for redriven dead letters:
 * parse each record, dead-letter what can never be applied, apply the rest as one transaction,
 * and if the target rejects a row, apply the changes one by one so only that row is dead-lettered.
 * A failure that may pass is thrown, with nothing applied and no offset moved.
 */
@Component
class RecordApplier {

    /** What became of the records: the batch applied, and how many changes were applied, skipped, dead-lettered. */
    record Outcome(ChangeBatch batch, int applied, int skipped, int deadLettered) {
    }

    private static final Logger log = LoggerFactory.getLogger(RecordApplier.class);

    private final ChangeEventParser parser;
    private final ListingSink sink;
    private final DeadLetters deadLetters;
    private final ChangeMetrics metrics;
    private final LatencyMetrics latency;
    private final FailureMetrics failures;
    /** Records dead-lettered by a batch that is being retried: a retry must not dead-letter them again. */
    private final Set<KafkaCoordinates> deadLettered = ConcurrentHashMap.newKeySet();

    RecordApplier(ChangeEventParser parser, ListingSink sink, DeadLetters deadLetters, ChangeMetrics metrics,
            LatencyMetrics latency, FailureMetrics failures) {
        this.latency = latency;
        this.failures = failures;
        this.parser = parser;
        this.sink = sink;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    Outcome apply(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<KafkaCoordinates, ConsumerRecord<byte[], byte[]>> byCoordinates = new HashMap<>();
        Tally tally = new Tally();
        ChangeBatch.Builder builder = ChangeBatch.builder();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            KafkaCoordinates at = new KafkaCoordinates(record.topic(), record.partition(), record.offset(),
                    record.timestamp());
            byCoordinates.put(at, record);
            ParseResult parsed = parser.parse(at, record.key(), record.value());
            if (parsed instanceof ParseResult.Change change) {
                builder.add(change.change());
            } else if (parsed instanceof ParseResult.Failure failure) {
                deadLetter(record, at, null, new PoisonRecordException(
                        failure.failure().kind() + ": " + failure.failure().message()), tally);
                builder.consumed(at);
            } else {
                metrics.tombstone();
                builder.consumed(at);
            }
        }
        ChangeBatch batch = builder.build();
        try {
            tally.add(sink.apply(batch));
        } catch (RuntimeException e) {
            if (!RejectedRows.isRejectedRow(e)) {
                throw e;
            }
            log.warn("The target rejected a row of a batch of {} changes; applying them one by one to isolate it: {}",
                    batch.changes().size(), RejectedRows.reason(e));
            applyOneByOne(batch, byCoordinates, tally);
        }
        byCoordinates.keySet().forEach(deadLettered::remove);
        return new Outcome(batch, tally.applied, tally.skipped, tally.deadLettered);
    }

    private void applyOneByOne(ChangeBatch batch, Map<KafkaCoordinates, ConsumerRecord<byte[], byte[]>> records,
            Tally tally) {
        for (ListingChange change : batch.changes()) {
            try {
                tally.add(sink.apply(ChangeBatch.builder().add(change).build()));
            } catch (RuntimeException e) {
                if (!RejectedRows.isRejectedRow(e)) {
                    throw e;
                }
                deadLetter(records.get(change.coordinates()), change.coordinates(), change, new PoisonRecordException(
                        "INVALID_VALUE: the target rejected the row: " + RejectedRows.reason(e), e), tally);
                sink.apply(ChangeBatch.builder().consumed(change.coordinates()).build());
            }
        }
        // tombstones and dead letters of the batch move their partitions too
        sink.apply(new ChangeBatch(List.of(), batch.nextOffsets()));
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, KafkaCoordinates at, ListingChange change,
            PoisonRecordException reason, Tally tally) {
        tally.deadLettered++;
        if (deadLettered.add(at)) {
            deadLetters.publish(record, reason);
            metrics.deadLettered(change == null ? null : change.op());
            failures.failed(FailureMetrics.Kind.DEAD_LETTER);
            // there is no change exactly when the parser rejected the record
            if (change == null) {
                failures.failed(FailureMetrics.Kind.PARSE_ERROR);
            }
            log.warn("Dead-lettered {}: {}", at, reason.getMessage());
        }
    }

    /** Forgets retry bookkeeping of partitions this instance no longer owns. */
    void forget(Collection<TopicPartition> partitions) {
        deadLettered.removeIf(at -> partitions.contains(new TopicPartition(at.topic(), at.partition())));
    }

    private final class Tally {
        int applied;
        int skipped;
        int deadLettered;

        /** Right after a transaction committed, which is the instant its changes reached the target. */
        void add(ApplyResult result) {
            latency.committed(result);
            metrics.applied(result);
            applied += result.count(ChangeOutcome.APPLIED);
            skipped += result.count(ChangeOutcome.DUPLICATE) + result.count(ChangeOutcome.STALE);
        }
    }
}
