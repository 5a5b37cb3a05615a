package dev.cdcsink.jdbc;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

/** A pool for the product a JDBC URL names: the PostgreSQL driver's or MySQL Connector/J's. */
public final class DataSources {

    private DataSources() {
    }

    public static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
    }

    public static HikariDataSource pool(String name, String jdbcUrl, String username, String password,
            int maximumPoolSize, Duration connectionTimeout, Duration socketTimeout) {
        return isPostgres(jdbcUrl)
                ? PostgresDataSources.pool(name, jdbcUrl, username, password, maximumPoolSize, connectionTimeout,
                        socketTimeout)
                : MySqlDataSources.pool(name, jdbcUrl, username, password, maximumPoolSize, connectionTimeout,
                        socketTimeout);
    }
}
