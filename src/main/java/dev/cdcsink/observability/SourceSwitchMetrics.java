package dev.cdcsink.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import dev.cdcsink.apply.ApplyResult;

/**
 * {@code cdc_sink_source_switches_total}: every source log the sink found started anew in a
 * partition's stream (a failover, a binlog reset, a connector re-sending changes), each of which gave
 * the partition a new source epoch. One counter, registered up front, so that the
 * CdcSinkSourceSwitched alert's {@code increase()} sees the very first; which partition and server
 * the log line and {@code sink_source_epoch} say.
 */
@Component
class SourceSwitchMetrics {

    private final Counter switches;

    SourceSwitchMetrics(MeterRegistry registry) {
        this.switches = Counter.builder("cdc.sink.source.switches")
                .description("Source logs found started anew in a partition's stream (failover, binlog reset, "
                        + "re-sent changes); their changes got a new source epoch")
                .register(registry);
    }

    void committed(ApplyResult result) {
        switches.increment(result.sourceSwitches().size());
    }
}
