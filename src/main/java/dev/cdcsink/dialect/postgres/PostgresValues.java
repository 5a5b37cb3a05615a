package dev.cdcsink.dialect.postgres;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import dev.cdcsink.change.Geometry;
import dev.cdcsink.dialect.RowsStatement;
import dev.cdcsink.dialect.SqlValues;

/**
 * PostgreSQL literals that read the same under every setting. A string is written as an escape
 * string ({@code E'…'}), whose backslashes mean the same whether {@code standard_conforming_strings}
 * is on or off: quotes and backslashes escaped, control characters as {@code \xHH} (a NUL, which no
 * PostgreSQL text can hold, is refused by the server: the row is rejected). Bytes are hex
 * ({@code E'\\x…'::bytea}). Dates and times are ISO text the server reads whatever its
 * {@code DateStyle}; an instant carries its offset ({@code +00}), which a {@code timestamptz} column
 * takes and a {@code timestamp} column ignores, so it holds the UTC wall time.
 */
final class PostgresValues implements RowsStatement.Values {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder sql;
    private String[] template = { "", "" };
    private int written;

    PostgresValues(StringBuilder sql) {
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

    /**
     * Quoted and typed: a bare number would be read as numeric, which has no -0. NaN, Infinity and
     * -Infinity are spelt as PostgreSQL reads them, also when cast to numeric.
     */
    @Override
    public SqlValues add(double value) {
        next().append('\'').append(value).append("'::float8");
        return this;
    }

    /** The float's exact value as a double: stored into a real column it is the same float. */
    @Override
    public SqlValues add(float value) {
        return add((double) value);
    }

    @Override
    public SqlValues add(boolean value) {
        next().append(value ? "TRUE" : "FALSE");
        return this;
    }

    @Override
    public SqlValues add(String value) {
        if (value == null) {
            return addNull();
        }
        next().append("E'");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '\\') {
                sql.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sql.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                sql.append(c);
            }
        }
        sql.append('\'');
        return this;
    }

    @Override
    public SqlValues add(byte[] value) {
        if (value == null) {
            return addNull();
        }
        next().append("E'\\\\x");
        for (byte b : value) {
            sql.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        sql.append("'::bytea");
        return this;
    }

    /** As a bit string without leading zeros (a {@code bit varying(n)} column holds it whatever its length). */
    @Override
    public SqlValues addBits(byte[] value) {
        if (value == null) {
            return addNull();
        }
        next().append("B'").append(new BigInteger(1, value).toString(2)).append('\'');
        return this;
    }

    @Override
    public SqlValues add(LocalDate value) {
        if (value == null) {
            return addNull();
        }
        next().append('\'');
        date(value.getYear(), value.getMonthValue(), value.getDayOfMonth());
        era(value.getYear());
        sql.append('\'');
        return this;
    }

    @Override
    public SqlValues add(LocalDateTime value) {
        return value == null ? addNull() : dateTime(value, "");
    }

    @Override
    public SqlValues add(Instant value) {
        return value == null ? addNull() : dateTime(LocalDateTime.ofInstant(value, ZoneOffset.UTC), "+00");
    }

    private SqlValues dateTime(LocalDateTime value, String offset) {
        next().append('\'');
        date(value.getYear(), value.getMonthValue(), value.getDayOfMonth());
        sql.append(' ');
        time(value.getHour(), value.getMinute(), value.getSecond(), value.getNano());
        sql.append(offset);
        era(value.getYear());
        sql.append('\'');
        return this;
    }

    /** {@code 'HH:MM:SS.ffffff'}; a TIME beyond 24:00:00 or negative (MySQL's intervals) is refused by the server. */
    @Override
    public SqlValues add(Duration value) {
        if (value == null) {
            return addNull();
        }
        next().append('\'');
        if (value.isNegative()) {
            sql.append('-');
        }
        Duration magnitude = value.abs();
        long hours = magnitude.toHours();
        if (hours < 10) {
            sql.append('0');
        }
        sql.append(hours).append(':');
        pad(magnitude.toMinutesPart(), 2);
        sql.append(':');
        pad(magnitude.toSecondsPart(), 2);
        sql.append('.');
        pad(magnitude.toNanosPart() / 1000, 6);
        sql.append('\'');
        return this;
    }

    @Override
    public SqlValues addJson(String value) {
        return add(value);
    }

    /** MySQL's storage format, so that a copy's bytes are the source's: the SRID (4 bytes, little-endian), then the WKB. */
    @Override
    public SqlValues add(Geometry value) {
        if (value == null) {
            return addNull();
        }
        return add(ByteBuffer.allocate(4 + value.wkb().length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(value.srid() == null ? 0 : value.srid()).put(value.wkb()).array());
    }

    /** ISO years; a year before 1 is written as PostgreSQL's BC year (year 0 is 1 BC). */
    private void date(int year, int month, int day) {
        pad(year > 0 ? year : 1 - year, 4);
        sql.append('-');
        pad(month, 2);
        sql.append('-');
        pad(day, 2);
    }

    private void era(int year) {
        if (year <= 0) {
            sql.append(" BC");
        }
    }

    private void time(int hour, int minute, int second, int nanos) {
        pad(hour, 2);
        sql.append(':');
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
