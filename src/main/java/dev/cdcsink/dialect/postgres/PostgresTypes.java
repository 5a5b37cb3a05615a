package dev.cdcsink.dialect.postgres;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.cdcsink.change.EventColumn;
import dev.cdcsink.change.ValueKind;
import dev.cdcsink.dialect.SqlKind;
import dev.cdcsink.dialect.TargetColumn;
import dev.cdcsink.event.decode.ConnectDecimal;
import dev.cdcsink.event.decode.MicroTime;
import dev.cdcsink.event.decode.MicroTimestamp;
import dev.cdcsink.event.decode.NanoTime;
import dev.cdcsink.event.decode.NanoTimestamp;
import dev.cdcsink.event.decode.Year;
import dev.cdcsink.event.decode.ZonedTimestamp;

/**
 * PostgreSQL's column types: what {@code information_schema.columns} says of a column
 * ({@link #column}), and the type a created column gets for an event column ({@link #definition}).
 * PostgreSQL has no unsigned integers (an unsigned one gets the next wider type, BIGINT UNSIGNED
 * {@code numeric(20)}), no TINYINT, MEDIUMINT or YEAR ({@code smallint}, {@code integer}), no ENUM
 * or SET (their labels as {@code text}), and no spatial types without PostGIS (geometries keep
 * MySQL's bytes in {@link #GEOMETRY}).
 */
final class PostgresTypes {

    /** The domain over bytea that created geometry columns get (db/target/postgresql V1). */
    static final String GEOMETRY = "cdc_sink_geometry";
    /** What unconstrained {@code numeric} holds, as far as the sink checks: up to 1000 digits either side. */
    private static final int UNCONSTRAINED = 1000;

    private static final String DECIMAL_PRECISION = "connect.decimal.precision";
    private static final String BITS_LENGTH = "length";
    private static final Set<String> SPATIAL = Set.of("GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT",
            "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION", "GEOMCOLLECTION");
    private static final Set<String> TEXTS = Set.of("TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT");
    private static final Set<String> BYTES = Set.of("BINARY", "VARBINARY", "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB",
            "BYTEA");
    /** PostgreSQL source types that arrive as text and are created as themselves: the copy reads as the source. */
    private static final Set<String> POSTGRES_TEXTUAL = Set.of("UUID", "XML", "INET", "CIDR", "MACADDR", "JSON", "JSONB");

    private PostgresTypes() {
    }

    /**
     * A column as {@code information_schema.columns} describes it.
     *
     * @param dataType {@code data_type} (of the domain's base type for a domain)
     * @param domain   {@code domain_name}, or null
     * @param type     the type as {@code format_type} writes it, e.g. {@code character varying(200)}
     */
    static TargetColumn column(String name, String dataType, String domain, String type, Long maxLength,
            Long numericPrecision, Long numericScale, Long datetimePrecision, boolean nullable) {
        int fsp = datetimePrecision == null ? 6 : datetimePrecision.intValue();
        long length = maxLength == null ? -1 : maxLength;
        if (GEOMETRY.equals(domain)) {
            return simple(name, SqlKind.GEOMETRY, type, nullable);
        }
        return switch (dataType.toLowerCase(Locale.ROOT)) {
            case "smallint" -> integer(name, type, 16, nullable);
            case "integer" -> integer(name, type, 32, nullable);
            case "bigint" -> integer(name, type, 64, nullable);
            case "numeric" -> numericPrecision == null
                    ? new TargetColumn(name, SqlKind.DECIMAL, type, -1, -1, 2 * UNCONSTRAINED, UNCONSTRAINED, 0, false,
                            nullable, List.of())
                    : new TargetColumn(name, SqlKind.DECIMAL, type, -1, -1, numericPrecision.intValue(),
                            numericScale == null ? 0 : numericScale.intValue(), 0, false, nullable, List.of());
            case "real" -> simple(name, SqlKind.FLOAT, type, nullable);
            case "double precision" -> simple(name, SqlKind.DOUBLE, type, nullable);
            case "boolean" -> simple(name, SqlKind.BOOLEAN, type, nullable);
            // characters, not bytes: PostgreSQL counts a varchar's length in characters
            case "character varying", "character", "text" -> new TargetColumn(name, SqlKind.TEXT, type, length, -1, 0,
                    0, 0, false, nullable, List.of());
            case "bytea" -> new TargetColumn(name, SqlKind.BINARY, type, -1, -1, 0, 0, 0, false, nullable, List.of());
            case "bit", "bit varying" -> new TargetColumn(name, SqlKind.BIT, type, -1, length < 0 ? 64 : length, 0, 0,
                    0, false, nullable, List.of());
            case "date" -> simple(name, SqlKind.DATE, type, nullable);
            // an instant column reads as a date and time: the sink's sessions are in UTC
            case "timestamp without time zone", "timestamp with time zone" -> new TargetColumn(name, SqlKind.DATETIME,
                    type, -1, -1, 0, 0, fsp, false, nullable, List.of());
            case "time without time zone" -> new TargetColumn(name, SqlKind.TIME, type, -1, -1, 0, 0, fsp, false,
                    nullable, List.of());
            case "json", "jsonb" -> simple(name, SqlKind.JSON, type, nullable);
            default -> simple(name, SqlKind.OTHER, type, nullable);
        };
    }

