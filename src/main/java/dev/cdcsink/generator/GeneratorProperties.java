package dev.cdcsink.generator;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The data generator: writes listings into the SOURCE database so that changes flow through
 * Debezium and Kafka into the target. Off in production; on in dev mode and in tests. Without
 * {@code source.jdbc-url} none of its beans exist and its REST endpoints are absent.
 *
 * @param enabled       start writing when the service starts (it can also be started and stopped over REST)
 * @param rate          rows written per second; fractions (0.2 = one every 5 s) and hundreds both work
 * @param mix           relative weights of inserts, updates and deletes
 * @param seed          seed of the random data; the same seed gives the same listings (unset: a random seed, shown in the status)
 * @param migrateSource apply the source schema ({@code classpath:db/source}) to the source database at start-up;
 *                      only where the service owns the source schema (dev mode, tests)
 * @param source        the source database the generator writes to
 */
@Validated
@ConfigurationProperties("cdc-sink.generator")
public record GeneratorProperties(
        @DefaultValue("false") boolean enabled,
        @Positive @DecimalMax(MAX_RATE) @DefaultValue("1.0") double rate,
        @Valid @NotNull @DefaultValue @NestedConfigurationProperty OpMix mix,
        Long seed,
        @DefaultValue("false") boolean migrateSource,
        @Valid @NotNull @DefaultValue Source source) {

    /** More than a MariaDB on a laptop takes without the generator falling behind its own schedule. */
    public static final String MAX_RATE = "5000";

    /**
     * The source database (MySQL 8.x or MariaDB), reached with MySQL Connector/J through a pool of its own.
     *
     * @param jdbcUrl           JDBC URL of the source schema, e.g. {@code jdbc:mysql://localhost:3307/shop}
     * @param username          database user (DML on {@code listings}; DDL too when {@code migrate-source} is on)
     * @param password          database password
     * @param maximumPoolSize   connections in the pool; the generator writes from one thread
     * @param connectionTimeout how long a request for a connection may wait before the tick fails
     */
    public record Source(
            @Pattern(regexp = "jdbc:mysql://.+", message = "must be a jdbc:mysql:// URL (MySQL Connector/J)")
            String jdbcUrl,
            @DefaultValue("root") String username,
            @DefaultValue("") String password,
            @Min(1) @Max(20) @DefaultValue("2") int maximumPoolSize,
            @NotNull @DefaultValue("5s") Duration connectionTimeout) {

        @Override
        public String toString() {
            return "Source[jdbcUrl=" + jdbcUrl + ", username=" + username + ", maximumPoolSize=" + maximumPoolSize
                    + ", connectionTimeout=" + connectionTimeout + "]";
        }
    }

    @AssertTrue(message = "cdc-sink.generator.source.jdbc-url must be set when the generator is enabled or migrates the source")
    public boolean isSourceConfiguredWhenNeeded() {
        return !(enabled || migrateSource) || source.jdbcUrl() != null;
    }
}
