package dev.cdcsink.consumer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Service;

import dev.cdcsink.consumer.PipelineRequestException.Reason;
import dev.cdcsink.apply.OffsetStore;

/**
 * The dead-letter topic seen by an operator: what is in it and why, and a redrive that sends the
 * records through the normal path again once the cause is fixed. How far the redrive got is kept
 * in {@code sink_offset} like any other partition's, in the same transaction as the rows it applied,
 * so a record is redriven once; one that still fails is dead-lettered again with the new reason.
 *
 * <p>Each origin (the first topic, partition and offset a dead letter came from) counts once: a
 * record dead-lettered twice (a crash between publishing and recording it) is listed and
 * redriven once.
 */
@Service
public class DeadLetterInbox {

    private static final int REDRIVE_CHUNK = 500;
    private static final Pattern DEAD_LETTER_TOPICS = Pattern.compile(".*\\.DLT");

    /** One dead letter: where it is, where it came from, and why. */
    public record Entry(String topic, int partition, long offset, Instant deadLetteredAt, String originalTopic,
            Integer originalPartition, Long originalOffset, String exception, String reason) {
    }

    /** {@code total}: every record in the dead-letter topics; {@code pending}: those not redriven yet. */
    public record Summary(List<String> topics, long total, long pending, List<Entry> newest) {
    }

    public record RedriveResult(List<String> topics, int examined, int applied, int skipped, int deadLetteredAgain) {
    }

    private final TopicAdmin topics;
    private final ConsumerFactory<byte[], byte[]> consumers;
    private final OffsetStore offsets;
    private final RecordApplier applier;
    private final WriteGate gate;
    private final PipelineState state;
    private final ConsumerProperties properties;

    public DeadLetterInbox(TopicAdmin topics, ConsumerFactory<byte[], byte[]> consumers, OffsetStore offsets,
            RecordApplier applier, WriteGate gate, PipelineState state, ConsumerProperties properties) {
        this.topics = topics;
        this.consumers = consumers;
        this.offsets = offsets;
        this.applier = applier;
        this.gate = gate;
        this.state = state;
        this.properties = properties;
    }

    public Summary summary(int newest) {
        List<String> topics = topics();
        Range range = range(topics);
        Map<TopicPartition, Long> redriven = offsets.nextOffsets(range.end().keySet());
        long total = 0;
        long pending = 0;
        Map<TopicPartition, Long> from = new HashMap<>();
        for (TopicPartition p : range.end().keySet()) {
            long begin = range.begin().get(p);
            long end = range.end().get(p);
            total += end - begin;
            pending += end - Math.max(begin, redriven.getOrDefault(p, begin));
            from.put(p, Math.max(begin, end - newest));
        }
        Set<String> origins = new HashSet<>();
        List<Entry> entries = read(from, range.end()).stream().map(DeadLetterInbox::entry)
                .sorted(Comparator.comparing(Entry::deadLetteredAt).reversed()
                        .thenComparing(Comparator.comparingLong(Entry::offset).reversed()))
                .filter(e -> origins.add(origin(e)))
                .limit(newest).toList();
        return new Summary(topics, total, pending, entries);
    }

    /**
     * Applies every dead letter not redriven yet, up to the end of the topic as it is now, through
     * the same path as the change topic. Refused while the pipeline is paused.
     */
    public RedriveResult redrive() {
        if (state.isPaused()) {
            throw new PipelineRequestException(Reason.CONFLICT, "the pipeline is paused; resume it before a redrive");
        }
        List<String> topics = topics();
        Range range = range(topics);
        Map<TopicPartition, Long> from = new HashMap<>(range.begin());
        offsets.nextOffsets(range.end().keySet()).forEach((p, next) -> from.merge(p, next, Math::max));
        List<ConsumerRecord<byte[], byte[]>> records = read(from, range.end());
        Set<String> origins = new HashSet<>();
        int applied = 0;
        int skipped = 0;
        int deadLettered = 0;
        for (int i = 0; i < records.size(); i += REDRIVE_CHUNK) {
            List<ConsumerRecord<byte[], byte[]>> chunk = records.subList(i, Math.min(records.size(), i + REDRIVE_CHUNK));
            List<ConsumerRecord<byte[], byte[]>> firsts = chunk.stream().filter(r -> origins.add(origin(entry(r))))
                    .toList();
            skipped += chunk.size() - firsts.size();
            RecordApplier.Outcome outcome = gate.exclusively(() -> {
                RecordApplier.Outcome done = applier.apply(firsts);
                // a copy of an origin redriven already counts as redriven too
                offsets.advance(nextOffsets(chunk));
                return done;
            });
            applied += outcome.applied();
            skipped += outcome.skipped();
            deadLettered += outcome.deadLettered();
        }
        return new RedriveResult(topics, records.size(), applied, skipped, deadLettered);
    }

