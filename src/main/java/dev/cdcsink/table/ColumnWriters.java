package dev.cdcsink.table;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import dev.cdcsink.change.EventColumn;
import dev.cdcsink.change.Geometry;
import dev.cdcsink.change.ValueKind;
import dev.cdcsink.dialect.SqlKind;
import dev.cdcsink.dialect.SqlValues;
import dev.cdcsink.dialect.TargetColumn;
import dev.cdcsink.event.EventProperties;
import dev.cdcsink.event.EventProperties.BinaryHandlingMode;

/**
 * The rule for every (event value kind, target column kind) pair: which values fit exactly and
 * how they are written. Nothing is rounded, truncated, padded or shifted silently: a value that
 * the column cannot hold as it is gets a {@link ColumnWriter#problem} that names the column and
 * why. The one deliberate exception is a {@code double}-encoded decimal
 * ({@code decimal.handling.mode=double}), rounded to the column's scale, which recovers the
 * source value where the connector's double still holds it.
 */
final class ColumnWriters {

    private static final BigInteger UNSIGNED_64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final Duration MAX_TIME = Duration.ofHours(838).plusMinutes(59).plusSeconds(59).plusNanos(999_999_000);
    /** Exclusive: the epoch itself is TIMESTAMP's zero value; MariaDB takes a microsecond after it, MySQL a second. */
    private static final Instant TIMESTAMP_MIN = Instant.EPOCH;
    private static final Instant TIMESTAMP_MAX = Instant.parse("2038-01-19T03:14:07.999999Z");

    private ColumnWriters() {
    }

    /**
     * The writer of {@code event}'s values into {@code target}.
     *
     * @throws IllegalArgumentException when no value of the event column's kind can go into the target column;
     *                                  the message says which and why
     */
    static ColumnWriter of(EventColumn event, TargetColumn target, EventProperties settings, boolean nonFinite) {
        ValueKind kind = event.kind();
        String where = "target column " + target.name() + " " + target.type();
        ColumnWriter writer = switch (target.kind()) {
            case INTEGER -> integerTarget(kind, target, event, where);
            case DECIMAL -> decimalTarget(kind, target, nonFinite, where);
            case FLOAT, DOUBLE -> floatingTarget(kind, target, nonFinite, where);
            case BOOLEAN -> kind == ValueKind.BOOLEAN ? writer(v -> null, (v, out) -> out.add((Boolean) v)) : null;
            case BIT -> bitTarget(kind, target, where);
            case YEAR -> kind == ValueKind.INTEGER ? writer(v -> yearProblem((Long) v, where), (v, out) -> out.add((Long) v))
                    : null;
            case TEXT, OTHER -> textTarget(kind, target, where);
            case ENUM -> kind == ValueKind.ENUM || kind == ValueKind.STRING
                    ? writer(v -> labelProblem(List.of(enumLabel((String) v, target)), target, where),
                            (v, out) -> out.add(enumLabel((String) v, target))) : null;
            case SET -> kind == ValueKind.SET || kind == ValueKind.STRING
                    ? writer(v -> labelProblem(members((String) v), target, where), (v, out) -> out.add((String) v)) : null;
            case JSON -> kind == ValueKind.JSON || kind == ValueKind.STRING || kind == ValueKind.OTHER
                    ? writer(v -> null, (v, out) -> out.addJson((String) v)) : null;
            case BINARY -> binaryTarget(kind, target, settings.binaryHandlingMode(), where);
            case DATE -> dateTarget(kind, where);
            case DATETIME, TIMESTAMP -> dateTimeTarget(kind, target, where);
            case TIME -> kind == ValueKind.TIME ? writer(v -> timeProblem((Duration) v, target, where),
                    (v, out) -> out.add((Duration) v)) : null;
            case GEOMETRY -> kind == ValueKind.GEOMETRY ? writer(v -> null, (v, out) -> out.add((Geometry) v)) : null;
        };
        if (writer == null) {
            throw new IllegalArgumentException("column " + event.name() + ": " + describe(event) + " values cannot be "
                    + "written to " + where);
        }
        return writer;
    }