    private static TargetColumn integer(String name, String type, int bits, boolean nullable) {
        return new TargetColumn(name, SqlKind.INTEGER, type, -1, -1, bits, 0, 0, false, nullable, List.of());
    }

    private static TargetColumn simple(String name, SqlKind kind, String type, boolean nullable) {
        return new TargetColumn(name, kind, type, -1, -1, 0, 0, 0, false, nullable, List.of());
    }

    /** The type of a created column: from the source's own type when the event carries it, else by kind. */
    static String definition(EventColumn column, boolean key) {
        String source = sourceDefinition(column);
        return source != null ? source : byKind(column);
    }

    private static String byKind(EventColumn c) {
        return switch (c.kind()) {
            case INTEGER -> Year.NAME.equals(c.logicalName()) ? "smallint" : switch (c.connectType()) {
                case "int8", "int16" -> "smallint";
                case "int32" -> "integer";
                default -> "bigint";
            };
            case DECIMAL -> numeric(c.intParameter(DECIMAL_PRECISION), c.intParameter(ConnectDecimal.SCALE_PARAMETER));
            case FLOAT -> "real";
            case DOUBLE -> "double precision";
            case BOOLEAN -> "boolean";
            case STRING, OTHER, ENUM, SET -> "text";
            // jsonb, not json: it is what PostgreSQL users query and index, and it keeps a value as MySQL's JSON
            // does (keys sorted and unique, insignificant whitespace dropped), so both print it alike
            case JSON -> "jsonb";
            case BYTES -> "bytea";
            case BITS -> "bit varying(" + clamp(c.intParameter(BITS_LENGTH), 1, 64, 64) + ")";
            case DATE -> "date";
            case DATETIME -> "timestamp(" + fsp(c) + ")";
            case TIMESTAMP -> "timestamp(" + fsp(c) + ") with time zone";
            case TIME -> "time(" + fsp(c) + ")";
            case GEOMETRY -> GEOMETRY;
        };
    }

