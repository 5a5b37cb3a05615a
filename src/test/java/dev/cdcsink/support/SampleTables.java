package dev.cdcsink.support;

import java.util.List;

import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.RowKey;

/**
 * The tables the guarantee tests run over: {@code listings} (one key column), {@code listing_photos}
 * (two) and {@code listing_details} (the wider types).
 */
public final class SampleTables {

    private static final SampleTable LISTINGS = listingsTable();
    private static final SampleTable PHOTOS = photosTable();
    private static final SampleTable DETAILS = detailsTable();

    private SampleTables() {
    }

    public static List<SampleTable> all() {
        return List.of(LISTINGS, PHOTOS, DETAILS);
    }

    public static SampleTable listings() {
        return LISTINGS;
    }

    public static SampleTable photos() {
        return PHOTOS;
    }

    public static SampleTable details() {
        return DETAILS;
    }

    /** The sample table of a source table name. */
    public static SampleTable named(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sample table " + name));
    }

    private static SampleTable photosTable() {
        return new NumberedTable(Photos.SOURCE, Photos::events, Photos::key, Photos::row, Photos::where,
                "listing_id, photo_no", "caption", Photos::caption);
    }

    private static SampleTable detailsTable() {
        return new NumberedTable(Details.SOURCE, Details::events, Details::key, Details::row,
                id -> "listing_id = " + id, "listing_id", "attributes", Details::attributes);
    }

    private static SampleTable listingsTable() {
        return new SampleTable() {
            @Override
            public String name() {
                return "listings";
            }

            @Override
            public DebeziumEvents events() {
                return DebeziumEvents.listings();
            }

            @Override
            public RowKey key(long id) {
                return new RowKey(id);
            }

            @Override
            public RowChange upsert(Op op, long id, int version, long position, KafkaCoordinates at) {
                return Changes.upsert(op, id, version, position, at);
            }

            @Override
            public RowChange delete(long id, int lastVersion, long position, KafkaCoordinates at) {
                return Changes.delete(id, lastVersion, position, at);
            }

            @Override
            public RowChange truncate(long position, KafkaCoordinates at) {
                return Changes.truncate(position, at);
            }

            @Override
            public String where(long id) {
                return "id = " + id;
            }

            @Override
            public String orderBy() {
                return "id";
            }

            @Override
            public String versionColumn() {
                return "title";
            }

            @Override
            public Object versionValue(long id, int version) {
                return Changes.listing(id, version).title();
            }

            @Override
            public String toString() {
                return "listings";
            }
        };
    }
}
