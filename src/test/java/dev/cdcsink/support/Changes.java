package dev.cdcsink.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;

import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.generator.Listing;

/** Builds {@code listings} changes for tests: listing values derive from a version number. */
public final class Changes {

    private Changes() {
    }

    public static Listing listing(long id, int version) {
        return new Listing(id, 1000 + id, "İlan " + id + " sürüm " + version, "Emlak", "İstanbul",
                new BigDecimal(version + ".25"), "TRY", version % 2 == 0 ? "ACTIVE" : "SOLD",
                LocalDateTime.of(2026, 1, 1, 10, 0, 0, 123_456_000),
                LocalDateTime.of(2026, 1, 1, 10, 0, 0, 123_456_000).plusSeconds(version));
    }

    public static SourcePosition position(long binlogPosition) {
        return SourcePosition.binlog(1, binlogPosition, false);
    }

    public static KafkaCoordinates at(String topic, int partition, long offset) {
        return new KafkaCoordinates(topic, partition, offset, 0);
    }

    /** A create/update/read of {@code id} whose row is {@code listing(id, version)}. */
    public static RowChange upsert(Op op, long id, int version, long binlogPosition, KafkaCoordinates at) {
        return Listings.change(op, id, op == Op.UPDATE ? listing(id, version - 1) : null, listing(id, version),
                position(binlogPosition), Instant.ofEpochMilli(1_780_000_000_000L + binlogPosition), at);
    }

    public static RowChange delete(long id, int lastVersion, long binlogPosition, KafkaCoordinates at) {
        return Listings.change(Op.DELETE, id, listing(id, lastVersion), null, position(binlogPosition),
                Instant.ofEpochMilli(1_780_000_000_000L + binlogPosition), at);
    }

    public static RowChange truncate(long binlogPosition, KafkaCoordinates at) {
        return Listings.change(Op.TRUNCATE, 0, null, null, position(binlogPosition),
                Instant.ofEpochMilli(1_780_000_000_000L + binlogPosition), at);
    }
}
