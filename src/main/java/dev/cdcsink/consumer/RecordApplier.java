package dev.cdcsink.consumer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.cdcsink.event.ChangeEventParser;
import dev.cdcsink.event.KafkaCoordinates;
import dev.cdcsink.event.ListingChange;
import dev.cdcsink.event.ParseResult;
import dev.cdcsink.observability.BatchMetrics;
import dev.cdcsink.observability.ChangeMetrics;
import dev.cdcsink.observability.FailureMetrics;
import dev.cdcsink.observability.LatencyMetrics;
import dev.cdcsink.sink.ApplyResult;
import dev.cdcsink.sink.ChangeBatch;
import dev.cdcsink.sink.ChangeOutcome;
import dev.cdcsink.sink.ListingSink;
import dev.cdcsink.sink.RejectedRows;
import dev.cdcsink.sink.SinkProperties;

/**
 * The one path from Kafka records to the target, for the listener and for redriven dead letters:
 * parse each record, dead-letter what can never be applied, apply the rest in transactions of at
 * most {@code cdc-sink.sink.chunk-size} records, and if the target rejects a row, apply that
 * transaction's changes one by one so only that row is dead-lettered. A failure that may pass is
 * thrown; what committed before it stays, recorded with its offsets, and nothing after it is applied.
 *
 * <p>While one transaction is in flight, the next part's records are parsed on another thread,
 * so the target does not sit idle while a part is parsed, nor the parser while the target works.
 */
@Component
class RecordApplier implements DisposableBean {

    /** What became of the records: the batches committed, and how many changes were applied, skipped, dead-lettered. */
    record Outcome(List<ChangeBatch> batches, int applied, int skipped, int deadLettered) {
    }

    private static final Logger log = LoggerFactory.getLogger(RecordApplier.class);

    private final ChangeEventParser parser;
    private final ListingSink sink;
    private final DeadLetters deadLetters;
    private final ChangeMetrics metrics;
    private final LatencyMetrics latency;
    private final FailureMetrics failures;
    private final BatchMetrics batchMetrics;
    private final int transactionSize;
    private final ExecutorService parseAhead;

    RecordApplier(ChangeEventParser parser, ListingSink sink, DeadLetters deadLetters, ChangeMetrics metrics,
            LatencyMetrics latency, FailureMetrics failures, BatchMetrics batchMetrics, SinkProperties properties) {
        this.latency = latency;
        this.failures = failures;
        this.parser = parser;
        this.sink = sink;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.batchMetrics = batchMetrics;
        this.transactionSize = properties.chunkSize();
        AtomicInteger threads = new AtomicInteger();
        this.parseAhead = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "cdc-sink-parse-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    Outcome apply(List<ConsumerRecord<byte[], byte[]>> records) {
        Tally tally = new Tally();
        List<ChangeBatch> committed = new ArrayList<>();
        Future<List<ParseResult>> next = null;
        try {
            List<ParseResult> parsed = parseInTwo(part(records, 0));
            for (int from = 0; from < records.size(); from += transactionSize) {
                int following = from + transactionSize;
                next = following < records.size() ? parseAhead.submit(() -> parse(part(records, following))) : null;
                committed.add(apply(part(records, from), parsed, tally));
                parsed = next == null ? null : next.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing records", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            if (next != null) {
                next.cancel(true);
            }
        }
        return new Outcome(committed, tally.applied, tally.skipped, tally.deadLettered);
    }

    private List<ConsumerRecord<byte[], byte[]>> part(List<ConsumerRecord<byte[], byte[]>> records, int from) {
        return records.subList(from, Math.min(records.size(), from + transactionSize));
    }

    /** The first part has nothing to overlap with: half of it is parsed on the parse-ahead thread meanwhile. */
    private List<ParseResult> parseInTwo(List<ConsumerRecord<byte[], byte[]>> records)
            throws InterruptedException, ExecutionException {
        int half = records.size() / 2;
        Future<List<ParseResult>> second = parseAhead.submit(() -> parse(records.subList(half, records.size())));
        try {
            List<ParseResult> parsed = parse(records.subList(0, half));
            parsed.addAll(second.get());
            return parsed;
        } finally {
            second.cancel(true);
        }
    }

