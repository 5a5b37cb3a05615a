package dev.cdcsink.jdbc;

import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Hikari pools for MySQL Connector/J, set up alike for the target and the generator's source. */
public final class MySqlDataSources {

    private MySqlDataSources() {
    }

    public static HikariDataSource pool(String name, String jdbcUrl, String username, String password,
            int maximumPoolSize, Duration connectionTimeout, Duration socketTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(maximumPoolSize);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        // start without a connection: a database that is down at start-up is waited for, not fatal
        config.setInitializationFailTimeout(-1);
        RefusedPrivilegeEviction eviction = new RefusedPrivilegeEviction();
        config.setExceptionOverride(eviction);
        // One multi-row INSERT per statement batch instead of a round trip per row.
        config.addDataSourceProperty("rewriteBatchedStatements", "true");
        // A connection whose TCP flow a firewall or NAT forgot never answers and is never closed:
        // without a read timeout the statement on it, and the partition behind it, waits forever.
        config.addDataSourceProperty("socketTimeout", String.valueOf(socketTimeout.toMillis()));
        // The server's side of such a connection stays open too, and a transaction on it would keep
        // its row locks (a partition's sink_offset row) for hours. MariaDB ends a transaction idle
        // for longer than idle_transaction_timeout; the sink never waits between the statements of
        // one. MySQL has no such limit and ignores the MariaDB-only comment (README: Targets).
        if (!socketTimeout.isZero()) {
            config.setConnectionInitSql("SET @cdc_sink_session = 1 /*M!100300 , SESSION idle_transaction_timeout = "
                    + Durations.wholeSeconds(socketTimeout) + " */");
        }
        // DATETIME values are written and read as UTC wall-clock, whatever the JVM's or server's zone.
        config.addDataSourceProperty("connectionTimeZone", "UTC");
        config.addDataSourceProperty("forceConnectionTimeZoneToSession", "true");
        config.addDataSourceProperty("characterEncoding", "UTF-8");
        config.addDataSourceProperty("cachePrepStmts", "true");
        // Every transaction of the sink runs at READ COMMITTED (ChangeSink says why). As the pool's
        // level, with the driver answering from the session state it tracks, beginning and ending
        // one asks, sets and resets nothing at the server: three round trips fewer per transaction.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.addDataSourceProperty("useLocalSessionState", "true");
        config.addDataSourceProperty("useServerPrepStmts", "false");
        return RefusedPrivilegeEviction.install(new HikariDataSource(config), eviction);
    }
}
