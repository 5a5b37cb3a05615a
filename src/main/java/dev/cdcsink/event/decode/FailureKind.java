package dev.cdcsink.event.decode;

/** Why a record could not be decoded; the failure's message names the field and what was wrong with it. */
public enum FailureKind {
    /** Not JSON, or not a JSON object where one is required. */
    MALFORMED_JSON,
    /** A required field ({@code op}, {@code source.pos}, the key …) is absent or null. */
    MISSING_FIELD,
    /** The {@code op} is none of c, u, d, r, t. */
    UNKNOWN_OP,
    /** A field has a JSON type its schema or column does not allow. */
    WRONG_TYPE,
    /** A value whose encoding cannot be decoded unambiguously (e.g. a base64 decimal with no scale). */
    UNSUPPORTED_ENCODING,
    /** Decoded, but the value does not fit the target column (too long, out of range). */
    INVALID_VALUE,
    /** The table or a column cannot be written: a name that is not acceptable, a column the target lacks. */
    UNSUPPORTED_TABLE
}
