package dev.cdcsink.event;

import static dev.cdcsink.event.ParseFailure.Kind.MISSING_FIELD;

import dev.cdcsink.event.decode.DecodeException;
import dev.cdcsink.event.decode.DecodedRow;

/**
 * A column of a source table.
 *
 * @param <T> the column's Java type
 */
public record Column<T>(String name, SqlType<T> type, boolean nullable) {

    public static <T> Column<T> notNull(String name, SqlType<T> type) {
        return new Column<>(name, type, false);
    }

    public static <T> Column<T> nullable(String name, SqlType<T> type) {
        return new Column<>(name, type, true);
    }

    /**
     * This column's value in a decoded row, checked against the column.
     *
     * @param path where the row sits in the message ({@code after}, {@code key} …), for failure messages
     * @throws DecodeException {@code MISSING_FIELD} when the row lacks the column, or has null for a NOT NULL column
     */
    public T read(DecodedRow row, String path) {
        String fieldPath = path + "." + name;
        if (!row.has(name)) {
            throw new DecodeException(MISSING_FIELD, fieldPath + ": the row has no such field");
        }
        Object decoded = row.get(name);
        if (decoded == null) {
            if (!nullable) {
                throw new DecodeException(MISSING_FIELD, fieldPath + ": null in a NOT NULL column");
            }
            return null;
        }
        try {
            return type.read(decoded);
        } catch (DecodeException e) {
            throw e.at(fieldPath);
        }
    }
}
