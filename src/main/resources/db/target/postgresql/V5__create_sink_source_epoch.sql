-- Source epochs, as db/target/mysql V5: positions of two source logs are not comparable, so a log's
-- restart is detected per partition and everything after it gets a higher epoch.

-- Where each partition's stream stands as the sink last inspected it.
ALTER TABLE sink_offset
    ADD COLUMN source_offset   bigint       NULL,
    ADD COLUMN source_server   varchar(200) NULL,
    ADD COLUMN source_position bytea        NULL,
    ADD COLUMN source_ts_ms    bigint       NULL;

-- From which offset of a partition a source epoch holds.
CREATE TABLE sink_source_epoch (
    topic             varchar(249) COLLATE "C" NOT NULL,
    kafka_partition   integer      NOT NULL,
    from_offset       bigint       NOT NULL,
    epoch             integer      NOT NULL,
    source_server     varchar(200) NULL,
    first_position    bytea        NOT NULL,
    previous_server   varchar(200) NULL,
    previous_position bytea        NULL,
    detected_at       timestamp(6) NOT NULL,
    PRIMARY KEY (topic, kafka_partition, from_offset)
);
