package dev.cdcsink.consumer;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/**
 * Whether the sink is keeping up or waiting out a transient failure, shared by the consumer
 * threads (which set it) and the health endpoint (which reads it).
 */
@Component
public class PipelineState {

    public enum Status { RUNNING, BACKING_OFF }

    /** What is known about the last transient failure while backing off. */
    public record Snapshot(Status status, Instant since, String lastFailure, long attempts) {
    }

    private final Clock clock;
    private final AtomicReference<Snapshot> current;

    public PipelineState(Clock clock) {
        this.clock = clock;
        this.current = new AtomicReference<>(new Snapshot(Status.RUNNING, clock.instant(), null, 0));
    }

    public Snapshot snapshot() {
        return current.get();
    }

    void succeeded() {
        if (current.get().status() != Status.RUNNING) {
            current.set(new Snapshot(Status.RUNNING, clock.instant(), null, 0));
        }
    }

    void failedTransiently(String failure) {
        current.updateAndGet(s -> s.status() == Status.BACKING_OFF
                ? new Snapshot(Status.BACKING_OFF, s.since(), failure, s.attempts() + 1)
                : new Snapshot(Status.BACKING_OFF, clock.instant(), failure, 1));
    }
}
