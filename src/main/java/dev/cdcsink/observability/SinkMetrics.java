package dev.cdcsink.observability;

import org.springframework.stereotype.Component;

import dev.cdcsink.apply.ApplyResult;
import dev.cdcsink.change.Op;
import dev.cdcsink.consumer.PipelineObserver;

/**
 * What the pipeline reports, turned into its metrics (changes, latency and freshness, failures,
 * transactions, source switches) and each table's activity.
 */
@Component
class SinkMetrics implements PipelineObserver {

    private final ChangeMetrics changes;
    private final LatencyMetrics latency;
    private final FailureMetrics failures;
    private final BatchMetrics batches;
    private final TableActivity tables;
    private final SourceSwitchMetrics sourceSwitches;

    SinkMetrics(ChangeMetrics changes, LatencyMetrics latency, FailureMetrics failures, BatchMetrics batches,
            TableActivity tables, SourceSwitchMetrics sourceSwitches) {
        this.changes = changes;
        this.latency = latency;
        this.failures = failures;
        this.batches = batches;
        this.tables = tables;
        this.sourceSwitches = sourceSwitches;
    }

    @Override
    public void committed(ApplyResult result) {
        latency.committed(result);
        changes.committed(result);
        tables.committed(result);
        sourceSwitches.committed(result);
    }

    @Override
    public void transaction(int records, long nanos) {
        batches.applied(records, nanos);
    }

    @Override
    public void tombstone(String topic) {
        changes.tombstone(topic);
    }

    @Override
    public void ignored(String topic, String kind) {
        changes.ignored(topic, kind);
    }

    @Override
    public void excluded(String sourceTable, Op op) {
        changes.excluded(sourceTable, op);
    }

    @Override
    public void deadLettered(String table, Op op) {
        changes.deadLettered(table, op);
        failures.failed(FailureMetrics.Kind.DEAD_LETTER);
        // no op known exactly when the parser rejected the record
        if (op == null) {
            failures.failed(FailureMetrics.Kind.PARSE_ERROR);
        }
    }

    @Override
    public void deadLetteredBefore(String table, Op op) {
        changes.deadLetteredBefore(table, op);
    }

    @Override
    public void transientFailure() {
        failures.failed(FailureMetrics.Kind.TRANSIENT);
    }
}
