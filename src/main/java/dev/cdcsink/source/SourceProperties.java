package dev.cdcsink.source;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.cdcsink.jdbc.DataSources;

/**
 * The SOURCE database (MySQL 8.x, MariaDB or PostgreSQL), optional: the data generator writes to
 * it and reconcile reads it. Without {@code jdbc-url} neither exists. Reached through a pool of its
 * own (MySQL Connector/J or the PostgreSQL driver, as the URL says), never used for the target.
 *
 * @param jdbcUrl           JDBC URL of the source schema, e.g. {@code jdbc:mysql://localhost:3307/shop} or
 *                          {@code jdbc:postgresql://localhost:5433/shop} (tables in the current schema)
 * @param username          database user (SELECT for reconcile; DML on {@code listings} for the generator;
 *                          DDL too with {@code migrate})
 * @param password          database password
 * @param maximumPoolSize   connections in the pool
 * @param connectionTimeout how long a request for a connection may wait
 * @param socketTimeout     how long a statement may wait for the database's answer before its connection is
 *                          given up; above the longest reconcile page; 0: none
 * @param migrate           apply the source schema ({@code classpath:db/source/mysql} or
 *                          {@code classpath:db/source/postgresql}) at start-up; only where the
 *                          service owns the source schema (dev mode, tests), never in production
 */
@Validated
@ConfigurationProperties("cdc-sink.source")
public record SourceProperties(
        @Pattern(regexp = "jdbc:(mysql|postgresql)://.+",
                message = "must be a jdbc:mysql:// (MySQL, MariaDB) or jdbc:postgresql:// (PostgreSQL) URL")
        String jdbcUrl,
        @DefaultValue("root") String username,
        @DefaultValue("") String password,
        @Min(1) @Max(20) @DefaultValue("2") int maximumPoolSize,
        @NotNull @DefaultValue("5s") Duration connectionTimeout,
        @NotNull @DefaultValue("60s") Duration socketTimeout,
        @DefaultValue("false") boolean migrate) {

    @AssertTrue(message = "cdc-sink.source.jdbc-url must be set for cdc-sink.source.migrate")
    public boolean isUrlSetWhenMigrating() {
        return !migrate || jdbcUrl != null;
    }

    /** Whether the source is PostgreSQL (else MySQL or MariaDB). */
    public boolean isPostgres() {
        return DataSources.isPostgres(jdbcUrl);
    }

    @Override
    public String toString() {
        return "SourceProperties[jdbcUrl=" + jdbcUrl + ", username=" + username + ", maximumPoolSize="
                + maximumPoolSize + ", connectionTimeout=" + connectionTimeout + ", socketTimeout=" + socketTimeout
                + ", migrate=" + migrate + "]";
    }
}
