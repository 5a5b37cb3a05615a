-- Two more source tables of the classifieds domain, captured alongside `listings`: a listing's
-- photos (a composite primary key) and its details (the wider types: JSON, ENUM, SET, YEAR,
-- TIMESTAMP, TIME, BLOB, BIT, unsigned integers, a spatial location). Like V1, only dev mode and
-- tests apply it as a migration; compose runs it as the source MySQL's init SQL. Portable to
-- MySQL 8.4 and MariaDB 10.11+/11.x.
CREATE TABLE listing_photos (
    listing_id  BIGINT            NOT NULL,
    photo_no    SMALLINT UNSIGNED NOT NULL,
    url         VARCHAR(500)      NOT NULL,
    caption     VARCHAR(200)      NULL,
    width       INT UNSIGNED      NOT NULL,
    height      INT UNSIGNED      NOT NULL,
    sha256      BINARY(32)        NOT NULL,
    uploaded_at DATETIME(6)       NOT NULL,
    PRIMARY KEY (listing_id, photo_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE listing_details (
    listing_id     BIGINT           NOT NULL PRIMARY KEY,
    attributes     JSON             NULL,
    item_condition ENUM('new', 'like_new', 'used', 'for_parts') NOT NULL,
    features       SET('garage', 'garden', 'balcony', 'elevator', 'parking', 'furnished', 'pets_allowed') NOT NULL DEFAULT '',
    area_m2        DECIMAL(8,2)     NULL,
    rooms          TINYINT UNSIGNED NULL,
    build_year     YEAR             NULL,
    view_count     BIGINT UNSIGNED  NOT NULL DEFAULT 0,
    featured       BOOLEAN          NOT NULL DEFAULT FALSE,
    flags          BIT(8)           NOT NULL DEFAULT b'0',
    published_at   TIMESTAMP(6)     NULL,
    visiting_from  TIME(0)          NULL,
    thumbnail      MEDIUMBLOB       NULL,
    location       POINT            NULL,
    updated_at     DATETIME(6)      NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
