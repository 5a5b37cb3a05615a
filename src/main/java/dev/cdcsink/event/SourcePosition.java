package dev.cdcsink.event;

import java.nio.ByteBuffer;

/**
 * The position of a change in the source's binlog: binlog file index, event position, and the
 * row within the event. Snapshot reads carry the binlog position the snapshot was taken at and
 * sort before every streamed change at that same position, so a replayed snapshot row never
 * overwrites a change streamed after it.
 *
 * <p>{@link #toBytes()} gives a fixed-width big-endian encoding whose byte order equals this
 * order, so the database compares positions with a plain binary comparison.
 */
public record SourcePosition(long fileIndex, long position, boolean snapshot, int row)
        implements Comparable<SourcePosition> {

    public static final int ENCODED_LENGTH = 17;
    /** The largest file index {@link #toBytes()} can encode (4 bytes, unsigned). */
    public static final long MAX_FILE_INDEX = 0xFFFF_FFFFL;

    public SourcePosition {
        if (fileIndex < 0 || position < 0 || row < 0) {
            throw new IllegalArgumentException("source position parts must not be negative: file index "
                    + fileIndex + ", position " + position + ", row " + row);
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
        if (c == 0) {
            c = Integer.compare(row, other.row);
        }
        return c;
    }

    public boolean isAfter(SourcePosition other) {
        return other == null || compareTo(other) > 0;
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(ENCODED_LENGTH)
                .putInt((int) fileIndex)
                .putLong(position)
                .put(snapshot ? (byte) 0 : (byte) 1)
                .putInt(row)
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
        long file = Integer.toUnsignedLong(b.getInt());
        long pos = b.getLong();
        boolean snapshot = b.get() == 0;
        int row = b.getInt();
        return new SourcePosition(file, pos, snapshot, row);
    }

    @Override
    public String toString() {
        return String.format("%06d:%d%s#%d", fileIndex, position, snapshot ? ":snapshot" : "", row);
    }
}
