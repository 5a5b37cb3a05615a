package dev.cdcsink.support;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;

import dev.cdcsink.change.EventSchema;
import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.Row;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.RowKey;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.change.TableId;
import dev.cdcsink.generator.Listing;

/**
 * The {@code listings} table in tests: its typed {@link Listing} rows as the sink's generic
 * {@link Row}s (in the column order of the captured events' schema) and back.
 */
public final class Listings {

    public static final TableId SOURCE = TableId.of("shop", "listings");

    private Listings() {
    }

    public static EventSchema schema() {
        return DebeziumEvents.listings().schema();
    }

    public static RowKey key(long id) {
        return new RowKey(id);
    }

    public static Row row(Listing l) {
        if (l == null) {
            return null;
        }
        Map<String, Object> values = Map.of("id", l.id(), "seller_id", l.sellerId(), "title", l.title(), "category",
                l.category(), "city", l.city(), "price", l.price(), "currency", l.currency(), "status", l.status(),
                "created_at", l.createdAt(), "updated_at", l.updatedAt());
        EventSchema schema = schema();
        Object[] row = new Object[schema.columns().size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = values.get(schema.columns().get(i).name());
        }
        return new Row(row);
    }

    public static Listing listing(Row row) {
        return listing(schema(), row);
    }

    /** The listing a row of {@code schema} holds (the columns found by name). */
    public static Listing listing(EventSchema schema, Row row) {
        if (row == null) {
            return null;
        }
        return new Listing((Long) row.get(schema.indexOf("id")), (Long) row.get(schema.indexOf("seller_id")),
                (String) row.get(schema.indexOf("title")), (String) row.get(schema.indexOf("category")),
                (String) row.get(schema.indexOf("city")), price(row.get(schema.indexOf("price"))),
                (String) row.get(schema.indexOf("currency")), (String) row.get(schema.indexOf("status")),
                (LocalDateTime) row.get(schema.indexOf("created_at")), (LocalDateTime) row.get(schema.indexOf("updated_at")));
    }

    /** The id of a {@code listings} change. */
    public static long id(RowChange change) {
        return (Long) change.key().get(0);
    }

    /** The price as DECIMAL(12,2), whichever decimal.handling.mode encoded it (a double rounded to the scale, as the sink does). */
    private static BigDecimal price(Object value) {
        if (value instanceof String text) {
            return new BigDecimal(text);
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_EVEN);
        }
        return (BigDecimal) value;
    }

    /** A change of {@code listings}; {@code id} the key (also for a truncate: ignored there). */
    public static RowChange change(Op op, long id, Listing before, Listing after, SourcePosition position,
            Instant sourceTimestamp, KafkaCoordinates at) {
        return new RowChange(SOURCE, schema(), op, op == Op.TRUNCATE ? null : key(id), row(before), row(after), position,
                sourceTimestamp, at);
    }
}
