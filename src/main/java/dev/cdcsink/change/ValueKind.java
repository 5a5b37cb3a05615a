package dev.cdcsink.change;

/**
 * What a column's values are, whatever the connector setting that encoded them, and the Java type
 * a decoded value has in a {@link Row}. The decoding layer maps each Connect type and logical type
 * name to one of these; the dialects map each of these to SQL.
 */
public enum ValueKind {
    /** Every integer width and {@code YEAR}: {@link Long}. */
    INTEGER,
    /** {@code DECIMAL}/{@code NUMERIC}, and {@code BIGINT UNSIGNED} in {@code precise} mode: {@link java.math.BigDecimal}. */
    DECIMAL,
    /** Single precision: {@link Float}. */
    FLOAT,
    /** Double precision: {@link Double}. */
    DOUBLE,
    /** {@link Boolean}. */
    BOOLEAN,
    /** Text: {@link String}. */
    STRING,
    /** A byte string: {@code byte[]}. */
    BYTES,
    /** A bit string, {@code BIT(n)}: {@code byte[]}, most significant byte first. */
    BITS,
    /** {@link java.time.LocalDate}. */
    DATE,
    /** A zone-less date and time, {@code DATETIME}: {@link java.time.LocalDateTime}. */
    DATETIME,
    /** An instant, {@code TIMESTAMP} (MySQL) or {@code timestamptz}: {@link java.time.Instant}. */
    TIMESTAMP,
    /** A time of day or an interval of at most a few hundred hours, {@code TIME}: {@link java.time.Duration}. */
    TIME,
    /** JSON text: {@link String}. */
    JSON,
    /** One label of an {@code ENUM}: {@link String}. */
    ENUM,
    /** Labels of a {@code SET}, comma-separated: {@link String}. */
    SET,
    /** A spatial value: {@link Geometry}. */
    GEOMETRY,
    /** Anything else (structs, arrays, maps): its JSON text, {@link String}. */
    OTHER
}
