package dev.cdcsink.event;

import static dev.cdcsink.event.ParseFailure.Kind.INVALID_VALUE;
import static dev.cdcsink.event.ParseFailure.Kind.UNSUPPORTED_ENCODING;
import static dev.cdcsink.event.ParseFailure.Kind.WRONG_TYPE;

import dev.cdcsink.event.decode.ConnectDecimal;
import dev.cdcsink.event.decode.DecodeException;
import dev.cdcsink.event.decode.EpochDayDate;
import dev.cdcsink.event.decode.FieldDecoder;
import dev.cdcsink.event.decode.FieldDecoders;
import dev.cdcsink.event.decode.FieldSchema;
import dev.cdcsink.event.decode.MicroTime;
import dev.cdcsink.event.decode.MicroTimestamp;
import dev.cdcsink.event.decode.MillisTime;
import dev.cdcsink.event.decode.MillisTimestamp;
import dev.cdcsink.event.decode.ZonedTimestamp;
import dev.cdcsink.event.EventProperties.TimePrecisionMode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A MySQL column type, as far as decoding needs it: which encoding the Debezium MySQL connector
 * gives its values (for messages without a schema, from the connector settings mirrored in
 * {@link EventProperties}), and how a decoded value becomes the column's Java value, checked
 * against the column's limits.
 *
 * @param <T> the column's Java type
 */
public sealed interface SqlType<T> {

    /** The decoder for this column's values in messages without a schema: the encoding the connector would have declared. */
    FieldDecoder impliedDecoder(EventProperties settings);

    /**
     * The decoded value (non-null) as this column's Java value.
     *
     * @throws DecodeException {@code WRONG_TYPE} for a value of another kind, {@code INVALID_VALUE} for one the column cannot hold
     */
    T read(Object decoded);

    static SqlType<Long> bigint() {
        return new BigInt();
    }

    static SqlType<Integer> integer() {
        return new Int();
    }

    static SqlType<String> varchar(int length) {
        return new Text("VARCHAR", length);
    }

    static SqlType<String> fixedChar(int length) {
        return new Text("CHAR", length);
    }

    static SqlType<BigDecimal> decimal(int precision, int scale) {
        return new Decimal(precision, scale);
    }

    static SqlType<LocalDateTime> datetime(int fsp) {
        return new DateTime(fsp);
    }

    static SqlType<Instant> timestamp(int fsp) {
        return new Timestamp(fsp);
    }

    static SqlType<LocalDate> date() {
        return new Date();
    }

    static SqlType<LocalTime> time(int fsp) {
        return new Time(fsp);
    }

    static SqlType<String> enumeration(String... labels) {
        return new Enumeration(List.of(labels));
    }

    private static DecodeException wrongType(String expected, Object decoded) {
        return new DecodeException(WRONG_TYPE, "expected " + expected + ", got " + decoded.getClass().getSimpleName()
                + " " + decoded);
    }

    /** The decoder for the Connect schema the connector declares for such a column. */
    private static FieldDecoder declared(String connectType, String logicalName) {
        return FieldDecoders.forSchema(FieldSchema.of(connectType, logicalName, Map.of()));
    }

    /** An integer that must fit {@code [min, max]}; Connect integers arrive as Byte/Short/Integer/Long. */
    private static long integral(Object decoded, long min, long max, String sqlName) {
        long value;
        if (decoded instanceof Long || decoded instanceof Integer || decoded instanceof Short || decoded instanceof Byte) {
            value = ((Number) decoded).longValue();
        } else if (decoded instanceof BigInteger big) {
            throw new DecodeException(INVALID_VALUE, big + " is out of range for " + sqlName);
        } else {
            throw wrongType("an integer", decoded);
        }
        if (value < min || value > max) {
            throw new DecodeException(INVALID_VALUE, value + " is out of range for " + sqlName);
        }
        return value;
    }

    /** MySQL's fractional seconds precision is 0 to 6. */
    private static void requireFsp(int fsp) {
        if (fsp < 0 || fsp > 6) {
            throw new IllegalArgumentException("fractional seconds precision must be 0 to 6, was " + fsp);
        }
    }

