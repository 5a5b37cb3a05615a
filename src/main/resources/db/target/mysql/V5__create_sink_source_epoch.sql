-- Source epochs: positions of two source logs (a failover to a replica, a RESET MASTER) are not
-- comparable, so the log's restart is detected per partition (a position before the last one
-- applied, in Kafka order, written by another server or later) and everything after it gets a
-- higher epoch, the position's second field, under which it orders as newer than anything before.

-- Where each partition's stream stands as the sink last inspected it: the highest offset read for
-- detection, which server wrote that change, its position without the epoch and when the source
-- committed it (epoch milliseconds).
ALTER TABLE sink_offset
    ADD COLUMN source_offset   BIGINT        NULL,
    ADD COLUMN source_server   VARCHAR(200)  NULL,
    ADD COLUMN source_position VARBINARY(32) NULL,
    ADD COLUMN source_ts_ms    BIGINT        NULL;

-- From which offset of a partition a source epoch holds; a record's epoch is that of the newest
-- boundary at or below its offset (0 below all), so a replay gives each record the epoch it had.
CREATE TABLE sink_source_epoch (
    topic             VARCHAR(249)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    kafka_partition   INT           NOT NULL,
    from_offset       BIGINT        NOT NULL,
    epoch             INT           NOT NULL,
    source_server     VARCHAR(200)  NULL,
    first_position    VARBINARY(32) NOT NULL,
    previous_server   VARCHAR(200)  NULL,
    previous_position VARBINARY(32) NULL,
    detected_at       DATETIME(6)   NOT NULL,
    PRIMARY KEY (topic, kafka_partition, from_offset)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
