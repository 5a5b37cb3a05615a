package dev.cdcsink.observability;

import static dev.cdcsink.observability.BatchMetrics.millis;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import dev.cdcsink.apply.ApplyResult;
import dev.cdcsink.change.RowChange;

/**
 * How far the target is behind the source. {@code cdc_sink_latency_seconds{from}}: per applied
 * change, from the source's commit ({@code from="source"}, {@code source.ts_ms}) or the Kafka
 * record's timestamp ({@code from="kafka"}) to the target's commit. {@code
 * cdc_sink_freshness_seconds{table}}: per target table, seconds since the source time of its newest
 * change applied.
 *
 * <p>A batch commits all its changes at one instant, so the clock is read once per commit and
 * each change costs two histogram updates, nothing more.
 */
@Component
class LatencyMetrics {

    /**
     * Fine below a second, where the sink's own latency lives (p99 targets of 100 and 250 ms must be
     * readable); loose at the top, since source latency includes the connector's own delay.
     */
    private static final Duration[] BUCKETS = { millis(2), millis(5), millis(10), millis(15), millis(20), millis(25),
            millis(30), millis(40), millis(50), millis(60), millis(75), millis(100), millis(125), millis(150),
            millis(200), millis(250), millis(300), millis(400), millis(500), millis(750), millis(1_000), millis(2_500),
            millis(5_000), millis(10_000), millis(30_000), millis(60_000), millis(120_000), millis(300_000),
            millis(600_000), millis(1_800_000) };

    private final MeterRegistry registry;
    private final Clock clock;
    private final Timer fromSource;
    private final Timer fromKafka;
    /** Per table, the source time of its newest applied change; the maximum, so a replayed older change does not look fresh. */
    private final Map<String, AtomicLong> newestSourceMillis = new ConcurrentHashMap<>();

    LatencyMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.fromSource = latency(registry, "source");
        this.fromKafka = latency(registry, "kafka");
    }

    private AtomicLong newest(String table) {
        return newestSourceMillis.computeIfAbsent(table, t -> {
            AtomicLong newest = new AtomicLong(Long.MIN_VALUE);
            Gauge.builder("cdc.sink.freshness", newest, this::freshnessSeconds)
                    .description("Seconds since the source commit time of the table's newest change applied")
                    .baseUnit("seconds")
                    .tag("table", t)
                    .register(registry);
            return newest;
        });
    }

    private static Timer latency(MeterRegistry registry, String from) {
        return Timer.builder("cdc.sink.latency")
                .description("Per applied change: from its source commit (from=source) or its Kafka timestamp "
                        + "(from=kafka) to the target commit")
                .tag("from", from)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** Right after a transaction committed: every change it applied became visible now. */
    void committed(ApplyResult result) {
        long committedAt = clock.millis();
        String lastTable = null;
        AtomicLong newest = null;
        for (ApplyResult.Applied applied : result.applied()) {
            RowChange change = applied.change();
            // a source or producer clock ahead of ours would give a negative latency: count it as none
            if (change.sourceTimestamp() != null) {
                long source = change.sourceTimestamp().toEpochMilli();
                fromSource.record(Math.max(0, committedAt - source), TimeUnit.MILLISECONDS);
                if (!applied.table().equals(lastTable)) {
                    lastTable = applied.table();
                    newest = newest(lastTable);
                }
                newest.accumulateAndGet(source, Math::max);
            }
            long appended = change.coordinates().timestamp();
            // a record without a timestamp (message format v0) has -1
            if (appended >= 0) {
                fromKafka.record(Math.max(0, committedAt - appended), TimeUnit.MILLISECONDS);
            }
        }
    }

    private double freshnessSeconds(AtomicLong newestSource) {
        long newest = newestSource.get();
        return newest == Long.MIN_VALUE ? Double.NaN : (clock.millis() - newest) / 1000.0;
    }
}
