package dev.cdcsink.observability;

import java.util.Locale;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

import dev.cdcsink.consumer.PipelineState;

/**
 * {@code cdc_sink_pipeline_state{state}}: one gauge per {@link PipelineState.Status}, 1 for the
 * current one and 0 for the others. Alerts select a state by label ({@code state="backing_off"}),
 * and a status added to the enum gets its gauge without a change here.
 */
@Component
class PipelineStateMetrics implements MeterBinder {

    private final PipelineState state;

    PipelineStateMetrics(PipelineState state) {
        this.state = state;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (PipelineState.Status status : PipelineState.Status.values()) {
            Gauge.builder("cdc.sink.pipeline.state", state, s -> s.snapshot().status() == status ? 1 : 0)
                    .description("1 for the pipeline's current state, 0 for the others")
                    .tag("state", status.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }
}
