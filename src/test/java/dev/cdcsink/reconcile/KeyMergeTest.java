package dev.cdcsink.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cdcsink.reconcile.ReconcileStatus.Difference;
import dev.cdcsink.reconcile.ReconcileStatus.KeyDifference;

class KeyMergeTest {

    private static KeyMerge.KeyedRow row(String keyHash, long rowHash) {
        return new KeyMerge.KeyedRow(keyHash, rowHash, Map.of("id", keyHash));
    }

    private static KeyMerge.Cursor cursor(KeyMerge.KeyedRow... rows) {
        Iterator<KeyMerge.KeyedRow> it = List.of(rows).iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    private static KeyDifference difference(String keyHash, Difference difference) {
        return new KeyDifference(Map.of("id", keyHash), difference);
    }

    @Test
    void namesMissingExtraAndDifferentKeysInKeyHashOrder() throws SQLException {
        Differences found = new Differences(10);
        KeyMerge.differences(cursor(row("0a", 7), row("1b", 5), row("2c", 9), row("4e", 1)),
                cursor(row("0a", 7), row("1b", 6), row("3d", 3), row("4e", 1), row("5f", 0)), found);

        assertThat(found.listed()).containsExactly(difference("1b", Difference.DIFFERENT),
                difference("2c", Difference.MISSING_IN_TARGET), difference("3d", Difference.EXTRA_IN_TARGET),
                difference("5f", Difference.EXTRA_IN_TARGET));
        assertThat(found.found()).isEqualTo(4);
    }

    @Test
    void listsAtMostSoManyAndCountsTheRestAndNothingForEqualSides() throws SQLException {
        Differences found = new Differences(2);
        KeyMerge.differences(cursor(row("1", 1), row("2", 1), row("3", 1)), cursor(), found);
        KeyMerge.differences(cursor(), cursor(row("4", 1)), found);

        assertThat(found.listed()).containsExactly(difference("1", Difference.MISSING_IN_TARGET),
                difference("2", Difference.MISSING_IN_TARGET));
        assertThat(found.found()).isEqualTo(4);

        Differences none = new Differences(10);
        KeyMerge.differences(cursor(row("1", 1)), cursor(row("1", 1)), none);
        assertThat(none.found()).isZero();
    }
}
