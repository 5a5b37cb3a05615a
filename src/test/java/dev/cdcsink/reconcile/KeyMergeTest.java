package dev.cdcsink.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cdcsink.reconcile.ReconcileReport.Difference;
import dev.cdcsink.reconcile.ReconcileReport.Example;

class KeyMergeTest {

    private static KeyMerge.KeyedRow row(String keyHash, int bucket, long rowHash) {
        return new KeyMerge.KeyedRow(keyHash, bucket, rowHash, Map.of("id", keyHash));
    }

    private static KeyMerge.Cursor cursor(KeyMerge.KeyedRow... rows) {
        Iterator<KeyMerge.KeyedRow> it = List.of(rows).iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    private static Example example(String keyHash, Difference difference) {
        return new Example(Map.of("id", keyHash), difference);
    }

    @Test
    void namesMissingExtraAndDifferentKeysPerBucketInKeyHashOrder() throws SQLException {
        Map<Integer, List<Example>> examples = KeyMerge.examples(
                cursor(row("0a", 1, 7), row("1b", 2, 5), row("2c", 1, 9), row("4e", 2, 1)),
                cursor(row("0a", 1, 7), row("1b", 2, 6), row("3d", 1, 3), row("4e", 2, 1), row("5f", 2, 0)), 10);

        assertThat(examples).containsOnlyKeys(1, 2);
        assertThat(examples.get(1)).containsExactly(example("2c", Difference.MISSING_IN_TARGET),
                example("3d", Difference.EXTRA_IN_TARGET));
        assertThat(examples.get(2)).containsExactly(example("1b", Difference.DIFFERENT),
                example("5f", Difference.EXTRA_IN_TARGET));
    }

    @Test
    void keepsAtMostSoManyPerBucketAndNothingForEqualSides() throws SQLException {
        assertThat(KeyMerge.examples(cursor(row("1", 0, 1), row("2", 0, 1), row("3", 0, 1), row("4", 3, 1)), cursor(), 2))
                .containsExactly(Map.entry(0, List.of(example("1", Difference.MISSING_IN_TARGET),
                        example("2", Difference.MISSING_IN_TARGET))),
                        Map.entry(3, List.of(example("4", Difference.MISSING_IN_TARGET))));
        assertThat(KeyMerge.examples(cursor(row("1", 0, 1)), cursor(row("1", 0, 1)), 10)).isEmpty();
    }
}
