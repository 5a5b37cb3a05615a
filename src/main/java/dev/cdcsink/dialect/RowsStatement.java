package dev.cdcsink.dialect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A statement over many rows (or keys) whose values are written into its text as literals by
 * the dialect's {@link SqlValues}: {@code head}, then each row as its template filled with its
 * values, rows separated by {@code separator}, then {@code tail}. One text per statement is far
 * cheaper to build than the driver's rewritten batch, which looks up an encoder for every bound
 * value and encodes every value twice (once only to size the packet).
 *
 * <p>A row's template is the text around its values: {@code ("(", ", ", ")")} for a tuple of two,
 * {@code ("(`id` = ", " AND `pos` < ", ")")} for a predicate. Its parts are the dialect's own text
 * (keywords, quoted identifiers), never values.
 */
public final class RowsStatement {

    /** Bounds one statement well below any server's {@code max_allowed_packet} (MariaDB's default is 16 MB). */
    public static final int MAX_CHARS = 4 << 20;

    /** Writes one row's values, in the statement's column order. */
    @FunctionalInterface
    public interface RowWriter<T> {
        void write(T row, SqlValues values);
    }

    /** The dialect's literal writer, which places each value after the next part of the row's template. */
    public interface Values extends SqlValues {
        /** The next value is the first of a row with this template. */
        void startRow(String[] template);

        /** How many values were written since {@link #startRow}. */
        int written();
    }

    private final String head;
    private final String[] template;
    private final String separator;
    private final String tail;
    private final Function<StringBuilder, Values> values;

    private RowsStatement(String head, List<String> template, String separator, String tail,
            Function<StringBuilder, Values> values) {
        this.head = head;
        this.template = template.toArray(String[]::new);
        this.separator = separator;
        this.tail = tail;
        this.values = values;
    }

    /** Rows as parenthesised tuples of {@code width} values separated by commas: {@code VALUES (1, 'a'), (2, 'b')}. */
    public static RowsStatement tuples(String head, int width, String tail, Function<StringBuilder, Values> values) {
        List<String> template = new ArrayList<>(Collections.nCopies(width + 1, ", "));
        template.set(0, "(");
        template.set(width, ")");
        return new RowsStatement(head, template, ", ", tail, values);
    }

    /** One value per row, separated by commas: {@code IN (1, 2, 3)}. */
    public static RowsStatement list(String head, String tail, Function<StringBuilder, Values> values) {
        return new RowsStatement(head, List.of("", ""), ", ", tail, values);
    }

    /** Rows written by a template of the dialect's own, e.g. predicates joined by {@code OR}. */
    public static RowsStatement template(String head, List<String> template, String separator, String tail,
            Function<StringBuilder, Values> values) {
        return new RowsStatement(head, template, separator, tail, values);
    }

    public String head() {
        return head;
    }

    public String tail() {
        return tail;
    }

    /** The statements for {@code rows}: at most {@code rowsPerStatement} rows and about {@link #MAX_CHARS} each. */
    public <T> List<String> render(List<T> rows, int rowsPerStatement, RowWriter<T> writer) {
        List<String> statements = new ArrayList<>();
        StringBuilder sql = null;
        Values out = null;
        int inStatement = 0;
        int perRow = template.length - 1;
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
            } else {
                sql.append(separator);
            }
            out.startRow(template);
            writer.write(row, out);
            if (out.written() != perRow) {
                throw new IllegalStateException("a row of this statement has " + perRow + " values, the writer gave "
                        + out.written() + ": " + head);
            }
            sql.append(template[perRow]);
            inStatement++;
        }
        if (sql != null) {
            statements.add(sql.append(tail).toString());
        }
        return statements;
    }
}
