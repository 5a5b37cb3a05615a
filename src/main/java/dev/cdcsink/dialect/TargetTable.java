package dev.cdcsink.dialect;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A target table as its database describes it: columns in table order and the primary key.
 *
 * @param name       the table name
 * @param columns    every column, the sink's bookkeeping columns included
 * @param primaryKey the primary key's columns in key order; empty when the table has none
 * @param required   the columns an insert must give a value: NOT NULL, without a default, not generated
 * @param uniqueKeys the names of the table's unique indexes other than the primary key (a user's, e.g. on
 *                   {@code email}): an upsert that a duplicate in one of them turns into an update would
 *                   write another row, so rows of such a table are written by their primary key alone
 */
public record TargetTable(String name, List<TargetColumn> columns, List<String> primaryKey, List<String> required,
        List<String> uniqueKeys) {

    public TargetTable {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        required = List.copyOf(required);
        uniqueKeys = List.copyOf(uniqueKeys);
    }

    /** The column of that name, or null; names compare as the database compares them, ignoring case. */
    public TargetColumn column(String column) {
        for (TargetColumn c : columns) {
            if (c.name().equalsIgnoreCase(column)) {
                return c;
            }
        }
        return null;
    }

    public Map<String, TargetColumn> byName() {
        return columns.stream().collect(Collectors.toMap(TargetColumn::name, Function.identity()));
    }
}
