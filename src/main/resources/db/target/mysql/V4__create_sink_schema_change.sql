-- Every change the sink made to a target table's schema (a table created, a column added,
-- widened or made nullable) and every source schema change it refused, in the order they
-- happened: what GET /api/tables lists as a table's schema history.
CREATE TABLE sink_schema_change (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    table_name   VARCHAR(64)   NOT NULL,
    source_table VARCHAR(200)  NOT NULL,
    kind         VARCHAR(32)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    column_name  VARCHAR(64)   NULL,
    statement    TEXT          NULL,
    reason       VARCHAR(1000) NOT NULL,
    changed_at   DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    KEY sink_schema_change_by_table (table_name, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