    private static String describe(EventColumn event) {
        return event.kind().name().toLowerCase(Locale.ROOT) + " (" + event.connectType()
                + (event.logicalName() == null ? "" : " " + event.logicalName()) + ")";
    }

    private static ColumnWriter writer(Function<Object, String> problem, BiConsumer<Object, SqlValues> write) {
        return new ColumnWriter() {
            @Override
            public String problem(Object value) {
                return problem.apply(value);
            }

            @Override
            public void write(Object value, SqlValues out) {
                if (value == null) {
                    out.addNull();
                } else {
                    write.accept(value, out);
                }
            }
        };
    }

    // --- numbers ---------------------------------------------------------------------------

    private static ColumnWriter integerTarget(ValueKind kind, TargetColumn target, EventColumn event, String where) {
        BigInteger min = target.unsigned() ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(target.precision() - 1).negate();
        BigInteger max = target.unsigned() ? BigInteger.ONE.shiftLeft(target.precision()).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(target.precision() - 1).subtract(BigInteger.ONE);
        // bigint.unsigned.handling.mode=long wraps values from 2^63 to negative longs; the source type says so
        boolean wrappedUnsigned = target.unsigned() && target.precision() == 64 && event.sourceType() != null
                && event.sourceType().toUpperCase(Locale.ROOT).contains("UNSIGNED");
        return switch (kind) {
            case INTEGER -> wrappedUnsigned
                    ? writer(v -> null, (v, out) -> out.addUnsigned((Long) v))
                    : writer(v -> range(BigInteger.valueOf((Long) v), min, max, where), (v, out) -> out.add((Long) v));
            case BOOLEAN -> writer(v -> null, (v, out) -> out.add((Boolean) v ? 1L : 0L));
            case DECIMAL -> writer(v -> integral((BigDecimal) v, min, max, where), (v, out) -> out.add((BigDecimal) v));
            case STRING -> writer(v -> {
                BigDecimal parsed = parse((String) v, where);
                return parsed == null ? "'" + v + "' is not a number, for " + where : integral(parsed, min, max, where);
            }, (v, out) -> out.add(new BigDecimal((String) v)));
            default -> null;
        };
    }

