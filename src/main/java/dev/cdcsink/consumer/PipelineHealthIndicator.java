package dev.cdcsink.consumer;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * DOWN while the sink has not started consuming (the target database is not reachable or not
 * migrated yet) and while it backs off from a transient failure (target unreachable, deadlocks, a
 * dead letter that cannot be published), so a readiness probe takes the instance out of rotation
 * and alerts can see it. A pause or a replay is an operator's choice and stays UP, with the status
 * in the details.
 */
@Component("pipeline")
class PipelineHealthIndicator implements HealthIndicator {

    private final PipelineState state;

    PipelineHealthIndicator(PipelineState state) {
        this.state = state;
    }

    @Override
    public Health health() {
        PipelineState.Snapshot s = state.snapshot();
        boolean down = s.status() == PipelineState.Status.BACKING_OFF || s.status() == PipelineState.Status.STARTING;
        Health.Builder builder = down ? Health.down() : Health.up();
        builder.withDetail("status", s.status()).withDetail("since", s.since().toString());
        if (s.lastFailure() != null) {
            builder.withDetail("lastFailure", s.lastFailure()).withDetail("attempts", s.attempts());
        }
        return builder.build();
    }
}
