package dev.cdcsink.sink;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * MySQL 8.x and MariaDB 10.11+/11.x. Uses {@code VALUES(col)} in {@code ON DUPLICATE KEY UPDATE}:
 * MariaDB rejects MySQL's {@code AS new} row alias, and MySQL 8.4 still accepts {@code VALUES()}.
 */
@Component
public class MySqlDialect implements SqlDialect {

    @Override
    public RowsStatement guardedUpsert(String table, List<String> columns, String keyColumn, String positionColumn) {
        if (!columns.contains(keyColumn) || !columns.contains(positionColumn)) {
            throw new IllegalArgumentException("columns must include " + keyColumn + " and " + positionColumn);
        }
        String newer = "VALUES(" + q(positionColumn) + ") >= " + q(positionColumn);
        String assignments = columns.stream()
                .filter(c -> !c.equals(keyColumn) && !c.equals(positionColumn))
                .map(c -> q(c) + " = IF(" + newer + ", VALUES(" + q(c) + "), " + q(c) + ")")
                .collect(Collectors.joining(", "));
        // MySQL evaluates assignments left to right: the position goes last, or the guard of
        // every assignment after it would compare against the new position.
        String positionAssignment = q(positionColumn) + " = IF(" + newer + ", VALUES(" + q(positionColumn) + "), "
                + q(positionColumn) + ")";
        return new RowsStatement(
                "INSERT INTO " + q(table) + " (" + columns.stream().map(MySqlDialect::q).collect(Collectors.joining(", "))
                        + ") VALUES ",
                " ON DUPLICATE KEY UPDATE " + (assignments.isEmpty() ? "" : assignments + ", ") + positionAssignment,
                true, MySqlValues::new);
    }

    @Override
    public RowsStatement selectForUpdate(String table, List<String> columns, String keyColumn) {
        return new RowsStatement("SELECT " + columns.stream().map(MySqlDialect::q).collect(Collectors.joining(", "))
                + " FROM " + q(table) + " WHERE " + q(keyColumn) + " IN (", ") FOR UPDATE", false, MySqlValues::new);
    }

    private static String q(String identifier) {
        if (!identifier.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + identifier);
        }
        return "`" + identifier + "`";
    }
}
