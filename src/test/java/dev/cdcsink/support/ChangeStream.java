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
import dev.cdcsink.change.RowKey;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.generator.Listing;

/**
 * A seeded, source-ordered stream of listing changes (inserts, updates, deletes, with non-ASCII
 * text, exact decimals and microsecond timestamps) and the table state it leaves behind; made
 * {@link #with} further tables (e.g. {@code listing_photos}, a composite key), a third of its
 * changes are of those, interleaved in one source order as one binlog holds them.
 */
public final class ChangeStream {

    private static final String[] CITIES = { "İstanbul", "İzmir", "Ankara", "Muğla", "Şanlıurfa", "Çanakkale" };
    private static final String[] CATEGORIES = { "Emlak", "Vasıta", "İkinci El", "Yedek Parça" };

    private final Random random;
    private final Map<Long, Listing> live = new HashMap<>();
    private final LiveKeys liveIds = new LiveKeys();
    private final Set<Long> deleted = new HashSet<>();
    private final List<Side> sides = new ArrayList<>();
    private long nextId = 1;
    private long position = 4;

    /** A further table's state: live row numbers with their versions, deleted ones. */
    private static final class Side {
        final SampleTable table;
        final Map<Long, Integer> versions = new HashMap<>();
        final LiveKeys live = new LiveKeys();
        final Set<Long> deleted = new HashSet<>();
        long next = 1;

        Side(SampleTable table) {
            this.table = table;
        }
    }

    public ChangeStream(long seed) {
        this.random = new Random(seed);
    }

    /** Changes of {@code listings} and of each of {@code tables}. */
    public static ChangeStream with(long seed, SampleTable... tables) {
        ChangeStream stream = new ChangeStream(seed);
        for (SampleTable table : tables) {
            stream.sides.add(new Side(table));
        }
        return stream;
    }

    /** Changes of {@code listings} and {@code listing_photos}. */
    public static ChangeStream withPhotos(long seed) {
        return with(seed, SampleTables.photos());
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
        if (!sides.isEmpty() && random.nextInt(3) == 0) {
            return next(sides.get(random.nextInt(sides.size())), kind < insertWeight,
                    kind < insertWeight + updateWeight);
        }
        if (liveIds.isEmpty() || kind < insertWeight) {
            return insert();
        }
        long id = liveIds.pick(random);
        return kind < insertWeight + updateWeight ? update(id) : delete(id);
    }

    private RowChange next(Side side, boolean insert, boolean update) {
        if (insert || side.live.isEmpty()) {
            long n = side.next++;
            side.versions.put(n, 1);
            side.live.add(n);
            side.deleted.remove(n);
            return side.table.upsert(Op.CREATE, n, 1, advance(), null);
        }
        long n = side.live.pick(random);
        int version = side.versions.get(n);
        if (update) {
            side.versions.put(n, version + 1);
            return side.table.upsert(Op.UPDATE, n, version + 1, advance(), null);
        }
        side.versions.remove(n);
        side.live.remove(n);
        side.deleted.add(n);
        return side.table.delete(n, version, advance(), null);
    }

    private RowChange insert() {
        long id = nextId++;
        LocalDateTime now = LocalDateTime.of(2026, 11, 1, 9, 0).plusNanos(position * 1_000L + 123_000L);
        Listing row = new Listing(id, 1000L + random.nextInt(50), "Satılık " + (2 + random.nextInt(4)) + "+1 daire, "
                + CITIES[random.nextInt(CITIES.length)] + " no " + id, CATEGORIES[random.nextInt(CATEGORIES.length)],
                CITIES[random.nextInt(CITIES.length)], BigDecimal.valueOf(random.nextInt(100_000_000), 2), "TRY",
                "ACTIVE", now, now);
        live.put(id, row);
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
        liveIds.remove(id);
        deleted.add(id);
        return change(Op.DELETE, id, before, null);
    }

    private RowChange change(Op op, long id, Listing before, Listing after) {
        long at = advance();
        return Listings.change(op, id, before, after, SourcePosition.binlog(1, at, false),
                Instant.ofEpochMilli(1_790_000_000_000L + at), null);
    }

    private long advance() {
        position += 100 + random.nextInt(400);
        return position;
    }

    /** The rows the source holds now. */
    public Map<Long, Listing> live() {
        return Map.copyOf(live);
    }

    /** Keys that existed and are deleted now. */
    public Set<Long> deleted() {
        return Set.copyOf(deleted);
    }

    /** The further tables, besides listings. */
    public List<SampleTable> tables() {
        return sides.stream().map(side -> side.table).toList();
    }

    /** The rows of a further table the source holds now: the value of its version column by key. */
    public Map<RowKey, Object> live(SampleTable table) {
        Map<RowKey, Object> rows = new HashMap<>();
        side(table).versions.forEach((n, version) -> rows.put(table.key(n), table.versionValue(n, version)));
        return rows;
    }

    /** Keys of a further table that existed and are deleted now. */
    public Set<RowKey> deleted(SampleTable table) {
        Set<RowKey> keys = new HashSet<>();
        side(table).deleted.forEach(n -> keys.add(table.key(n)));
        return keys;
    }

    private Side side(SampleTable table) {
        return sides.stream().filter(side -> side.table == table).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the stream has no table " + table));
    }

    /** Live keys with an O(1) random pick: a delete swaps the last key into the freed slot. */
    private static final class LiveKeys {
        private final List<Long> keys = new ArrayList<>();
        private final Map<Long, Integer> slots = new HashMap<>();

        void add(long key) {
            slots.put(key, keys.size());
            keys.add(key);
        }

        void remove(long key) {
            int slot = slots.remove(key);
            Long last = keys.remove(keys.size() - 1);
            if (slot < keys.size()) {
                keys.set(slot, last);
                slots.put(last, slot);
            }
        }

        long pick(Random random) {
            return keys.get(random.nextInt(keys.size()));
        }

        boolean isEmpty() {
            return keys.isEmpty();
        }
    }
}
