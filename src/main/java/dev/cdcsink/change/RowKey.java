package dev.cdcsink.change;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.StringJoiner;

/**
 * A row's primary key values, in the key's column order, comparable for equality across the ways
 * a value may be represented: a decimal equals itself at any scale, a byte string by its content.
 */
public final class RowKey {

    private final Object[] values;
    private final int hash;

    public RowKey(Object... values) {
        this.values = values.clone();
        for (int i = 0; i < this.values.length; i++) {
            if (this.values[i] instanceof BigDecimal decimal) {
                this.values[i] = decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
            }
        }
        this.hash = Arrays.deepHashCode(this.values);
    }

    public Object get(int i) {
        return values[i];
    }

    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowKey other && hash == other.hash && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** {@code 42} or {@code (42, 3)}; byte strings in hex. For logs and operators, not for SQL. */
    @Override
    public String toString() {
        StringJoiner joined = values.length == 1 ? new StringJoiner(", ") : new StringJoiner(", ", "(", ")");
        for (Object value : values) {
            joined.add(value instanceof byte[] bytes ? "0x" + HexFormat.of().formatHex(bytes) : String.valueOf(value));
        }
        return joined.toString();
    }
}
