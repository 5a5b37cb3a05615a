package dev.cdcsink.generator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The data generator: writes listings, their photos and their details into the SOURCE database
 * so that changes flow through Debezium and Kafka into the target. Off in production; on in dev mode and in tests. Without
 * {@code cdc-sink.source.jdbc-url} none of its beans exist and its REST endpoints are absent.
 *
 * @param enabled       start writing when the service starts (it can also be started and stopped over REST)
 * @param rate          changes written per second; fractions (0.2 = one every 5 s) and hundreds both work. A change
 *                      is one row, except that a new listing may come with its photos and details and a deleted
 *                      listing takes them along
 * @param mix           relative weights of inserts, updates and deletes
 * @param seed          seed of the random data; the same seed gives the same rows (unset: a random seed, shown in the status)
 */
@Validated
@ConfigurationProperties("cdc-sink.generator")
public record GeneratorProperties(
        @DefaultValue("false") boolean enabled,
        @Positive @DecimalMax(MAX_RATE) @DefaultValue("1.0") double rate,
        @Valid @NotNull @DefaultValue @NestedConfigurationProperty OpMix mix,
        Long seed) {

    /** More than a MariaDB on a laptop takes without the generator falling behind its own schedule. */
    public static final String MAX_RATE = "5000";
}
