package dev.cdcsink.event;

import java.nio.ByteBuffer;

/**
 * Where a change sits in the source's binlog, as far as Debezium tells: the binlog file index,
 * the position of the change's transaction, and whether it is a snapshot read.
 *
 * <p>Debezium gives every change of a transaction the same {@code source.pos}, and nothing in the
 * event orders the changes inside it reliably: {@code source.row} restarts with every statement,
 * and {@code transaction.total_order} restarts when the connector resumes in the middle of a
 * transaction. So changes with equal positions belong to one transaction and are ordered by their
 * partition (one key's changes share one); the sink tells a re-sent change from a later one by
 * its content.
 *
 * <p>Snapshot reads carry the binlog position the snapshot was taken at and sort before every
 * streamed change at that position, so a replayed snapshot row never overwrites a change
 * streamed after it.
 *
 * <p>{@link #toBytes()} gives a fixed-width big-endian encoding whose unsigned byte order equals
 * this order, so the database compares positions with a plain binary comparison.
 */
public record SourcePosition(long fileIndex, long position, boolean snapshot) implements Comparable<SourcePosition> {

    public static final int ENCODED_LENGTH = 13;
    /** The largest file index {@link #toBytes()} can encode (4 bytes, unsigned). */
    public static final long MAX_FILE_INDEX = 0xFFFF_FFFFL;

    public SourcePosition {
        if (fileIndex < 0 || position < 0) {
            throw new IllegalArgumentException("source position parts must not be negative: file index " + fileIndex
                    + ", position " + position);
        }
        if (fileIndex > MAX_FILE_INDEX) {
            throw new IllegalArgumentException("file index " + fileIndex + " does not fit the 4-byte encoding");
        }
    }

    @Override
    public int compareTo(SourcePosition other) {
        int c = Long.compare(fileIndex, other.fileIndex);
        if (c == 0) {
            c = Long.compare(position, other.position);
        }
        if (c == 0) {
            c = Boolean.compare(!snapshot, !other.snapshot);
        }
        return c;
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(ENCODED_LENGTH)
                .putInt((int) fileIndex)
                .putLong(position)
                .put(snapshot ? (byte) 0 : (byte) 1)
                .array();
    }

    public static SourcePosition fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length != ENCODED_LENGTH) {
            throw new IllegalArgumentException("encoded source position must be " + ENCODED_LENGTH + " bytes, was "
                    + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new SourcePosition(Integer.toUnsignedLong(b.getInt()), b.getLong(), b.get() == 0);
    }

    @Override
    public String toString() {
        return String.format("%06d:%d%s", fileIndex, position, snapshot ? ":snapshot" : "");
    }
}
