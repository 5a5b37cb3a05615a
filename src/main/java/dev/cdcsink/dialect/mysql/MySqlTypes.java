package dev.cdcsink.dialect.mysql;

import java.util.ArrayList;
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
import dev.cdcsink.event.decode.Spatial;
import dev.cdcsink.event.decode.VariableScaleDecimal;
import dev.cdcsink.event.decode.Year;
import dev.cdcsink.event.decode.ZonedTimestamp;

/**
 * MySQL's and MariaDB's column types: what an information_schema column description holds
 * ({@link #column}), and the type a created column gets for an event column ({@link #definition}).
 */
final class MySqlTypes {

    /** Debezium's parameter with a DECIMAL's precision. */
    static final String DECIMAL_PRECISION = "connect.decimal.precision";
    /** Debezium's parameter with the labels of an ENUM or SET, comma-separated. */
    static final String ALLOWED = "allowed";
    /** Debezium's parameter with the number of bits of a BIT(n). */
    static final String BITS_LENGTH = "length";

    private static final Set<String> INTEGERS = Set.of("TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER", "BIGINT");
    private static final Set<String> SPATIAL = Set.of("GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT",
            "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION", "GEOMCOLLECTION");
    private static final Set<String> TEXTS = Set.of("TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT");
    private static final Set<String> BLOBS = Set.of("TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB");

    private MySqlTypes() {
    }

    /** A column as {@code information_schema.COLUMNS} describes it. */
    static TargetColumn column(String name, String dataType, String columnType, Long maxChars, Long maxBytes,
            Long numericPrecision, Long numericScale, Long datetimePrecision, boolean nullable) {
        String data = dataType.toLowerCase(Locale.ROOT);
        String full = columnType.toLowerCase(Locale.ROOT);
        boolean unsigned = full.contains("unsigned");
        int fsp = datetimePrecision == null ? 0 : datetimePrecision.intValue();
        long chars = maxChars == null ? -1 : maxChars;
        long bytes = maxBytes == null ? -1 : maxBytes;
        return switch (data) {
            case "tinyint" -> integer(name, columnType, 8, unsigned, nullable);
            case "smallint" -> integer(name, columnType, 16, unsigned, nullable);
            case "mediumint" -> integer(name, columnType, 24, unsigned, nullable);
            case "int", "integer" -> integer(name, columnType, 32, unsigned, nullable);
            case "bigint" -> integer(name, columnType, 64, unsigned, nullable);
            case "decimal", "numeric" -> new TargetColumn(name, SqlKind.DECIMAL, columnType, -1, -1,
                    numericPrecision == null ? 65 : numericPrecision.intValue(),
                    numericScale == null ? 0 : numericScale.intValue(), 0, unsigned, nullable, List.of());
            case "float" -> simple(name, SqlKind.FLOAT, columnType, unsigned, nullable);
            case "double", "real" -> simple(name, SqlKind.DOUBLE, columnType, unsigned, nullable);
            case "char", "varchar" -> new TargetColumn(name, SqlKind.TEXT, columnType, chars, bytes, 0, 0, 0, false,
                    nullable, List.of());
            // bounded by bytes, not characters
            case "tinytext", "text", "mediumtext", "longtext" -> new TargetColumn(name, SqlKind.TEXT, columnType, -1,
                    bytes, 0, 0, 0, false, nullable, List.of());
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> new TargetColumn(name,
                    SqlKind.BINARY, columnType, -1, bytes >= 0 ? bytes : chars, 0, 0, 0, false, nullable, List.of());
            case "bit" -> new TargetColumn(name, SqlKind.BIT, columnType, -1,
                    numericPrecision == null ? 1 : numericPrecision, 0, 0, 0, false, nullable, List.of());
            case "date" -> simple(name, SqlKind.DATE, columnType, false, nullable);
            case "datetime" -> temporal(name, SqlKind.DATETIME, columnType, fsp, nullable);
            case "timestamp" -> temporal(name, SqlKind.TIMESTAMP, columnType, fsp, nullable);
            case "time" -> temporal(name, SqlKind.TIME, columnType, fsp, nullable);
            case "year" -> simple(name, SqlKind.YEAR, columnType, false, nullable);
            case "json" -> simple(name, SqlKind.JSON, columnType, false, nullable);
            case "enum" -> new TargetColumn(name, SqlKind.ENUM, columnType, chars, bytes, 0, 0, 0, false, nullable,
                    labels(columnType));
            case "set" -> new TargetColumn(name, SqlKind.SET, columnType, chars, bytes, 0, 0, 0, false, nullable,
                    labels(columnType));
            default -> SPATIAL.contains(data.toUpperCase(Locale.ROOT))
                    ? simple(name, SqlKind.GEOMETRY, columnType, false, nullable)
                    : simple(name, SqlKind.OTHER, columnType, false, nullable);
        };
    }

    private static TargetColumn integer(String name, String type, int bits, boolean unsigned, boolean nullable) {
        return new TargetColumn(name, SqlKind.INTEGER, type, -1, -1, bits, 0, 0, unsigned, nullable, List.of());
    }

