package dev.cdcsink.support;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

import dev.cdcsink.change.EventSchema;
import dev.cdcsink.change.Geometry;
import dev.cdcsink.change.Row;
import dev.cdcsink.change.RowKey;
import dev.cdcsink.change.TableId;

/**
 * {@code listing_details} in tests, the table of the wider types (JSON, ENUM, SET, DECIMAL,
 * YEAR, BIT, TIMESTAMP, TIME, BLOB, POINT): rows built for the schema the real connector sends
 * for it with {@code column.propagate.source.type}, so that the sink creates it with the source's types.
 */
public final class Details {

    public static final TableId SOURCE = TableId.of("shop", "listing_details");
    private static final String[] CONDITIONS = { "new", "like_new", "used", "for_parts" };
    private static final String[] FEATURES = { "garage", "garden,balcony", "elevator,parking,furnished", "",
            "garage,garden,balcony,elevator,parking,furnished,pets_allowed" };

    private Details() {
    }

    public static DebeziumEvents events() {
        return DebeziumEvents.of("listing_details/schemas-source-types/c.json");
    }

    public static RowKey key(long n) {
        return new RowKey(n);
    }

    /** The JSON attributes of row {@code n} in {@code version}: the column that tells versions apart. */
    public static String attributes(long n, int version) {
        return "{\"oda_sayısı\": \"" + (1 + n % 5) + "+1\", \"sürüm\": " + version + ", \"not\": \"metroya 5 dk 🏠\"}";
    }

    public static Row row(long n, int version) {
        Map<String, Object> values = new HashMap<>();
        values.put("listing_id", n);
        values.put("attributes", attributes(n, version));
        values.put("item_condition", CONDITIONS[(int) ((n + version) % CONDITIONS.length)]);
        values.put("features", FEATURES[(int) ((n + version) % FEATURES.length)]);
        values.put("area_m2", BigDecimal.valueOf(4_500 + n * 37 % 900_000, 2));
        values.put("rooms", 1 + n % 9);
        values.put("build_year", 1990 + n % 36);
        values.put("view_count", 10L * version);
        values.put("featured", (n + version) % 2);
        values.put("flags", new byte[] { (byte) (n + version) });
        values.put("published_at", Instant.parse("2026-11-21T10:17:45.654321Z").plusSeconds(n));
        values.put("visiting_from", Duration.ofHours(9).plusMinutes(n % 60));
        values.put("thumbnail", ByteBuffer.allocate(16).putLong(n).putLong(version).array());
        values.put("location", point(32.8597 + n % 100 / 1000.0, 39.9334 - version / 1000.0));
        values.put("updated_at", LocalDateTime.of(2026, 11, 21, 10, 0, 0, 654_321_000).plusSeconds(version));
        EventSchema schema = events().schema();
        Object[] row = new Object[schema.columns().size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = values.get(schema.columns().get(i).name());
        }
        return new Row(row);
    }

    /** A WGS 84 point as the connector sends it: well-known binary (little-endian) and its SRID. */
    private static Geometry point(double x, double y) {
        byte[] wkb = ByteBuffer.allocate(21).order(ByteOrder.LITTLE_ENDIAN).put((byte) 1).putInt(1).putDouble(x)
                .putDouble(y).array();
        return new Geometry(wkb, 4326);
    }
}
