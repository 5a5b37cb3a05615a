package dev.cdcsink.consumer;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * What the pipeline is doing, shared by the consumer threads, the control API, the health
 * endpoint and the metrics: starting (waiting for the target database), paused by an operator,
 * waiting out a transient failure, replaying, or simply running.
 */
@Component
public class PipelineState {

    /** In order of precedence: a paused pipeline is PAUSED even while a replay is pending. */
    public enum Status { STARTING, PAUSED, BACKING_OFF, REPLAYING, RUNNING }

    /** The current status, and while backing off, since when, why and how many attempts failed. */
    public record Snapshot(Status status, Instant since, String lastFailure, long attempts) {
    }

    /**
     * A replay in progress: per partition the offset it rewound to, the log end it must reach,
     * and the next offset applied so far.
     */
    public record Replay(Instant startedAt, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to,
            Map<TopicPartition, Long> reached) {

        public static Replay start(Instant at, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
            return new Replay(at, Map.copyOf(from), Map.copyOf(to), new ConcurrentHashMap<>(from));
        }

        /** Share of the rewound changes applied again, 0–100. */
        public double percentDone() {
            long total = 0;
            long done = 0;
            for (Map.Entry<TopicPartition, Long> e : to.entrySet()) {
                long start = from.get(e.getKey());
                total += e.getValue() - start;
                done += Math.min(e.getValue(), reached.get(e.getKey())) - start;
            }
            return total == 0 ? 100.0 : 100.0 * done / total;
        }

        boolean isDone() {
            return to.entrySet().stream().allMatch(e -> reached.get(e.getKey()) >= e.getValue());
        }
    }

    private record Failure(Instant since, String reason, long attempts) {
    }

    private record Starting(Instant since, String reason, long attempts) {
    }

    private final Clock clock;
    private final AtomicReference<Failure> failure = new AtomicReference<>();
    /** Why consumption has not started yet; null once it has. */
    private volatile Starting starting;
    private volatile boolean paused;
    private volatile Replay replay;
    private volatile Instant changedAt;

    public PipelineState(Clock clock) {
        this.clock = clock;
        this.changedAt = clock.instant();
        this.starting = new Starting(changedAt, "preparing the target database", 0);
    }

    public Status status() {
        if (starting != null) {
            return Status.STARTING;
        }
        if (paused) {
            return Status.PAUSED;
        }
        if (failure.get() != null) {
            return Status.BACKING_OFF;
        }
        return replay != null ? Status.REPLAYING : Status.RUNNING;
    }

    public Snapshot snapshot() {
        Starting s = starting;
        if (s != null) {
            return new Snapshot(Status.STARTING, s.since(), s.reason(), s.attempts());
        }
        Failure f = failure.get();
        Status status = status();
        return status == Status.BACKING_OFF ? new Snapshot(status, f.since(), f.reason(), f.attempts())
                : new Snapshot(status, changedAt, null, 0);
    }

    /** Consumption cannot start yet, for this reason (e.g. the target database is unreachable). */
    void notStartedYet(String reason) {
        Starting s = starting;
        starting = new Starting(s == null ? clock.instant() : s.since(), reason, s == null ? 1 : s.attempts() + 1);
    }

    /** Consumption has started. */
    void started() {
        starting = null;
        changedAt = clock.instant();
    }

    public boolean isPaused() {
        return paused;
    }

    /** The replay in progress, or null. */
    public Replay replay() {
        return replay;
    }

    void paused(boolean value) {
        paused = value;
        changedAt = clock.instant();
    }

    void replaying(Replay value) {
        replay = value;
        changedAt = clock.instant();
    }

    /** The sink committed these next offsets: a replay that reached its log ends is over. */
    void advanced(Map<TopicPartition, Long> nextOffsets) {
        Replay r = replay;
        if (r == null) {
            return;
        }
        nextOffsets.forEach((partition, next) -> r.reached().computeIfPresent(partition, (p, old) -> Math.max(old, next)));
        if (r.isDone()) {
            replaying(null);
        }
    }

    void succeeded() {
        if (failure.getAndSet(null) != null) {
            changedAt = clock.instant();
        }
    }

    void failedTransiently(String reason) {
        failure.updateAndGet(f -> f == null ? new Failure(clock.instant(), reason, 1)
                : new Failure(f.since(), reason, f.attempts() + 1));
    }
}
