package dev.cdcsink.consumer;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.cdcsink.event.KafkaCoordinates;

/**
 * {@code sink_dead_letter}: the origin of every record the sink dead-lettered and where its dead
 * letter went. It is what keeps a record read again (after a replay, or in a retried batch) from
 * being dead-lettered twice.
 */
@Repository
class DeadLetterLedger {

    private static final int MAX_REASON = 1000;

    private final JdbcTemplate jdbc;

    DeadLetterLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean contains(KafkaCoordinates origin) {
        Integer found = jdbc.query("SELECT 1 FROM sink_dead_letter WHERE topic = ? AND kafka_partition = ? AND "
                + "kafka_offset = ?", rs -> rs.next() ? 1 : null, origin.topic(), origin.partition(), origin.offset());
        return found != null;
    }

    /** Records a published dead letter; recording it again (after a crash or a race) keeps the first. */
    void record(KafkaCoordinates origin, KafkaCoordinates deadLetter, String reason) {
        String shortReason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON - 1) + "…" : reason;
        jdbc.update("INSERT IGNORE INTO sink_dead_letter (topic, kafka_partition, kafka_offset, dead_letter_topic, "
                + "dead_letter_partition, dead_letter_offset, reason, dead_lettered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                origin.topic(), origin.partition(), origin.offset(), deadLetter.topic(), deadLetter.partition(),
                deadLetter.offset(), shortReason, LocalDateTime.now(ZoneOffset.UTC));
    }
}
