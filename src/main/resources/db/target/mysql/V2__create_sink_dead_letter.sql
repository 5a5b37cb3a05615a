-- Every record the sink dead-lettered, by its origin: a record already here is not published
-- again when it is read again (a replay, a retried batch), so the dead-letter topic holds each
-- origin once. Written right after the broker acknowledged the dead letter.
CREATE TABLE sink_dead_letter (
    topic                 VARCHAR(249)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    kafka_partition       INT           NOT NULL,
    kafka_offset          BIGINT        NOT NULL,
    dead_letter_topic     VARCHAR(249)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    dead_letter_partition INT           NOT NULL,
    dead_letter_offset    BIGINT        NOT NULL,
    reason                VARCHAR(1000) NOT NULL,
    dead_lettered_at      DATETIME(6)   NOT NULL,
    PRIMARY KEY (topic, kafka_partition, kafka_offset)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
