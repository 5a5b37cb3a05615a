package dev.cdcsink.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import dev.cdcsink.change.Op;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.generator.Listing;

/**
 * A seeded, source-ordered stream of listing changes (inserts, updates, deletes, with non-ASCII
 * text, exact decimals and microsecond timestamps) and the table state it leaves behind.
 */
public final class ChangeStream {

    private static final String[] CITIES = { "İstanbul", "İzmir", "Ankara", "Muğla", "Şanlıurfa", "Çanakkale" };
    private static final String[] CATEGORIES = { "Emlak", "Vasıta", "İkinci El", "Yedek Parça" };

    private final Random random;
    private final Map<Long, Listing> live = new HashMap<>();
    /** The live keys, for an O(1) random pick; {@code slots} says where each one is. */
    private final List<Long> liveIds = new ArrayList<>();
    private final Map<Long, Integer> slots = new HashMap<>();
    private final Set<Long> deleted = new HashSet<>();
    private long nextId = 1;
    private long position = 4;

    public ChangeStream(long seed) {
        this.random = new Random(seed);
    }

    /** The next {@code count} changes: half inserts, the rest mostly updates, some deletes. */
    public List<RowChange> next(int count) {
        List<RowChange> changes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            changes.add(next());
        }
        return changes;
    }

    public RowChange next() {
        return next(50, 38, 12);
    }

    /** The next change, an insert, update or delete in proportion to the weights. */
    public RowChange next(int insertWeight, int updateWeight, int deleteWeight) {
        int kind = random.nextInt(insertWeight + updateWeight + deleteWeight);
        if (liveIds.isEmpty() || kind < insertWeight) {
            return insert();
        }
        Long id = liveIds.get(random.nextInt(liveIds.size()));
        return kind < insertWeight + updateWeight ? update(id) : delete(id);
    }

    private RowChange insert() {
        long id = nextId++;
        LocalDateTime now = LocalDateTime.of(2026, 11, 1, 9, 0).plusNanos(position * 1_000L + 123_000L);
        Listing row = new Listing(id, 1000L + random.nextInt(50), "Satılık " + (2 + random.nextInt(4)) + "+1 daire, "
                + CITIES[random.nextInt(CITIES.length)] + " no " + id, CATEGORIES[random.nextInt(CATEGORIES.length)],
                CITIES[random.nextInt(CITIES.length)], BigDecimal.valueOf(random.nextInt(100_000_000), 2), "TRY",
                "ACTIVE", now, now);
        live.put(id, row);
        slots.put(id, liveIds.size());
        liveIds.add(id);
        deleted.remove(id);
        return change(Op.CREATE, id, null, row);
    }

    private RowChange update(long id) {
        Listing before = live.get(id);
        Listing after = new Listing(id, before.sellerId(), before.title(), before.category(), before.city(),
                before.price().add(BigDecimal.valueOf(random.nextInt(10_000) - 5_000, 2)).abs(), before.currency(),
                random.nextInt(4) == 0 ? "SOLD" : "ACTIVE", before.createdAt(),
                before.updatedAt().plusNanos(1_000L * (1 + random.nextInt(1_000_000))));
        live.put(id, after);
        return change(Op.UPDATE, id, before, after);
    }

    private RowChange delete(long id) {
        Listing before = live.remove(id);
        // swap-remove keeps the pick O(1)
        int slot = slots.remove(id);
        Long last = liveIds.remove(liveIds.size() - 1);
        if (slot < liveIds.size()) {
            liveIds.set(slot, last);
            slots.put(last, slot);
        }
        deleted.add(id);
        return change(Op.DELETE, id, before, null);
    }

    private RowChange change(Op op, long id, Listing before, Listing after) {
        position += 100 + random.nextInt(400);
        return Listings.change(op, id, before, after, SourcePosition.binlog(1, position, false),
                Instant.ofEpochMilli(1_790_000_000_000L + position), null);
    }

    /** The rows the source holds now. */
    public Map<Long, Listing> live() {
        return Map.copyOf(live);
    }

    /** Keys that existed and are deleted now. */
    public Set<Long> deleted() {
        return Set.copyOf(deleted);
    }
}
