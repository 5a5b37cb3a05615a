package dev.cdcsink.dialect.postgres;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cdcsink.dialect.SqlKind;
import dev.cdcsink.dialect.TargetColumn;

/**
 * Whether an existing PostgreSQL column holds every value of the type a new event schema asks
 * for, and if not, the type of the same kind that holds both (a longer varchar or text, a wider
 * integer, more numeric digits or places, finer fractional seconds, more bits, real to double
 * precision). A column is never narrowed and never changed to another kind.
 */
final class PostgresWidening {

    private static final Pattern TYPE = Pattern.compile("^\\s*([a-z ]+?)\\s*(?:\\(([0-9, ]*)\\))?\\s*(with time zone)?\\s*$");

    private PostgresWidening() {
    }

    static Optional<String> widened(TargetColumn existing, String wanted) {
        TargetColumn w = parse(existing.name(), wanted);
        if (w == null || holds(existing, w)) {
            return Optional.empty();
        }
        return Optional.ofNullable(union(existing, w));
    }

    /** A type as the sink writes it (e.g. {@code varchar(400)}), as information_schema would describe it; null when not understood. */
    static TargetColumn parse(String name, String type) {
        String t = type.toLowerCase(Locale.ROOT).trim();
        if (t.equals(PostgresTypes.GEOMETRY)) {
            return PostgresTypes.column(name, "bytea", PostgresTypes.GEOMETRY, t, null, null, null, null, true);
        }
        Matcher m = TYPE.matcher(t);
        if (!m.matches()) {
            return null;
        }
        String base = m.group(1);
        Long first = null;
        Long second = null;
        if (m.group(2) != null && !m.group(2).isBlank()) {
            String[] parts = m.group(2).split(",");
            first = Long.parseLong(parts[0].trim());
            second = parts.length > 1 ? Long.parseLong(parts[1].trim()) : null;
        }
        boolean zoned = m.group(3) != null;
        String dataType = switch (base) {
            case "varchar" -> "character varying";
            case "timestamp" -> zoned ? "timestamp with time zone" : "timestamp without time zone";
            case "time" -> "time without time zone";
            default -> base;
        };
        return switch (dataType) {
            case "numeric" -> PostgresTypes.column(name, dataType, null, t, null, first, first == null ? null
                    : second == null ? 0L : second, null, true);
            case "timestamp with time zone", "timestamp without time zone", "time without time zone" ->
                    PostgresTypes.column(name, dataType, null, t, null, null, null, first == null ? 6 : first, true);
            default -> PostgresTypes.column(name, dataType, null, t, first, null, null, null, true);
        };
    }

    static boolean holds(TargetColumn e, TargetColumn w) {
        if (e.kind() == SqlKind.DOUBLE && w.kind() == SqlKind.FLOAT) {
            return true;
        }
        if (e.kind() != w.kind()) {
            return true;
        }
        return switch (e.kind()) {
            case INTEGER -> e.precision() >= w.precision();
            case DECIMAL -> e.precision() - e.scale() >= w.precision() - w.scale() && e.scale() >= w.scale();
            case TEXT -> e.maxChars() < 0 || w.maxChars() >= 0 && e.maxChars() >= w.maxChars();
            case BIT -> e.maxBytes() >= w.maxBytes();
            case DATETIME, TIME -> e.fsp() >= w.fsp();
            default -> true;
        };
    }

    private static String union(TargetColumn e, TargetColumn w) {
        if (holds(w, e)) {
            return w.type();
        }
        if (e.kind() == SqlKind.DECIMAL) {
            int scale = Math.max(e.scale(), w.scale());
            int digits = Math.min(1000, Math.max(e.precision() - e.scale(), w.precision() - w.scale()) + scale);
            return "numeric(" + digits + "," + scale + ")";
        }
        return null;
    }

}