    private static Map<TopicPartition, Long> nextOffsets(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<TopicPartition, Long> next = new HashMap<>();
        records.forEach(r -> next.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max));
        return next;
    }

    /** Where a dead letter first came from; a record without origin headers is its own origin. */
    private static String origin(Entry e) {
        return e.originalTopic() == null ? e.topic() + "-" + e.partition() + "@" + e.offset()
                : e.originalTopic() + "-" + e.originalPartition() + "@" + e.originalOffset();
    }

    /** The dead-letter topics of the change topics consumed (those that exist), or the one configured. */
    private List<String> topics() {
        if (!properties.deadLetterTopic().isBlank()) {
            return List.of(properties.deadLetterTopic());
        }
        Set<String> existing = new HashSet<>(topics.topicsMatching(DEAD_LETTER_TOPICS));
        return topics.topicsMatching(properties.subscription()).stream().map(properties::deadLetterTopicFor).distinct()
                .filter(existing::contains).sorted().toList();
    }

    private record Range(Map<TopicPartition, Long> begin, Map<TopicPartition, Long> end) {
    }

    private Range range(List<String> deadLetterTopics) {
        Set<TopicPartition> partitions = new HashSet<>();
        deadLetterTopics.forEach(t -> partitions.addAll(topics.topicPartitions(t)));
        return new Range(topics.offsets(partitions, OffsetSpec.earliest()), topics.offsets(partitions, OffsetSpec.latest()));
    }

    /** The records from {@code from} (inclusive) to {@code end} (exclusive) per partition, in partition order. */
    private List<ConsumerRecord<byte[], byte[]>> read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> end) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<TopicPartition, Long> remaining = new HashMap<>();
        from.forEach((p, start) -> {
            if (start < end.get(p)) {
                remaining.put(p, start);
            }
        });
        if (remaining.isEmpty()) {
            return records;
        }
        try (Consumer<byte[], byte[]> consumer = consumers.createConsumer(null, "cdc-sink-dead-letters")) {
            consumer.assign(remaining.keySet());
            remaining.forEach(consumer::seek);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!remaining.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new PipelineRequestException(Reason.UNAVAILABLE, "reading the dead-letter topic took over 30 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition p = new TopicPartition(r.topic(), r.partition());
                    if (remaining.containsKey(p) && r.offset() < end.get(p)) {
                        records.add(r);
                    }
                }
                remaining.keySet().removeIf(p -> consumer.position(p) >= end.get(p));
            }
        }
        return records;
    }

    /** The origin is the first failure's (a redrive that fails again appends headers); the reason is the newest. */
    private static Entry entry(ConsumerRecord<byte[], byte[]> r) {
        byte[] partition = first(r, KafkaHeaders.DLT_ORIGINAL_PARTITION);
        byte[] offset = first(r, KafkaHeaders.DLT_ORIGINAL_OFFSET);
        return new Entry(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                text(first(r, KafkaHeaders.DLT_ORIGINAL_TOPIC)),
                partition == null || partition.length != 4 ? null : ByteBuffer.wrap(partition).getInt(),
                offset == null || offset.length != 8 ? null : ByteBuffer.wrap(offset).getLong(),
                text(last(r, KafkaHeaders.DLT_EXCEPTION_FQCN)), text(last(r, KafkaHeaders.DLT_EXCEPTION_MESSAGE)));
    }

    private static byte[] first(ConsumerRecord<?, ?> r, String header) {
        for (Header h : r.headers().headers(header)) {
            return h.value();
        }
        return null;
    }

    private static byte[] last(ConsumerRecord<?, ?> r, String header) {
        Header h = r.headers().lastHeader(header);
        return h == null ? null : h.value();
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