    private static TargetColumn simple(String name, SqlKind kind, String type, boolean unsigned, boolean nullable) {
        return new TargetColumn(name, kind, type, -1, -1, 0, 0, 0, unsigned, nullable, List.of());
    }

    private static TargetColumn temporal(String name, SqlKind kind, String type, int fsp, boolean nullable) {
        return new TargetColumn(name, kind, type, -1, -1, 0, 0, fsp, false, nullable, List.of());
    }

    /** {@code enum('a','it''s')} → [a, it's]. */
    static List<String> labels(String columnType) {
        List<String> labels = new ArrayList<>();
        int open = columnType.indexOf('(');
        StringBuilder label = null;
        for (int i = open + 1; i < columnType.length(); i++) {
            char c = columnType.charAt(i);
            if (label == null) {
                if (c == '\'') {
                    label = new StringBuilder();
                }
            } else if (c == '\'' && i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
                label.append('\'');
                i++;
            } else if (c == '\'') {
                labels.add(label.toString());
                label = null;
            } else {
                label.append(c);
            }
        }
        return labels;
    }

    /** The type of a created column: the source's own type when the event carries it and it fits, else by kind. */
    static String definition(EventColumn column, boolean key) {
        String source = sourceDefinition(column, key);
        return source != null ? source : byKind(column, key);
    }

    static boolean isText(String type) {
        String t = type.toUpperCase(Locale.ROOT);
        return t.startsWith("CHAR") || t.startsWith("VARCHAR") || TEXTS.contains(t) || t.startsWith("ENUM")
                || t.startsWith("SET") || t.equals("LONGTEXT");
    }

    private static String byKind(EventColumn c, boolean key) {
        return switch (c.kind()) {
            case INTEGER -> Year.NAME.equals(c.logicalName()) ? "YEAR" : switch (c.connectType()) {
                case "int8" -> "TINYINT";
                case "int16" -> "SMALLINT";
                case "int32" -> "INT";
                default -> "BIGINT";
            };
            // a variable-scale decimal (PostgreSQL's unconstrained numeric): the widest DECIMAL; a value it cannot hold is refused
            case DECIMAL -> VariableScaleDecimal.NAME.equals(c.logicalName()) ? WIDEST_DECIMAL
                    : decimal(c.intParameter(DECIMAL_PRECISION), c.intParameter(ConnectDecimal.SCALE_PARAMETER));
            case FLOAT -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case STRING, JSON, OTHER -> key ? "VARCHAR(255)" : c.kind() == ValueKind.JSON ? "JSON" : "LONGTEXT";
            case BYTES -> key ? "VARBINARY(255)" : "LONGBLOB";
            case BITS -> "BIT(" + clamp(c.intParameter(BITS_LENGTH), 1, 64, 64) + ")";
            case DATE -> "DATE";
            case DATETIME -> "DATETIME(" + fsp(c) + ")";
            // an instant as the UTC date and time: TIMESTAMP holds only 1970–2038
            case TIMESTAMP -> "DATETIME(6)";
            case TIME -> "TIME(" + fsp(c) + ")";
            case ENUM -> labelled("ENUM", c, key);
            case SET -> labelled("SET", c, key);
            case GEOMETRY -> Spatial.POINT.equals(c.logicalName()) ? "POINT" : "GEOMETRY";
        };
    }

