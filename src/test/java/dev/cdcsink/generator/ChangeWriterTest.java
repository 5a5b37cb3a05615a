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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.cdcsink.devstack.SourceSchema;
import dev.cdcsink.generator.ChangeWriter.Written;
import dev.cdcsink.support.TargetDatabase;
import dev.cdcsink.support.TargetKind;
import dev.cdcsink.support.TargetServer;

/**
 * The generator's changes on a real source database of each product with the repository's source
 * schema for it (MariaDB in strict SQL mode, PostgreSQL).
 */
class ChangeWriterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:15:30.123456Z"), ZoneOffset.UTC);
    private static final OpMix MIXED = new OpMix(50, 30, 20);
    /** Counts of listing_details rows whose wide values are what the generator means, on MySQL and MariaDB. */
    private static final String MYSQL_DETAILS = "SELECT COUNT(*) AS all_rows,"
            + " SUM(attributes IS NULL OR JSON_VALID(attributes)) AS json_or_null, SUM(JSON_VALID(attributes)) AS json,"
            + " COUNT(DISTINCT item_condition) AS conditions, SUM(features = '') AS no_features,"
            + " SUM(features LIKE '%,%,%') AS three_features, SUM(published_at = '2026-11-21 10:15:30.123456') AS published,"
            + " SUM(published_at IS NULL) AS drafts, SUM(view_count > 0) AS viewed, SUM(flags + 0 > 127) AS high_bit,"
            + " SUM(HEX(thumbnail) LIKE 'FFD8FFE0%FFD9') AS jpegs,"
            + " SUM(ST_SRID(location) = 4326 AND ST_X(location) BETWEEN 26 AND 45) AS points,"
            + " SUM(visiting_from BETWEEN '09:00:00' AND '18:30:00') AS visiting, SUM(build_year IS NOT NULL) AS years"
            + " FROM listing_details";
    /** The same counts on PostgreSQL, in its types (jsonb, the enum, bit(8), timestamptz, bytea, point). */
    private static final String POSTGRES_DETAILS = "SELECT COUNT(*) AS all_rows,"
            + " COUNT(*) FILTER (WHERE attributes IS NULL OR jsonb_typeof(attributes) = 'object') AS json_or_null,"
            + " COUNT(*) FILTER (WHERE jsonb_typeof(attributes) = 'object') AS json,"
            + " COUNT(DISTINCT item_condition) AS conditions, COUNT(*) FILTER (WHERE features = '') AS no_features,"
            + " COUNT(*) FILTER (WHERE features LIKE '%,%,%') AS three_features,"
            + " COUNT(*) FILTER (WHERE published_at = '2026-11-21 10:15:30.123456+00') AS published,"
            + " COUNT(*) FILTER (WHERE published_at IS NULL) AS drafts, COUNT(*) FILTER (WHERE view_count > 0) AS viewed,"
            + " COUNT(*) FILTER (WHERE flags::integer > 127) AS high_bit,"
            + " COUNT(*) FILTER (WHERE encode(thumbnail, 'hex') LIKE 'ffd8ffe0%ffd9') AS jpegs,"
            + " COUNT(*) FILTER (WHERE location[0] BETWEEN 26 AND 45 AND location[1] BETWEEN 36 AND 42) AS points,"
            + " COUNT(*) FILTER (WHERE visiting_from BETWEEN '09:00:00' AND '18:30:00') AS visiting,"
            + " COUNT(*) FILTER (WHERE build_year IS NOT NULL) AS years FROM listing_details";

    private final List<TargetDatabase> sources = new ArrayList<>();

    @AfterEach
    void closeSources() {
        sources.forEach(TargetDatabase::close);
    }

    /** A fresh source database with {@code db/source/<product>} applied, through a plain pool. */
    private TargetDatabase source(TargetKind kind) {
        TargetServer server = kind.server();
        String database = server.createDatabase("generator_source");
        SourceSchema.migrate(server, database);
        TargetDatabase source = TargetDatabase.attach(server, database);
        sources.add(source);
        return source;
    }

    private static ChangeWriter writer(TargetDatabase source, long seed) {
        return new ChangeWriter(source.dataSource(), SourceSchema.sql(source.server()), seed);
    }

    @ParameterizedTest
    @EnumSource(TargetKind.class)
    void theSameSeedWritesTheSameRowsIntoTheSameSourceState(TargetKind kind) {
        TargetDatabase first = source(kind);
        TargetDatabase second = source(kind);
        ChangeWriter one = writer(first, 42);
        ChangeWriter other = writer(second, 42);
        for (int tick = 0; tick < 6; tick++) {
            assertThat(one.write(MIXED, 50, CLOCK)).isEqualTo(other.write(MIXED, 50, CLOCK));
        }

        Map<String, String> keys = Map.of("listings", "id", "listing_photos", "listing_id, photo_no",
                "listing_details", "listing_id");
        keys.forEach((table, key) -> assertThat(first.rows(table, key, false)).as(table).isNotEmpty()
                .isEqualTo(second.rows(table, key, false)));
    }

    @ParameterizedTest
    @EnumSource(TargetKind.class)
    void theRowsItReportsAddUpToTheTablesAndNoPhotoOrDetailsOutlivesItsListing(TargetKind kind) {
        TargetDatabase source = source(kind);
        ChangeWriter writer = writer(source, 7);
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

    @ParameterizedTest
    @EnumSource(TargetKind.class)
    void detailsHoldTheWideTypesAsTheSourceStoresThem(TargetKind kind) {
        TargetDatabase source = source(kind);
        ChangeWriter writer = writer(source, 11);
        // a transaction draws existing rows from the keys there were when it began: several, so that updates find some
        for (int tick = 0; tick < 8; tick++) {
            writer.write(new OpMix(3, 1, 0), 50, CLOCK);
        }

        Map<String, Object> details = source.jdbc().queryForMap(kind == TargetKind.POSTGRES ? POSTGRES_DETAILS
                : MYSQL_DETAILS);
        long rows = ((Number) details.get("all_rows")).longValue();
        assertThat(rows).isGreaterThan(100);
        assertThat(((Number) details.get("json_or_null")).longValue()).isEqualTo(rows);
        assertThat(((Number) details.get("conditions")).longValue()).isEqualTo(4);
        assertThat(details).allSatisfy((measure, count) -> assertThat(((Number) count).longValue()).as(measure)
                .isPositive());
    }

    @ParameterizedTest
    @EnumSource(TargetKind.class)
    void aChangeThatFindsNothingToUpdateOrDeleteInsertsAListing(TargetKind kind) {
        TargetDatabase source = source(kind);

        List<Written> written = writer(source, 1).write(new OpMix(0, 1, 1), 1, CLOCK);

        assertThat(written).startsWith(new Written(GeneratorTable.LISTINGS, GeneratorOp.INSERT, 1));
        assertThat(source.jdbc().queryForObject("SELECT COUNT(*) FROM listings", Long.class)).isOne();
    }
}
