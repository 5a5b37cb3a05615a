package dev.cdcsink.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BucketSumsTest {

    @Test
    void aboutBucketSizeRowsPerBucketWithinBounds() {
        assertThat(BucketSums.count(0, 10_000)).isEqualTo(1);
        assertThat(BucketSums.count(10_000, 10_000)).isEqualTo(1);
        assertThat(BucketSums.count(10_001, 10_000)).isEqualTo(2);
        assertThat(BucketSums.count(1_000_000, 10_000)).isEqualTo(100);
        assertThat(BucketSums.count(1_000_000_000, 1)).isEqualTo(BucketSums.MAX_BUCKETS);
        assertThat(BucketSums.count(Long.MAX_VALUE / 2, 10_000_000)).isEqualTo(BucketSums.MAX_BUCKETS);
    }

    @Test
    void bucketsDifferByRowCountOrByHash() {
        BucketSums source = new BucketSums(4);
        BucketSums target = new BucketSums(4);
        source.add(0, 3, 0x55);
        target.add(0, 3, 0x55);
        source.add(1, 2, 0x0f);
        target.add(1, 2, 0xf0);
        source.add(2, 1, 0);
        target.add(3, 5, -1L);

        assertThat(source.differing(target)).containsExactly(1, 2, 3);
        assertThat(source.totalRows()).isEqualTo(6);
        assertThat(target.totalRows()).isEqualTo(10);
        assertThatThrownBy(() -> source.differing(new BucketSums(5))).isInstanceOf(IllegalArgumentException.class);
    }
}
