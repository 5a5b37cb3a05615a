package dev.cdcsink.jdbc;

import java.sql.SQLException;
import java.util.Set;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Retires a MySQL or MariaDB pool's connections once a privilege check refuses one of them. The
 * server applies a database-level GRANT to a connection only at its next {@code USE}, so the
 * connections opened while a privilege was revoked stay refused after it is granted again; kept,
 * they would fail every retry until their lifetime ends. Retired softly — the refused one when it
 * is returned, after its transaction rolled back, the idle ones at once — the retry gets a
 * connection that sees the grant.
 */
final class RefusedPrivilegeEviction implements SQLExceptionOverride {

    // ER_DBACCESS_DENIED_ERROR, ER_TABLEACCESS_DENIED_ERROR, ER_COLUMNACCESS_DENIED_ERROR,
    // ER_SPECIFIC_ACCESS_DENIED_ERROR, ER_PROCACCESS_DENIED_ERROR
    private static final Set<Integer> REFUSED = Set.of(1044, 1142, 1143, 1227, 1370);

    // the pool is built from the configuration that holds this override, so it is known only after
    private volatile HikariDataSource pool;

    static HikariDataSource install(HikariDataSource pool, RefusedPrivilegeEviction eviction) {
        eviction.pool = pool;
        return pool;
    }

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        HikariDataSource retiring = pool;
        if (retiring != null && REFUSED.contains(e.getErrorCode())) {
            retiring.getHikariPoolMXBean().softEvictConnections();
        }
        return Override.CONTINUE_EVICT;
    }
}