    /** Fractional seconds beyond the column's precision would be silently rounded by the target. */
    private static <V extends Temporal> V withinPrecision(V value, int nanos, int fsp, String sqlName) {
        if (nanos % (int) Math.pow(10, 9 - fsp) != 0) {
            throw new DecodeException(INVALID_VALUE, value + " has more fractional digits than " + sqlName + "(" + fsp + ")");
        }
        return value;
    }

    record BigInt() implements SqlType<Long> {
        @Override
        public FieldDecoder impliedDecoder(EventProperties settings) {
            return FieldDecoders.INT64;
        }

        @Override
        public Long read(Object decoded) {
            return integral(decoded, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
        }
    }

    record Int() implements SqlType<Integer> {
        @Override
        public FieldDecoder impliedDecoder(EventProperties settings) {
            return FieldDecoders.INT32;
        }

        @Override
        public Integer read(Object decoded) {
            return (int) integral(decoded, Integer.MIN_VALUE, Integer.MAX_VALUE, "INT");
        }
    }

    /** VARCHAR(n) or CHAR(n): at most n characters (code points, as utf8mb4 counts them). */
    record Text(String sqlName, int length) implements SqlType<String> {
        public Text {
            if (length < 1) {
                throw new IllegalArgumentException(sqlName + " length must be positive, was " + length);
            }
        }

        @Override
        public FieldDecoder impliedDecoder(EventProperties settings) {
            return FieldDecoders.STRING;
        }

        @Override
        public String read(Object decoded) {
            if (!(decoded instanceof String text)) {
                throw wrongType("a string", decoded);
            }
            int characters = text.codePointCount(0, text.length());
            if (characters > length) {
                throw new DecodeException(INVALID_VALUE, "is " + characters + " characters, longer than " + sqlName
                        + "(" + length + ")");
            }
            return text;
        }
    }

    /**
     * DECIMAL(p,s), read at exactly scale s so equal values compare equal whatever the encoding.
     * Text and exact decimals must not need rounding; a double (decimal.handling.mode=double) is
     * rounded to the scale, which recovers the source value as long as it has at most 15 digits.
     */
    record Decimal(int precision, int scale) implements SqlType<BigDecimal> {
        public Decimal {
            if (precision < 1 || precision > 65 || scale < 0 || scale > Math.min(precision, 30)) {
                throw new IllegalArgumentException("DECIMAL(" + precision + "," + scale + ") is not a MySQL DECIMAL");
            }
        }

        @Override
        public FieldDecoder impliedDecoder(EventProperties settings) {
            return switch (settings.decimalHandlingMode()) {
                case PRECISE -> settings.decimalScale() == null ? Decimal::unknownScale
                        : ConnectDecimal.withScale(settings.decimalScale());
                case STRING -> FieldDecoders.STRING;
                case DOUBLE -> FieldDecoders.DOUBLE;
            };
        }

        private static Object unknownScale(JsonNode value) {
            throw new DecodeException(UNSUPPORTED_ENCODING, "a base64 DECIMAL without a schema carries no scale; set "
                    + "cdc-sink.events.decimal-scale to the column's scale (or enable schemas in the converter, "
                    + "or use decimal.handling.mode=string and cdc-sink.events.decimal-handling-mode=STRING)");
        }

        @Override
        public BigDecimal read(Object decoded) {
            BigDecimal value;
            try {
                if (decoded instanceof BigDecimal exact) {
                    value = exact.setScale(scale, RoundingMode.UNNECESSARY);
                } else if (decoded instanceof String text) {
                    value = new BigDecimal(text).setScale(scale, RoundingMode.UNNECESSARY);
                } else if (decoded instanceof Double || decoded instanceof Float) {
                    value = new BigDecimal(((Number) decoded).doubleValue()).setScale(scale, RoundingMode.HALF_EVEN);
                } else {
                    throw wrongType("a decimal", decoded);
                }
            } catch (NumberFormatException e) {
                throw new DecodeException(UNSUPPORTED_ENCODING, "'" + decoded + "' is not a decimal number");
            } catch (ArithmeticException e) {
                throw new DecodeException(INVALID_VALUE, decoded + " has more than " + scale + " decimal places, "
                        + "more than DECIMAL(" + precision + "," + scale + ") holds");
            }
            if (value.unscaledValue().abs().compareTo(BigInteger.TEN.pow(precision)) >= 0) {
                throw new DecodeException(INVALID_VALUE, decoded + " has more digits than DECIMAL(" + precision + ","
                        + scale + ") holds");
            }
            return value;
        }
    }