    private static String integral(BigDecimal value, BigInteger min, BigInteger max, String where) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > 0) {
            return value.toPlainString() + " is not a whole number, for " + where;
        }
        return range(stripped.toBigIntegerExact(), min, max, where);
    }

    private static String range(BigInteger value, BigInteger min, BigInteger max, String where) {
        return value.compareTo(min) < 0 || value.compareTo(max) > 0
                ? value + " is out of range for " + where + " (" + min + " to " + max + ")" : null;
    }

    private static ColumnWriter decimalTarget(ValueKind kind, TargetColumn target, boolean nonFinite, String where) {
        int scale = target.scale();
        return switch (kind) {
            case DECIMAL -> writer(v -> decimalProblem((BigDecimal) v, target, where), (v, out) -> out.add((BigDecimal) v));
            case INTEGER -> writer(v -> decimalProblem(BigDecimal.valueOf((Long) v), target, where),
                    (v, out) -> out.add((Long) v));
            // decimal.handling.mode=string: PostgreSQL's NaN and infinities arrive as NAN, POSITIVE_INFINITY, NEGATIVE_INFINITY
            case STRING -> writer(v -> {
                Double special = NON_FINITE_DECIMALS.get((String) v);
                if (special != null) {
                    return nonFiniteProblem(special, target, nonFinite, where);
                }
                BigDecimal parsed = parse((String) v, where);
                return parsed == null ? "'" + v + "' is not a decimal number, for " + where
                        : decimalProblem(parsed, target, where);
            }, (v, out) -> {
                Double special = NON_FINITE_DECIMALS.get((String) v);
                if (special != null) {
                    out.add((double) special);
                } else {
                    out.add(new BigDecimal((String) v));
                }
            });
            // decimal.handling.mode=double: the connector's approximation, rounded back to the column's scale
            case DOUBLE, FLOAT -> writer(v -> {
                double d = ((Number) v).doubleValue();
                return !Double.isFinite(d) ? nonFiniteProblem(d, target, nonFinite, where)
                        : decimalProblem(BigDecimal.valueOf(d).setScale(scale, RoundingMode.HALF_EVEN), target, where);
            }, (v, out) -> {
                double d = ((Number) v).doubleValue();
                if (Double.isFinite(d)) {
                    out.add(BigDecimal.valueOf(d).setScale(scale, RoundingMode.HALF_EVEN));
                } else {
                    out.add(d);
                }
            });
            default -> null;
        };
    }

    /** Debezium's text for PostgreSQL's special numerics under decimal.handling.mode=string (Java enum names). */
    private static final Map<String, Double> NON_FINITE_DECIMALS = Map.of("NAN", Double.NaN,
            "POSITIVE_INFINITY", Double.POSITIVE_INFINITY, "NEGATIVE_INFINITY", Double.NEGATIVE_INFINITY);

    /**
     * Why a NaN or infinity cannot go into a decimal column: the product has none (MySQL, MariaDB), or
     * PostgreSQL's column is constrained (numeric(p,s) holds NaN, but no infinity).
     */
    private static String nonFiniteProblem(double value, TargetColumn target, boolean nonFinite, String where) {
        if (!nonFinite) {
            return value + " cannot be stored in " + where;
        }
        // an unconstrained numeric's type has no (precision, scale)
        return Double.isInfinite(value) && target.type().contains("(") ? value + " cannot be stored in " + where
                + " (a numeric with a precision holds NaN but no infinity)" : null;
    }

    private static String decimalProblem(BigDecimal value, TargetColumn target, String where) {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        if (stripped.scale() > target.scale()) {
            return value.toPlainString() + " has more than " + target.scale() + " decimal places, more than " + where
                    + " holds";
        }
        int integerDigits = stripped.precision() - stripped.scale();
        if (integerDigits > target.precision() - target.scale()) {
            return value.toPlainString() + " has more digits than " + where + " holds";
        }
        if (target.unsigned() && value.signum() < 0) {
            return value.toPlainString() + " is negative, for " + where;
        }
        return null;
    }

    private static ColumnWriter floatingTarget(ValueKind kind, TargetColumn target, boolean nonFinite, String where) {
        boolean single = target.kind() == SqlKind.FLOAT;
        return switch (kind) {
            case FLOAT -> writer(v -> nonFinite ? null : finite((Float) v, where), (v, out) -> out.add((float) (Float) v));
            case DOUBLE -> writer(v -> {
                double d = (Double) v;
                if (!Double.isFinite(d) && nonFinite) {
                    return null;
                }
                String notFinite = finite(d, where);
                return notFinite != null ? notFinite
                        : single && (double) (float) d != d ? d + " is not exactly a single-precision number, for " + where
                        : null;
            }, (v, out) -> {
                if (single) {
                    out.add((float) (double) (Double) v);
                } else {
                    out.add((double) (Double) v);
                }
            });
            case INTEGER -> writer(v -> {
                long l = (Long) v;
                return single ? ((long) (float) l == l ? null : l + " is not exactly a single-precision number, for " + where)
                        : ((long) (double) l == l ? null : l + " is not exactly a double-precision number, for " + where);
            }, (v, out) -> out.add((Long) v));
            default -> null;
        };
    }

    private static String finite(double value, String where) {
        return Double.isFinite(value) ? null : value + " cannot be stored in " + where;
    }

    private static String yearProblem(long year, String where) {
        return year == 0 || (year >= 1901 && year <= 2155) ? null : year + " is not a year " + where + " holds (1901 to 2155)";
    }

    private static ColumnWriter bitTarget(ValueKind kind, TargetColumn target, String where) {
        long bits = target.maxBytes();
        return switch (kind) {
            case BOOLEAN -> writer(v -> null, (v, out) -> out.add((Boolean) v ? 1L : 0L));
            case BITS -> writer(v -> new BigInteger(1, (byte[]) v).bitLength() > bits
                    ? "the value has more bits than " + where + " holds" : null, (v, out) -> out.addBits((byte[]) v));
            case INTEGER -> writer(v -> (Long) v < 0 || (bits < 64 && (Long) v >= 1L << bits)
                    ? v + " does not fit " + where : null, (v, out) -> out.add((Long) v));
            default -> null;
        };
    }

    // --- text and bytes ----------------------------------------------------------------------

    private static ColumnWriter textTarget(ValueKind kind, TargetColumn target, String where) {
        Function<Object, String> text = switch (kind) {
            case STRING, JSON, ENUM, SET, OTHER -> v -> (String) v;
            case INTEGER -> v -> Long.toString((Long) v);
            case DECIMAL -> v -> ((BigDecimal) v).toPlainString();
            case DOUBLE, FLOAT -> v -> v.toString();
            case BOOLEAN -> v -> v.toString();
            case DATE, DATETIME -> Object::toString;
            case TIMESTAMP -> Object::toString;
            case TIME -> v -> v.toString();
            default -> null;
        };
        if (text == null) {
            return null;
        }
        return writer(v -> textProblem(text.apply(v), target, where), (v, out) -> out.add(text.apply(v)));
    }

    private static String textProblem(String value, TargetColumn target, String where) {
        if (target.maxChars() >= 0) {
            int characters = value.codePointCount(0, value.length());
            if (characters > target.maxChars()) {
                return "is " + characters + " characters, longer than " + where;
            }
        }
        if (target.maxBytes() >= 0 && target.maxChars() < 0) {
            int bytes = value.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > target.maxBytes()) {
                return "is " + bytes + " bytes, longer than " + where + " holds";
            }
        }
        return null;
    }

    private static ColumnWriter binaryTarget(ValueKind kind, TargetColumn target, BinaryHandlingMode mode, String where) {
        boolean fixed = target.type().toLowerCase(Locale.ROOT).startsWith("binary");
        return switch (kind) {
            case BYTES, BITS -> writer(v -> bytesProblem((byte[]) v, target, fixed, where), (v, out) -> out.add((byte[]) v));
            // binary.handling.mode other than bytes: the connector sent the bytes as text
            case STRING -> mode == BinaryHandlingMode.BYTES ? null : writer(v -> {
                byte[] bytes = binary((String) v, mode);
                return bytes == null ? "is not " + mode.setting() + " text (cdc-sink.events.binary-handling-mode), for " + where
                        : bytesProblem(bytes, target, fixed, where);
            }, (v, out) -> out.add(binary((String) v, mode)));
            case GEOMETRY -> null;
            default -> null;
        };
    }

    private static String bytesProblem(byte[] value, TargetColumn target, boolean fixed, String where) {
        if (target.maxBytes() >= 0 && value.length > target.maxBytes()) {
            return "is " + value.length + " bytes, longer than " + where;
        }
        if (fixed && value.length < target.maxBytes()) {
            return "is " + value.length + " bytes; " + where + " would pad it with zero bytes";
        }
        return null;
    }

    /** The bytes of the text, null if it is not text of that mode. */
    private static byte[] binary(String text, BinaryHandlingMode mode) {
        try {
            return mode.decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // --- dates and times ---------------------------------------------------------------------

    private static ColumnWriter dateTarget(ValueKind kind, String where) {
        return switch (kind) {
            case DATE -> writer(v -> yearRange(((LocalDate) v).getYear(), where), (v, out) -> out.add((LocalDate) v));
            case DATETIME -> writer(v -> ((LocalDateTime) v).toLocalTime().equals(LocalTime.MIDNIGHT)
                    ? yearRange(((LocalDateTime) v).getYear(), where) : v + " has a time of day, which " + where + " drops",
                    (v, out) -> out.add(((LocalDateTime) v).toLocalDate()));
            default -> null;
        };
    }

    private static ColumnWriter dateTimeTarget(ValueKind kind, TargetColumn target, String where) {
        boolean instantColumn = target.kind() == SqlKind.TIMESTAMP;
        return switch (kind) {
            case DATETIME -> writer(v -> dateTimeProblem((LocalDateTime) v, instantColumn, target, where),
                    (v, out) -> out.add((LocalDateTime) v));
            // an instant into a zone-less column: its date and time in UTC
            case TIMESTAMP -> writer(v -> dateTimeProblem(LocalDateTime.ofInstant((Instant) v, ZoneOffset.UTC),
                    instantColumn, target, where), (v, out) -> out.add((Instant) v));
            case DATE -> writer(v -> dateTimeProblem(((LocalDate) v).atStartOfDay(), instantColumn, target, where),
                    (v, out) -> out.add(((LocalDate) v).atStartOfDay()));
            default -> null;
        };
    }

    private static String dateTimeProblem(LocalDateTime utc, boolean instantColumn, TargetColumn target, String where) {
        String fraction = fraction(utc.getNano(), target.fsp(), utc, where);
        if (fraction != null) {
            return fraction;
        }
        if (instantColumn) {
            Instant instant = utc.toInstant(ZoneOffset.UTC);
            return !instant.isAfter(TIMESTAMP_MIN) || instant.isAfter(TIMESTAMP_MAX)
                    ? utc + " UTC is outside what " + where + " holds (after 1970-01-01 00:00:00 to 2038-01-19 03:14:07.999999 UTC)"
                    : null;
        }
        return yearRange(utc.getYear(), where);
    }

    private static String timeProblem(Duration value, TargetColumn target, String where) {
        if (value.abs().compareTo(MAX_TIME) > 0) {
            return value + " is outside what " + where + " holds (-838:59:59.999999 to 838:59:59.999999)";
        }
        return fraction(value.toNanosPart(), target.fsp(), value, where);
    }

    /** Fractional seconds beyond the column's precision would be rounded by the database. */
    private static String fraction(int nanos, int fsp, Object value, String where) {
        int unit = (int) Math.pow(10, 9 - Math.min(6, Math.max(0, fsp)));
        return nanos % unit != 0 ? value + " has more fractional digits than " + where + " holds" : null;
    }

    private static String yearRange(int year, String where) {
        return year < 0 || year > 9999 ? "year " + year + " is outside what " + where + " holds" : null;
    }

    // --- labels ------------------------------------------------------------------------------

    private static String labelProblem(List<String> values, TargetColumn target, String where) {
        for (String value : values) {
            if (target.labels().stream().noneMatch(label -> isLabel(value, label))) {
                return "'" + value + "' is none of the labels of " + where;
            }
        }
        return null;
    }

    /**
     * Whether {@code value} is {@code label}. MariaDB describes ENUM and SET labels in utf8mb3, so a
     * four-byte character of a label reads as {@code ?}: there it stands for any such character.
     */
    static boolean isLabel(String value, String label) {
        if (value.equals(label)) {
            return true;
        }
        if (label.indexOf('?') < 0) {
            return false;
        }
        int[] v = value.codePoints().toArray();
        int[] l = label.codePoints().toArray();
        if (v.length != l.length) {
            return false;
        }
        for (int i = 0; i < v.length; i++) {
            if (v[i] != l[i] && !(l[i] == '?' && v[i] > 0xFFFF)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The ENUM label a streamed value stands for: the MariaDB connector sends a label with a comma
     * escaped ({@code a\, b}) as it escapes it in the schema's {@code allowed}; read as the label.
     */
    private static String enumLabel(String value, TargetColumn target) {
        if (value.contains("\\,") && !target.labels().contains(value)) {
            String unescaped = value.replace("\\,", ",");
            if (target.labels().contains(unescaped)) {
                return unescaped;
            }
        }
        return value;
    }

    private static List<String> members(String set) {
        return set.isEmpty() ? List.of() : List.of(set.split(","));
    }

    private static BigDecimal parse(String text, String where) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
