package dev.cdcsink.change;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Where a change sits in its source's log, as far as Debezium tells, in a self-describing
 * encoding whose unsigned byte order equals the change order: the database compares stored
 * positions with a plain binary comparison.
 *
 * <p>Layout: a kind byte ({@code 0x01}: a MySQL/MariaDB binlog), a two-byte epoch (raised when the
 * source's log starts anew, e.g. after a failover, so that everything after it orders as newer),
 * then the kind's own fields, big-endian. For a binlog: the file index (4 bytes), the position of
 * the change's transaction (8 bytes), and a phase byte (0 for a snapshot read, 1 for a streamed
 * change). Positions of different kinds are never compared for order by the sink: a table is fed
 * by one source.
 *
 * <p>Debezium gives every change of a binlog transaction the same {@code source.pos}, and nothing
 * in the event orders the changes inside it reliably: {@code source.row} restarts with every
 * statement, and {@code transaction.total_order} restarts when the connector resumes in the middle
 * of a transaction. So changes with equal positions belong to one transaction and are ordered by
 * their partition (one key's changes share one); the sink tells a re-sent change from a later one
 * by its content.
 *
 * <p>Snapshot reads carry the binlog position the snapshot was taken at and sort before every
 * streamed change at that position, so a replayed snapshot row never overwrites a change streamed
 * after it.
 */
public final class SourcePosition implements Comparable<SourcePosition> {

    /** The kind byte of a MySQL/MariaDB binlog position. */
    public static final byte BINLOG = 0x01;
    /** The longest encoding of any kind; the stored column is sized for it. */
    public static final int MAX_ENCODED_LENGTH = 32;
    /** The largest file index a binlog position can encode (4 bytes, unsigned). */
    public static final long MAX_FILE_INDEX = 0xFFFF_FFFFL;
    /** The largest epoch (2 bytes, unsigned). */
    public static final int MAX_EPOCH = 0xFFFF;

    private static final int BINLOG_LENGTH = 16;

    private final byte[] encoded;

    private SourcePosition(byte[] encoded) {
        this.encoded = encoded;
    }

    /** A binlog position of epoch 0. */
    public static SourcePosition binlog(long fileIndex, long position, boolean snapshot) {
        return binlog(0, fileIndex, position, snapshot);
    }

    public static SourcePosition binlog(int epoch, long fileIndex, long position, boolean snapshot) {
        if (fileIndex < 0 || position < 0) {
            throw new IllegalArgumentException("source position parts must not be negative: file index " + fileIndex
                    + ", position " + position);
        }
        if (fileIndex > MAX_FILE_INDEX) {
            throw new IllegalArgumentException("file index " + fileIndex + " does not fit the 4-byte encoding");
        }
        if (epoch < 0 || epoch > MAX_EPOCH) {
            throw new IllegalArgumentException("epoch " + epoch + " does not fit the 2-byte encoding");
        }
        return new SourcePosition(ByteBuffer.allocate(BINLOG_LENGTH).put(BINLOG).putShort((short) epoch)
                .putInt((int) fileIndex).putLong(position).put(snapshot ? (byte) 0 : (byte) 1).array());
    }

    /**
     * The position stored as {@code bytes}; null for null.
     *
     * @throws IllegalArgumentException when the bytes are no position this version knows
     */
    public static SourcePosition fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length == 0 || bytes[0] != BINLOG || bytes.length != BINLOG_LENGTH) {
            throw new IllegalArgumentException("not an encoded source position: " + HexFormat.of().formatHex(bytes));
        }
        return new SourcePosition(bytes.clone());
    }

    /** The encoding; the array is this position's own, not to be modified. */
    public byte[] toBytes() {
        return encoded;
    }

    public byte kind() {
        return encoded[0];
    }

    public int epoch() {
        return ByteBuffer.wrap(encoded).getShort(1) & 0xFFFF;
    }

    public long fileIndex() {
        return Integer.toUnsignedLong(ByteBuffer.wrap(encoded).getInt(3));
    }

    public long position() {
        return ByteBuffer.wrap(encoded).getLong(7);
    }

    public boolean snapshot() {
        return encoded[15] == 0;
    }

    @Override
    public int compareTo(SourcePosition other) {
        return Arrays.compareUnsigned(encoded, other.encoded);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourcePosition other && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    /** {@code 000003:1037}, with the epoch in front when not 0 and {@code :snapshot} for a snapshot read. */
    @Override
    public String toString() {
        return (epoch() == 0 ? "" : "epoch " + epoch() + " ") + String.format("%06d:%d", fileIndex(), position())
                + (snapshot() ? ":snapshot" : "");
    }
}
