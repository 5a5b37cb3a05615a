package dev.cdcsink.jdbc;

import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Hikari pools for the PostgreSQL JDBC driver, set up for the sink's statements. */
public final class PostgresDataSources {

    private PostgresDataSources() {
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
        // the driver sets the session's zone to the JVM's; date-times are written and read as UTC.
        // A connection left hanging (below) stays open at the server too, and a transaction on it would
        // keep its row locks: the server ends a transaction idle for longer than the socket timeout
        // (the sink never waits between the statements of one).
        config.setConnectionInitSql("SELECT set_config('TimeZone', 'UTC', false)" + (socketTimeout.isZero() ? ""
                : ", set_config('idle_in_transaction_session_timeout', '" + Durations.wholeSeconds(socketTimeout)
                        + "s', false)"));
        // statements are texts with literals, each run once: nothing to gain from server-side preparing
        config.addDataSourceProperty("prepareThreshold", "0");
        // A connection whose TCP flow a firewall or NAT forgot never answers and is never closed:
        // without a read timeout the statement on it, and the partition behind it, waits forever.
        // The driver takes whole seconds.
        config.addDataSourceProperty("socketTimeout", String.valueOf(Durations.wholeSeconds(socketTimeout)));
        return new HikariDataSource(config);
    }
}
