package dev.cdcsink.change;

import java.util.Arrays;

/**
 * A row image of a change: one value per column of its {@link EventSchema}, in that order, each of
 * the Java type its {@link ValueKind} names, or null. A column whose value the source did not send
 * (e.g. PostgreSQL's unchanged TOAST value) holds {@link #UNAVAILABLE}: the sink keeps what the
 * target has for it.
 */
public final class Row {

    /** The value of a column the event did not carry. */
    public static final Object UNAVAILABLE = new Object() {
        @Override
        public String toString() {
            return "<unavailable>";
        }
    };

    private final Object[] values;

    public Row(Object[] values) {
        this.values = values;
    }

    public Object get(int column) {
        return values[column];
    }

    public int size() {
        return values.length;
    }

    public boolean hasUnavailable() {
        for (Object value : values) {
            if (value == UNAVAILABLE) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row other && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(values);
    }
}
