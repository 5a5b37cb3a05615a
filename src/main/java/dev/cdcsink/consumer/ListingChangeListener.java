package dev.cdcsink.consumer;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOffExecution;

import dev.cdcsink.event.ChangeEventParser;
import dev.cdcsink.event.KafkaCoordinates;
import dev.cdcsink.event.ListingChange;
import dev.cdcsink.event.ParseResult;
import dev.cdcsink.observability.BatchMetrics;
import dev.cdcsink.observability.ChangeMetrics;
import dev.cdcsink.observability.FailureMetrics;
import dev.cdcsink.observability.LatencyMetrics;
import dev.cdcsink.sink.ApplyResult;
import dev.cdcsink.sink.ChangeBatch;
import dev.cdcsink.sink.ListingSink;
import dev.cdcsink.sink.OffsetStore;
import dev.cdcsink.sink.RejectedRows;

/**
 * Consumes the change topic in batches: parses each record, dead-letters what can never be
 * applied, and hands the rest to the sink as one transaction. Kafka's committed offset is only
 * acknowledged after the target committed; on assignment the consumer seeks to the offset the
 * target stored, which is the source of truth.
 */
@Component
public class ListingChangeListener extends AbstractConsumerSeekAware {

    /** The listener container's id, for pausing and resuming it through the registry. */
    public static final String ID = "cdc-sink";

    private static final Logger log = LoggerFactory.getLogger(ListingChangeListener.class);

    private final ChangeEventParser parser;
    private final ListingSink sink;
    private final OffsetStore offsets;
    private final DeadLetters deadLetters;
    private final PipelineState state;
    private final ChangeMetrics metrics;
    private final BatchMetrics batches;
    private final LatencyMetrics latency;
    private final FailureMetrics failures;
    private final ConsumerProperties properties;
    /** Records dead-lettered by a batch that is being retried: a retry must not dead-letter them again. */
    private final Set<KafkaCoordinates> deadLettered = ConcurrentHashMap.newKeySet();

    public ListingChangeListener(ChangeEventParser parser, ListingSink sink, OffsetStore offsets,
            DeadLetters deadLetters, PipelineState state, ChangeMetrics metrics, BatchMetrics batches,
            LatencyMetrics latency, FailureMetrics failures, ConsumerProperties properties) {
        this.parser = parser;
        this.sink = sink;
        this.offsets = offsets;
        this.deadLetters = deadLetters;
        this.state = state;
        this.metrics = metrics;
        this.batches = batches;
        this.latency = latency;
        this.failures = failures;
        this.properties = properties;
    }

    public Pattern subscription() {
        return properties.subscription();
    }

    public String groupId() {
        return properties.groupId();
    }

    @KafkaListener(id = ID, topicPattern = "#{__listener.subscription()}", groupId = "#{__listener.groupId()}",
            containerFactory = ConsumerConfiguration.CONTAINER_FACTORY)
    public void onBatch(List<ConsumerRecord<byte[], byte[]>> records, Acknowledgment acknowledgment) {
        Map<KafkaCoordinates, ConsumerRecord<byte[], byte[]>> byCoordinates = new HashMap<>();
        try {
            ChangeBatch.Builder batch = ChangeBatch.builder();
            for (ConsumerRecord<byte[], byte[]> record : records) {
                KafkaCoordinates at = new KafkaCoordinates(record.topic(), record.partition(), record.offset(),
                        record.timestamp());
                byCoordinates.put(at, record);
                ParseResult parsed = parser.parse(at, record.key(), record.value());
                if (parsed instanceof ParseResult.Change change) {
                    batch.add(change.change());
                } else if (parsed instanceof ParseResult.Failure failure) {
                    deadLetter(record, at, null, new PoisonRecordException(
                            failure.failure().kind() + ": " + failure.failure().message()));
                    batch.consumed(at);
                } else {
                    metrics.tombstone();
                    batch.consumed(at);
                }
            }
            long applying = System.nanoTime();
            apply(batch.build(), byCoordinates);
            batches.applied(records.size(), System.nanoTime() - applying);
            byCoordinates.keySet().forEach(deadLettered::remove);
            state.succeeded();
            acknowledgment.acknowledge();
        } catch (RuntimeException e) {
            // What reaches here may pass (rows the target rejects were handled in apply): the error
            // handler retries the whole batch with backoff, and no offset moves meanwhile.
            state.failedTransiently(RejectedRows.reason(e));
            failures.failed(FailureMetrics.Kind.TRANSIENT);
            log.warn("Batch of {} records not applied, retrying with backoff: {}", records.size(), RejectedRows.reason(e));
            throw e;
        }
    }

