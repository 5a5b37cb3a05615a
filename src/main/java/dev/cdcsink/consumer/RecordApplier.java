package dev.cdcsink.consumer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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

import dev.cdcsink.apply.ApplyResult;
import dev.cdcsink.apply.ChangeBatch;
import dev.cdcsink.apply.ChangeOutcome;
import dev.cdcsink.apply.ChangeSink;
import dev.cdcsink.apply.RejectedRows;
import dev.cdcsink.apply.SinkProperties;
import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.event.ChangeEventParser;
import dev.cdcsink.event.ParseResult;
import dev.cdcsink.event.decode.DecodeException;
import dev.cdcsink.table.TableCatalog;

/**
 * The one path from Kafka records to the target, for the listener and for redriven dead letters:
 * parse each record, bind its change to its target table (creating the table if it is missing),
 * dead-letter what can never be applied, apply the rest in transactions of at most
 * {@code cdc-sink.sink.chunk-size} records, and if the target rejects a row, apply that
 * transaction's changes one by one so only that row is dead-lettered. A failure that may pass is
 * thrown; what committed before it stays, recorded with its offsets, and nothing after it is applied.
 *
 * <p>While one transaction is in flight, the next part's records are parsed and bound on another
 * thread, so the target does not sit idle while a part is parsed, nor the parser while the target works.
 */
@Component
class RecordApplier implements DisposableBean {

    /** What became of the records: the batches committed, and how many changes were applied, skipped, dead-lettered. */
    record Outcome(List<ChangeBatch> batches, int applied, int skipped, int deadLettered) {
    }

    /** A record made ready for a transaction. */
    private sealed interface Prepared {
        ConsumerRecord<byte[], byte[]> record();
    }

    private record Ready(ConsumerRecord<byte[], byte[]> record, ChangeBatch.Planned planned) implements Prepared {
    }

    /** Nothing to apply (a tombstone, an excluded table's change), but its offset is consumed. */
    private record Skip(ConsumerRecord<byte[], byte[]> record) implements Prepared {
    }

    /**
     * Can never be applied: dead-lettered.
     *
     * @param table the target (or source) table when known, else null
     * @param op    the change's op when known, else null
     */
    private record Poison(ConsumerRecord<byte[], byte[]> record, String reason, String table, Op op) implements Prepared {
    }

    private static final Logger log = LoggerFactory.getLogger(RecordApplier.class);

    private final ChangeEventParser parser;
    private final TableCatalog catalog;
    private final ChangeSink sink;
    private final DeadLetters deadLetters;
    private final PipelineObserver observer;
    private final int transactionSize;
    private final ExecutorService parseAhead;

