package dev.cdcsink.event;

import java.nio.ByteBuffer;

/**
 * Where a change sits in the source's binlog, as far as Debezium tells: the binlog file index,
 * the position of the change's transaction ({@code source.pos} is the same for every event of a
 * transaction), whether it is a snapshot read, and its order within the transaction.
 *
 * <p>Snapshot reads carry the binlog position the snapshot was taken at and sort before every
 * streamed change at that position, so a replayed snapshot row never overwrites a change
 * streamed after it.
 *
 * <p>{@code eventOrder} is {@code transaction.total_order} when the connector runs with
 * {@code provide.transaction.metadata=true}, else 0 (unknown). With it, every change has a
 * unique position and an equal position means the same change again. Without it, the changes
 * of one transaction share a position and only their order in the partition tells them apart;
 * see {@link #isExact()}. ({@code source.row} is no help: it restarts with every statement.)
 *
 * <p>{@link #toBytes()} gives a fixed-width big-endian encoding whose unsigned byte order equals
 * this order, so the database compares positions with a plain binary comparison.
 */
public record SourcePosition(long fileIndex, long position, boolean snapshot, long eventOrder)
        implements Comparable<SourcePosition> {

    public static final int ENCODED_LENGTH = 21;
    /** The largest file index {@link #toBytes()} can encode (4 bytes, unsigned). */
    public static final long MAX_FILE_INDEX = 0xFFFF_FFFFL;

    public SourcePosition {
        if (fileIndex < 0 || position < 0 || eventOrder < 0) {
            throw new IllegalArgumentException("source position parts must not be negative: file index " + fileIndex
                    + ", position " + position + ", event order " + eventOrder);
        }
        if (fileIndex > MAX_FILE_INDEX) {
            throw new IllegalArgumentException("file index " + fileIndex + " does not fit the 4-byte encoding");
        }
    }

    /** True when this position identifies one change, so an equal position is the same change again. */
    public boolean isExact() {
        return eventOrder > 0;
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
            c = Long.compare(eventOrder, other.eventOrder);
        }
        return c;
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(ENCODED_LENGTH)
                .putInt((int) fileIndex)
                .putLong(position)
                .put(snapshot ? (byte) 0 : (byte) 1)
                .putLong(eventOrder)
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
        return new SourcePosition(Integer.toUnsignedLong(b.getInt()), b.getLong(), b.get() == 0, b.getLong());
    }

    @Override
    public String toString() {
        return String.format("%06d:%d%s%s", fileIndex, position, snapshot ? ":snapshot" : "",
                eventOrder > 0 ? "#" + eventOrder : "");
    }
}
