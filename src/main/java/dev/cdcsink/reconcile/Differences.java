package dev.cdcsink.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cdcsink.reconcile.ReconcileStatus.Difference;
import dev.cdcsink.reconcile.ReconcileStatus.KeyDifference;

/** The keys of one table found to differ: all counted, the first {@code limit} kept, so memory stays bounded. */
final class Differences {

    private final int limit;
    private final List<KeyDifference> listed = new ArrayList<>();
    private long found;

    Differences(int limit) {
        this.limit = limit;
    }

    void add(Map<String, Object> key, Difference difference) {
        found++;
        if (listed.size() < limit) {
            listed.add(new KeyDifference(key, difference));
        }
    }

    long found() {
        return found;
    }

    List<KeyDifference> listed() {
        return List.copyOf(listed);
    }
}
