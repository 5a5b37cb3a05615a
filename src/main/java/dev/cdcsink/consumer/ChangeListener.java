package dev.cdcsink.consumer;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.Consumer;
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

import dev.cdcsink.apply.OffsetStore;
import dev.cdcsink.apply.RejectedRows;

/**
 * Consumes the change topics in batches and hands them to the {@link RecordApplier}, honouring an
 * operator's pause and rewinds. Kafka's committed offset is only
 * acknowledged after the target committed; on assignment the consumer seeks to the offset the
 * target stored, which is the source of truth.
 */
@Component
public class ChangeListener extends AbstractConsumerSeekAware {

    /** The listener container's id, for pausing and resuming it through the registry. */
    public static final String ID = "cdc-sink";

    private static final Logger log = LoggerFactory.getLogger(ChangeListener.class);

    private final RecordApplier applier;
    private final OffsetStore offsets;
    private final PipelineState state;
    private final ConsumerProperties properties;
    private final WriteGate gate;
    private final AppliedProgress progress;
    private final PipelineObserver observer;
    private final DeadLetterTopicCheck deadLetterTopics;
    /** Partitions rewound by an operator whose consumer has not yet moved: offset to move to. */
    private final Map<TopicPartition, Long> pendingRewinds = new ConcurrentHashMap<>();

    public ChangeListener(RecordApplier applier, OffsetStore offsets, PipelineState state,
            ConsumerProperties properties, WriteGate gate, AppliedProgress progress, PipelineObserver observer,
            DeadLetterTopicCheck deadLetterTopics) {
        this.observer = observer;
        this.deadLetterTopics = deadLetterTopics;
        this.applier = applier;
        this.offsets = offsets;
        this.state = state;
        this.properties = properties;
        this.gate = gate;
        this.progress = progress;
    }

    public Pattern subscription() {
        return properties.subscription();
    }

    public String groupId() {
        return properties.groupId();
    }

    /** Started by {@link PipelineStartup} once the target database is ready, not with the application. */
    @KafkaListener(id = ID, topicPattern = "#{__listener.subscription()}", groupId = "#{__listener.groupId()}",
            containerFactory = ConsumerConfiguration.CONTAINER_FACTORY, autoStartup = "false")
    public void onBatch(List<ConsumerRecord<byte[], byte[]>> records, Acknowledgment acknowledgment,
            Consumer<?, ?> consumer) {
        gate.batch(() -> process(records, acknowledgment, consumer));
    }

    private void process(List<ConsumerRecord<byte[], byte[]>> records, Acknowledgment acknowledgment,
            Consumer<?, ?> consumer) {
        if (state.isPaused()) {
            // fetched before the pause took hold: not a row may be written, so read them again after resume
            firstOffsets(records).forEach(consumer::seek);
            return;
        }
        List<ConsumerRecord<byte[], byte[]>> current = withoutRewound(records, consumer);
        if (current.isEmpty()) {
            return;
        }
        try {
            RecordApplier.Outcome outcome = applier.apply(current);
            state.succeeded();
            outcome.batches().forEach(progress::applied);
            acknowledgment.acknowledge();
        } catch (RuntimeException e) {
            // What reaches here may pass (records that can never be applied were dead-lettered): the
            // error handler retries the whole batch with backoff, and no offset moves meanwhile.
            String reason = reason(e);
            state.failedTransiently(reason);
            observer.transientFailure();
            log.warn("Batch of {} records not applied, retrying with backoff: {}", records.size(), reason);
            throw e;
        }
    }

    /** What an operator needs to know: a dead letter's own explanation, else the database's words. */
    private static String reason(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DeadLetterPublicationException publication) {
                return publication.getMessage();
            }
        }
        return RejectedRows.reason(e);
    }

    /**
     * Drops the records of partitions an operator rewound since they were fetched, and moves the
     * consumer to the rewound offsets; applying them would advance the stored offset past the
     * changes the replay is about to read again.
     */
    private List<ConsumerRecord<byte[], byte[]>> withoutRewound(List<ConsumerRecord<byte[], byte[]>> records,
            Consumer<?, ?> consumer) {
        if (pendingRewinds.isEmpty()) {
            return records;
        }
        Set<TopicPartition> rewound = new HashSet<>();
        for (TopicPartition partition : firstOffsets(records).keySet()) {
            Long offset = pendingRewinds.remove(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
                rewound.add(partition);
            }
        }
        return rewound.isEmpty() ? records
                : records.stream().filter(r -> !rewound.contains(new TopicPartition(r.topic(), r.partition()))).toList();
    }

    private static Map<TopicPartition, Long> firstOffsets(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
        }
        return first;
    }

    /** The partitions this instance's consumers own now. */
    public Set<TopicPartition> assignedPartitions() {
        return Set.copyOf(getTopicsAndCallbacks().keySet());
    }

    /**
     * Moves the consumers of these (assigned) partitions to the given offsets. Call it with the
     * write gate held: a batch already fetched from the old position is then dropped, not applied.
     */
    void rewind(Map<TopicPartition, Long> offsets) {
        pendingRewinds.putAll(offsets);
        offsets.forEach((partition, offset) -> {
            List<ConsumerSeekCallback> callbacks = getSeekCallbacksFor(partition);
            if (callbacks != null) {
                callbacks.forEach(c -> c.seek(partition.topic(), partition.partition(), offset));
            }
        });
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        deadLetterTopics.check(assignments.keySet().stream().map(TopicPartition::topic).distinct().toList());
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
                Map<TopicPartition, Long> stored = offsets.nextOffsets(partitions);
                state.succeeded();
                return stored;
            } catch (DataAccessException e) {
                state.failedTransiently(RejectedRows.reason(e));
                observer.transientFailure();
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
        // the next owner seeks to the stored offset, which the rewind already wrote
        partitions.forEach(pendingRewinds::remove);
        applier.forget(partitions);
    }
}
