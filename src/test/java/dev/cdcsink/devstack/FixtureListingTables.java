package dev.cdcsink.devstack;

import java.util.List;

/**
 * The scripted rows of {@code listing_photos} and {@code listing_details} (schema from
 * {@code src/main/resources/db/source/mysql/V2__create_listing_photos_and_details.sql}) whose events
 * {@link FixtureCapture} writes under {@code src/test/resources/debezium-events/listing_photos/}
 * and {@code .../listing_details/}. Each list is the SQL to run at one point of the script; the
 * README beside the fixtures lists the values.
 */
public final class FixtureListingTables {

    static final String PHOTOS = "listing_photos";
    static final String DETAILS = "listing_details";

    /** Rows of each table that exist before the engine starts. */
    static final int SNAPSHOT_ROWS = 2;

    private static final String PHOTO_COLUMNS = " (listing_id, photo_no, url, caption, width, height, sha256, uploaded_at) VALUES ";
    private static final String DETAIL_COLUMNS = " (listing_id, attributes, item_condition, features, area_m2, rooms,"
            + " build_year, view_count, featured, flags, published_at, visiting_from, thumbnail, location, updated_at) VALUES ";

    /** Before the engine starts: photos (1,1) and (1,2) → r is (1,1). */
    static List<String> photosSnapshot(String db) {
        return List.of("INSERT INTO " + db + "." + PHOTOS + PHOTO_COLUMNS
                + "(1, 1, 'https://cdn.ornek.com.tr/ilan/1/1.jpg', 'Salon — deniz manzaralı', 1920, 1080,"
                + " UNHEX(SHA2('ilan-1-foto-1', 256)), '2026-11-21 10:15:30.123456'),"
                + " (1, 2, 'https://cdn.ornek.com.tr/ilan/1/2.jpg', 'Mutfak', 1080, 1920,"
                + " UNHEX(SHA2('ilan-1-foto-2', 256)), '2026-11-21 10:15:31.000001')");
    }

    /** While streaming: insert (3,1) → c; update (1,1) → u; delete (1,2) → d and tombstone. */
    static List<String> photosStream(String db) {
        return List.of(
                "INSERT INTO " + db + "." + PHOTOS + PHOTO_COLUMNS
                        + "(3, 1, 'https://cdn.ornek.com.tr/ilan/3/1.jpg', 'Çankaya''da eşyalı salon — ğüşıöç ĞÜŞİÖÇ 🏠',"
                        + " 4032, 3024, UNHEX(SHA2('ilan-3-foto-1', 256)), '2026-11-21 10:17:45.654321')",
                "UPDATE " + db + "." + PHOTOS + " SET caption = 'Salon (yeniden çekildi) 🏠', width = 2560, height = 1440,"
                        + " sha256 = UNHEX(SHA2('ilan-1-foto-1-yeni', 256)), uploaded_at = '2026-11-21 10:20:00.000001'"
                        + " WHERE listing_id = 1 AND photo_no = 1",
                "DELETE FROM " + db + "." + PHOTOS + " WHERE listing_id = 1 AND photo_no = 2");
    }

    static List<String> photosSentinel(String db) {
        return List.of("INSERT INTO " + db + "." + PHOTOS + PHOTO_COLUMNS
                + "(" + FixtureCapture.SENTINEL_ID + ", 1, 'https://cdn.ornek.com.tr/sentinel.jpg', NULL, 1, 1,"
                + " UNHEX(SHA2('sentinel', 256)), '2026-11-21 10:30:00.000000')");
    }

    /** Before the engine starts: details of listings 1 (every column set) and 2 (the optional ones NULL) → r is 1. */
    public static List<String> detailsSnapshot(String db) {
        return List.of("INSERT INTO " + db + "." + DETAILS + DETAIL_COLUMNS
                + "(1, '{\"oda_sayısı\": \"3+1\", \"kat\": 5, \"ısınma\": \"doğalgaz (kombi)\", \"aidat_TL\": 1250.50,"
                + " \"krediye_uygun\": true, \"🏠\": \"site içinde\"}',"
                + " 'like_new', 'garage,balcony,elevator', 145.50, 4, 2019, 18446744073709551615, TRUE, b'10100101',"
                + " '2026-11-21 10:15:30.123456', '09:30:00', x'ffd8ffe000104a46494600010100ff00',"
                + " ST_GeomFromText('POINT(29.0 41.0)', 4326), '2026-11-21 10:15:30.123456'),"
                + " (2, NULL, 'used', DEFAULT, NULL, NULL, NULL, DEFAULT, DEFAULT, DEFAULT, NULL, NULL, NULL, NULL,"
                + " '2026-11-21 10:16:00.000001')");
    }

    /** While streaming: insert 3 → c; update 1 → u; delete 2 → d and tombstone. */
    public static List<String> detailsStream(String db) {
        return List.of(
                "INSERT INTO " + db + "." + DETAILS + DETAIL_COLUMNS
                        + "(3, '{\"oda_sayısı\": \"2+1\", \"eşyalı\": true, \"not\": \"Çankaya''da, metroya 5 dk 🏠\","
                        + " \"yakınlar\": [\"okul\", \"hastane\", \"AVM\"]}',"
                        + " 'new', 'balcony,elevator,parking,furnished,pets_allowed', 95.00, 3, 2024,"
                        + " 9223372036854775808, FALSE, b'00000001', '2026-11-21 10:17:45.654321', '18:45:00',"
                        + " x'00ff00ff', ST_GeomFromText('POINT(32.8597 39.9334)', 4326), '2026-11-21 10:17:45.654321')",
                "UPDATE " + db + "." + DETAILS + " SET attributes = JSON_SET(attributes, '$.kat', 6),"
                        + " features = 'garage,garden,balcony,elevator,parking', featured = FALSE, flags = b'01011010',"
                        + " view_count = 42, visiting_from = '10:00:00', updated_at = '2026-11-21 10:20:00.000001'"
                        + " WHERE listing_id = 1",
                "DELETE FROM " + db + "." + DETAILS + " WHERE listing_id = 2");
    }

    static List<String> detailsSentinel(String db) {
        return List.of("INSERT INTO " + db + "." + DETAILS + " (listing_id, item_condition, updated_at) VALUES ("
                + FixtureCapture.SENTINEL_ID + ", 'new', '2026-11-21 10:30:00.000000')");
    }

    private FixtureListingTables() {
    }
}
