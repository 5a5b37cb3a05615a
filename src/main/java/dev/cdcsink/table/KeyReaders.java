package dev.cdcsink.table;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import dev.cdcsink.change.EventColumn;

/**
 * Reads a key column back from the target as the value the event carries for it, so that locked
 * rows are matched to the batch's keys. A value read differently from how the event has it (say,
 * a case-insensitive collation that merged two keys) only makes the sink treat its key as new;
 * the guard in the statement itself still keeps the newer row.
 */
final class KeyReaders {

    /** Reads column {@code i} of the current row. */
    @FunctionalInterface
    interface KeyReader {
        Object read(ResultSet rs, int i) throws SQLException;
    }

    private KeyReaders() {
    }

    static KeyReader of(EventColumn column) {
        return switch (column.kind()) {
            // unsigned 64-bit values above Long.MAX_VALUE arrive wrapped (bigint.unsigned.handling.mode=long)
            case INTEGER -> (rs, i) -> {
                BigDecimal v = rs.getBigDecimal(i);
                return v == null ? null : v.longValue();
            };
            case DECIMAL -> ResultSet::getBigDecimal;
            case FLOAT -> (rs, i) -> nullable(rs, rs.getFloat(i));
            case DOUBLE -> (rs, i) -> nullable(rs, rs.getDouble(i));
            case BOOLEAN -> (rs, i) -> nullable(rs, rs.getBoolean(i));
            case BYTES, BITS -> ResultSet::getBytes;
            case DATE -> (rs, i) -> rs.getObject(i, LocalDate.class);
            case DATETIME -> (rs, i) -> rs.getObject(i, LocalDateTime.class);
            // the session is in UTC: the stored date and time is the instant's in UTC
            case TIMESTAMP -> (rs, i) -> {
                LocalDateTime utc = rs.getObject(i, LocalDateTime.class);
                return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
            };
            case TIME -> (rs, i) -> time(rs.getString(i));
            default -> ResultSet::getString;
        };
    }

    private static Object nullable(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    /** {@code -838:59:59.000001} → a Duration. */
    static Duration time(String text) {
        if (text == null) {
            return null;
        }
        boolean negative = text.startsWith("-");
        String[] parts = (negative ? text.substring(1) : text).split(":");
        String[] seconds = parts[2].split("\\.");
        long nanos = seconds.length > 1 ? Long.parseLong((seconds[1] + "000000000").substring(0, 9)) : 0;
        Duration d = Duration.ofHours(Long.parseLong(parts[0])).plusMinutes(Long.parseLong(parts[1]))
                .plusSeconds(Long.parseLong(seconds[0])).plusNanos(nanos);
        return negative ? d.negated() : d;
    }
}
