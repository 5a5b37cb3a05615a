package dev.cdcsink.apply;

import java.sql.SQLException;

import org.springframework.core.NestedExceptionUtils;

/**
 * Tells a row the target can never accept from a failure that may pass. Only SQLSTATE classes
 * 22 (data exception: too long, out of range, bad date) and 23 (constraint violation) belong to
 * the row; everything else — unreachable server, deadlock, lock wait timeout, a missing table,
 * missing privileges — is the database's state and is retried, never dead-lettered.
 */
public final class RejectedRows {

    private RejectedRows() {
    }

    public static boolean isRejectedRow(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /** The database's own words about the rejected row, without the statement text. */
    public static String reason(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        return root instanceof SQLException sql ? "SQLSTATE " + sql.getSQLState() + ": " + sql.getMessage()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
