package dev.cdcsink.dialect.mysql;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import dev.cdcsink.change.Geometry;
import dev.cdcsink.dialect.RowsStatement;
import dev.cdcsink.dialect.SqlValues;

/**
 * MySQL and MariaDB literals that read the same under every {@code sql_mode}. A string is quoted
 * as it is only when it holds no quote, backslash or control character (the ones whose meaning
 * {@code NO_BACKSLASH_ESCAPES} changes, or that a client might cut at); any other string, and
 * every byte string, is written as hex, which has no escapes at all. Dates and times are written
 * as quoted text, which the session (in UTC) reads as the wall time written.
 */
final class MySqlValues implements RowsStatement.Values {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder sql;
    private String[] template = { "", "" };
    private int written;

    MySqlValues(StringBuilder sql) {
        this.sql = sql;
    }

    @Override
    public void startRow(String[] rowTemplate) {
        template = rowTemplate;
        written = 0;
    }

    @Override
    public int written() {
        return written;
    }

    /** The template's text before the next value. */
    private StringBuilder next() {
        if (written >= template.length - 1) {
            throw new IllegalStateException("more values than the row's template has places for");
        }
        return sql.append(template[written++]);
    }

    @Override
    public SqlValues addNull() {
        next().append("NULL");
        return this;
    }

    @Override
    public SqlValues add(long value) {
        next().append(value);
        return this;
    }

    @Override
    public SqlValues addUnsigned(long value) {
        next().append(Long.toUnsignedString(value));
        return this;
    }

    @Override
    public SqlValues add(BigDecimal value) {
        if (value == null) {
            return addNull();
        }
        next().append(value.toPlainString());
        return this;
    }

    /** With an exponent always: a literal with one is read as a double (-0 stays -0), without one as a decimal. */
    @Override
    public SqlValues add(double value) {
        requireFinite(value);
        String text = Double.toString(value);
        next().append(text);
        if (text.indexOf('E') < 0) {
            sql.append("E0");
        }
        return this;
    }

    /** The float's exact value as a double: read back as a double and stored as a float, it is the same float. */
    @Override
    public SqlValues add(float value) {
        return add((double) value);
    }

    @Override
    public SqlValues add(boolean value) {
        next().append(value ? '1' : '0');
        return this;
    }

    @Override
    public SqlValues add(String value) {
        if (value == null) {
            return addNull();
        }
        StringBuilder out = next();
        if (quotable(value)) {
            out.append('\'').append(value).append('\'');
        } else {
            out.append("_utf8mb4 ");
            hex(value.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    @Override
    public SqlValues add(byte[] value) {
        if (value == null) {
            return addNull();
        }
        next();
        hex(value);
        return this;
    }

    @Override
    public SqlValues addBits(byte[] value) {
        return add(value);
    }

    @Override
    public SqlValues add(LocalDate value) {
        if (value == null) {
            return addNull();
        }
        next().append('\'');
        date(value.getYear(), value.getMonthValue(), value.getDayOfMonth());
        sql.append('\'');
        return this;
    }

    /** {@code 'yyyy-MM-dd HH:mm:ss.SSSSSS'}; a year the column cannot hold is left for the server to reject. */
    @Override
    public SqlValues add(LocalDateTime value) {
        if (value == null) {
            return addNull();
        }
        next().append('\'');
        date(value.getYear(), value.getMonthValue(), value.getDayOfMonth());
        sql.append(' ');
        time(value.getHour(), value.getMinute(), value.getSecond(), value.getNano());
        sql.append('\'');
        return this;
    }

    @Override
    public SqlValues add(Instant value) {
        return value == null ? addNull() : add(LocalDateTime.ofInstant(value, ZoneOffset.UTC));
    }

    /** {@code '-838:59:59.000000'}: MySQL's TIME holds intervals beyond a day, and negative ones. */
    @Override
    public SqlValues add(Duration value) {
        if (value == null) {
            return addNull();
        }
        next().append('\'');
        Duration magnitude = value.abs();
        if (value.isNegative()) {
            sql.append('-');
        }
        long hours = magnitude.toHours();
        if (hours < 10) {
            sql.append('0');
        }
        sql.append(hours).append(':');
        time(-1, magnitude.toMinutesPart(), magnitude.toSecondsPart(), magnitude.toNanosPart());
        sql.append('\'');
        return this;
    }

    @Override
    public SqlValues addJson(String value) {
        return add(value);
    }

    /** MySQL's and MariaDB's own storage format: the SRID (4 bytes, little-endian), then the WKB. */
    @Override
    public SqlValues add(Geometry value) {
        if (value == null) {
            return addNull();
        }
        byte[] stored = ByteBuffer.allocate(4 + value.wkb().length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(value.srid() == null ? 0 : value.srid()).put(value.wkb()).array();
        return add(stored);
    }

    private static void requireFinite(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(value + " has no MySQL literal; the column check lets no such value through");
        }
    }

    private static boolean quotable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '\'' || c == '\\' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private void hex(byte[] bytes) {
        sql.append("X'");
        for (byte b : bytes) {
            sql.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        sql.append('\'');
    }

    private void date(int year, int month, int day) {
        if (year >= 0) {
            pad(year, 4);
        } else {
            sql.append(year);
        }
        sql.append('-');
        pad(month, 2);
        sql.append('-');
        pad(day, 2);
    }

    /** {@code HH:mm:ss.SSSSSS}; the hour is left out when negative (written by the caller). */
    private void time(int hour, int minute, int second, int nanos) {
        if (hour >= 0) {
            pad(hour, 2);
            sql.append(':');
        }
        pad(minute, 2);
        sql.append(':');
        pad(second, 2);
        sql.append('.');
        pad(nanos / 1000, 6);
    }

    private void pad(int value, int digits) {
        for (int scale = 10, left = digits - 1; left > 0; scale *= 10, left--) {
            if (value < scale) {
                sql.append('0');
            }
        }
        sql.append(value);
    }
}
