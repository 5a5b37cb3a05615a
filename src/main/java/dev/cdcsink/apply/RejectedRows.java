package dev.cdcsink.apply;

import java.sql.SQLException;

import org.springframework.core.NestedExceptionUtils;

import dev.cdcsink.dialect.SqlDialect;

/**
 * Tells a row the target can never accept from a failure that may pass. Which errors belong to the
 * row is the dialect's to say (data exceptions and constraint violations); everything else —
 * unreachable server, deadlock, lock wait timeout, a missing table, missing privileges — is the
 * database's state and is retried, never dead-lettered.
 */
public final class RejectedRows {

    private RejectedRows() {
    }

    static boolean isRejectedRow(Throwable failure, SqlDialect dialect) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && dialect.rejectsRow(sql)) {
                return true;
            }
        }
        return false;
    }

    /** The database's own words about the failure, without the statement text. */
    public static String reason(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        return root instanceof SQLException sql ? "SQLSTATE " + sql.getSQLState() + ": " + sql.getMessage()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
