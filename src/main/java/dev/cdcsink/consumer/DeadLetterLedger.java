package dev.cdcsink.consumer;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.dialect.LedgerStatements;
import dev.cdcsink.dialect.Sql;
import dev.cdcsink.dialect.SqlDialect;

/**
 * {@code sink_dead_letter}: the origin of every record the sink dead-lettered and where its dead
 * letter went. It is what keeps a record read again (after a replay, or in a retried batch) from
 * being dead-lettered twice.
 */
@Repository
class DeadLetterLedger {

    private static final int MAX_REASON = 1000;

    private final JdbcTemplate jdbc;
    private final LedgerStatements sql;

    DeadLetterLedger(JdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.sql = dialect.ledgers();
    }

    boolean contains(KafkaCoordinates origin) {
        boolean[] found = { false };
        Sql.query(jdbc, sql.deadLetterRecorded().render(List.of(origin), 1,
                (o, v) -> v.add(o.topic()).add(o.partition()).add(o.offset())), rs -> found[0] = true);
        return found[0];
    }

    /** Records a published dead letter; recording it again (after a crash or a race) keeps the first. */
    void record(KafkaCoordinates origin, KafkaCoordinates deadLetter, String reason) {
        String shortReason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON - 1) + "…" : reason;
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        Sql.update(jdbc, sql.recordDeadLetter().render(List.of(origin), 1, (o, v) -> v.add(o.topic()).add(o.partition())
                .add(o.offset()).add(deadLetter.topic()).add(deadLetter.partition()).add(deadLetter.offset())
                .add(shortReason).add(now)));
    }
}
