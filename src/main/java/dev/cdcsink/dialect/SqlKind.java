package dev.cdcsink.dialect;

/**
 * What a target column holds, in the terms the sink checks and writes values in; each dialect
 * maps its own type names to these.
 */
public enum SqlKind {
    /** Whole numbers of a width (and signedness) the column states. */
    INTEGER,
    /** Exact numbers of a precision and scale. */
    DECIMAL,
    FLOAT,
    DOUBLE,
    BOOLEAN,
    /** Text of at most so many characters ({@code CHAR(n)}, {@code VARCHAR(n)}) or bytes ({@code TEXT} types). */
    TEXT,
    /** Bytes of at most so many ({@code BINARY(n)}, {@code VARBINARY(n)}, {@code BLOB} types). */
    BINARY,
    /** {@code BIT(n)}. */
    BIT,
    DATE,
    /** A date and time without a zone. */
    DATETIME,
    /** A point in time ({@code TIMESTAMP} in MySQL: stored as UTC, 1970–2038). */
    TIMESTAMP,
    TIME,
    YEAR,
    JSON,
    ENUM,
    SET,
    GEOMETRY,
    /** A type the sink has no rule for: only text and JSON values go there, as text. */
    OTHER
}
