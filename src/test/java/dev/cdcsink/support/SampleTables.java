package dev.cdcsink.support;

import java.util.List;

import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.RowChange;

/** The tables the guarantee tests run over: {@code listings} (one key column), {@code listing_photos} (two). */
public final class SampleTables {

    private SampleTables() {
    }

    public static List<SampleTable> all() {
        return List.of(listings(), photos());
    }

    public static SampleTable photos() {
        return new SampleTable() {
            @Override
            public String name() {
                return "listing_photos";
            }

            @Override
            public RowChange upsert(Op op, long id, int version, long position, KafkaCoordinates at) {
                return Photos.change(op, id, op == Op.UPDATE ? Photos.row(id, version - 1) : null, Photos.row(id, version),
                        position, at);
            }

            @Override
            public RowChange delete(long id, int lastVersion, long position, KafkaCoordinates at) {
                return Photos.change(Op.DELETE, id, Photos.row(id, lastVersion), null, position, at);
            }

            @Override
            public RowChange truncate(long position, KafkaCoordinates at) {
                return Photos.change(Op.TRUNCATE, 0, null, null, position, at);
            }

            @Override
            public String where(long id) {
                return Photos.where(id);
            }

            @Override
            public String orderBy() {
                return "listing_id, photo_no";
            }

            @Override
            public String versionColumn() {
                return "caption";
            }

            @Override
            public Object versionValue(long id, int version) {
                return Photos.caption(id, version);
            }

            @Override
            public String toString() {
                return "listing_photos";
            }
        };
    }

    public static SampleTable listings() {
        return new SampleTable() {
            @Override
            public String name() {
                return "listings";
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
