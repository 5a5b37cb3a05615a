package dev.cdcsink.event;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How change events are decoded. Messages that carry their schema say how each value is encoded;
 * messages without one ({@code value.converter.schemas.enable=false}) do not, so these settings
 * must mirror the Debezium connector's.
 *
 * @param decimalHandlingMode How the connector encodes DECIMAL columns in messages without a schema;
 *                            mirror its decimal.handling.mode: PRECISE (base64 unscaled bytes),
 *                            STRING (decimal text) or DOUBLE (JSON number).
 * @param decimalScale        Scale of base64 (PRECISE) DECIMAL values in messages without a schema,
 *                            which carry no scale of their own. Unset: such values are rejected as
 *                            undecodable rather than guessed.
 * @param timePrecisionMode   How the connector encodes DATETIME, DATE and TIME columns in messages
 *                            without a schema; mirror its time.precision.mode:
 *                            ADAPTIVE_TIME_MICROSECONDS (DATETIME(4-6) in epoch microseconds,
 *                            DATETIME(0-3) in milliseconds) or CONNECT (epoch milliseconds).
 */
@ConfigurationProperties(prefix = "cdc-sink.events")
@Validated
public record EventProperties(
        @NotNull @DefaultValue("PRECISE") DecimalHandlingMode decimalHandlingMode,
        // MySQL's upper bound for a DECIMAL scale
        @PositiveOrZero @Max(30) Integer decimalScale,
        @NotNull @DefaultValue("ADAPTIVE_TIME_MICROSECONDS") TimePrecisionMode timePrecisionMode) {

    /** Debezium's {@code decimal.handling.mode}. */
    public enum DecimalHandlingMode {
        PRECISE, STRING, DOUBLE
    }

    /** Debezium MySQL's {@code time.precision.mode}. */
    public enum TimePrecisionMode {
        ADAPTIVE_TIME_MICROSECONDS, CONNECT
    }
}
