-- The copy of the source `listings` table, plus the bookkeeping the sink needs to be exact:
-- the source position of the change that produced the row (decides which change wins),
-- a soft-delete flag, and when the source committed / the sink applied the change.
CREATE TABLE listings (
    id              BIGINT        NOT NULL,
    seller_id       BIGINT        NULL,
    title           VARCHAR(200)  NULL,
    category        VARCHAR(64)   NULL,
    city            VARCHAR(64)   NULL,
    price           DECIMAL(12,2) NULL,
    currency        CHAR(3)       NULL,
    status          VARCHAR(16)   NULL,
    created_at      DATETIME(6)   NULL,
    updated_at      DATETIME(6)   NULL,
    deleted         BOOLEAN       NOT NULL DEFAULT FALSE,
    source_ts       DATETIME(3)   NULL,
    applied_at      DATETIME(6)   NOT NULL,
    -- fixed-width big-endian (file index, transaction position, snapshot phase): byte order = change order
    source_position BINARY(13)    NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The next Kafka offset to apply per partition, written in the same transaction as the rows:
-- the source of truth for where consumption resumes (Kafka's committed offsets are informational).
CREATE TABLE sink_offset (
    topic           VARCHAR(249) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    kafka_partition INT          NOT NULL,
    next_offset     BIGINT       NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (topic, kafka_partition)
) ENGINE = InnoDB;

-- Hard-delete mode keeps the position of each key's delete, so that replaying an older insert
-- cannot bring a deleted row back.
CREATE TABLE sink_deleted_key (
    id              BIGINT      NOT NULL,
    source_position BINARY(13)  NOT NULL,
    deleted_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;

-- The position of the newest TRUNCATE per table: no change older than it may (re)create a row.
CREATE TABLE sink_truncate (
    table_name      VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    source_position BINARY(13)  NOT NULL,
    truncated_at    DATETIME(6) NOT NULL,
    PRIMARY KEY (table_name)
) ENGINE = InnoDB;
