package dev.cdcsink.sink;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code sink_offset}: the next Kafka offset to apply per partition, kept in the target database
 * and written in the same transaction as the rows it accounts for.
 */
@Repository
public class OffsetStore {

    private final JdbcTemplate jdbc;

    public OffsetStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored next offsets of these partitions, for those the sink ever applied a batch from. */
    public Map<TopicPartition, Long> nextOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> stored = new HashMap<>();
        partitions.forEach(p -> nextOffset(p).ifPresent(next -> stored.put(p, next)));
        return stored;
    }

    /**
     * Sets the partitions' next offsets in one transaction, for a replay. The row locks make a
     * batch in flight for these partitions finish first, or wait and then see the new offsets.
     */
    @Transactional
    public void rewind(Map<TopicPartition, Long> nextOffsets) {
        nextOffsets.forEach((p, next) -> jdbc.update("INSERT INTO sink_offset (topic, kafka_partition, next_offset, "
                + "updated_at) VALUES (?, ?, ?, UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE next_offset = VALUES(next_offset), "
                + "updated_at = VALUES(updated_at)", p.topic(), p.partition(), next));
    }

    /** Moves the partitions' next offsets forward to these where they are behind them (never back), in one transaction. */
    @Transactional
    public void advance(Map<TopicPartition, Long> nextOffsets) {
        advance(lock(nextOffsets.keySet()), nextOffsets);
    }

    /** The stored next offset of a partition, if the sink ever applied a batch from it. */
    public Optional<Long> nextOffset(TopicPartition partition) {
        return jdbc.query("SELECT next_offset FROM sink_offset WHERE topic = ? AND kafka_partition = ?",
                (rs, n) -> rs.getLong(1), partition.topic(), partition.partition()).stream().findFirst();
    }

    /**
     * Inside the caller's transaction: locks the partitions' rows (creating them at offset 0) and
     * returns their next offsets. The lock makes a second consumer of the same partition (a zombie
     * after a rebalance) wait, then see the offsets this transaction wrote and skip its records.
     */
    Map<TopicPartition, Long> lock(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition p : partitions) {
            List<Long> stored = selectForUpdate(p);
            if (stored.isEmpty()) {
                jdbc.update("INSERT IGNORE INTO sink_offset (topic, kafka_partition, next_offset, updated_at) "
                        + "VALUES (?, ?, 0, UTC_TIMESTAMP(6))", p.topic(), p.partition());
                stored = selectForUpdate(p);
            }
            offsets.put(p, stored.get(0));
        }
        return offsets;
    }

    /** Inside the caller's transaction, after {@link #lock}: moves the partitions forward (never back). */
    void advance(Map<TopicPartition, Long> locked, Map<TopicPartition, Long> nextOffsets) {
        nextOffsets.forEach((p, next) -> {
            if (next > locked.get(p)) {
                jdbc.update("UPDATE sink_offset SET next_offset = ?, updated_at = UTC_TIMESTAMP(6) "
                        + "WHERE topic = ? AND kafka_partition = ?", next, p.topic(), p.partition());
            }
        });
    }

    private List<Long> selectForUpdate(TopicPartition p) {
        return jdbc.query("SELECT next_offset FROM sink_offset WHERE topic = ? AND kafka_partition = ? FOR UPDATE",
                (rs, n) -> rs.getLong(1), p.topic(), p.partition());
    }
}
