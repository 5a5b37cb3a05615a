package dev.cdcsink.event.decode;

import java.util.Collections;
import java.util.Map;

/**
 * One row (or key, or nested struct) of a change event with its values decoded to Java: field name
 * to value, in message order. A field the message sent as JSON null maps to null; a field the
 * message did not send is absent ({@link #has} is false).
 *
 * <p>Values by Connect type: int8/16/32/64 → Byte/Short/Integer/Long, float/double → Float/Double,
 * boolean, string, bytes → byte[], struct → DecodedRow, array → List; logical types as their
 * {@link LogicalType} says (BigDecimal, LocalDate, LocalDateTime, Instant, LocalTime, String).
 * Without a schema and with no implied decoder for a field: the plain JSON value (Long or
 * BigInteger, Double, String, Boolean, DecodedRow, List).
 */
public record DecodedRow(Map<String, Object> values) {

    public DecodedRow {
        values = Collections.unmodifiableMap(values);
    }

    public boolean has(String field) {
        return values.containsKey(field);
    }

    public Object get(String field) {
        return values.get(field);
    }
}
