package dev.cdcsink.consumer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Service;

import dev.cdcsink.apply.OffsetStore;
import dev.cdcsink.change.TableId;
import dev.cdcsink.consumer.PipelineRequestException.Reason;
import dev.cdcsink.table.TableCatalog;
import dev.cdcsink.table.TableRoute;

/**
 * Operator actions on the running pipeline: pause, resume, replay, status. Each either completes
 * or changes nothing; pause and replay wait for the batch in flight, so when they return no write
 * from before them can still land.
 */
@Service
public class PipelineControl {

    private static final Logger log = LoggerFactory.getLogger(PipelineControl.class);

    private final KafkaListenerEndpointRegistry registry;
    private final ChangeListener listener;
    private final WriteGate gate;
    private final PipelineState state;
    private final AppliedProgress progress;
    private final OffsetStore offsets;
    private final TopicAdmin topics;
    private final ConsumerProperties properties;
    private final TableCatalog catalog;
    private final Clock clock;

    public PipelineControl(KafkaListenerEndpointRegistry registry, ChangeListener listener, WriteGate gate,
            PipelineState state, AppliedProgress progress, OffsetStore offsets, TopicAdmin topics,
            ConsumerProperties properties, TableCatalog catalog, Clock clock) {
        this.registry = registry;
        this.listener = listener;
        this.gate = gate;
        this.state = state;
        this.progress = progress;
        this.offsets = offsets;
        this.topics = topics;
        this.properties = properties;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Stops writes: when this returns, no write reaches the target until {@link #resume()}. Idempotent. */
    public PipelineStatus pause() {
        gate.exclusively(() -> {
            state.paused(true);
            container().pause();
            return null;
        });
        log.info("Pipeline paused by operator");
        return status();
    }

    /** Lets writes flow again, from where they stopped. Idempotent. */
    public PipelineStatus resume() {
        state.paused(false);
        container().resume();
        log.info("Pipeline resumed by operator");
        return status();
    }

    /**
     * Rewinds the stored offsets and the consumers to the requested positions in one step. The
     * source-position guard makes a replay unable to regress a row; after the target was emptied,
     * it rebuilds it.
     */
    public PipelineStatus replay(ReplayRequest request) {
        List<String> replayed = request.table() != null ? topicsOf(request)
                : request.topic() == null || request.topic().isBlank() ? subscribedTopics() : List.of(topic(request.topic()));
        if (replayed.size() > 1 && (request.offsets() != null || request.partitions() != null)) {
            throw new PipelineRequestException(Reason.INVALID, "offsets and partitions are per topic, and this replay "
                    + "covers " + replayed + ": give the \"topic\"");
        }
        Set<TopicPartition> partitions = new HashSet<>();
        for (String topic : replayed) {
            requestedPartitions(request, topics.partitions(topic)).forEach(p -> partitions.add(new TopicPartition(topic, p)));
        }
        Map<TopicPartition, Long> begin = topics.offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = topics.offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> targets = targets(request, partitions, begin, end);

        Map<TopicPartition, Long> stored = offsets.nextOffsets(partitions);
        for (TopicPartition p : partitions) {
            Long next = stored.get(p);
            if (next != null && targets.get(p) > next) {
                throw new PipelineRequestException(Reason.INVALID, "partition " + p + ": offset "
                        + targets.get(p) + " is ahead of the next offset to apply, " + next
                        + "; a replay only rewinds, moving forward would skip changes");
            }
        }
        Set<TopicPartition> elsewhere = new TreeSet<>(Comparator.comparing(TopicPartition::toString));
        elsewhere.addAll(partitions);
        elsewhere.removeAll(listener.assignedPartitions());
        if (!elsewhere.isEmpty()) {
            throw new PipelineRequestException(Reason.CONFLICT, "partitions " + elsewhere
                    + " are not assigned to this instance (or it is still joining the group); "
                    + "send the replay to the instance that owns them, or retry in a moment");
        }
        gate.exclusively(() -> {
            offsets.rewind(targets);
            listener.rewind(targets);
            state.replaying(PipelineState.Replay.start(clock.instant(), targets, end));
            return null;
        });
        log.info("Replay started by operator: {} → log end {}", targets, end);
        return status();
    }

    public PipelineStatus status() {
        List<String> subscribed = subscribedTopics();
        Set<TopicPartition> assigned = listener.assignedPartitions();
        Set<TopicPartition> all = new TreeSet<>(Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
        subscribed.forEach(t -> topics.partitions(t).forEach(p -> all.add(new TopicPartition(t, p))));
        Map<TopicPartition, Long> end = topics.offsets(all, OffsetSpec.latest());
        Map<TopicPartition, Long> stored = offsets.nextOffsets(all);
        Map<TopicPartition, AppliedProgress.Mark> marks = progress.marks();
        List<PipelineStatus.Partition> partitions = new ArrayList<>();
        for (TopicPartition p : all) {
            Long next = stored.get(p);
            AppliedProgress.Mark mark = marks.get(p);
            partitions.add(new PipelineStatus.Partition(p.topic(), p.partition(), next, end.get(p),
                    Math.max(0, end.get(p) - (next == null ? 0 : next)), assigned.contains(p),
                    mark == null ? null : mark.sourceTimestamp(),
                    mark == null ? null : mark.position().toString()));
        }
        PipelineState.Snapshot snapshot = state.snapshot();
        return new PipelineStatus(snapshot.status(), snapshot.since(), snapshot.lastFailure(), replayStatus(),
                partitions);
    }

    private PipelineStatus.Replay replayStatus() {
        PipelineState.Replay replay = state.replay();
        if (replay == null) {
            return null;
        }
        List<PipelineStatus.Range> ranges = replay.to().keySet().stream()
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .map(p -> new PipelineStatus.Range(p.topic(), p.partition(), replay.from().get(p), replay.to().get(p),
                        replay.reached().get(p)))
                .toList();
        return new PipelineStatus.Replay(replay.startedAt(), Math.round(replay.percentDone() * 10) / 10.0, ranges);
    }

    private MessageListenerContainer container() {
        return registry.getListenerContainer(ChangeListener.ID);
    }

    private String topic(String requested) {
        List<String> subscribed = subscribedTopics();
        if (!subscribed.contains(requested)) {
            throw new PipelineRequestException(Reason.INVALID, "topic '" + requested + "' is not consumed by this "
                    + "service; it consumes " + subscribed);
        }
        return requested;
    }

    /**
     * The consumed topics that carry a table's changes, by Debezium's topic naming: its source table
     * ({@code db.table}) or the target table it is copied to.
     */
    private List<String> topicsOf(ReplayRequest request) {
        if (request.topic() != null && !request.topic().isBlank()) {
            throw new PipelineRequestException(Reason.INVALID, "give \"topic\" or \"table\", not both");
        }
        List<String> carrying = new ArrayList<>();
        Map<String, String> known = new TreeMap<>();
        for (String topic : subscribedTopics()) {
            TableId.ofTopic(topic).ifPresent(source -> {
                TableRoute route = catalog.route(source, topic);
                String target = route instanceof TableRoute.Target t ? t.table() : null;
                known.put(topic, source + (target == null ? "" : " → " + target));
                if (request.table().equals(source.toString()) || request.table().equals(target)) {
                    carrying.add(topic);
                }
            });
        }
        if (carrying.isEmpty()) {
            throw new PipelineRequestException(Reason.INVALID, "no consumed topic carries table '" + request.table()
                    + "' (name it as db.table or by its target table); the topics carry " + known);
        }
        return carrying;
    }

    private List<String> subscribedTopics() {
        return topics.topicsMatching(properties.subscription());
    }

    private static Set<Integer> requestedPartitions(ReplayRequest request, Set<Integer> existing) {
        Set<Integer> requested = new TreeSet<>();
        if (request.partitions() != null) {
            requested.addAll(request.partitions());
        }
        if (request.offsets() != null) {
            if (!requested.isEmpty() && !requested.equals(request.offsets().keySet())) {
                throw new PipelineRequestException(Reason.INVALID,
                        "partitions and the partitions of offsets differ; give offsets for exactly the partitions to replay");
            }
            requested.addAll(request.offsets().keySet());
        }
        if (requested.isEmpty()) {
            requested.addAll(existing);
        }
        Set<Integer> unknown = new TreeSet<>(requested);
        unknown.removeAll(existing);
        if (!unknown.isEmpty()) {
            throw new PipelineRequestException(Reason.INVALID, "unknown partition(s) " + unknown + "; the topic has "
                    + existing);
        }
        return requested;
    }

    private Map<TopicPartition, Long> targets(ReplayRequest request, Set<TopicPartition> partitions,
            Map<TopicPartition, Long> begin, Map<TopicPartition, Long> end) {
        int modes = (request.earliest() ? 1 : 0) + (request.offsets() != null ? 1 : 0)
                + (request.timestamp() != null ? 1 : 0);
        if (modes != 1) {
            throw new PipelineRequestException(Reason.INVALID,
                    "give exactly one of \"from\": \"earliest\", \"offsets\" or \"timestamp\"");
        }
        if (request.earliest()) {
            return begin;
        }
        if (request.offsets() != null) {
            Map<TopicPartition, Long> targets = new HashMap<>();
            for (TopicPartition p : partitions) {
                long offset = request.offsets().get(p.partition());
                if (offset < begin.get(p) || offset > end.get(p)) {
                    throw new PipelineRequestException(Reason.INVALID, "partition " + p.partition() + ": offset " + offset
                            + " is outside the log, which holds offsets " + begin.get(p) + " to " + end.get(p)
                            + " (the end is the next offset to be written)");
                }
                targets.put(p, offset);
            }
            return targets;
        }
        Instant now = clock.instant();
        if (request.timestamp().isAfter(now)) {
            throw new PipelineRequestException(Reason.INVALID, "timestamp " + request.timestamp()
                    + " is in the future (now " + now + ")");
        }
        Map<TopicPartition, Long> byTime = topics.offsets(partitions, OffsetSpec.forTimestamp(request.timestamp().toEpochMilli()));
        Map<TopicPartition, Long> targets = new HashMap<>();
        // no record at or after the timestamp: nothing to replay on that partition
        partitions.forEach(p -> targets.put(p, byTime.get(p) < 0 ? end.get(p) : byTime.get(p)));
        return targets;
    }
}
