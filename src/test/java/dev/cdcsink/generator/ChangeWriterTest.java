package dev.cdcsink.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cdcsink.devstack.SourceSchema;
import dev.cdcsink.generator.ChangeWriter.Written;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.TargetDatabase;

/** The generator's changes on a real source database with the repository's source schema (strict SQL mode). */
class ChangeWriterTest {

    private static final MariaDbServer SERVER = MariaDbServer.shared();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:15:30.123456Z"), ZoneOffset.UTC);
    private static final OpMix MIXED = new OpMix(50, 30, 20);

    private final List<TargetDatabase> sources = new ArrayList<>();

    @AfterEach
    void closeSources() {
        sources.forEach(TargetDatabase::close);
    }

    /** A fresh source database with {@code db/source} applied, through a plain pool. */
    private TargetDatabase source() {
        String database = SERVER.createDatabase("generator_source");
        SourceSchema.migrate(SERVER, database);
        TargetDatabase source = TargetDatabase.attach(SERVER, database);
        sources.add(source);
        return source;
    }

    @Test
    void theSameSeedWritesTheSameRowsIntoTheSameSourceState() {
        TargetDatabase first = source();
        TargetDatabase second = source();
        ChangeWriter one = new ChangeWriter(first.dataSource(), 42);
        ChangeWriter other = new ChangeWriter(second.dataSource(), 42);
        for (int tick = 0; tick < 6; tick++) {
            assertThat(one.write(MIXED, 50, CLOCK)).isEqualTo(other.write(MIXED, 50, CLOCK));
        }

        Map<String, String> keys = Map.of("listings", "id", "listing_photos", "listing_id, photo_no",
                "listing_details", "listing_id");
        keys.forEach((table, key) -> assertThat(first.rows(table, key, false)).as(table).isNotEmpty()
                .isEqualTo(second.rows(table, key, false)));
    }

    @Test
    void theRowsItReportsAddUpToTheTablesAndNoPhotoOrDetailsOutlivesItsListing() {
        TargetDatabase source = source();
        ChangeWriter writer = new ChangeWriter(source.dataSource(), 7);
        Map<GeneratorTable, Map<GeneratorOp, Long>> written = new EnumMap<>(GeneratorTable.class);
        for (int tick = 0; tick < 10; tick++) {
            for (Written w : writer.write(MIXED, 60, CLOCK)) {
                written.computeIfAbsent(w.table(), t -> new EnumMap<>(GeneratorOp.class)).merge(w.op(), (long) w.rows(),
                        Long::sum);
            }
        }

        for (GeneratorTable table : GeneratorTable.values()) {
            Map<GeneratorOp, Long> ops = written.get(table);
            assertThat(ops).as(table.table()).containsOnlyKeys(GeneratorOp.values())
                    .allSatisfy((op, rows) -> assertThat(rows).isPositive());
            assertThat(source.jdbc().queryForObject("SELECT COUNT(*) FROM " + table.table(), Long.class))
                    .as("rows of %s", table.table())
                    .isEqualTo(ops.get(GeneratorOp.INSERT) - ops.get(GeneratorOp.DELETE));
        }
        assertThat(source.jdbc().queryForObject("SELECT COUNT(*) FROM listing_photos p WHERE NOT EXISTS"
                + " (SELECT 1 FROM listings l WHERE l.id = p.listing_id)", Long.class)).isZero();
        assertThat(source.jdbc().queryForObject("SELECT COUNT(*) FROM listing_details d WHERE NOT EXISTS"
                + " (SELECT 1 FROM listings l WHERE l.id = d.listing_id)", Long.class)).isZero();
    }

    @Test
    void detailsHoldTheWideTypesAsTheSourceStoresThem() {
        TargetDatabase source = source();
        ChangeWriter writer = new ChangeWriter(source.dataSource(), 11);
        // a transaction draws existing rows from the keys there were when it began: several, so that updates find some
        for (int tick = 0; tick < 8; tick++) {
            writer.write(new OpMix(3, 1, 0), 50, CLOCK);
        }

        Map<String, Object> details = source.jdbc().queryForMap("SELECT COUNT(*) AS all_rows,"
                + " SUM(attributes IS NULL OR JSON_VALID(attributes)) AS json_or_null, SUM(JSON_VALID(attributes)) AS json,"
                + " COUNT(DISTINCT item_condition) AS conditions, SUM(features = '') AS no_features,"
                + " SUM(features LIKE '%,%,%') AS three_features, SUM(published_at = '2026-11-21 10:15:30.123456') AS published,"
                + " SUM(published_at IS NULL) AS drafts, SUM(view_count > 0) AS viewed, SUM(flags + 0 > 127) AS high_bit,"
                + " SUM(HEX(thumbnail) LIKE 'FFD8FFE0%FFD9') AS jpegs,"
                + " SUM(ST_SRID(location) = 4326 AND ST_X(location) BETWEEN 26 AND 45) AS points,"
                + " SUM(visiting_from BETWEEN '09:00:00' AND '18:30:00') AS visiting, SUM(build_year IS NOT NULL) AS years"
                + " FROM listing_details");
        long rows = ((Number) details.get("all_rows")).longValue();
        assertThat(rows).isGreaterThan(100);
        assertThat(((Number) details.get("json_or_null")).longValue()).isEqualTo(rows);
        assertThat(((Number) details.get("conditions")).longValue()).isEqualTo(4);
        assertThat(details).allSatisfy((measure, count) -> assertThat(((Number) count).longValue()).as(measure)
                .isPositive());
    }

    @Test
    void aChangeThatFindsNothingToUpdateOrDeleteInsertsAListing() {
        TargetDatabase source = source();

        List<Written> written = new ChangeWriter(source.dataSource(), 1).write(new OpMix(0, 1, 1), 1, CLOCK);

        assertThat(written).startsWith(new Written(GeneratorTable.LISTINGS, GeneratorOp.INSERT, 1));
        assertThat(source.jdbc().queryForObject("SELECT COUNT(*) FROM listings", Long.class)).isOne();
    }
}
