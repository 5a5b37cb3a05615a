package dev.cdcsink.sink;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.cdcsink.event.ListingChange;
import dev.cdcsink.event.Op;
import dev.cdcsink.event.SourcePosition;

/**
 * Applies a {@link ChangeBatch} to the target in ONE transaction: the rows and the partitions'
 * next offsets commit together or not at all, so a crash anywhere leaves the target at a batch
 * boundary and a redelivered record is recognised as a duplicate.
 *
 * <p>Within the batch, each key's changes are compacted to the newest one by source position,
 * which gives the same final state as applying them one by one, since an older change never
 * overwrites a newer one anyway.
 */
@Service
public class ListingSink {

    private final ListingTable table;
    private final OffsetStore offsets;
    private final TransactionTemplate transaction;
    private final DeleteMode deleteMode;

    public ListingSink(ListingTable table, OffsetStore offsets, PlatformTransactionManager transactionManager,
            SinkProperties properties) {
        this.table = table;
        this.offsets = offsets;
        this.deleteMode = properties.deleteMode();
        this.transaction = new TransactionTemplate(transactionManager);
        // Row locks on the batch's keys are all the isolation needed; READ COMMITTED takes no gap
        // locks, so consumers of different partitions do not deadlock on neighbouring keys.
        this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.transaction.setName("cdc-sink-batch");
    }

    /** Applies the batch; throws (and changes nothing) when the transaction cannot commit. */
    public ApplyResult apply(ChangeBatch batch) {
        return transaction.execute(status -> applyInTransaction(batch));
    }

    private ApplyResult applyInTransaction(ChangeBatch batch) {
        ApplyResult result = new ApplyResult();
        Map<TopicPartition, Long> stored = offsets.lock(batch.nextOffsets().keySet());
        LocalDateTime appliedAt = LocalDateTime.now(ZoneOffset.UTC);

        Map<Long, List<ListingChange>> byKey = new LinkedHashMap<>();
        SourcePosition floor = table.truncateFloor();
        SourcePosition newestTruncate = null;
        for (ListingChange change : batch.changes()) {
            TopicPartition partition = new TopicPartition(change.coordinates().topic(), change.coordinates().partition());
            if (change.coordinates().offset() < stored.get(partition)) {
                result.add(ChangeOutcome.DUPLICATE, change);
            } else if (change.op() == Op.TRUNCATE) {
                ChangeOutcome outcome = truncateOutcome(change.position(), max(floor, newestTruncate));
                result.add(outcome, change);
                if (outcome == ChangeOutcome.APPLIED) {
                    newestTruncate = change.position();
                }
            } else {
                byKey.computeIfAbsent(change.id(), k -> new ArrayList<>()).add(change);
            }
        }
        if (newestTruncate != null) {
            // Applied before the keyed changes: positions make the order irrelevant to the final
            // state, and afterwards the floor rejects whatever the truncate wiped out.
            table.truncate(newestTruncate, deleteMode, appliedAt);
            floor = newestTruncate;
        }

        List<ListingChange> upserts = new ArrayList<>();
        List<ListingChange> deletes = new ArrayList<>();
        Map<Long, SourcePosition> held = byKey.isEmpty() ? Map.of()
                : table.lockPositions(byKey.keySet(), deleteMode == DeleteMode.HARD);
        Map<Long, RowImage> heldImages = table.rowImages(keysTiedWithHeld(byKey, held), deleteMode);
        for (Map.Entry<Long, List<ListingChange>> entry : byKey.entrySet()) {
            SourcePosition newest = max(floor, held.get(entry.getKey()));
            RowImage current = heldImages.get(entry.getKey());
            ListingChange winner = null;
            for (ListingChange change : entry.getValue()) {
                RowImage image = RowImage.of(change, deleteMode);
                ChangeOutcome outcome = outcome(change.position(), newest, image, current);
                result.add(outcome, change);
                if (outcome == ChangeOutcome.APPLIED) {
                    newest = change.position();
                    current = image;
                    winner = change;
                }
            }
            if (winner != null) {
                (winner.op() == Op.DELETE && deleteMode == DeleteMode.HARD ? deletes : upserts).add(winner);
            }
        }
        table.upsert(upserts, appliedAt);
        table.delete(deletes, appliedAt);
        offsets.advance(stored, batch.nextOffsets());
        return result;
    }

    /**
     * Newer than what is held: applied. Older: stale. Equal: the same transaction, whose changes
     * the partition delivers in order; the same image again is a re-sent change (duplicate), any
     * other image a later change of the transaction (applied).
     */
    private static ChangeOutcome outcome(SourcePosition position, SourcePosition held, RowImage image,
            RowImage heldImage) {
        int c = held == null ? 1 : position.compareTo(held);
        if (c > 0 || (c == 0 && !image.sameAs(heldImage))) {
            return ChangeOutcome.APPLIED;
        }
        return c == 0 ? ChangeOutcome.DUPLICATE : ChangeOutcome.STALE;
    }

    private static ChangeOutcome truncateOutcome(SourcePosition position, SourcePosition floor) {
        int c = floor == null ? 1 : position.compareTo(floor);
        return c > 0 ? ChangeOutcome.APPLIED : c == 0 ? ChangeOutcome.DUPLICATE : ChangeOutcome.STALE;
    }

    /** Keys whose stored position equals one of their changes' in this batch: only for them the row itself is read. */
    private static List<Long> keysTiedWithHeld(Map<Long, List<ListingChange>> byKey, Map<Long, SourcePosition> held) {
        List<Long> tied = new ArrayList<>();
        byKey.forEach((id, changes) -> {
            SourcePosition position = held.get(id);
            if (position != null && changes.stream().anyMatch(c -> c.position().compareTo(position) == 0)) {
                tied.add(id);
            }
        });
        return tied;
    }

    private static SourcePosition max(SourcePosition a, SourcePosition b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
