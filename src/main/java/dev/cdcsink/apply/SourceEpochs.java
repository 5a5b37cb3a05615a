package dev.cdcsink.apply;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.dialect.LedgerStatements;
import dev.cdcsink.dialect.Sql;
import dev.cdcsink.dialect.SqlDialect;

/**
 * Gives each change the epoch of its source log, so that a log that starts anew (a failover to a
 * replica with lower binlog coordinates, {@code RESET MASTER}) cannot make every later change look
 * stale. Within a partition Debezium's changes arrive in log order, so a position before the last
 * one inspected ({@link SourcePosition#restartsLogOf}) of a change that another server wrote, or
 * that the source committed later than that last one, means the log restarted: from that record on
 * the partition's changes get a higher epoch, stored as a boundary ({@code sink_source_epoch}:
 * partition, first offset, epoch) in the transaction that applies them. A record's epoch is that of
 * the newest boundary at or below its offset, so a replay gives every record the epoch it had.
 *
 * <p>Epochs are numbered per topic. A partition that finds its log restarted takes the lowest epoch
 * above its own that another partition began for the same server (the same failover, seen there
 * first), else a new one; a partition that meets the changes of another server at higher positions
 * (which order as newer anyway) takes such an epoch too when there is one, so that a truncate's
 * floor compares alike with the changes of every partition.
 *
 * <p>A change that goes back in the log without either (a connector re-sending changes after its
 * restart, a change delivered late) is older than what the partition applied and stays what it is:
 * stale, or a duplicate. Times of the source are whole seconds on MariaDB, so a re-sent change may
 * look committed later than the last one and count as a restart: harmless, since the re-sent
 * changes apply again in their order and end where they ended before; a reset within the second
 * of the partition's last change is told from a re-send only by the server (see README).
 */
final class SourceEpochs {

    private static final Logger log = LoggerFactory.getLogger(SourceEpochs.class);

    /** The changes at their epochs, and the partitions' source states after them, for {@link OffsetStore#advance}. */
    record Assigned(List<ChangeBatch.Planned> changes, Map<TopicPartition, SourceState> sourceStates) {
    }

    /** From {@code fromOffset} on, a partition's changes have {@code epoch}. */
    private record Boundary(int partition, long fromOffset, int epoch, String server) {
    }

    private final JdbcTemplate jdbc;
    private final LedgerStatements sql;
    private final int perStatement;

    SourceEpochs(JdbcTemplate jdbc, SqlDialect dialect, int perStatement) {
        this.jdbc = jdbc;
        this.sql = dialect.ledgers();
        this.perStatement = perStatement;
    }

