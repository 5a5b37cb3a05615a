package dev.cdcsink.event;

/** Why a record could not be decoded. The message names the field and what was wrong with it. */
public record ParseFailure(Kind kind, String message) {

    public enum Kind {
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
        INVALID_VALUE
    }
}
