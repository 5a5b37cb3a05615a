package dev.cdcsink.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.cdcsink.apply.ChangeOutcome;
import dev.cdcsink.apply.DeleteMode;
import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.devstack.DebeziumCapture.CapturedRecord;
import dev.cdcsink.devstack.FixturePgAllTypes;
import dev.cdcsink.event.ChangeEventParser;
import dev.cdcsink.event.EventProperties;
import dev.cdcsink.event.EventProperties.BinaryHandlingMode;
import dev.cdcsink.event.ParseResult;
import dev.cdcsink.event.decode.DecodeException;
import dev.cdcsink.support.PostgresServer;
import dev.cdcsink.support.SinkHarness;
import dev.cdcsink.support.TargetDatabase;
import dev.cdcsink.support.TargetKind;
import dev.cdcsink.support.TargetServer;

/**
 * Every PostgreSQL type through the whole path, into each target product: the events the real
 * PostgreSQL connector captured of {@code pg_all_types} ({@code debezium-events/pg_all_types},
 * written by {@code FixtureCapture}) are parsed and applied by the sink into a table it creates
 * from them, in MariaDB and in PostgreSQL; the source is rebuilt by the statements the capture
 * ran, and every cell of every row is compared, source against target, by its value.
 *
 * <p>A cell may differ only as a listed {@link Loss} (what the connector itself changes, or a
 * target that holds the value in another form, each with its reason); a change may be refused
 * only with {@code INVALID_VALUE} naming the field (e.g. NaN into a MariaDB DECIMAL) — never written
 * coerced.
 */
class PostgresTypesRoundTripTest {

    private static final PostgresServer SOURCE = PostgresServer.shared();

    /** Cells ({@code row <id> <column>}, a regular expression) that differ, and why. */
    record Loss(String where, String why) {
    }

    private static String source;

