package dev.cdcsink.event;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How change events are decoded where the messages do not say it themselves. Messages that carry
 * their schema say how each value is encoded; messages without one
 * ({@code value.converter.schemas.enable=false}) do not, so for them these settings must mirror
 * the Debezium connector's, and the target table's column types fill in the rest (a DECIMAL's
 * scale, a DATETIME's precision).
 *
 * @param decimalHandlingMode        the connector's decimal.handling.mode, for messages without a schema:
 *                                   PRECISE (base64 unscaled bytes, the scale from the target column),
 *                                   STRING (decimal text) or DOUBLE (JSON number)
 * @param timePrecisionMode          the connector's time.precision.mode, for messages without a schema:
 *                                   ADAPTIVE_TIME_MICROSECONDS (DATETIME(4-6) and TIME in microseconds,
 *                                   DATETIME(0-3) in milliseconds) or CONNECT (milliseconds)
 * @param bigintUnsignedHandlingMode the connector's bigint.unsigned.handling.mode, for messages without a
 *                                   schema: LONG (a JSON number) or PRECISE (base64 bytes of the number)
 * @param binaryHandlingMode         the connector's binary.handling.mode: how byte strings arrive when the
 *                                   connector does not send them as bytes; applies to messages without a schema
 *                                   and to text values written to a binary target column: BYTES, BASE64,
 *                                   BASE64_URL_SAFE or HEX
 * @param unavailableValuePlaceholder the connector's unavailable.value.placeholder: the text (or, in byte
 *                                   columns, its bytes in any binary encoding) that stands for a value the
 *                                   source did not log (PostgreSQL's unchanged TOAST values); such a value
 *                                   keeps what the target holds and is never written. Not empty
 */
@ConfigurationProperties(prefix = "cdc-sink.events")
@Validated
public record EventProperties(
        @NotNull @DefaultValue("PRECISE") DecimalHandlingMode decimalHandlingMode,
        @NotNull @DefaultValue("ADAPTIVE_TIME_MICROSECONDS") TimePrecisionMode timePrecisionMode,
        @NotNull @DefaultValue("LONG") BigintUnsignedHandlingMode bigintUnsignedHandlingMode,
        @NotNull @DefaultValue("BYTES") BinaryHandlingMode binaryHandlingMode,
        @NotEmpty @DefaultValue(UnavailableValues.PLACEHOLDER) String unavailableValuePlaceholder) {

    /** Debezium's {@code decimal.handling.mode}. */
    public enum DecimalHandlingMode {
        PRECISE, STRING, DOUBLE
    }

    /** Debezium MySQL's {@code time.precision.mode}. */
    public enum TimePrecisionMode {
        ADAPTIVE_TIME_MICROSECONDS, CONNECT
    }

    /** Debezium MySQL's {@code bigint.unsigned.handling.mode}. */
    public enum BigintUnsignedHandlingMode {
        LONG, PRECISE
    }

    /** Debezium's {@code binary.handling.mode}. */
    public enum BinaryHandlingMode {
        BYTES, BASE64, BASE64_URL_SAFE, HEX;

        /**
         * The bytes the connector sent as {@code text} in this mode.
         *
         * @throws IllegalArgumentException when the text is not of this mode (or the mode sends bytes, not text)
         */
        public byte[] decode(String text) {
            return switch (this) {
                case BASE64 -> Base64.getDecoder().decode(text);
                case BASE64_URL_SAFE -> Base64.getUrlDecoder().decode(text);
                case HEX -> HexFormat.of().parseHex(text);
                case BYTES -> throw new IllegalArgumentException("binary.handling.mode=bytes sends bytes, not text");
            };
        }

        /** The connector's spelling, e.g. {@code base64-url-safe}. */
        public String setting() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
