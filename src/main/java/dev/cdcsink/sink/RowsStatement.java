package dev.cdcsink.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A statement over many rows (or keys) whose values are written into its text as literals by
 * the dialect's {@link SqlValues}: {@code head}, then the rows, then {@code tail}. One text per
 * statement is far cheaper to build than the driver's rewritten batch, which looks up an encoder
 * for every bound value and encodes every value twice (once only to size the packet).
 *
 * @param head     the text before the rows, e.g. {@code INSERT INTO t (a, b) VALUES }
 * @param tail     the text after them, e.g. {@code  ON DUPLICATE KEY UPDATE …}
 * @param tuples   whether each row is a parenthesised tuple, or all values form one list
 * @param values   the dialect's literal writer over the statement being built
 */
public record RowsStatement(String head, String tail, boolean tuples, Function<StringBuilder, Values> values) {

    /** Bounds one statement well below any server's {@code max_allowed_packet} (MariaDB's default is 16 MB). */
    static final int MAX_CHARS = 4 << 20;

    /** Writes one row's values, in the statement's column order. */
    @FunctionalInterface
    public interface RowWriter<T> {
        void write(T row, SqlValues values);
    }

    /** The dialect's writer, which needs to know where a row starts to place its commas. */
    public interface Values extends SqlValues {
        void startRow();
    }

    /** The statements for {@code rows}: at most {@code rowsPerStatement} rows and about {@link #MAX_CHARS} each. */
    public <T> List<String> render(List<T> rows, int rowsPerStatement, RowWriter<T> writer) {
        List<String> statements = new ArrayList<>();
        StringBuilder sql = null;
        Values out = null;
        int inStatement = 0;
        for (T row : rows) {
            if (sql != null && (inStatement == rowsPerStatement || sql.length() > MAX_CHARS)) {
                statements.add(sql.append(tail).toString());
                sql = null;
            }
            if (sql == null) {
                sql = new StringBuilder(head.length() + tail.length() + 512 * Math.min(rows.size(), rowsPerStatement))
                        .append(head);
                out = values.apply(sql);
                inStatement = 0;
            }
            if (tuples) {
                sql.append(inStatement == 0 ? "(" : ", (");
                out.startRow();
            } else if (inStatement == 0) {
                out.startRow();
            }
            writer.write(row, out);
            if (tuples) {
                sql.append(')');
            }
            inStatement++;
        }
        if (sql != null) {
            statements.add(sql.append(tail).toString());
        }
        return statements;
    }
}
