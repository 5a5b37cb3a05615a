package dev.cdcsink.dialect.mysql;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cdcsink.dialect.SqlKind;
import dev.cdcsink.dialect.TargetColumn;

/**
 * Whether an existing column holds every value of the type a new event schema asks for, and if
 * not, the type that holds both its own values and the new ones: the same kind of column, only
 * larger (a longer VARCHAR, a larger integer, more DECIMAL digits or places, finer fractional
 * seconds, more ENUM or SET labels, FLOAT to DOUBLE). Anything else is no widening: a column is
 * never narrowed and never changed to another kind.
 */
final class MySqlWidening {

    private static final Pattern TYPE = Pattern.compile("^\\s*([a-z]+)\\s*(?:\\((.*)\\))?\\s*(.*)$", Pattern.DOTALL);
    private static final Map<String, Long> TEXT_BYTES = Map.of("tinytext", 255L, "text", 65_535L,
            "mediumtext", 16_777_215L, "longtext", 4_294_967_295L, "tinyblob", 255L, "blob", 65_535L,
            "mediumblob", 16_777_215L, "longblob", 4_294_967_295L);
    private static final int UTF8MB4_BYTES = 4;

    private MySqlWidening() {
    }

    /**
     * The type {@code existing} must become to hold every value of {@code wanted} (a type as the
     * sink would create it, e.g. {@code VARCHAR(400)}), or empty when it holds them already or no
     * widening of it would.
     */
    static Optional<String> widened(TargetColumn existing, String wanted) {
        TargetColumn w = parse(existing.name(), wanted);
        if (w == null || holds(existing, w)) {
            return Optional.empty();
        }
        return Optional.ofNullable(union(existing, w));
    }

    /** A type as {@code information_schema} would describe a column of it; null when not understood. */
    static TargetColumn parse(String name, String type) {
        String stripped = type.toLowerCase(Locale.ROOT).replaceAll("\\s+(character set|charset|collate)\\s+\\S+", "");
        Matcher m = TYPE.matcher(stripped);
        if (!m.matches()) {
            return null;
        }
        String base = m.group(1);
        String args = m.group(2);
        List<Long> numbers = numbers(args);
        Long first = numbers.isEmpty() ? null : numbers.get(0);
        Long second = numbers.size() > 1 ? numbers.get(1) : null;
        String columnType = stripped.trim();
        return switch (base) {
            case "char", "varchar" -> MySqlTypes.column(name, base, columnType, first, first == null ? null
                    : first * UTF8MB4_BYTES, null, null, null, true);
            case "binary", "varbinary" -> MySqlTypes.column(name, base, columnType, first, first, null, null, null, true);
            case "tinytext", "text", "mediumtext", "longtext", "tinyblob", "blob", "mediumblob", "longblob" ->
                    MySqlTypes.column(name, base, columnType, null, TEXT_BYTES.get(base), null, null, null, true);
            case "decimal", "numeric" -> MySqlTypes.column(name, base, columnType, null, null, first == null ? 10 : first,
                    second == null ? 0 : second, null, true);
            case "bit" -> MySqlTypes.column(name, base, columnType, null, null, first == null ? 1 : first, null, null, true);
            case "datetime", "timestamp", "time" -> MySqlTypes.column(name, base, columnType, null, null, null, null,
                    first == null ? 0 : first, true);
            case "boolean", "bool" -> MySqlTypes.column(name, "tinyint", "tinyint(1)", null, null, null, null, null, true);
            default -> MySqlTypes.column(name, base, columnType, null, null, null, null, null, true);
        };
    }

    private static List<Long> numbers(String args) {
        List<Long> numbers = new ArrayList<>();
        if (args != null && !args.contains("'")) {
            for (String part : args.split(",")) {
                try {
                    numbers.add(Long.parseLong(part.trim()));
                } catch (NumberFormatException e) {
                    return List.of();
                }
            }
        }
        return numbers;
    }

    /** Whether every value of {@code w} fits {@code e} exactly. */
    static boolean holds(TargetColumn e, TargetColumn w) {
        if (e.kind() == SqlKind.DOUBLE && w.kind() == SqlKind.FLOAT) {
            return true;
        }
        if (e.kind() != w.kind()) {
            // another kind of column: no widening makes it hold the values; they are checked one by one
            return true;
        }
        return switch (e.kind()) {
            case INTEGER -> min(e).compareTo(min(w)) <= 0 && max(e).compareTo(max(w)) >= 0;
            case DECIMAL -> e.precision() - e.scale() >= w.precision() - w.scale() && e.scale() >= w.scale()
                    && (!e.unsigned() || w.unsigned());
            case TEXT -> bytes(e) >= bytes(w) && (e.maxChars() < 0 || w.maxChars() >= 0 && e.maxChars() >= w.maxChars());
            // a fixed BINARY pads shorter values: it holds only values of its own length
            case BINARY -> e.maxBytes() >= w.maxBytes() && (!isFixed(e) || isFixed(w) && e.maxBytes() == w.maxBytes());
            case BIT -> e.maxBytes() >= w.maxBytes();
            case DATETIME, TIMESTAMP, TIME -> e.fsp() >= w.fsp();
            case ENUM, SET -> e.labels().containsAll(w.labels());
            default -> true;
        };
    }

    /** The smallest type of the same kind that holds the values of both; null when there is none here. */
    private static String union(TargetColumn e, TargetColumn w) {
        if (holds(w, e)) {
            return w.type();
        }
        return switch (e.kind()) {
            case INTEGER -> e.unsigned() && w.unsigned() ? "bigint unsigned" : "bigint";
            case DECIMAL -> {
                int scale = Math.min(30, Math.max(e.scale(), w.scale()));
                int digits = Math.min(65, Math.max(e.precision() - e.scale(), w.precision() - w.scale()) + scale);
                yield "decimal(" + digits + "," + scale + ")" + (e.unsigned() && w.unsigned() ? " unsigned" : "");
            }
            case ENUM, SET -> {
                // appended labels keep the stored values' positions
                List<String> labels = new ArrayList<>(e.labels());
                w.labels().stream().filter(l -> !labels.contains(l)).forEach(labels::add);
                yield e.kind().name().toLowerCase(Locale.ROOT) + "(" + String.join(",", labels.stream()
                        .map(l -> "'" + l.replace("'", "''") + "'").toList()) + ")";
            }
            default -> null;
        };
    }

    private static boolean isFixed(TargetColumn c) {
        return c.type().toLowerCase(Locale.ROOT).startsWith("binary");
    }

    private static long bytes(TargetColumn c) {
        return c.maxBytes() >= 0 ? c.maxBytes() : c.maxChars() * UTF8MB4_BYTES;
    }

    private static BigInteger min(TargetColumn c) {
        return c.unsigned() ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(c.precision() - 1).negate();
    }

    private static BigInteger max(TargetColumn c) {
        return c.unsigned() ? BigInteger.ONE.shiftLeft(c.precision()).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(c.precision() - 1).subtract(BigInteger.ONE);
    }
}
