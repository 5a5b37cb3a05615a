package dev.cdcsink.target;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.cdcsink.jdbc.DataSources;

/**
 * The target database that holds the copy: MySQL 8.x or MariaDB 10.11+ (reached with MySQL
 * Connector/J) or PostgreSQL 14+ (with the PostgreSQL driver); the URL's scheme chooses which.
 * Flyway migrates it at start-up.
 *
 * @param jdbcUrl           JDBC URL of the target schema, e.g. {@code jdbc:mysql://localhost:3306/listings_copy} or
 *                          {@code jdbc:postgresql://localhost:5432/listings_copy} (tables go in the current schema)
 * @param username          database user (needs DML on the schema, DDL for the migrations)
 * @param password          database password
 * @param maximumPoolSize   connections in the pool; one per consumer thread is enough, plus a few for the API
 * @param connectionTimeout how long a request for a connection may wait before it fails (and is retried)
 * @param socketTimeout     how long a statement may wait for the database's answer before its connection is
 *                          given up (and the batch retried): a TCP connection left hanging stalls a partition no
 *                          longer; above the longest statement the sink runs (DDL on large tables included); 0: none
 */
@Validated
@ConfigurationProperties("cdc-sink.target")
public record TargetProperties(
        @NotBlank @Pattern(regexp = "jdbc:(mysql|postgresql)://.+",
                message = "must be a jdbc:mysql:// (MySQL, MariaDB) or jdbc:postgresql:// (PostgreSQL) URL")
        String jdbcUrl,
        @NotBlank String username,
        @DefaultValue("") String password,
        @Min(1) @Max(200) @DefaultValue("8") int maximumPoolSize,
        @NotNull @DefaultValue("5s") Duration connectionTimeout,
        @NotNull @DefaultValue("60s") Duration socketTimeout) {

    /** Whether the target is PostgreSQL (else MySQL or MariaDB). */
    public boolean isPostgres() {
        return DataSources.isPostgres(jdbcUrl);
    }

    @Override
    public String toString() {
        return "TargetProperties[jdbcUrl=" + jdbcUrl + ", username=" + username + ", maximumPoolSize="
                + maximumPoolSize + ", connectionTimeout=" + connectionTimeout + ", socketTimeout=" + socketTimeout + "]";
    }
}