    private void apply(ChangeBatch batch, Map<KafkaCoordinates, ConsumerRecord<byte[], byte[]>> records) {
        try {
            committed(sink.apply(batch));
        } catch (RuntimeException e) {
            if (!RejectedRows.isRejectedRow(e)) {
                throw e;
            }
            log.warn("The target rejected a row of a batch of {} changes; applying them one by one to isolate it: {}",
                    batch.changes().size(), RejectedRows.reason(e));
            applyOneByOne(batch, records);
        }
    }

    /**
     * The target rejected a row of the batch: apply the changes one transaction each, so the
     * rejected ones can be dead-lettered and every other change still lands.
     */
    private void applyOneByOne(ChangeBatch batch, Map<KafkaCoordinates, ConsumerRecord<byte[], byte[]>> records) {
        for (ListingChange change : batch.changes()) {
            try {
                committed(sink.apply(ChangeBatch.builder().add(change).build()));
            } catch (RuntimeException e) {
                if (!RejectedRows.isRejectedRow(e)) {
                    throw e;
                }
                deadLetter(records.get(change.coordinates()), change.coordinates(), change, new PoisonRecordException(
                        "INVALID_VALUE: the target rejected the row: " + RejectedRows.reason(e), e));
                sink.apply(ChangeBatch.builder().consumed(change.coordinates()).build());
            }
        }
        // tombstones and dead letters of the batch move their partitions too
        sink.apply(new ChangeBatch(List.of(), batch.nextOffsets()));
    }

    /** Right after a transaction committed, which is the instant its changes reached the target. */
    private void committed(ApplyResult result) {
        latency.committed(result);
        metrics.applied(result);
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, KafkaCoordinates at, ListingChange change,
            PoisonRecordException reason) {
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

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        storedOffsets(assignments.keySet()).forEach((partition, next) -> {
            log.info("Partition {} assigned: resuming at the offset the target stored, {}", partition, next);
            callback.seek(partition.topic(), partition.partition(), next);
        });
    }

    /**
     * The stored offsets of newly assigned partitions. Starting from Kafka's committed offset
     * instead could skip changes (after the target was restored from a backup, or rewound for a
     * replay), so while the target cannot be read this waits and retries with backoff.
     */
    private Map<TopicPartition, Long> storedOffsets(Collection<TopicPartition> partitions) {
        BackOffExecution backoff = ConsumerConfiguration.backOff(properties.backoff()).start();
        while (true) {
            try {
                Map<TopicPartition, Long> stored = new HashMap<>();
                partitions.forEach(p -> offsets.nextOffset(p).ifPresent(next -> stored.put(p, next)));
                state.succeeded();
                return stored;
            } catch (DataAccessException e) {
                state.failedTransiently(RejectedRows.reason(e));
                failures.failed(FailureMetrics.Kind.TRANSIENT);
                long wait = backoff.nextBackOff();
                log.warn("Cannot read stored offsets for {}, retrying in {} ms: {}", partitions, wait,
                        RejectedRows.reason(e));
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        super.onPartitionsRevoked(partitions);
        deadLettered.removeIf(at -> partitions.contains(new TopicPartition(at.topic(), at.partition())));
    }
}
