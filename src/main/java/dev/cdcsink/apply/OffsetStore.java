package dev.cdcsink.apply;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.dialect.LedgerStatements;
import dev.cdcsink.dialect.Sql;
import dev.cdcsink.dialect.SqlDialect;

/**
 * {@code sink_offset}: the next Kafka offset to apply per partition, kept in the target database
 * and written in the same transaction as the rows it accounts for.
 */
@Repository
public class OffsetStore {

    /** Partitions per statement: a batch rarely has more, a rewind of a large topic may. */
    private static final int PER_STATEMENT = 500;

    private final JdbcTemplate jdbc;
    private final LedgerStatements sql;

    public OffsetStore(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.sql = dialect.ledgers();
    }

    /** The stored next offsets of these partitions, for those the sink ever applied a batch from. */
    public Map<TopicPartition, Long> nextOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (partitions.isEmpty()) {
            return offsets;
        }
        Sql.query(jdbc, sql.readOffsets().render(List.copyOf(partitions), PER_STATEMENT,
                (p, v) -> v.add(p.topic()).add(p.partition())),
                rs -> offsets.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3)));
        return offsets;
    }

    /** The stored next offset of a partition, if the sink ever applied a batch from it. */
    public Optional<Long> nextOffset(TopicPartition partition) {
        return Optional.ofNullable(nextOffsets(List.of(partition)).get(partition));
    }

    /**
     * Sets the partitions' next offsets in one transaction, for a replay. The row locks make a
     * batch in flight for these partitions finish first, or wait and then see the new offsets.
     */
    @Transactional
    public void rewind(Map<TopicPartition, Long> nextOffsets) {
        set(nextOffsets);
    }

    /** Moves the partitions' next offsets forward to these where they are behind them (never back), in one transaction. */
    @Transactional
    public void advance(Map<TopicPartition, Long> nextOffsets) {
        advance(lock(nextOffsets.keySet()), nextOffsets, Map.of());
    }

    /** A transaction's hold on partitions' rows: their next offsets and source states as it locked them. */
    record Locked(Map<TopicPartition, Long> nextOffsets, Map<TopicPartition, SourceState> sourceStates) {
    }

    /**
     * Inside the caller's transaction: locks the partitions' rows (creating them at offset 0) and
     * returns their next offsets and source states. The lock makes a second consumer of the same
     * partition (a zombie after a rebalance) wait, then see the offsets this transaction wrote and
     * skip its records.
     */
    Locked lock(Collection<TopicPartition> partitions) {
        Locked locked = new Locked(new HashMap<>(), new HashMap<>());
        if (partitions.isEmpty()) {
            return locked;
        }
        lockInto(locked, partitions);
        if (locked.nextOffsets().size() < partitions.size()) {
            List<TopicPartition> missing = partitions.stream().filter(p -> !locked.nextOffsets().containsKey(p)).toList();
            LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
            Sql.update(jdbc, sql.insertOffsets().render(missing, PER_STATEMENT,
                    (p, v) -> v.add(p.topic()).add(p.partition()).add(0L).add(now)));
            lockInto(locked, missing);
        }
        return locked;
    }

    private void lockInto(Locked locked, Collection<TopicPartition> partitions) {
        Sql.query(jdbc, sql.lockOffsets().render(List.copyOf(partitions), PER_STATEMENT,
                (p, v) -> v.add(p.topic()).add(p.partition())), rs -> {
                    TopicPartition partition = new TopicPartition(rs.getString(1), rs.getInt(2));
                    locked.nextOffsets().put(partition, rs.getLong(3));
                    long offset = rs.getLong(4);
                    if (!rs.wasNull()) {
                        long ts = rs.getLong(7);
                        locked.sourceStates().put(partition, new SourceState(offset, rs.getString(5),
                                SourcePosition.fromBytes(rs.getBytes(6)), rs.wasNull() ? null : Instant.ofEpochMilli(ts)));
                    }
                });
    }

    /**
     * Inside the caller's transaction, after {@link #lock}: moves the partitions forward (never back)
     * and stores their source states, {@code inspected} where the batch gave one, else as locked; one
     * statement for both.
     */
    void advance(Locked locked, Map<TopicPartition, Long> nextOffsets, Map<TopicPartition, SourceState> inspected) {
        List<TopicPartition> changed = new ArrayList<>();
        nextOffsets.forEach((p, next) -> {
            if (next > locked.nextOffsets().get(p) || inspected.containsKey(p)) {
                changed.add(p);
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        Sql.update(jdbc, sql.advanceOffsets().render(changed, PER_STATEMENT, (p, v) -> {
            v.add(p.topic()).add(p.partition()).add(Math.max(nextOffsets.get(p), locked.nextOffsets().get(p))).add(now);
            SourceState state = inspected.getOrDefault(p, locked.sourceStates().get(p));
            if (state == null) {
                v.addNull().addNull().addNull().addNull();
            } else {
                v.add(state.offset()).add(state.server()).add(state.position().withEpoch(0).toBytes());
                if (state.sourceTimestamp() == null) {
                    v.addNull();
                } else {
                    v.add(state.sourceTimestamp().toEpochMilli());
                }
            }
        }));
    }

    private void set(Map<TopicPartition, Long> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        Sql.update(jdbc, sql.setOffsets().render(new ArrayList<>(offsets.entrySet()), PER_STATEMENT,
                (e, v) -> v.add(e.getKey().topic()).add(e.getKey().partition()).add(e.getValue()).add(now)));
    }
}
