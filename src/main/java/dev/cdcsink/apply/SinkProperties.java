package dev.cdcsink.apply;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How changes are written to the target.
 *
 * @param deleteMode   SOFT keeps deleted rows with {@code deleted = TRUE}; HARD removes them and
 *                     remembers the delete's source position so an older change cannot resurrect them
 * @param chunkSize    records per target transaction: a polled batch is applied in parts of this
 *                     many, each parsed while the one before commits; so also the most keys per
 *                     {@code SELECT … IN (…)} and rows per statement
 */
@Validated
@ConfigurationProperties("cdc-sink.sink")
public record SinkProperties(
        @NotNull @DefaultValue("soft") DeleteMode deleteMode,
        @Min(1) @Max(10_000) @DefaultValue("1000") int chunkSize) {
}
