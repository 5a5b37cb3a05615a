package dev.cdcsink.dialect.postgres;

import static dev.cdcsink.dialect.postgres.PostgresDialect.q;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.dialect.RowStatements;
import dev.cdcsink.dialect.RowsStatement;

/**
 * Row statements of PostgreSQL: {@code INSERT … ON CONFLICT (key) DO UPDATE … WHERE} the stored
 * position is not newer (bytea compares bytewise), row locks by key lists.
 */
final class PostgresRows implements RowStatements {

    /** The alias of the stored row in an upsert, beside {@code EXCLUDED} (the row offered). */
    private static final String STORED = "t";

    /** PostgreSQL assigns every column from the stored row at once: the position's place does not matter here. */
    @Override
    public RowsStatement upsert(String table, List<String> columns, List<String> key, String positionColumn) {
        if (!columns.containsAll(key) || !columns.contains(positionColumn)) {
            throw new IllegalArgumentException("columns " + columns + " must include " + key + " and " + positionColumn);
        }
        List<String> assignments = new ArrayList<>();
        for (String c : columns) {
            if (!key.contains(c)) {
                assignments.add(q(c) + " = EXCLUDED." + q(c));
            }
        }
        return RowsStatement.tuples("INSERT INTO " + q(table) + " AS " + STORED + " (" + list(columns) + ") VALUES ",
                columns.size(), " ON CONFLICT (" + list(key) + ") DO UPDATE SET " + String.join(", ", assignments)
                        + " WHERE " + STORED + "." + q(positionColumn) + " <= EXCLUDED." + q(positionColumn),
                PostgresValues::new);
    }

    @Override
    public RowsStatement lock(String table, List<String> key, List<String> columns) {
        String select = "SELECT " + list(columns) + " FROM " + q(table) + " WHERE ";
        if (key.size() == 1) {
            return RowsStatement.list(select + q(key.get(0)) + " IN (", ") FOR UPDATE", PostgresValues::new);
        }
        return RowsStatement.tuples(select + "(" + list(key) + ") IN (", key.size(), ") FOR UPDATE",
                PostgresValues::new);
    }

    @Override
    public RowsStatement deleteNotNewer(String table, List<String> key, String positionColumn) {
        List<String> template = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            template.add((i == 0 ? "(" : " AND ") + q(key.get(i)) + " = ");
        }
        template.add(" AND " + q(positionColumn) + " <= ");
        template.add(")");
        return RowsStatement.template("DELETE FROM " + q(table) + " WHERE ", template, " OR ", "", PostgresValues::new);
    }

    @Override
    public RowsStatement insert(String table, List<String> columns) {
        return RowsStatement.tuples("INSERT INTO " + q(table) + " (" + list(columns) + ") VALUES ", columns.size(), "",
                PostgresValues::new);
    }

    /**
     * The guarded upsert: its {@code ON CONFLICT (key)} arbitrates on the primary key alone, so a
     * duplicate in another unique key fails the statement and never updates another row (which is
     * why {@link PostgresTables} reports no other unique keys and this is not needed by the sink).
     */
    @Override
    public RowsStatement updateByKey(String table, List<String> columns, List<String> key, String positionColumn) {
        return upsert(table, columns, key, positionColumn);
    }

    @Override
    public RowsStatement softTruncate(String table) {
        return RowsStatement.template("UPDATE " + q(table) + " SET " + q(Bookkeeping.DELETED) + " = TRUE, ",
                List.of(q(Bookkeeping.APPLIED_AT) + " = ", ", " + q(Bookkeeping.POSITION) + " = ",
                        " WHERE " + q(Bookkeeping.POSITION) + " < ", ""),
                "", "", PostgresValues::new);
    }

    @Override
    public RowsStatement hardTruncate(String table) {
        return RowsStatement.template("DELETE FROM " + q(table) + " WHERE " + q(Bookkeeping.POSITION) + " < ",
                List.of("", ""), "", "", PostgresValues::new);
    }

    static String list(List<String> columns) {
        return columns.stream().map(PostgresDialect::q).collect(Collectors.joining(", "));
    }
}
