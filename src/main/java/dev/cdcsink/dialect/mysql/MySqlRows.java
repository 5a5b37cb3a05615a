package dev.cdcsink.dialect.mysql;

import static dev.cdcsink.dialect.mysql.MySqlDialect.q;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.dialect.RowStatements;
import dev.cdcsink.dialect.RowsStatement;

/** Row statements of MySQL and MariaDB: {@code ON DUPLICATE KEY UPDATE} guarded by position, row locks by key lists. */
final class MySqlRows implements RowStatements {

    @Override
    public RowsStatement upsert(String table, List<String> columns, List<String> key, String positionColumn) {
        if (!columns.containsAll(key) || !columns.contains(positionColumn)) {
            throw new IllegalArgumentException("columns " + columns + " must include " + key + " and " + positionColumn);
        }
        String newer = "VALUES(" + q(positionColumn) + ") >= " + q(positionColumn);
        List<String> assignments = new ArrayList<>();
        for (String c : columns) {
            if (!key.contains(c) && !c.equals(positionColumn)) {
                assignments.add(q(c) + " = IF(" + newer + ", VALUES(" + q(c) + "), " + q(c) + ")");
            }
        }
        // MySQL evaluates assignments left to right: the position goes last, or the guard of
        // every assignment after it would compare against the new position.
        assignments.add(q(positionColumn) + " = IF(" + newer + ", VALUES(" + q(positionColumn) + "), "
                + q(positionColumn) + ")");
        return RowsStatement.tuples("INSERT INTO " + q(table) + " (" + list(columns) + ") VALUES ", columns.size(),
                " ON DUPLICATE KEY UPDATE " + String.join(", ", assignments), MySqlValues::new);
    }

    @Override
    public RowsStatement insert(String table, List<String> columns) {
        return RowsStatement.tuples("INSERT INTO " + q(table) + " (" + list(columns) + ") VALUES ", columns.size(), "",
                MySqlValues::new);
    }

    @Override
    public RowsStatement updateByKey(String table, List<String> columns, List<String> key, String positionColumn) {
        if (!columns.containsAll(key) || !columns.contains(positionColumn)) {
            throw new IllegalArgumentException("columns " + columns + " must include " + key + " and " + positionColumn);
        }
        // the new rows as a derived table joined to the stored rows on the primary key, and nothing else
        List<String> template = new ArrayList<>(List.of(""));
        for (int i = 0; i < columns.size(); i++) {
            template.add(" AS " + q(columns.get(i)) + (i + 1 < columns.size() ? ", " : ""));
        }
        String on = key.stream().map(k -> "s." + q(k) + " = n." + q(k)).collect(Collectors.joining(" AND "));
        String set = columns.stream().filter(c -> !key.contains(c)).map(c -> "s." + q(c) + " = n." + q(c))
                .collect(Collectors.joining(", "));
        return RowsStatement.template("UPDATE " + q(table) + " AS s JOIN (SELECT ", template, " UNION ALL SELECT ",
                ") AS n ON " + on + " SET " + set + " WHERE n." + q(positionColumn) + " >= s." + q(positionColumn),
                MySqlValues::new);
    }

    @Override
    public RowsStatement lock(String table, List<String> key, List<String> columns) {
        String select = "SELECT " + list(columns) + " FROM " + q(table) + " WHERE ";
        if (key.size() == 1) {
            return RowsStatement.list(select + q(key.get(0)) + " IN (", ") FOR UPDATE", MySqlValues::new);
        }
        return RowsStatement.tuples(select + "(" + list(key) + ") IN (", key.size(), ") FOR UPDATE", MySqlValues::new);
    }

    @Override
    public RowsStatement deleteNotNewer(String table, List<String> key, String positionColumn) {
        List<String> template = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            template.add((i == 0 ? "(" : " AND ") + q(key.get(i)) + " = ");
        }
        template.add(" AND " + q(positionColumn) + " <= ");
        template.add(")");
        return RowsStatement.template("DELETE FROM " + q(table) + " WHERE ", template, " OR ", "", MySqlValues::new);
    }

    @Override
    public RowsStatement softTruncate(String table) {
        return RowsStatement.template("UPDATE " + q(table) + " SET " + q(Bookkeeping.DELETED) + " = TRUE, ",
                List.of(q(Bookkeeping.APPLIED_AT) + " = ", ", " + q(Bookkeeping.POSITION) + " = ",
                        " WHERE " + q(Bookkeeping.POSITION) + " < ", ""),
                "", "", MySqlValues::new);
    }

    @Override
    public RowsStatement hardTruncate(String table) {
        return RowsStatement.template("DELETE FROM " + q(table) + " WHERE " + q(Bookkeeping.POSITION) + " < ",
                List.of("", ""), "", "", MySqlValues::new);
    }

    static String list(List<String> columns) {
        return columns.stream().map(MySqlDialect::q).collect(Collectors.joining(", "));
    }
}