    /** DATETIME(fsp): a zone-less wall time. */
    record DateTime(int fsp) implements SqlType<LocalDateTime> {
        public DateTime {
            requireFsp(fsp);
        }

        @Override
        public FieldDecoder impliedDecoder(EventProperties settings) {
            if (settings.timePrecisionMode() == TimePrecisionMode.CONNECT) {
                return declared("int64", MillisTimestamp.CONNECT_NAME);
            }
            return declared("int64", fsp <= 3 ? MillisTimestamp.DEBEZIUM_NAME : MicroTimestamp.NAME);
        }

        @Override
        public LocalDateTime read(Object decoded) {
            LocalDateTime value;
            if (decoded instanceof LocalDateTime dateTime) {
                value = dateTime;
            } else if (decoded instanceof Instant instant) {
                value = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            } else {
                throw wrongType("a date-time", decoded);
            }
            return withinPrecision(value, value.getNano(), fsp, "DATETIME");
        }
    }

    /** TIMESTAMP(fsp): an instant; Debezium MySQL sends it as a ZonedTimestamp in every time precision mode. */
    record Timestamp(int fsp) implements SqlType<Instant> {
        public Timestamp {
            requireFsp(fsp);
        }

        @Override
        public FieldDecoder impliedDecoder(EventProperties settings) {
            return declared("string", ZonedTimestamp.NAME);
        }

        @Override
        public Instant read(Object decoded) {
            if (!(decoded instanceof Instant instant)) {
                throw wrongType("an instant", decoded);
            }
            return withinPrecision(instant, instant.getNano(), fsp, "TIMESTAMP");
        }
    }

    record Date() implements SqlType<LocalDate> {
        @Override
        public FieldDecoder impliedDecoder(EventProperties settings) {
            return declared("int32", settings.timePrecisionMode() == TimePrecisionMode.CONNECT
                    ? EpochDayDate.CONNECT_NAME : EpochDayDate.DEBEZIUM_NAME);
        }

        @Override
        public LocalDate read(Object decoded) {
            if (!(decoded instanceof LocalDate date)) {
                throw wrongType("a date", decoded);
            }
            return date;
        }
    }

    /** TIME(fsp) as a time of day. */
    record Time(int fsp) implements SqlType<LocalTime> {
        public Time {
            requireFsp(fsp);
        }

        @Override
        public FieldDecoder impliedDecoder(EventProperties settings) {
            return settings.timePrecisionMode() == TimePrecisionMode.CONNECT
                    ? declared("int32", MillisTime.CONNECT_NAME)
                    : declared("int64", MicroTime.NAME);
        }

        @Override
        public LocalTime read(Object decoded) {
            if (!(decoded instanceof LocalTime time)) {
                throw wrongType("a time", decoded);
            }
            return withinPrecision(time, time.getNano(), fsp, "TIME");
        }
    }

    /** ENUM: one of the labels. */
    record Enumeration(List<String> labels) implements SqlType<String> {
        @Override
        public FieldDecoder impliedDecoder(EventProperties settings) {
            return FieldDecoders.STRING;
        }

        @Override
        public String read(Object decoded) {
            if (!(decoded instanceof String label)) {
                throw wrongType("a string", decoded);
            }
            if (!labels.contains(label)) {
                throw new DecodeException(INVALID_VALUE, "'" + label + "' is none of the ENUM labels " + labels);
            }
            return label;
        }
    }
}