    private static String sourceDefinition(EventColumn c, boolean key) {
        String sourceType = c.sourceType();
        if (sourceType == null) {
            return null;
        }
        String type = sourceType.toUpperCase(Locale.ROOT).replace(" ZEROFILL", "").trim();
        String base = type.replace(" UNSIGNED", "");
        Integer length = c.intParameter(EventColumn.SOURCE_LENGTH);
        Integer scale = c.intParameter(EventColumn.SOURCE_SCALE);
        ValueKind kind = c.kind();
        if (INTEGERS.contains(base) && (kind == ValueKind.INTEGER || kind == ValueKind.DECIMAL
                || kind == ValueKind.BOOLEAN)) {
            // TINYINT(1) is how MySQL spells BOOLEAN; other display widths mean nothing
            return base.equals("TINYINT") && length != null && length == 1 && !type.contains("UNSIGNED")
                    ? "TINYINT(1)" : type;
        }
        if (Set.of("DECIMAL", "NUMERIC", "DEC", "FIXED").contains(base) && kind == ValueKind.DECIMAL) {
            // PostgreSQL's source length of an unconstrained numeric is 0
            return length != null && length == 0 ? WIDEST_DECIMAL : decimal(length, scale);
        }
        // PostgreSQL's decimal.handling.mode=string: a DECIMAL holds the numbers; NaN and infinities are refused
        if (base.equals("NUMERIC") && kind == ValueKind.STRING) {
            return length == null || length == 0 ? WIDEST_DECIMAL : decimal(length, scale);
        }
        // PostgreSQL's char(n), sent padded: CHAR drops the padding as PostgreSQL does on reading it as text
        if (kind == ValueKind.STRING && base.equals("BPCHAR") && length != null && length <= 255) {
            return "CHAR(" + Math.max(1, length) + ")";
        }
        if (kind == ValueKind.BYTES && base.equals("BYTEA")) {
            return key ? "VARBINARY(255)" : "LONGBLOB";
        }
        if ((base.equals("FLOAT") && kind == ValueKind.FLOAT)
                || (Set.of("DOUBLE", "REAL", "DOUBLE PRECISION").contains(base) && kind == ValueKind.DOUBLE)) {
            return base.equals("FLOAT") ? "FLOAT" : "DOUBLE";
        }
        if (kind == ValueKind.STRING && (base.equals("CHAR") || base.equals("VARCHAR")) && length != null) {
            return base + "(" + length + ")";
        }
        if (kind == ValueKind.STRING && TEXTS.contains(base)) {
            return key ? "VARCHAR(255)" : base;
        }
        if (kind == ValueKind.BYTES && (base.equals("BINARY") || base.equals("VARBINARY")) && length != null) {
            return base + "(" + length + ")";
        }
        if (kind == ValueKind.BYTES && BLOBS.contains(base)) {
            return key ? "VARBINARY(255)" : base;
        }
        if (base.equals("BIT") && (kind == ValueKind.BITS || kind == ValueKind.BOOLEAN)) {
            return "BIT(" + clamp(length, 1, 64, 1) + ")";
        }
        if (base.equals("TIMESTAMP") && kind == ValueKind.TIMESTAMP) {
            return "TIMESTAMP(" + sourceFsp(c, length) + ")";
        }
        if (base.equals("DATETIME") && kind == ValueKind.DATETIME) {
            return "DATETIME(" + sourceFsp(c, length) + ")";
        }
        if (base.equals("TIME") && kind == ValueKind.TIME) {
            return "TIME(" + sourceFsp(c, length) + ")";
        }
        if (base.equals("YEAR") && kind == ValueKind.INTEGER) {
            return "YEAR";
        }
        if (SPATIAL.contains(base) && kind == ValueKind.GEOMETRY) {
            return base.equals("GEOMCOLLECTION") ? "GEOMETRYCOLLECTION" : base;
        }
        return null;
    }

    /** The most digits either side a MySQL or MariaDB DECIMAL has. */
    private static final String WIDEST_DECIMAL = "DECIMAL(65,30)";

    private static String decimal(Integer precision, Integer scale) {
        int s = clamp(scale, 0, 30, 0);
        int p = clamp(precision, 1, 65, 65);
        return "DECIMAL(" + Math.max(p, s) + "," + s + ")";
    }

    private static String labelled(String type, EventColumn c, boolean key) {
        String allowed = c.parameter(ALLOWED);
        if (allowed == null || allowed.isEmpty()) {
            return key ? "VARCHAR(255)" : "LONGTEXT";
        }
        List<String> quoted = new ArrayList<>();
        for (String label : allowedLabels(allowed)) {
            // a label whose quoting would depend on the SQL mode, or that MariaDB's utf8mb3 metadata
            // garbled (a four-byte character reads as ?): keep the values as text instead
            if (label.chars().anyMatch(ch -> ch == '\'' || ch == '\\' || ch == '?' || ch < 0x20)) {
                return key ? "VARCHAR(255)" : "LONGTEXT";
            }
            quoted.add("'" + label + "'");
        }
        return type + "(" + String.join(",", quoted) + ")";
    }

    /** Debezium's {@code allowed}: the labels joined by commas, a comma within a label escaped as {@code \,}. */
    static List<String> allowedLabels(String allowed) {
        List<String> labels = new ArrayList<>();
        StringBuilder label = new StringBuilder();
        for (int i = 0; i < allowed.length(); i++) {
            char c = allowed.charAt(i);
            if (c == '\\' && i + 1 < allowed.length()) {
                label.append(allowed.charAt(++i));
            } else if (c == ',') {
                labels.add(label.toString());
                label.setLength(0);
            } else {
                label.append(c);
            }
        }
        labels.add(label.toString());
        return labels;
    }

    /** Fractional digits of a date-time or time: 3 for millisecond encodings, 6 for finer ones. */
    private static int fsp(EventColumn c) {
        String name = c.logicalName();
        return MicroTimestamp.NAME.equals(name) || NanoTimestamp.NAME.equals(name) || MicroTime.NAME.equals(name)
                || NanoTime.NAME.equals(name) || ZonedTimestamp.NAME.equals(name) ? 6 : 3;
    }

    /** The source column's fractional digits: its length, which the connector leaves out for the default, 0. */
    private static int sourceFsp(EventColumn c, Integer length) {
        return length == null ? 0 : length >= 0 && length <= 6 ? length : fsp(c);
    }

    private static int clamp(Integer value, int min, int max, int otherwise) {
        return value == null ? otherwise : Math.max(min, Math.min(max, value));
    }
}
