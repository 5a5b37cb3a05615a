package dev.cdcsink.observability;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Size and apply time of the target transactions that committed: {@code cdc_sink_batch_size} and
 * {@code cdc_sink_batch_apply_seconds}. Fixed buckets keep both cheap and let PromQL compute
 * quantiles across instances.
 */
@Component
class BatchMetrics {

    private final DistributionSummary size;
    private final Timer apply;

    BatchMetrics(MeterRegistry registry) {
        this.size = DistributionSummary.builder("cdc.sink.batch.size")
                .description("Records per target transaction that committed (changes, tombstones and dead letters)")
                // up to the largest allowed max-poll-records
                .serviceLevelObjectives(1, 10, 50, 100, 250, 500, 1_000, 2_000, 5_000, 10_000, 25_000, 50_000, 100_000)
                .register(registry);
        this.apply = Timer.builder("cdc.sink.batch.apply")
                .description("Time to apply one target transaction, from collecting its parsed records to its commit")
                .serviceLevelObjectives(millis(1), millis(5), millis(10), millis(25), millis(50), millis(100),
                        millis(250), millis(500), millis(1_000), millis(2_500), millis(5_000), millis(10_000),
                        millis(30_000))
                .register(registry);
    }

    static Duration millis(long millis) {
        return Duration.ofMillis(millis);
    }

    void applied(int records, long nanos) {
        size.record(records);
        apply.record(nanos, TimeUnit.NANOSECONDS);
    }
}
