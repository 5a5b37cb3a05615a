-- The generator's two other tables on PostgreSQL (db/source/mysql/V2 in PostgreSQL's types).
-- PostgreSQL has no unsigned integers, YEAR, SET or MySQL's spatial types: an unsigned column
-- takes the next wider type (or a CHECK), YEAR a smallint, the SET its members comma-joined as
-- MySQL prints them, the POINT a native point (x longitude, y latitude; no SRID without PostGIS).
CREATE TABLE listing_photos (
    listing_id  bigint       NOT NULL,
    photo_no    integer      NOT NULL CHECK (photo_no BETWEEN 0 AND 65535),
    url         varchar(500) NOT NULL,
    caption     varchar(200) NULL,
    width       bigint       NOT NULL CHECK (width >= 0),
    height      bigint       NOT NULL CHECK (height >= 0),
    sha256      bytea        NOT NULL,
    uploaded_at timestamp(6) NOT NULL,
    PRIMARY KEY (listing_id, photo_no)
);

CREATE TYPE listing_condition AS ENUM ('new', 'like_new', 'used', 'for_parts');

CREATE TABLE listing_details (
    listing_id     bigint            NOT NULL PRIMARY KEY,
    attributes     jsonb             NULL,
    item_condition listing_condition NOT NULL,
    features       varchar(80)       NOT NULL DEFAULT '',
    area_m2        numeric(8,2)      NULL,
    rooms          smallint          NULL CHECK (rooms BETWEEN 0 AND 255),
    build_year     smallint          NULL,
    view_count     numeric(20)       NOT NULL DEFAULT 0 CHECK (view_count >= 0),
    featured       boolean           NOT NULL DEFAULT FALSE,
    flags          bit(8)            NOT NULL DEFAULT B'00000000',
    published_at   timestamptz(6)    NULL,
    visiting_from  time(0)           NULL,
    thumbnail      bytea             NULL,
    location       point             NULL,
    updated_at     timestamp(6)      NOT NULL
);