    private static String sourceDefinition(EventColumn c) {
        String sourceType = c.sourceType();
        if (sourceType == null) {
            return null;
        }
        String type = sourceType.toUpperCase(Locale.ROOT).replace(" ZEROFILL", "").trim();
        boolean unsigned = type.contains("UNSIGNED");
        String base = type.replace(" UNSIGNED", "");
        Integer length = c.intParameter(EventColumn.SOURCE_LENGTH);
        Integer scale = c.intParameter(EventColumn.SOURCE_SCALE);
        ValueKind kind = c.kind();
        if (kind == ValueKind.BOOLEAN && (base.equals("TINYINT") || base.equals("BIT"))) {
            return "boolean";
        }
        if (kind == ValueKind.INTEGER || kind == ValueKind.DECIMAL) {
            // the next wider type holds an unsigned one's values
            String integer = switch (base) {
                case "TINYINT" -> "smallint";
                case "SMALLINT" -> unsigned ? "integer" : "smallint";
                case "MEDIUMINT" -> "integer";
                case "INT", "INTEGER" -> unsigned ? "bigint" : "integer";
                case "BIGINT" -> unsigned ? "numeric(20)" : "bigint";
                case "YEAR" -> "smallint";
                default -> null;
            };
            if (integer != null) {
                return integer;
            }
        }
        if (Set.of("DECIMAL", "NUMERIC", "DEC", "FIXED").contains(base) && kind == ValueKind.DECIMAL) {
            return numeric(length, scale);
        }
        // decimal.handling.mode=string: the column holds the numbers (and NaN, infinities) the text spells
        if (base.equals("NUMERIC") && kind == ValueKind.STRING) {
            return numeric(length, scale);
        }
        if (POSTGRES_TEXTUAL.contains(base) && (kind == ValueKind.STRING || kind == ValueKind.JSON)) {
            return base.toLowerCase(Locale.ROOT);
        }
        // PostgreSQL's char(n): the connector sends it padded, and char(n) reads it back as the source does
        if (kind == ValueKind.STRING && base.equals("BPCHAR") && length != null) {
            return "char(" + Math.max(1, length) + ")";
        }
        // the connector sends timetz in UTC (io.debezium.time.ZonedTime) and interval.handling.mode=string as ISO 8601
        if (kind == ValueKind.STRING && base.equals("TIMETZ")) {
            return "time with time zone";
        }
        if (kind == ValueKind.STRING && base.equals("INTERVAL")) {
            return "interval";
        }
        if (kind == ValueKind.STRING && (base.equals("CHAR") || base.equals("VARCHAR")) && length != null) {
            // varchar, not char: MySQL's CHAR drops trailing spaces, PostgreSQL's would add them back on reading
            return "varchar(" + Math.max(1, length) + ")";
        }
        if (kind == ValueKind.STRING && TEXTS.contains(base)) {
            return "text";
        }
        if (kind == ValueKind.BYTES && BYTES.contains(base)) {
            return "bytea";
        }
        if (base.equals("BIT") && kind == ValueKind.BITS) {
            return "bit varying(" + clamp(length, 1, 64, 1) + ")";
        }
        if (base.equals("TIMESTAMP") && kind == ValueKind.TIMESTAMP) {
            return "timestamp(" + sourceFsp(c, length) + ") with time zone";
        }
        if (base.equals("DATETIME") && kind == ValueKind.DATETIME) {
            return "timestamp(" + sourceFsp(c, length) + ")";
        }
        if (base.equals("TIME") && kind == ValueKind.TIME) {
            return "time(" + sourceFsp(c, length) + ")";
        }
        if (SPATIAL.contains(base) && kind == ValueKind.GEOMETRY) {
            return GEOMETRY;
        }
        return null;
    }

    /** {@code numeric(p,s)}; without a precision (a variable-scale decimal) unconstrained {@code numeric}. */
    private static String numeric(Integer precision, Integer scale) {
        // PostgreSQL's source length of an unconstrained numeric is 0
        if (precision == null || precision == 0) {
            return "numeric";
        }
        int s = clamp(scale, 0, UNCONSTRAINED, 0);
        int p = clamp(precision, 1, UNCONSTRAINED, UNCONSTRAINED);
        return "numeric(" + Math.max(p, s) + "," + s + ")";
    }

    private static int fsp(EventColumn c) {
        String name = c.logicalName();
        return MicroTimestamp.NAME.equals(name) || NanoTimestamp.NAME.equals(name) || MicroTime.NAME.equals(name)
                || NanoTime.NAME.equals(name) || ZonedTimestamp.NAME.equals(name) ? 6 : 3;
    }

    private static int sourceFsp(EventColumn c, Integer length) {
        return length == null ? 0 : length >= 0 && length <= 6 ? length : fsp(c);
    }

    private static int clamp(Integer value, int min, int max, int otherwise) {
        return value == null ? otherwise : Math.max(min, Math.min(max, value));
    }
}
