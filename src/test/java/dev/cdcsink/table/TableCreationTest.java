package dev.cdcsink.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.cdcsink.apply.DeleteMode;
import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.devstack.FixtureAllTypes;
import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.event.ChangeEventParser;
import dev.cdcsink.event.ParseResult;
import dev.cdcsink.event.decode.DecodeException;
import dev.cdcsink.support.Changes;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.PostgresServer;
import dev.cdcsink.support.SinkHarness;
import dev.cdcsink.support.TargetDatabase;

/**
 * Target tables the sink creates from the events, and existing tables it writes into: what is
 * created, what is refused and why, and that nothing of the user's is touched.
 */
class TableCreationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MariaDbServer SERVER = MariaDbServer.shared();
    /** The source tables as a person wrote them: the source migrations and the all-types table. */
    private static String source;

    @BeforeAll
    static void createSourceTables() throws IOException {
        source = SERVER.createDatabase("person_written");
        JdbcTemplate jdbc = jdbc(source);
        for (String migration : List.of("V1__create_listings.sql", "V2__create_listing_photos_and_details.sql")) {
            for (String statement : statements(resource("/db/source/mysql/" + migration))) {
                jdbc.execute(statement);
            }
        }
        jdbc.execute(FixtureAllTypes.ddl(source));
    }

    /**
     * With {@code column.propagate.source.type} the created table has the source's column types,
     * lengths, character set and primary key. Non-key columns are nullable whatever the source
     * says: a delete without a before image leaves a row that has only its key (soft deletes).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "listings        | listings/schemas-source-types/c.json        |",
            "listing_photos  | listing_photos/schemas-source-types/c.json  |",
            "listing_details | listing_details/schemas-source-types/c.json |",
            // the MariaDB connector describes SET members in utf8mb3: a four-byte character is a '?',
            // so the member list is not the source's, and the column is text
            "all_types       | all_types/schemas-source-types/c-2.json     | c_set=longtext utf8mb4 NULL" })
    void withSourceTypesACreatedTableIsTheSourceTable(String table, String fixture, String exception) {
        try (TargetDatabase target = TargetDatabase.create(SERVER)) {
            SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT);
            sink.catalog().bind(parse(sink, fixture));
            Map<String, String> expected = withNullableNonKeyColumns(columns(jdbc(source), source, table));
            if (exception != null) {
                expected.put(exception.substring(0, exception.indexOf('=')), exception.substring(exception.indexOf('=') + 1));
            }
            Map<String, String> created = columns(target.jdbc(), target.schema(), table);
            created.keySet().removeIf(Bookkeeping::isReserved);
            assertThat(created).containsExactlyEntriesOf(expected);
            assertThat(primaryKey(target.jdbc(), target.schema(), table)).isEqualTo(primaryKey(jdbc(source), source, table));
            assertThat(target.jdbc().queryForMap("SELECT ENGINE, TABLE_COLLATION FROM information_schema.TABLES WHERE "
                    + "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?", table))
                    .containsEntry("ENGINE", "InnoDB").hasEntrySatisfying("TABLE_COLLATION",
                            c -> assertThat((String) c).startsWith("utf8mb4_"));
        }
    }

    /**
     * Without source types a column is made for the kind of value the event's schema says it
     * holds: wide enough for any value of that kind. This is the table of README "Target tables".
     */
    @Test
    void withoutSourceTypesAColumnIsMadeForItsKindOfValue() {
        try (TargetDatabase target = TargetDatabase.create(SERVER)) {
            SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT);
            sink.catalog().bind(parse(sink, "all_types/schemas/c-2.json"));
            Map<String, String> created = columns(target.jdbc(), target.schema(), "all_types");
            Map<String, String> bookkeeping = new LinkedHashMap<>(created);
            created.keySet().removeIf(Bookkeeping::isReserved);
            bookkeeping.keySet().removeIf(c -> !Bookkeeping.isReserved(c));
            assertThat(created).containsExactlyEntriesOf(table("""
                    id               int(11) NOT NULL PRI
                    c_tinyint        smallint(6) NULL
                    c_tinyint_u      smallint(6) NULL
                    c_smallint       smallint(6) NULL
                    c_smallint_u     int(11) NULL
                    c_mediumint      int(11) NULL
                    c_mediumint_u    int(11) NULL
                    c_int            int(11) NULL
                    c_int_u          bigint(20) NULL
                    c_bigint         bigint(20) NULL
                    c_bigint_u       bigint(20) NULL
                    c_decimal_5_0    decimal(5,0) NULL
                    c_decimal_12_2   decimal(12,2) NULL
                    c_decimal_65_30  decimal(65,30) NULL
                    c_float          float NULL
                    c_double         double NULL
                    c_bit1           tinyint(1) NULL
                    c_bit10          bit(10) NULL
                    c_bit64          bit(64) NULL
                    c_boolean        smallint(6) NULL
                    c_char           longtext utf8mb4 NULL
                    c_varchar        longtext utf8mb4 NULL
                    c_tinytext       longtext utf8mb4 NULL
                    c_text           longtext utf8mb4 NULL
                    c_mediumtext     longtext utf8mb4 NULL
                    c_longtext       longtext utf8mb4 NULL
                    c_binary         longblob NULL
                    c_varbinary      longblob NULL
                    c_tinyblob       longblob NULL
                    c_blob           longblob NULL
                    c_mediumblob     longblob NULL
                    c_longblob       longblob NULL
                    c_date           date NULL
                    c_time0          time(6) NULL
                    c_time3          time(6) NULL
                    c_time6          time(6) NULL
                    c_datetime0      datetime(3) NULL
                    c_datetime3      datetime(3) NULL
                    c_datetime6      datetime(6) NULL
                    c_timestamp0     datetime(6) NULL
                    c_timestamp6     datetime(6) NULL
                    c_year           year(4) NULL
                    c_enum           enum('taslak','yayında','satıldı','kiralık, eşyalı') utf8mb4 NULL
                    c_set            longtext utf8mb4 NULL
                    c_json           longtext utf8mb4 NULL
                    c_geometry       geometry NULL
                    c_point          point NULL
                    c_linestring     geometry NULL
                    c_polygon        geometry NULL
                    """));
            assertThat(bookkeeping).containsExactlyEntriesOf(table("""
                    _cdc_deleted     tinyint(1) NOT NULL
                    _cdc_source_ts   datetime(3) NULL
                    _cdc_applied_at  datetime(6) NULL
                    _cdc_row_hash    bigint(20) NULL
                    _cdc_position    varbinary(32) NOT NULL
                    """));
        }
    }

    /** A table the user made: the sink adds its bookkeeping columns and never touches the user's own. */
    @Test
    void anExistingTableWithColumnsOfItsOwnIsWrittenWithoutTouchingThem() {
        try (TargetDatabase target = TargetDatabase.create(SERVER).createListings()) {
            target.jdbc().execute("ALTER TABLE listings ADD COLUMN reviewed_by VARCHAR(40) NULL DEFAULT 'nobody', "
                    + "ADD COLUMN score DECIMAL(4,1) NULL");
            Map<String, String> before = columns(target.jdbc(), target.schema(), "listings");
            SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT);
            sink.apply(sink.batch(Changes.upsert(Op.CREATE, 1, 1, 100, Changes.at("t", 0, 0))));
            target.jdbc().update("UPDATE listings SET reviewed_by = 'ayşe', score = 9.5 WHERE id = 1");
            sink.apply(sink.batch(Changes.upsert(Op.UPDATE, 1, 2, 200, Changes.at("t", 0, 1))));

            Map<String, String> after = columns(target.jdbc(), target.schema(), "listings");
            assertThat(after).containsAllEntriesOf(before);
            assertThat(after.keySet()).filteredOn(c -> !before.containsKey(c)).allMatch(Bookkeeping::isReserved)
                    .isNotEmpty();
            assertThat(target.jdbc().queryForMap("SELECT title, reviewed_by, score FROM listings WHERE id = 1"))
                    .containsEntry("title", Changes.listing(1, 2).title()).containsEntry("reviewed_by", "ayşe")
                    .containsEntry("score", new BigDecimal("9.5"));
        }
    }

    @Test
    void withAutoCreateOffAMissingTableIsRefusedWithWhatToDo() {
        try (TargetDatabase target = TargetDatabase.create(SERVER)) {
            SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT, 1000, new TableProperties("${source.table}",
                    Map.of(), List.of(), List.of(), false, SchemaEvolution.ADD_COLUMNS), SinkHarness.EVENT_DEFAULTS);
            RowChange change = parse(sink, "listing_photos/schemas/c.json");
            assertThatThrownBy(() -> sink.catalog().bind(change)).isInstanceOf(DecodeException.class)
                    .hasMessageContaining("target table listing_photos (source shop.listing_photos) does not exist")
                    .hasMessageContaining("cdc-sink.tables.auto-create is off: create it");
            assertThat(target.hasTable("listing_photos")).isFalse();
        }
    }

    @Test
    void withoutSchemaEvolutionAColumnTheTableLacksIsRefusedNamingBoth() {
        try (TargetDatabase target = TargetDatabase.create(SERVER)) {
            target.jdbc().execute("CREATE TABLE listing_photos (listing_id BIGINT NOT NULL, photo_no SMALLINT UNSIGNED "
                    + "NOT NULL, url VARCHAR(500) NULL, PRIMARY KEY (listing_id, photo_no))");
            SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT, 1000, SinkHarness.tables(SchemaEvolution.NONE),
                    SinkHarness.EVENT_DEFAULTS);
            RowChange change = parse(sink, "listing_photos/schemas/c.json");
            assertThatThrownBy(() -> sink.catalog().bind(change)).isInstanceOf(DecodeException.class)
                    .hasMessageContaining("column caption of source table shop.listing_photos is not in target table "
                            + "listing_photos");
        }
    }

    @Test
    void aTableWhosePrimaryKeyIsNotTheEventsKeyIsRefused() {
        try (TargetDatabase target = TargetDatabase.create(SERVER)) {
            target.jdbc().execute(statements(resource("/db/source/mysql/V2__create_listing_photos_and_details.sql")).get(0)
                    .replace("PRIMARY KEY (listing_id, photo_no)", "PRIMARY KEY (listing_id, url)"));
            SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT);
            RowChange change = parse(sink, "listing_photos/schemas/c.json");
            assertThatThrownBy(() -> sink.catalog().bind(change)).isInstanceOf(DecodeException.class)
                    .hasMessageContaining("target table listing_photos has primary key [listing_id, url]")
                    .hasMessageContaining("have key [listing_id, photo_no]");
        }
    }

    /** Lines of "column definition". */
    /**
     * On PostgreSQL, with source types, each MySQL/MariaDB type becomes the column of README
     * "Targets" (the next wider type for unsigned integers, varchar for CHAR, text for ENUM, SET and
     * MariaDB's JSON, which it describes as LONGTEXT, bytea, timestamptz for TIMESTAMP, the geometry
     * domain). Rows of ordinary values and of NULLs are written; a row holding a MySQL TIME outside
     * PostgreSQL's 00:00–24:00 is rejected by the server as a row.
     */
    @Test
    void onPostgresEachSourceTypeBecomesTheColumnOfTheTypeTable() {
        try (TargetDatabase target = TargetDatabase.create(PostgresServer.shared())) {
            SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT);
            String fixtures = "all_types/schemas-source-types/";
            // first: the fixtures all carry offset 0, which the next batch stores as consumed
            assertThatThrownBy(() -> sink.apply(parse(sink, fixtures + "c-2.json")))
                    .satisfies(f -> assertThat(sink.rejectsRow(f)).isTrue());
            sink.apply(parse(sink, fixtures + "r-1.json"), parse(sink, fixtures + "c-4.json"), parse(sink, fixtures + "c-6.json"));
            Map<String, String> created = new LinkedHashMap<>();
            target.jdbc().query("SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute "
                    + "WHERE attrelid = 'all_types'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
                    rs -> {
                        created.put(rs.getString(1), rs.getString(2) + (rs.getBoolean(3) ? " NOT NULL" : " NULL"));
                    });
            created.keySet().removeIf(Bookkeeping::isReserved);

            assertThat(created).containsExactlyEntriesOf(table("""
                    id integer NOT NULL
                    c_tinyint smallint NULL
                    c_tinyint_u smallint NULL
                    c_smallint smallint NULL
                    c_smallint_u integer NULL
                    c_mediumint integer NULL
                    c_mediumint_u integer NULL
                    c_int integer NULL
                    c_int_u bigint NULL
                    c_bigint bigint NULL
                    c_bigint_u numeric(20,0) NULL
                    c_decimal_5_0 numeric(5,0) NULL
                    c_decimal_12_2 numeric(12,2) NULL
                    c_decimal_65_30 numeric(65,30) NULL
                    c_float real NULL
                    c_double double precision NULL
                    c_bit1 boolean NULL
                    c_bit10 bit varying(10) NULL
                    c_bit64 bit varying(64) NULL
                    c_boolean smallint NULL
                    c_char character varying(10) NULL
                    c_varchar character varying(300) NULL
                    c_tinytext text NULL
                    c_text text NULL
                    c_mediumtext text NULL
                    c_longtext text NULL
                    c_binary bytea NULL
                    c_varbinary bytea NULL
                    c_tinyblob bytea NULL
                    c_blob bytea NULL
                    c_mediumblob bytea NULL
                    c_longblob bytea NULL
                    c_date date NULL
                    c_time0 time(0) without time zone NULL
                    c_time3 time(3) without time zone NULL
                    c_time6 time(6) without time zone NULL
                    c_datetime0 timestamp(0) without time zone NULL
                    c_datetime3 timestamp(3) without time zone NULL
                    c_datetime6 timestamp(6) without time zone NULL
                    c_timestamp0 timestamp(0) with time zone NULL
                    c_timestamp6 timestamp(6) with time zone NULL
                    c_year smallint NULL
                    c_enum text NULL
                    c_set text NULL
                    c_json text NULL
                    c_geometry cdc_sink_geometry NULL
                    c_point cdc_sink_geometry NULL
                    c_linestring cdc_sink_geometry NULL
                    c_polygon cdc_sink_geometry NULL
                    """));
            assertThat(target.jdbc().queryForObject("SELECT COUNT(*) FROM all_types", Integer.class)).isEqualTo(3);
            JsonNode sent = JSON.readTree(resource("/debezium-events/" + fixtures + "r-1.json")).at("/value/payload/after");
            assertThat(target.jdbc().queryForObject("SELECT c_varchar FROM all_types WHERE id = ?", String.class,
                    sent.get("id").asInt())).isEqualTo(sent.get("c_varchar").asString());
        }
    }

    private static Map<String, String> table(String lines) {
        Map<String, String> table = new LinkedHashMap<>();
        lines.lines().map(String::strip).filter(l -> !l.isEmpty())
                .forEach(l -> table.put(l.substring(0, l.indexOf(' ')), l.substring(l.indexOf(' ')).strip()));
        return table;
    }

    private static List<String> primaryKey(JdbcTemplate jdbc, String schema, String table) {
        return jdbc.queryForList("SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? "
                + "AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION", String.class, schema, table);
    }

    private static Map<String, String> withNullableNonKeyColumns(Map<String, String> columns) {
        Map<String, String> nullable = new LinkedHashMap<>();
        columns.forEach((name, definition) -> nullable.put(name, definition.contains(" PRI") ? definition
                : definition.replace(" NOT NULL", " NULL")));
        return nullable;
    }

    /** name → "type charset NULL|NOT NULL key", in column order. */
    private static Map<String, String> columns(JdbcTemplate jdbc, String schema, String table) {
        Map<String, String> columns = new LinkedHashMap<>();
        jdbc.query("SELECT COLUMN_NAME, COLUMN_TYPE, CHARACTER_SET_NAME, IS_NULLABLE, COLUMN_KEY FROM "
                + "information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION", rs -> {
                    columns.put(rs.getString(1), rs.getString(2) + (rs.getString(3) == null ? "" : " " + rs.getString(3))
                            + ("YES".equals(rs.getString(4)) ? " NULL" : " NOT NULL")
                            + (rs.getString(5).isEmpty() ? "" : " " + rs.getString(5)));
                }, schema, table);
        return columns;
    }

    private static RowChange parse(SinkHarness sink, String fixture) {
        JsonNode record = JSON.readTree(resource("/debezium-events/" + fixture));
        ParseResult parsed = new ChangeEventParser(sink.catalog()).parse(new KafkaCoordinates(
                record.get("destination").asString(), 0, 0, 0), JSON.writeValueAsBytes(record.get("key")),
                JSON.writeValueAsBytes(record.get("value")));
        assertThat(parsed).isInstanceOf(ParseResult.Change.class);
        return ((ParseResult.Change) parsed).change();
    }

    private static String resource(String path) {
        try (InputStream in = TableCreationTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing resource " + path, e);
        }
    }

    /** The statements of a migration: separated by ';' at the end of a line, comments left out. */
    private static List<String> statements(String sql) {
        return List.of(sql.replaceAll("(?m)^--.*$", "").split(";\\s*\\n")).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    private static JdbcTemplate jdbc(String database) {
        return new JdbcTemplate(new DriverManagerDataSource(
                SERVER.jdbcUrl(database), SERVER.username(), SERVER.password()));
    }
}
