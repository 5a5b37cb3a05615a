package dev.cdcsink.table;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import dev.cdcsink.change.Geometry;
import dev.cdcsink.change.Row;
import dev.cdcsink.change.RowKey;

/**
 * One byte encoding of every value a row may hold, equal for equal values however they arrived
 * (a decimal at any scale is one value), and the two digests the sink stores of it: a 64-bit hash
 * of a row image (tells a re-sent change from a later one of the same transaction) and the
 * SHA-256 of a key (the hard-delete ledger's key, whatever the key's types and width).
 *
 * <p>The encoding is stored (in hashes), so it must not change; a changed encoding only makes
 * the sink rewrite a row it could have skipped, never skip one it must write.
 */
final class CanonicalValues {

    private interface Sink {
        void put(byte b);

        default void putLong(long v) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                put((byte) (v >>> shift));
            }
        }

        default void putBytes(byte[] bytes) {
            putLong(bytes.length);
            for (byte b : bytes) {
                put(b);
            }
        }
    }

    private CanonicalValues() {
    }

    /** The 64-bit hash of a row image and whether the row is deleted. */
    static long rowHash(Row row, boolean deleted) {
        long[] h = { 0x243F6A8885A308D3L };
        Sink sink = b -> h[0] = (h[0] ^ (b & 0xff)) * 0x100000001B3L;
        sink.put(deleted ? (byte) 1 : 0);
        if (row != null) {
            for (int i = 0; i < row.size(); i++) {
                feed(row.get(i), sink);
            }
        }
        return mix(h[0]);
    }

    /** The SHA-256 of a key's values. */
    static byte[] keyHash(RowKey key) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        Sink sink = digest::update;
        for (int i = 0; i < key.size(); i++) {
            feed(key.get(i), sink);
        }
        return digest.digest();
    }

    private static void feed(Object value, Sink out) {
        if (value == null) {
            out.put((byte) 0);
        } else if (value == Row.UNAVAILABLE) {
            out.put((byte) 1);
        } else if (value instanceof Long l) {
            out.put((byte) 2);
            out.putLong(l);
        } else if (value instanceof BigDecimal d) {
            BigDecimal stripped = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
            out.put((byte) 3);
            out.putLong(stripped.scale());
            out.putBytes(stripped.unscaledValue().toByteArray());
        } else if (value instanceof Float f) {
            out.put((byte) 4);
            out.putLong(Float.floatToIntBits(f));
        } else if (value instanceof Double d) {
            out.put((byte) 5);
            out.putLong(Double.doubleToLongBits(d));
        } else if (value instanceof Boolean b) {
            out.put((byte) 6);
            out.put(b ? (byte) 1 : 0);
        } else if (value instanceof String s) {
            out.put((byte) 7);
            out.putBytes(s.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof byte[] bytes) {
            out.put((byte) 8);
            out.putBytes(bytes);
        } else if (value instanceof LocalDate date) {
            out.put((byte) 9);
            out.putLong(date.toEpochDay());
        } else if (value instanceof LocalDateTime dateTime) {
            out.put((byte) 10);
            out.putLong(dateTime.toEpochSecond(ZoneOffset.UTC));
            out.putLong(dateTime.getNano());
        } else if (value instanceof Instant instant) {
            out.put((byte) 11);
            out.putLong(instant.getEpochSecond());
            out.putLong(instant.getNano());
        } else if (value instanceof Duration duration) {
            out.put((byte) 12);
            out.putLong(duration.getSeconds());
            out.putLong(duration.getNano());
        } else if (value instanceof Geometry geometry) {
            out.put((byte) 13);
            out.putLong(geometry.srid() == null ? -1 : geometry.srid());
            out.putBytes(geometry.wkb());
        } else {
            out.put((byte) 14);
            out.putBytes(value.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** MurmurHash3's finaliser: spreads FNV's last bytes over every bit. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
