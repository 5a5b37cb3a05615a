package dev.cdcsink.support;

import java.util.List;

import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.RowChange;

/** The tables the guarantee tests run over: {@code listings} (one key column). */
public final class SampleTables {

    private SampleTables() {
    }

    public static List<SampleTable> all() {
        return List.of(listings());
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
