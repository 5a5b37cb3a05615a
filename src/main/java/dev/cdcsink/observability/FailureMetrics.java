package dev.cdcsink.observability;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Failures by kind ({@code cdc_sink_failures_total{kind}}): transient failures make the sink back
 * off and retry, the others cost a record (it is dead-lettered). Registered up front so an alert's
 * {@code increase()} sees the very first failure.
 */
@Component
class FailureMetrics {

    enum Kind {
        /**
         * An attempt to apply a batch or to read the stored offsets failed for a reason that may
         * pass (target unreachable, deadlock); it is retried with backoff.
         */
        TRANSIENT,
        /** A record was published to the dead-letter topic, whatever the reason. */
        DEAD_LETTER,
        /** A record could not be parsed or validated (every one of them is also a {@link #DEAD_LETTER}). */
        PARSE_ERROR
    }

    private final Map<Kind, Counter> failures = new EnumMap<>(Kind.class);

    FailureMetrics(MeterRegistry registry) {
        for (Kind kind : Kind.values()) {
            failures.put(kind, Counter.builder("cdc.sink.failures")
                    .description("Failures by kind: transient (attempt retried with backoff), dead_letter (record dead-lettered), "
                            + "parse_error (record not parseable; also counted as dead_letter)")
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
    }

    void failed(Kind kind) {
        failures.get(kind).increment();
    }
}
