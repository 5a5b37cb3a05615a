package dev.cdcsink.dialect;

import java.sql.ResultSet;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.StatementCallback;

/**
 * Runs statement texts built with literals. Without JDBC escape processing: the text is final, and
 * a value may well contain a brace that the driver would otherwise read as an escape.
 */
public final class Sql {

    private Sql() {
    }

    /** Runs each statement; returns the rows changed, summed. */
    public static int update(JdbcTemplate jdbc, List<String> statements) {
        int changed = 0;
        for (String sql : statements) {
            changed += jdbc.execute((StatementCallback<Integer>) statement -> {
                statement.setEscapeProcessing(false);
                return statement.executeUpdate(sql);
            });
        }
        return changed;
    }

    /** Runs each query, handing every row to {@code rows}. */
    public static void query(JdbcTemplate jdbc, List<String> queries, RowCallbackHandler rows) {
        for (String sql : queries) {
            jdbc.execute((StatementCallback<Void>) statement -> {
                statement.setEscapeProcessing(false);
                try (ResultSet rs = statement.executeQuery(sql)) {
                    while (rs.next()) {
                        rows.processRow(rs);
                    }
                }
                return null;
            });
        }
    }
}