    @BeforeAll
    static void rebuildSource() throws SQLException {
        source = SOURCE.createDatabase("pg_types_source");
        List<String> statements = new ArrayList<>(FixturePgAllTypes.ddl());
        statements.addAll(FixturePgAllTypes.initialInserts());
        statements.addAll(FixturePgAllTypes.streamedChanges());
        try (Connection c = DriverManager.getConnection(SOURCE.jdbcUrl(source), SOURCE.username(), SOURCE.password());
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    static Stream<Arguments> cases() {
        List<String> variants = List.of("schemas-source-types", "schemas", "schemas-source-types-decimal-string",
                "schemas-source-types-decimal-double", "schemas-source-types-binary-base64",
                "schemas-source-types-binary-hex", "schemas-source-types-interval-string",
                "schemas-source-types-placeholder");
        return Stream.of(TargetKind.values()).flatMap(kind -> variants.stream().map(v -> Arguments.of(kind, v)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void everyTypeArrivesExactlyOrIsRefusedNamingTheField(TargetKind kind, String variant) throws Exception {
        List<CapturedRecord> records = TypeRoundTripTest.stored(FixturePgAllTypes.TABLE, variant);
        EventProperties settings = settings(variant);
        TargetServer server = kind.server();
        try (TargetDatabase target = TargetDatabase.create(server)) {
            SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT, 1000, SinkHarness.TABLE_DEFAULTS, settings);
            ChangeEventParser parser = new ChangeEventParser(sink.catalog(), settings);
            Map<String, String> refused = new TreeMap<>();
            for (int i = 0; i < records.size(); i++) {
                CapturedRecord r = records.get(i);
                if (r.value() == null) {
                    continue;
                }
                ParseResult parsed = parser.parse(new KafkaCoordinates(r.destination(), 0, i, 0), bytes(r.key()),
                        bytes(r.value()));
                assertThat(parsed).as("record %d: %s", i, parsed).isInstanceOf(ParseResult.Change.class);
                RowChange change = ((ParseResult.Change) parsed).change();
                String id = String.valueOf(change.key().get(0));
                try {
                    sink.catalog().bind(change);
                    assertThat(sink.apply(change).count(ChangeOutcome.APPLIED)).isOne();
                } catch (DecodeException e) {
                    refused.put(id, e.reason());
                } catch (RuntimeException e) {
                    assertThat(sink.rejectsRow(e)).as("%s", e).isTrue();
                    refused.put(id, e.getMessage());
                }
            }
            refused.values().forEach(reason -> assertThat(reason).startsWith("INVALID_VALUE: after.c_"));
            Map<String, String> refusedFields = new TreeMap<>();
            refused.forEach((id, reason) -> refusedFields.put(id, reason.replaceAll("INVALID_VALUE: after\\.(\\w+):.*", "$1")));
            assertThat(refusedFields).as("refused: %s", refused).isEqualTo(refusals(kind, variant));
            assertOnly(compare(server, target, refused.keySet()), losses(kind, variant));
        }
    }

    /**
     * The changes each target refuses (row → the field named), as dead letters would: the first
     * value in the row it cannot hold. MariaDB: NaN and infinities (real, double, numeric), numbers
     * beyond DECIMAL(65,30), and an ENUM label with a comma (Debezium lists the labels comma-separated,
     * so the column was created with it split in two). Both: a date of -infinity (the connector
     * sends an epoch day no date column holds).
     */
    private static Map<String, String> refusals(TargetKind kind, String variant) {
        Map<String, String> refused = new TreeMap<>();
        if (kind == TargetKind.POSTGRES) {
            refused.put("5", "c_date");
            refused.put("105", "c_date");
            return refused;
        }
        boolean string = variant.endsWith("decimal-string");
        boolean doubles = variant.endsWith("decimal-double");
        for (String id : List.of("1", "2", "102")) {
            if (!doubles || !id.equals("1")) {
                refused.put(id, doubles ? "c_enum" : "c_numeric");
            }
        }
        for (String id : List.of("5", "105")) {
            refused.put(id, string || doubles ? "c_numeric_12_2" : "c_real");
        }
        for (String id : List.of("7", "107")) {
            refused.put(id, string || doubles ? "c_numeric" : "c_real");
        }
        return refused;
    }

    private static final Loss ARRAYS = new Loss("row \\d+ c_(int|text)_array",
            "arrays arrive as Connect arrays: stored as their JSON text");
    private static final Loss TIMETZ = new Loss("row \\d+ c_timetz",
            "the connector sends timetz in UTC (io.debezium.time.ZonedTime): the same time, its offset lost");
    private static final Loss MONEY = new Loss("row 10[23] c_money",
            "the connector reads money through a double (PGmoney): about 16 significant digits");
    private static final Loss SNAPSHOT = new Loss("row 103 c_timestamp(0|tz)",
            "the snapshot reads year 1 through java.sql.Timestamp (Julian calendar): 2 days off");
    private static final Loss INTERVAL_NUMERIC = new Loss("row (10)?[123] c_interval", "interval.handling.mode=numeric: "
            + "microseconds with a month as 30.4375 days, saturating at 2^63-1 (string mode is exact)");
    private static final Loss PRECISE_SPECIALS = new Loss("row (10)?7 c_numeric", "decimal.handling.mode=precise: the "
            + "connector sends NaN and the infinities as null (and logs an error); string mode carries them");

    /** What the connector (or a target without the type) changes, per target and variant. */
    private static List<Loss> losses(TargetKind kind, String variant) {
        boolean postgres = kind == TargetKind.POSTGRES;
        List<Loss> losses = new ArrayList<>(List.of(ARRAYS, TIMETZ, MONEY, SNAPSHOT));
        if (variant.endsWith("interval-string")) {
            if (!postgres) {
                losses.add(new Loss("row (10)?3 c_interval", "MariaDB has no interval type: the ISO 8601 text is kept"));
            }
        } else {
            losses.add(INTERVAL_NUMERIC);
        }
        if (postgres && !variant.contains("decimal-")) {
            losses.add(PRECISE_SPECIALS);
        }
        if (variant.endsWith("decimal-double")) {
            losses.add(new Loss(postgres ? "row (1|102) c_numeric" : "row 1 c_numeric",
                    "decimal.handling.mode=double has 17 digits"));
            losses.add(new Loss("row (10)?3 c_money", "decimal.handling.mode=double has 17 digits"));
        }
        if (variant.equals("schemas")) {
            losses.add(new Loss(postgres ? "row (1|3|103) c_char" : "row (10)?3 c_char",
                    "without source types nothing says char(n) was padded: copied with its padding"));
            if (postgres) {
                losses.add(new Loss("row (1|102) c_json",
                        "without source types json is created as jsonb: keys reordered, whitespace dropped"));
            }
        }
        return losses;
    }

    /** Every cell that differs is one of {@code losses}, and each of them is seen (a loss that is gone must go from the list). */
    private static void assertOnly(Map<String, String> differences, List<Loss> losses) {
        Map<String, String> unexplained = new TreeMap<>(differences);
        unexplained.keySet().removeIf(cell -> losses.stream().anyMatch(l -> cell.matches(l.where())));
        assertThat(unexplained).as("cells whose value the copy does not hold exactly").isEmpty();
        assertThat(losses).as("losses not seen").allSatisfy(l -> assertThat(differences.keySet())
                .anyMatch(cell -> cell.matches(l.where())));
    }

    private static EventProperties settings(String variant) {
        BinaryHandlingMode binary = variant.endsWith("base64") ? BinaryHandlingMode.BASE64
                : variant.endsWith("hex") ? BinaryHandlingMode.HEX : BinaryHandlingMode.BYTES;
        String placeholder = variant.endsWith("placeholder") ? dev.cdcsink.devstack.FixtureCapture.CUSTOM_PLACEHOLDER
                : SinkHarness.EVENT_DEFAULTS.unavailableValuePlaceholder();
        EventProperties d = SinkHarness.EVENT_DEFAULTS;
        return new EventProperties(d.decimalHandlingMode(), d.timePrecisionMode(), d.bigintUnsignedHandlingMode(), binary,
                placeholder);
    }

    /** A rendering of a column as text, in the source (PostgreSQL) or a target of either product. */
    private static String rendering(String column, TargetServer server) {
        boolean postgres = server instanceof PostgresServer;
        if (column.equals("c_bytea")) {
            return server.hex(column);
        }
        if (!postgres) {
            // FLOAT's own text has 6 digits
            return column.equals("c_real") ? "CAST(CAST(c_real AS DOUBLE) AS CHAR)" : "CAST(`" + column + "` AS CHAR)";
        }
        return switch (column) {
            case "c_money" -> "c_money::numeric::text";
            case "c_real" -> "c_real::float8::text";
            // inet's output, which leaves out a host's /32 (its ::text does not)
            case "c_inet" -> "NULLIF(format('%s', c_inet), '')";
            case "c_timestamptz" -> "(c_timestamptz AT TIME ZONE 'UTC')::text";
            default -> "\"" + column + "\"::text";
        };
    }

    /** Per row and column that differ: source value → target value. */
    private static Map<String, String> compare(TargetServer server, TargetDatabase target, java.util.Set<String> refused) {
        JdbcTemplate sourceJdbc = new JdbcTemplate(new DriverManagerDataSource(SOURCE.jdbcUrl(source), SOURCE.username(),
                SOURCE.password()));
        List<String> columns = sourceJdbc.queryForList("SELECT column_name FROM information_schema.columns WHERE "
                + "table_schema = 'public' AND table_name = ? ORDER BY ordinal_position", String.class,
                FixturePgAllTypes.TABLE);
        Map<String, Map<String, Object>> expected = byId(sourceJdbc.queryForList("SELECT " + String.join(", ",
                columns.stream().map(c -> rendering(c, SOURCE) + " AS " + c).toList()) + " FROM " + FixturePgAllTypes.TABLE));
        refused.forEach(expected::remove);
        Map<String, Map<String, Object>> actual = byId(target.jdbc().queryForList("SELECT " + String.join(", ",
                columns.stream().map(c -> rendering(c, server) + " AS " + c).toList()) + " FROM " + FixturePgAllTypes.TABLE
                + " WHERE NOT _cdc_deleted"));
        assertThat(actual.keySet()).as("rows").isEqualTo(expected.keySet());
        Map<String, String> differences = new TreeMap<>();
        expected.forEach((id, row) -> row.forEach((column, value) -> {
            Object copy = actual.get(id).get(column);
            if (!same(value, copy)) {
                differences.put("row " + id + " " + column, value + " -> " + copy);
            }
        }));
        return differences;
    }

    /** Equal as values: numbers by value, booleans by truth, date-times without trailing zeros in the fraction. */
    private static boolean same(Object source, Object copy) {
        if (source == null || copy == null) {
            return source == copy;
        }
        String a = source.toString();
        String b = copy.toString();
        if (a.equals(b)) {
            return true;
        }
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
        } catch (NumberFormatException notDecimal) {
            // not both numbers
        }
        if (a.matches("true|false") && b.matches("[01]")) {
            return a.equals("true") == b.equals("1");
        }
        return fraction(a).equals(fraction(b));
    }

    private static String fraction(String text) {
        return text.replaceAll("(\\d\\d:\\d\\d:\\d\\d)\\.(\\d*?)0+\\b", "$1.$2").replaceAll("(\\d\\d:\\d\\d:\\d\\d)\\.(?!\\d)",
                "$1");
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        rows.forEach(r -> byId.put(String.valueOf(r.get("id")), r));
        return byId;
    }

    private static byte[] bytes(String json) {
        return json == null ? null : json.getBytes(StandardCharsets.UTF_8);
    }
}
