package dev.cdcsink.dialect;

import java.util.List;

/**
 * A page of keys in key order: the keys after {@code after} up to and including {@code upTo}, each
 * bound given as the key's sort values ({@link ChecksumStatements#pageEnd}); a null bound is open.
 */
public record KeyRange(List<Object> after, List<Object> upTo) {

    public KeyRange {
        after = after == null ? null : List.copyOf(after);
        upTo = upTo == null ? null : List.copyOf(upTo);
    }

    /** Every key. */
    public static KeyRange all() {
        return new KeyRange(null, null);
    }
}