    /**
     * Inside the transaction that locked the partitions' offsets and source states: the changes at
     * their epochs, in the same order, and the source states of the partitions whose changes were
     * inspected; the restarts found are recorded and reported to {@code result}. Records below the
     * stored offsets are left as they are (duplicates, never applied).
     */
    Assigned assign(List<ChangeBatch.Planned> changes, OffsetStore.Locked locked, LocalDateTime at, ApplyResult result) {
        if (changes.isEmpty()) {
            return new Assigned(changes, Map.of());
        }
        Map<TopicPartition, Long> stored = locked.nextOffsets();
        // a batch is runs of one partition's records: one TopicPartition per run, not per change
        List<TopicPartition> partitionOf = new ArrayList<>(changes.size());
        TopicPartition run = null;
        for (ChangeBatch.Planned planned : changes) {
            KafkaCoordinates record = planned.change().coordinates();
            if (run == null || run.partition() != record.partition() || !run.topic().equals(record.topic())) {
                run = new TopicPartition(record.topic(), record.partition());
            }
            partitionOf.add(run);
        }
        Set<TopicPartition> partitions = new LinkedHashSet<>(partitionOf);
        Map<TopicPartition, SourceState> states = locked.sourceStates();
        Map<String, List<Boundary>> epochs = epochs(partitions.stream().map(TopicPartition::topic).distinct().toList());
        Map<TopicPartition, SourceState> inspected = new HashMap<>();
        List<SourceSwitch> found = new ArrayList<>();
        List<ChangeBatch.Planned> assigned = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            ChangeBatch.Planned planned = changes.get(i);
            RowChange change = planned.change();
            TopicPartition partition = partitionOf.get(i);
            long offset = change.coordinates().offset();
            if (offset < stored.get(partition)) {
                assigned.add(planned);
                continue;
            }
            List<Boundary> topic = epochs.computeIfAbsent(partition.topic(), t -> new ArrayList<>());
            SourceState state = inspected.getOrDefault(partition, states.get(partition));
            if (state == null || offset > state.offset()) {
                SourceSwitch switched = detect(partition, change, state, topic);
                if (switched != null) {
                    topic.add(new Boundary(partition.partition(), offset, switched.epoch(), switched.server()));
                    found.add(switched);
                }
                inspected.put(partition, new SourceState(offset,
                        change.sourceServer() != null || state == null ? change.sourceServer() : state.server(),
                        change.position(), change.sourceTimestamp()));
            }
            int epoch = epochAt(topic, partition.partition(), offset);
            assigned.add(epoch == change.position().epoch() ? planned : planned.at(change.position().withEpoch(epoch)));
        }
        record(found, at);
        found.forEach(result::switched);
        return new Assigned(assigned, inspected);
    }

    /** A restart of the partition's log at this change, or null. */
    private static SourceSwitch detect(TopicPartition partition, RowChange change, SourceState state, List<Boundary> topic) {
        if (state == null) {
            return null;
        }
        long offset = change.coordinates().offset();
        int current = epochAt(topic, partition.partition(), offset);
        String server = change.sourceServer();
        boolean otherServer = server != null && state.server() != null && !server.equals(state.server());
        // a change re-sent by the connector, or delivered late, is older than the last one: only one written
        // by another server or later goes back because its log started anew
        boolean restarted = change.position().restartsLogOf(state.position())
                && (otherServer || committedLater(change.sourceTimestamp(), state.sourceTimestamp()));
        if (!restarted && !otherServer) {
            return null;
        }
        Integer begun = topic.stream().filter(b -> b.epoch() > current && Objects.equals(b.server(), server))
                .map(Boundary::epoch).min(Integer::compare).orElse(null);
        if (begun == null && !restarted) {
            // another server's changes at later positions: they order as newer as they are
            return null;
        }
        int epoch = begun != null ? begun : topic.stream().mapToInt(Boundary::epoch).max().orElse(0) + 1;
        if (epoch > SourcePosition.MAX_EPOCH) {
            throw new IllegalStateException("the source log of " + partition + " restarted at offset " + offset
                    + " for the " + SourcePosition.MAX_EPOCH + "th time: no epoch left to order its changes after the "
                    + "earlier ones; re-baseline the topic's tables (see README, How it stays exact)");
        }
        SourceSwitch switched = new SourceSwitch(partition.topic(), partition.partition(), offset, epoch, server,
                change.position().withEpoch(0), state.server(), state.position().withEpoch(0), begun != null);
        log.warn("Source log restarted in {} at offset {}: position {} (server {}) after {} (server {}); this change and "
                + "every later one of the partition take epoch {}{}, so they order after everything before",
                partition, offset, switched.position(), server, state.position(), state.server(), epoch,
                begun != null ? " (begun by another partition of the topic)" : "");
        return switched;
    }

    /** Whether the source committed the change after the last one; unknown times count as later (never a silent skip). */
    private static boolean committedLater(Instant change, Instant last) {
        return change == null || last == null || change.isAfter(last);
    }

    /** The epoch of the partition's newest boundary at or below {@code offset}; 0 below all. */
    private static int epochAt(List<Boundary> topic, int partition, long offset) {
        int epoch = 0;
        long from = -1;
        for (Boundary b : topic) {
            if (b.partition() == partition && b.fromOffset() <= offset && b.fromOffset() > from) {
                epoch = b.epoch();
                from = b.fromOffset();
            }
        }
        return epoch;
    }

    private Map<String, List<Boundary>> epochs(List<String> topics) {
        Map<String, List<Boundary>> epochs = new HashMap<>();
        Sql.query(jdbc, sql.sourceEpochs().render(topics, perStatement, (t, v) -> v.add(t)),
                rs -> epochs.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                        .add(new Boundary(rs.getInt(2), rs.getLong(3), rs.getInt(4), rs.getString(5))));
        return epochs;
    }

    private void record(List<SourceSwitch> found, LocalDateTime at) {
        if (found.isEmpty()) {
            return;
        }
        Sql.update(jdbc, sql.recordSourceEpoch().render(found, perStatement, (s, v) -> v.add(s.topic())
                .add(s.partition()).add(s.offset()).add(s.epoch()).add(s.server()).add(s.position().toBytes())
                .add(s.previousServer()).add(s.previousPosition().toBytes()).add(at)));
    }
}