    private List<ParseResult> parse(List<ConsumerRecord<byte[], byte[]>> records) {
        List<ParseResult> parsed = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            parsed.add(parser.parse(coordinates(record), record.key(), record.value()));
        }
        return parsed;
    }

    private static KafkaCoordinates coordinates(ConsumerRecord<byte[], byte[]> record) {
        return new KafkaCoordinates(record.topic(), record.partition(), record.offset(), record.timestamp());
    }

    /** One transaction: the parsed records' changes, with the dead letters and tombstones among them consumed. */
    private ChangeBatch apply(List<ConsumerRecord<byte[], byte[]>> records, List<ParseResult> parsed, Tally tally) {
        long started = System.nanoTime();
        Map<KafkaCoordinates, ConsumerRecord<byte[], byte[]>> byCoordinates = new HashMap<>();
        ChangeBatch.Builder builder = ChangeBatch.builder();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            ParseResult result = parsed.get(i);
            KafkaCoordinates at = coordinates(record);
            byCoordinates.put(at, record);
            if (result instanceof ParseResult.Change change) {
                builder.add(change.change());
            } else if (result instanceof ParseResult.Failure failure) {
                deadLetter(record, at, null, new PoisonRecordException(
                        failure.failure().kind() + ": " + failure.failure().message()), tally);
                builder.consumed(at);
            } else {
                metrics.tombstone();
                builder.consumed(at);
            }
        }
        ChangeBatch batch = builder.build();
        try {
            tally.add(sink.apply(batch));
        } catch (RuntimeException e) {
            if (!RejectedRows.isRejectedRow(e)) {
                throw e;
            }
            log.warn("The target rejected a row of a batch of {} changes; applying them one by one to isolate it: {}",
                    batch.changes().size(), RejectedRows.reason(e));
            applyOneByOne(batch, byCoordinates, tally);
        }
        batchMetrics.applied(records.size(), System.nanoTime() - started);
        return batch;
    }

    private void applyOneByOne(ChangeBatch batch, Map<KafkaCoordinates, ConsumerRecord<byte[], byte[]>> records,
            Tally tally) {
        for (ListingChange change : batch.changes()) {
            try {
                tally.add(sink.apply(ChangeBatch.builder().add(change).build()));
            } catch (RuntimeException e) {
                if (!RejectedRows.isRejectedRow(e)) {
                    throw e;
                }
                deadLetter(records.get(change.coordinates()), change.coordinates(), change, new PoisonRecordException(
                        "INVALID_VALUE: the target rejected the row: " + RejectedRows.reason(e), e), tally);
                sink.apply(ChangeBatch.builder().consumed(change.coordinates()).build());
            }
        }
        // tombstones and dead letters of the batch move their partitions too
        sink.apply(new ChangeBatch(List.of(), batch.nextOffsets()));
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, KafkaCoordinates at, ListingChange change,
            PoisonRecordException reason, Tally tally) {
        tally.deadLettered++;
        if (deadLetters.publishOnce(record, at, reason)) {
            metrics.deadLettered(change == null ? null : change.op());
            failures.failed(FailureMetrics.Kind.DEAD_LETTER);
            // there is no change exactly when the parser rejected the record
            if (change == null) {
                failures.failed(FailureMetrics.Kind.PARSE_ERROR);
            }
            log.warn("Dead-lettered {}: {}", at, reason.getMessage());
        } else {
            metrics.deadLetteredBefore(change == null ? null : change.op());
            log.info("{} is in the dead-letter topic already (read again after a replay or retry); not published again",
                    at);
        }
    }

    /** Forgets retry bookkeeping of partitions this instance no longer owns. */
    void forget(Collection<TopicPartition> partitions) {
        deadLetters.forget(partitions);
    }

    @Override
    public void destroy() {
        parseAhead.shutdownNow();
    }

    private final class Tally {
        int applied;
        int skipped;
        int deadLettered;

        /** Right after a transaction committed, which is the instant its changes reached the target. */
        void add(ApplyResult result) {
            latency.committed(result);
            metrics.applied(result);
            applied += result.count(ChangeOutcome.APPLIED);
            skipped += result.count(ChangeOutcome.DUPLICATE) + result.count(ChangeOutcome.STALE);
        }
    }
}
