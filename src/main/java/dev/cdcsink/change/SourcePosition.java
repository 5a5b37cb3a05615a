package dev.cdcsink.change;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Where a change sits in its source's log, as far as Debezium tells, in a self-describing
 * encoding whose unsigned byte order equals the change order: the database compares stored
 * positions with a plain binary comparison.
 *
 * <p>Layout: a kind byte, a two-byte epoch (raised when the source's log starts anew, e.g. after a
 * failover, so that everything after it orders as newer), then the kind's own fields, big-endian.
 * <ul>
 * <li>{@code 0x01}, a MySQL/MariaDB binlog: the file index (4 bytes), the position of the change's
 * transaction (8 bytes), and a phase byte (0 for a snapshot read, 1 for a streamed change).
 * <li>{@code 0x02}, a PostgreSQL WAL: the LSN of the last transaction committed before the
 * change's own (8 bytes, Debezium's {@code source.sequence[0]}), a phase byte, the LSN of the
 * change (8 bytes, {@code sequence[1]}). Logical decoding sends transactions whole and in commit
 * order, so the last commit before a change orders transactions and the change's LSN orders the
 * changes inside one; the LSN alone would not (a transaction that commits later may have written
 * its changes earlier). The phase sits between the two: a snapshot read carries the last commit
 * before the snapshot and sorts before the first transaction streamed after it, whose changes
 * carry that same last commit (or none, read as 0, after an initial snapshot) and may have LSNs
 * below the snapshot's.
 * </ul>
 * Positions of different kinds are never compared for order by the sink (a table is fed by one
 * source); if they were, every WAL position would order after every binlog position.
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
    /** The kind byte of a PostgreSQL WAL position. */
    public static final byte WAL = 0x02;
    /** The longest encoding of any kind; the stored column is sized for it. */
    public static final int MAX_ENCODED_LENGTH = 32;
    /** The largest file index a binlog position can encode (4 bytes, unsigned). */
    public static final long MAX_FILE_INDEX = 0xFFFF_FFFFL;
    /** The largest epoch (2 bytes, unsigned). */
    public static final int MAX_EPOCH = 0xFFFF;

    private static final int BINLOG_LENGTH = 16;
    private static final int WAL_LENGTH = 20;

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
        checkEpoch(epoch);
        return new SourcePosition(ByteBuffer.allocate(BINLOG_LENGTH).put(BINLOG).putShort((short) epoch)
                .putInt((int) fileIndex).putLong(position).put(phase(snapshot)).array());
    }

    /** A WAL position of epoch 0; {@code lastCommitLsn} 0 when Debezium sends none. */
    public static SourcePosition wal(long lastCommitLsn, long lsn, boolean snapshot) {
        return wal(0, lastCommitLsn, lsn, snapshot);
    }

    public static SourcePosition wal(int epoch, long lastCommitLsn, long lsn, boolean snapshot) {
        if (lastCommitLsn < 0 || lsn < 0) {
            throw new IllegalArgumentException("LSNs must not be negative: last commit " + lastCommitLsn + ", lsn " + lsn);
        }
        checkEpoch(epoch);
        return new SourcePosition(ByteBuffer.allocate(WAL_LENGTH).put(WAL).putShort((short) epoch)
                .putLong(lastCommitLsn).put(phase(snapshot)).putLong(lsn).array());
    }

    private static void checkEpoch(int epoch) {
        if (epoch < 0 || epoch > MAX_EPOCH) {
            throw new IllegalArgumentException("epoch " + epoch + " does not fit the 2-byte encoding");
        }
    }

    private static byte phase(boolean snapshot) {
        return snapshot ? (byte) 0 : (byte) 1;
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
        boolean known = bytes.length > 0 && (bytes[0] == BINLOG && bytes.length == BINLOG_LENGTH
                || bytes[0] == WAL && bytes.length == WAL_LENGTH);
        if (!known) {
            throw new IllegalArgumentException("not an encoded source position: " + HexFormat.of().formatHex(bytes));
        }
        return new SourcePosition(bytes.clone());
    }

    /** The encoding; the array is this position's own, not to be modified. */
    public byte[] toBytes() {
        return encoded;
    }

    /** The same position under another epoch. */
    public SourcePosition withEpoch(int epoch) {
        checkEpoch(epoch);
        byte[] bytes = encoded.clone();
        ByteBuffer.wrap(bytes).putShort(1, (short) epoch);
        return new SourcePosition(bytes);
    }

    /**
     * Whether this position lies before {@code earlier} in its log, which the positions of one log
     * read in order never do: the log started anew (a binlog reset, another server's binlog after a
     * failover). The epoch and the phase are left out (a snapshot read may sort before the streamed
     * change at its position without being older), and so for a WAL is the change's own LSN (a
     * transaction committed later may have written changes at LSNs below an earlier one's):
     * a binlog compares file index and position, a WAL the last commit before the change.
     * Positions of different kinds always count as a new log.
     */
    public boolean restartsLogOf(SourcePosition earlier) {
        if (kind() != earlier.kind()) {
            return true;
        }
        if (kind() == BINLOG) {
            return fileIndex() < earlier.fileIndex()
                    || fileIndex() == earlier.fileIndex() && position() < earlier.position();
        }
        return Long.compareUnsigned(lastCommitLsn(), earlier.lastCommitLsn()) < 0;
    }

    public byte kind() {
        return encoded[0];
    }

    public int epoch() {
        return ByteBuffer.wrap(encoded).getShort(1) & 0xFFFF;
    }

    /** The binlog file index of a binlog position. */
    public long fileIndex() {
        requireKind(BINLOG);
        return Integer.toUnsignedLong(ByteBuffer.wrap(encoded).getInt(3));
    }

    /** The position in its binlog file of a binlog position. */
    public long position() {
        requireKind(BINLOG);
        return ByteBuffer.wrap(encoded).getLong(7);
    }

    /** The LSN of the last commit before the change, of a WAL position. */
    public long lastCommitLsn() {
        requireKind(WAL);
        return ByteBuffer.wrap(encoded).getLong(3);
    }

    /** The change's LSN, of a WAL position. */
    public long lsn() {
        requireKind(WAL);
        return ByteBuffer.wrap(encoded).getLong(12);
    }

    public boolean snapshot() {
        return encoded[kind() == BINLOG ? 15 : 11] == 0;
    }

    /** Reading a field of another kind's layout is a bug of the caller. */
    private void requireKind(byte kind) {
        if (kind() != kind) {
            throw new IllegalStateException("a position of kind " + kind() + " has no fields of kind " + kind);
        }
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

    /**
     * {@code 000003:1037} for a binlog, {@code 0/16B3748@0/16B3700} (the change's LSN, then the last
     * commit before it, as PostgreSQL writes LSNs) for a WAL; the epoch in front when not 0 and
     * {@code :snapshot} for a snapshot read.
     */
    @Override
    public String toString() {
        String fields = kind() == BINLOG ? String.format("%06d:%d", fileIndex(), position())
                : lsnText(lsn()) + "@" + lsnText(lastCommitLsn());
        return (epoch() == 0 ? "" : "epoch " + epoch() + " ") + fields + (snapshot() ? ":snapshot" : "");
    }

    private static String lsnText(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFF_FFFFL).toUpperCase();
    }
}