    RecordApplier(ChangeEventParser parser, TableCatalog catalog, ChangeSink sink, DeadLetters deadLetters,
            PipelineObserver observer, SinkProperties properties) {
        this.parser = parser;
        this.catalog = catalog;
        this.sink = sink;
        this.deadLetters = deadLetters;
        this.observer = observer;
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
        Future<List<Prepared>> next = null;
        try {
            List<Prepared> prepared = prepareInTwo(part(records, 0));
            for (int from = 0; from < records.size(); from += transactionSize) {
                int following = from + transactionSize;
                next = following < records.size() ? parseAhead.submit(() -> prepare(part(records, following))) : null;
                committed.add(apply(prepared, tally));
                prepared = next == null ? null : next.get();
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

    /** The first part has nothing to overlap with: half of it is prepared on the parse-ahead thread meanwhile. */
    private List<Prepared> prepareInTwo(List<ConsumerRecord<byte[], byte[]>> records)
            throws InterruptedException, ExecutionException {
        int half = records.size() / 2;
        Future<List<Prepared>> second = parseAhead.submit(() -> prepare(records.subList(half, records.size())));
        try {
            List<Prepared> prepared = prepare(records.subList(0, half));
            prepared.addAll(second.get());
            return prepared;
        } finally {
            second.cancel(true);
        }
    }

    /** Parses and binds the records; the target database being unavailable is thrown (transient), bad records are not. */
    private List<Prepared> prepare(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Prepared> prepared = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            prepared.add(prepare(record));
        }
        return prepared;
    }

    private Prepared prepare(ConsumerRecord<byte[], byte[]> record) {
        ParseResult parsed = parser.parse(coordinates(record), record.key(), record.value());
        if (parsed instanceof ParseResult.Tombstone) {
            observer.tombstone(record.topic());
            return new Skip(record);
        }
        if (parsed instanceof ParseResult.Ignored ignored) {
            observer.ignored(record.topic(), ignored.kind());
            return new Skip(record);
        }
        if (parsed instanceof ParseResult.Failure failure) {
            return new Poison(record, failure.reason(), null, null);
        }
        RowChange change = ((ParseResult.Change) parsed).change();
        try {
            TableCatalog.Binding binding = catalog.bind(change);
            if (binding instanceof TableCatalog.Excluded) {
                observer.excluded(change.table().toString(), change.op());
                return new Skip(record);
            }
            if (binding instanceof TableCatalog.Truncate truncate) {
                return new Ready(record, ChangeBatch.Planned.truncate(change, truncate.table()));
            }
            TableCatalog.Bound bound = (TableCatalog.Bound) binding;
            return new Ready(record, ChangeBatch.Planned.of(change, bound.plan()));
        } catch (DecodeException e) {
            return new Poison(record, e.reason(), change.table().toString(), change.op());
        }
    }

    private static KafkaCoordinates coordinates(ConsumerRecord<byte[], byte[]> record) {
        return new KafkaCoordinates(record.topic(), record.partition(), record.offset(), record.timestamp());
    }

    /** One transaction: the prepared records' changes, with the dead letters and skipped records among them consumed. */
    private ChangeBatch apply(List<Prepared> prepared, Tally tally) {
        long started = System.nanoTime();
        ChangeBatch.Builder builder = ChangeBatch.builder();
        List<Ready> ready = new ArrayList<>();
        for (Prepared p : prepared) {
            if (p instanceof Ready r) {
                builder.add(r.planned());
                ready.add(r);
            } else if (p instanceof Poison poison) {
                deadLetter(poison, tally);
                builder.consumed(coordinates(p.record()));
            } else {
                builder.consumed(coordinates(p.record()));
            }
        }
        ChangeBatch batch = builder.build();
        try {
            tally.add(sink.apply(batch));
        } catch (RuntimeException e) {
            if (!sink.rejectsRow(e)) {
                throw e;
            }
            log.warn("The target rejected a row of a batch of {} changes; applying them one by one to isolate it: {}",
                    batch.changes().size(), RejectedRows.reason(e));
            applyOneByOne(batch, ready, tally);
        }
        observer.transaction(prepared.size(), System.nanoTime() - started);
        return batch;
    }

    private void applyOneByOne(ChangeBatch batch, List<Ready> ready, Tally tally) {
        for (Ready r : ready) {
            try {
                tally.add(sink.apply(ChangeBatch.builder().add(r.planned()).build()));
            } catch (RuntimeException e) {
                if (!sink.rejectsRow(e)) {
                    throw e;
                }
                RowChange change = r.planned().change();
                deadLetter(new Poison(r.record(), "INVALID_VALUE: the target rejected the row: " + RejectedRows.reason(e),
                        r.planned().table(), change.op()), tally);
                sink.apply(ChangeBatch.builder().consumed(change.coordinates()).build());
            }
        }
        // tombstones, skipped records and dead letters of the batch move their partitions too
        sink.apply(new ChangeBatch(List.of(), batch.nextOffsets()));
    }

    private void deadLetter(Poison poison, Tally tally) {
        tally.deadLettered++;
        KafkaCoordinates at = coordinates(poison.record());
        if (deadLetters.publishOnce(poison.record(), at, new PoisonRecordException(poison.reason()))) {
            observer.deadLettered(poison.table(), poison.op());
            log.warn("Dead-lettered {}: {}", at, poison.reason());
        } else {
            observer.deadLetteredBefore(poison.table(), poison.op());
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
            observer.committed(result);
            applied += result.count(ChangeOutcome.APPLIED);
            skipped += result.count(ChangeOutcome.DUPLICATE) + result.count(ChangeOutcome.STALE);
        }
    }
}
