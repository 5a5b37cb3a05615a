package dev.cdcsink.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SourcePositionTest {

    @Test
    void ordersByFileThenPositionThenSnapshot() {
        assertThat(SourcePosition.binlog(2, 4, true)).isGreaterThan(SourcePosition.binlog(1, 900, false));
        assertThat(SourcePosition.binlog(1, 5, true)).isGreaterThan(SourcePosition.binlog(1, 4, false));
        assertThat(SourcePosition.binlog(1, 4, false)).isEqualByComparingTo(SourcePosition.binlog(1, 4, false));
    }

    @Test
    void aSnapshotReadSortsBeforeAStreamedChangeAtTheSamePosition() {
        SourcePosition snapshot = SourcePosition.binlog(1, 1037, true);
        SourcePosition streamed = SourcePosition.binlog(1, 1037, false);
        assertThat(snapshot).isLessThan(streamed);
        assertThat(streamed).isGreaterThan(snapshot);
    }

    @Test
    void aHigherEpochOrdersAfterEveryPositionOfALowerOne() {
        SourcePosition before = SourcePosition.binlog(0, 9, 1_000_000, false);
        SourcePosition after = SourcePosition.binlog(1, 5, 4, false).withEpoch(1);
        assertThat(after).isGreaterThan(before);
        assertThat(after.epoch()).isEqualTo(1);
        assertThat(after.withEpoch(0)).isEqualTo(SourcePosition.binlog(5, 4, false));
        assertThatThrownBy(() -> after.withEpoch(SourcePosition.MAX_EPOCH + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLogRestartsWhenItsPositionGoesBackwardsLeavingEpochAndPhaseAside() {
        SourcePosition last = SourcePosition.binlog(3, 1037, false);
        assertThat(SourcePosition.binlog(1, 4, false).restartsLogOf(last)).isTrue();
        assertThat(SourcePosition.binlog(3, 1000, false).restartsLogOf(last)).isTrue();
        assertThat(SourcePosition.binlog(3, 1037, false).restartsLogOf(last)).isFalse();
        assertThat(SourcePosition.binlog(4, 4, false).restartsLogOf(last)).isFalse();
        // a snapshot read at the position of the last streamed change is not a restart, nor an epoch
        assertThat(SourcePosition.binlog(3, 1037, true).restartsLogOf(last)).isFalse();
        assertThat(SourcePosition.binlog(3, 1037, false).restartsLogOf(last.withEpoch(2))).isFalse();

        SourcePosition wal = SourcePosition.wal(500, 700, false);
        assertThat(SourcePosition.wal(400, 900, false).restartsLogOf(wal)).isTrue();
        // a later transaction's change may sit at a lower LSN: only the last commit orders transactions
        assertThat(SourcePosition.wal(500, 600, false).restartsLogOf(wal)).isFalse();
        assertThat(SourcePosition.wal(600, 550, false).restartsLogOf(wal)).isFalse();
    }

    @Test
    void encodedBytesCompareUnsignedAsThePositionsDo() {
        Random random = new Random(20261121);
        for (int i = 0; i < 20_000; i++) {
            SourcePosition a = randomPosition(random);
            SourcePosition b = random.nextInt(4) == 0 ? near(a, random) : randomPosition(random);
            int positions = Integer.signum(a.compareTo(b));
            int bytes = Integer.signum(Arrays.compareUnsigned(a.toBytes(), b.toBytes()));
            assertThat(bytes).as("%s vs %s", a, b).isEqualTo(positions);
        }
    }

    @Test
    void aLaterEpochOrdersAfterEveryPositionOfAnEarlierOne() {
        SourcePosition lastOfOld = SourcePosition.binlog(0, 0xFFFF_FFFFL, Long.MAX_VALUE, false);
        SourcePosition firstOfNew = SourcePosition.binlog(1, 1, 4, true);
        assertThat(firstOfNew).isGreaterThan(lastOfOld);
        assertThat(Arrays.compareUnsigned(firstOfNew.toBytes(), lastOfOld.toBytes())).isPositive();
    }

    @Test
    void theEncodingIsSelfDescribing() {
        byte[] bytes = SourcePosition.binlog(2, 3, 1037, false).toBytes();
        assertThat(bytes[0]).isEqualTo(SourcePosition.BINLOG);
        assertThat(SourcePosition.fromBytes(bytes).epoch()).isEqualTo(2);
        assertThat(SourcePosition.fromBytes(bytes)).hasToString("epoch 2 000003:1037");
    }

    @Test
    void encodingRoundTrips() {
        Random random = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            SourcePosition position = randomPosition(random);
            assertThat(SourcePosition.fromBytes(position.toBytes())).isEqualTo(position);
        }
        SourcePosition max = SourcePosition.binlog(SourcePosition.MAX_EPOCH, 0xFFFF_FFFFL, Long.MAX_VALUE, false);
        assertThat(SourcePosition.fromBytes(max.toBytes())).isEqualTo(max);
        assertThat(max.toBytes().length).isLessThanOrEqualTo(SourcePosition.MAX_ENCODED_LENGTH);
    }

    @Test
    void rejectsNegativePartsAndFileIndexesBeyondTheEncoding() {
        assertThatThrownBy(() -> SourcePosition.binlog(-1, 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourcePosition.binlog(0, -1, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourcePosition.binlog(0x1_0000_0000L, 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourcePosition.binlog(-1, 0, 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourcePosition.fromBytes(new byte[3])).isInstanceOf(IllegalArgumentException.class);
        // the unversioned encoding of the first version is not read as a position: the migration converts it
        assertThatThrownBy(() -> SourcePosition.fromBytes(new byte[13])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void walPositionsOrderByLastCommitThenSnapshotThenLsn() {
        // a transaction committed later may have written its changes at lower LSNs than one before it
        SourcePosition earlierTransaction = SourcePosition.wal(1000, 5000, false);
        SourcePosition laterTransaction = SourcePosition.wal(5200, 4100, false);
        assertThat(laterTransaction).isGreaterThan(earlierTransaction);
        // inside a transaction, the change's LSN
        assertThat(SourcePosition.wal(1000, 5001, false)).isGreaterThan(earlierTransaction);
        // the first transaction streamed after an initial snapshot has no last commit, and may have LSNs below the snapshot's
        SourcePosition snapshotRead = SourcePosition.wal(0, 9000, true);
        assertThat(SourcePosition.wal(0, 8000, false)).isGreaterThan(snapshotRead);
        // a later snapshot carries the last commit streamed before it, so it is newer than that transaction's changes
        assertThat(SourcePosition.wal(5200, 9000, true)).isGreaterThan(SourcePosition.wal(1000, 5200, false))
                .isLessThan(SourcePosition.wal(5200, 5300, false));
    }

    @Test
    void walBytesCompareAsEpochLastCommitPhaseLsn() {
        Random random = new Random(20261202);
        Comparator<SourcePosition> model = Comparator.comparingInt(SourcePosition::epoch)
                .thenComparingLong(SourcePosition::lastCommitLsn)
                .thenComparing(p -> !p.snapshot())
                .thenComparingLong(SourcePosition::lsn);
        for (int i = 0; i < 20_000; i++) {
            SourcePosition a = randomWal(random);
            SourcePosition b = randomWal(random);
            assertThat(Integer.signum(Arrays.compareUnsigned(a.toBytes(), b.toBytes())))
                    .as("%s vs %s", a, b).isEqualTo(Integer.signum(model.compare(a, b)));
            assertThat(SourcePosition.fromBytes(a.toBytes())).isEqualTo(a);
        }
        assertThat(SourcePosition.wal(SourcePosition.MAX_EPOCH, Long.MAX_VALUE, Long.MAX_VALUE, false).toBytes())
                .hasSizeLessThanOrEqualTo(SourcePosition.MAX_ENCODED_LENGTH);
    }

    @Test
    void aWalPositionReadsAsPostgreSqlWritesLsnsAndHasNoBinlogFields() {
        SourcePosition position = SourcePosition.wal(2, 0x16B3700L, 0x1_016B3748L, false);
        assertThat(position).hasToString("epoch 2 1/16B3748@0/16B3700");
        assertThat(SourcePosition.wal(0, 0x10, true)).hasToString("0/10@0/0:snapshot");
        assertThat(position.toBytes()[0]).isEqualTo(SourcePosition.WAL);
        assertThatThrownBy(position::fileIndex).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SourcePosition.binlog(1, 4, false).lsn()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SourcePosition.wal(-1, 0, false)).isInstanceOf(IllegalArgumentException.class);
    }

    private static SourcePosition randomWal(Random random) {
        return SourcePosition.wal(random.nextInt(4) == 0 ? random.nextInt(3) : 0, randomLsn(random), randomLsn(random),
                random.nextBoolean());
    }

    private static long randomLsn(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(3);
            case 1 -> 0x8000_0000L + random.nextInt(3) - 1;
            case 2 -> Long.MAX_VALUE - random.nextInt(3);
            default -> random.nextLong(Long.MAX_VALUE);
        };
    }

    private static SourcePosition randomPosition(Random random) {
        // Extremes are where signed/unsigned mistakes show: mix them in often.
        long file = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> 0xFFFF_FFFFL - random.nextInt(3);
            case 2 -> 0x8000_0000L + random.nextInt(3) - 1;
            default -> random.nextLong(0x1_0000_0000L);
        };
        long pos = random.nextBoolean() ? random.nextLong(Long.MAX_VALUE) : random.nextInt(10_000);
        return SourcePosition.binlog(random.nextInt(4) == 0 ? random.nextInt(3) : 0, file, pos, random.nextBoolean());
    }

    private static SourcePosition near(SourcePosition p, Random random) {
        return SourcePosition.binlog(p.epoch(), p.fileIndex(), Math.max(0, p.position() + random.nextInt(3) - 1),
                random.nextBoolean());
    }
}
