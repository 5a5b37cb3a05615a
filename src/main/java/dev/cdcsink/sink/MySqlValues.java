package dev.cdcsink.sink;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/**
 * MySQL and MariaDB literals that read the same under every {@code sql_mode}. A string is quoted
 * as it is only when it holds no quote, backslash or control character (the ones whose meaning
 * {@code NO_BACKSLASH_ESCAPES} changes, or that a client might cut at); any other string, and
 * every byte string, is written as hex, which has no escapes at all.
 */
final class MySqlValues implements RowsStatement.Values {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder sql;
    private boolean first = true;

    MySqlValues(StringBuilder sql) {
        this.sql = sql;
    }

    /** The next value starts a new row (or list): no comma before it. */
    @Override
    public void startRow() {
        first = true;
    }

    private StringBuilder next() {
        if (!first) {
            sql.append(", ");
        }
        first = false;
        return sql;
    }

    @Override
    public SqlValues add(long value) {
        next().append(value);
        return this;
    }

    @Override
    public SqlValues add(Long value) {
        return value == null ? nullValue() : add(value.longValue());
    }

    @Override
    public SqlValues add(String value) {
        if (value == null) {
            return nullValue();
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
    public SqlValues add(BigDecimal value) {
        if (value == null) {
            return nullValue();
        }
        next().append(value.toPlainString());
        return this;
    }

    /** {@code 'yyyy-MM-dd HH:mm:ss.SSSSSS'}; a year the column cannot hold is left for the server to reject. */
    @Override
    public SqlValues add(LocalDateTime value) {
        if (value == null) {
            return nullValue();
        }
        StringBuilder out = next().append('\'');
        int year = value.getYear();
        if (year >= 0) {
            pad(year, 4);
        } else {
            out.append(year);
        }
        out.append('-');
        pad(value.getMonthValue(), 2);
        out.append('-');
        pad(value.getDayOfMonth(), 2);
        out.append(' ');
        pad(value.getHour(), 2);
        out.append(':');
        pad(value.getMinute(), 2);
        out.append(':');
        pad(value.getSecond(), 2);
        out.append('.');
        pad(value.getNano() / 1000, 6);
        out.append('\'');
        return this;
    }

    @Override
    public SqlValues add(boolean value) {
        next().append(value ? '1' : '0');
        return this;
    }

    @Override
    public SqlValues add(byte[] value) {
        if (value == null) {
            return nullValue();
        }
        next();
        hex(value);
        return this;
    }

    private SqlValues nullValue() {
        next().append("NULL");
        return this;
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

    private void pad(int value, int digits) {
        for (int scale = 10, left = digits - 1; left > 0; scale *= 10, left--) {
            if (value < scale) {
                sql.append('0');
            }
        }
        sql.append(value);
    }
}
