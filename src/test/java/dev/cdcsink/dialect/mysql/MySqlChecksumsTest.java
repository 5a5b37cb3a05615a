package dev.cdcsink.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import dev.cdcsink.dialect.ChecksumStatements;
import dev.cdcsink.dialect.ChecksumTable;
import dev.cdcsink.dialect.KeyRange;
import dev.cdcsink.dialect.TargetColumn;
import dev.cdcsink.dialect.TargetTable;
import dev.cdcsink.support.MariaDbServer;

/**
 * The canonical texts and hashes on a real MariaDB: equal values in columns of different types
 * render alike, whatever the session's time zone; NULL, the empty text and text holding the
 * separator never run into each other.
 */
class MySqlChecksumsTest {

    private static final MySqlDialect DIALECT = new MySqlDialect(() -> true);
    private static final ChecksumStatements CHECKSUMS = DIALECT.checksums();

    private static SingleConnectionDataSource connection;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void connect() {
        MariaDbServer server = MariaDbServer.shared();
        String schema = server.createDatabase("checksums");
        // one connection: the test sets its session time zone
        connection = new SingleConnectionDataSource(server.jdbcUrl(schema), server.username(), server.password(), true);
        jdbc = new JdbcTemplate(connection);
    }

    @AfterAll
    static void close() {
        connection.destroy();
    }

    @Test
    void equalValuesInColumnsOfOtherTypesRenderAlikeInAnyTimeZone() {
        // as the source declares them, and as the sink may create the copy's (by the value's kind)
        jdbc.execute("CREATE TABLE src (id INT PRIMARY KEY, ts TIMESTAMP(6) NULL, dt DATETIME NULL, d DATE NULL, "
                + "title VARCHAR(20) NULL, price DECIMAL(12,2) NULL, featured TINYINT(1) NULL, bit1 BIT(1) NULL, "
                + "flags BIT(8) NULL, built YEAR NULL, visiting TIME NULL, sha BINARY(4) NULL, state ENUM('new','used') NULL, "
                + "features SET('garage','garden') NULL, ratio DOUBLE NULL, views BIGINT UNSIGNED NULL) "
                + "CHARACTER SET latin1");
        jdbc.execute("CREATE TABLE cpy (id BIGINT PRIMARY KEY, ts DATETIME(6) NULL, dt DATETIME(6) NULL, d DATE NULL, "
                + "title LONGTEXT NULL, price DECIMAL(20,6) NULL, featured BOOLEAN NULL, bit1 BOOLEAN NULL, "
                + "flags SMALLINT NULL, built INT NULL, visiting TIME(6) NULL, sha LONGBLOB NULL, state LONGTEXT NULL, "
                + "features LONGTEXT NULL, ratio DOUBLE NULL, views DECIMAL(20,0) NULL, _cdc_deleted BOOLEAN NOT NULL) "
                + "CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin");
        // the source's TIMESTAMP written in a session at +03:00, the copy's UTC DATETIME as the sink writes it
        jdbc.execute("SET time_zone = '+03:00'");
        jdbc.execute("INSERT INTO src VALUES (1, '2026-11-21 13:15:30.123456', '2026-11-21 10:15:30', '2026-11-21', "
                + "'Çankaya, ev', 145.50, 1, b'1', b'10100101', 2019, '09:30:00', x'00ff0001', 'used', 'garage,garden', "
                + "0.1, 18446744073709551615), (2, NULL, NULL, NULL, '', 0.00, 0, b'0', b'0', NULL, '-838:59:59', x'01020304', "
                + "'new', '', -1e300, 0)");
        jdbc.execute("SET time_zone = '+00:00'");
        jdbc.execute("INSERT INTO cpy VALUES (1, '2026-11-21 10:15:30.123456', '2026-11-21 10:15:30.000000', "
                + "'2026-11-21', 'Çankaya, ev', 145.5, TRUE, TRUE, 165, 2019, '09:30:00.000000', x'00ff0001', 'used', "
                + "'garage,garden', 0.1, 18446744073709551615, FALSE), (2, NULL, NULL, NULL, '', 0, FALSE, FALSE, 0, "
                + "NULL, '-838:59:59.000000', x'01020304', 'new', '', -1e300, 0, FALSE)");

        jdbc.execute("SET time_zone = '+05:00'");
        List<Map<String, Object>> source = texts("src");
        jdbc.execute("SET time_zone = '-08:00'");
        List<Map<String, Object>> copy = texts("cpy");
        jdbc.execute("SET time_zone = '+00:00'");

        assertThat(copy).isEqualTo(source);
        assertThat(source.get(0)).containsEntry("ts", "1795256130123456").containsEntry("dt", "1795256130000000")
                .containsEntry("d", "1795219200000000").containsEntry("price", "145.5").containsEntry("featured", "1")
                .containsEntry("bit1", "1").containsEntry("flags", "165").containsEntry("built", "2019")
                .containsEntry("visiting", "09:30:00.000000").containsEntry("ratio", "0.1")
                .containsEntry("views", "18446744073709551615");
        assertThat(source.get(1)).containsEntry("ts", null).containsEntry("price", "0").containsEntry("ratio", "-1e300");
        assertThat(sums("src", false)).isEqualTo(sums("cpy", true));
    }

    @Test
    void nullTheEmptyTextAndTheSeparatorNeverCollide() {
        jdbc.execute("CREATE TABLE a (id INT PRIMARY KEY, x VARCHAR(10) NULL, y VARCHAR(10) NULL)");
        jdbc.execute("CREATE TABLE b (id INT PRIMARY KEY, x VARCHAR(10) NULL, y VARCHAR(10) NULL)");
        jdbc.execute("INSERT INTO a VALUES (1, NULL, ''), (2, 'p,q', 'r'), (3, 'N', NULL), (4, '', '')");
        jdbc.execute("INSERT INTO b VALUES (1, '', NULL), (2, 'p', 'q,r'), (3, NULL, 'N'), (4, '', '')");

        Map<Integer, Object> a = rowHashes("a");
        Map<Integer, Object> b = rowHashes("b");

        for (int id = 1; id <= 3; id++) {
            assertThat(a.get(id)).as("row %d", id).isNotEqualTo(b.get(id));
        }
        assertThat(a.get(4)).isEqualTo(b.get(4));
    }

    @Test
    void aCompositeTextKeyPagesHashesAndSumsAlikeWhateverItsTypeAndCollation() {
        jdbc.execute("CREATE TABLE ks (city VARCHAR(20) COLLATE utf8mb4_unicode_ci, n SMALLINT, PRIMARY KEY (city, n))");
        jdbc.execute("CREATE TABLE kc (city VARCHAR(255) COLLATE utf8mb4_nopad_bin, n BIGINT, PRIMARY KEY (city, n))");
        for (String table : List.of("ks", "kc")) {
            // unicode_ci orders a < B < c < İ < Ş, the binary collation B < a < c < İ < Ş: pages go by the bytes
            jdbc.execute("INSERT INTO " + table + " VALUES ('İstanbul', 1), ('Şişli', 1), ('a', 2), ('B', 2), ('c', 10), "
                    + "('c', 2)");
        }

        List<List<Object>> sourcePages = pages(keyed("ks"), 2);
        List<List<Object>> copyPages = pages(keyed("kc"), 2);

        assertThat(sourcePages).hasSize(3);
        for (int p = 0; p < sourcePages.size(); p++) {
            KeyRange page = range(sourcePages, p);
            // key hash, row hash: the key's own values come back as each column's type has them
            List<String> source = jdbc.query(CHECKSUMS.pageRows(keyed("ks"), page), (rs, n) -> rs.getString(1) + " "
                    + rs.getString(2) + " " + rs.getString(3) + rs.getLong(4));
            List<String> copy = jdbc.query(CHECKSUMS.pageRows(keyed("kc"), page), (rs, n) -> rs.getString(1) + " "
                    + rs.getString(2) + " " + rs.getString(3) + rs.getLong(4));
            assertThat(source).as("page %d", p).hasSize(2).isEqualTo(copy);
            assertThat(jdbc.queryForList(CHECKSUMS.pageSums(keyed("ks"), page)))
                    .isEqualTo(jdbc.queryForList(CHECKSUMS.pageSums(keyed("kc"), page)));
            assertThat(new String((byte[]) copyPages.get(p).get(0), StandardCharsets.UTF_8))
                    .isEqualTo(new String((byte[]) sourcePages.get(p).get(0), StandardCharsets.UTF_8));
        }
        assertThat(keys("ks", sourcePages, 0)).containsExactlyInAnyOrder("B2", "a2");
        assertThat(keys("ks", sourcePages, 1)).containsExactlyInAnyOrder("c2", "c10");
        assertThat(keys("ks", sourcePages, 2)).containsExactlyInAnyOrder("İstanbul1", "Şişli1");
    }

    /**
     * Pages of a composite key whose first column repeats across page ends: every key in exactly
     * one page, in key order, and the last page open-ended (rows past the source's last key fall in it).
     */
    @Test
    void keysetPagesOfACompositeKeySplitRunsOfAnEqualFirstColumn() {
        jdbc.execute("CREATE TABLE photos (listing_id BIGINT, photo_no INT, caption VARCHAR(20), "
                + "PRIMARY KEY (listing_id, photo_no))");
        jdbc.execute("INSERT INTO photos VALUES (1, 1, 'a'), (1, 2, 'b'), (1, 3, 'c'), (1, 10, 'd'), (2, 1, 'e'), "
                + "(2, 2, 'f'), (3, 1, 'g')");
        ChecksumTable photos = checksummed("photos", List.of("listing_id", "photo_no"), false);

        List<List<Object>> ends = pages(photos, 3);

        assertThat(ends).containsExactly(List.of(new BigDecimal("1"), new BigDecimal("3")),
                List.of(new BigDecimal("2"), new BigDecimal("2")));
        List<List<String>> pages = new ArrayList<>();
        for (int p = 0; p <= ends.size(); p++) {
            pages.add(jdbc.query(CHECKSUMS.pageRows(photos, range(ends, p)), (rs, n) -> rs.getLong(3) + "-"
                    + rs.getInt(4)).stream().sorted().toList());
        }
        assertThat(pages).containsExactly(List.of("1-1", "1-2", "1-3"), List.of("1-10", "2-1", "2-2"), List.of("3-1"));
        assertThat(rowsIn(photos, range(ends, 1))).isEqualTo(3);
        // a row after the last page end, as an extra row of a copy would be, is in the last page
        jdbc.execute("INSERT INTO photos VALUES (9, 1, 'z')");
        assertThat(rowsIn(photos, range(ends, 2))).isEqualTo(2);
    }

    /** The page ends, as {@code pageEnd} finds them one after the other. */
    private static List<List<Object>> pages(ChecksumTable table, int pageSize) {
        List<List<Object>> ends = new ArrayList<>();
        List<Object> after = null;
        while (true) {
            List<List<Object>> end = jdbc.query(CHECKSUMS.pageEnd(table, after, pageSize),
                    (rs, n) -> CHECKSUMS.sortValues(rs, table.key()));
            if (end.isEmpty()) {
                return ends;
            }
            ends.add(end.get(0));
            after = end.get(0);
        }
    }

    private static long rowsIn(ChecksumTable table, KeyRange page) {
        return jdbc.query(CHECKSUMS.pageSums(table, page), (rs, n) -> rs.getLong(1)).get(0);
    }

    /** Page {@code p} of the page ends: after the one before, up to its own (the last page open). */
    private static KeyRange range(List<List<Object>> ends, int p) {
        return new KeyRange(p == 0 ? null : ends.get(p - 1), p < ends.size() ? ends.get(p) : null);
    }

    private static List<String> keys(String table, List<List<Object>> ends, int p) {
        return jdbc.query(CHECKSUMS.pageRows(keyed(table), range(ends, p)), (rs, n) -> rs.getString(3) + rs.getLong(4));
    }

    private static ChecksumTable keyed(String table) {
        TargetTable t = DIALECT.tables().read(jdbc, table).orElseThrow();
        return new ChecksumTable(table, t.columns(), List.of(t.column("city"), t.column("n")), false);
    }

    /** Each row's canonical texts, by column, in key order. */
    private static List<Map<String, Object>> texts(String table) {
        TargetTable t = DIALECT.tables().read(jdbc, table).orElseThrow();
        List<TargetColumn> columns = t.columns().stream().filter(c -> !c.name().startsWith("_cdc_")).toList();
        StringBuilder select = new StringBuilder("SELECT ");
        for (TargetColumn c : columns) {
            select.append(CHECKSUMS.canonical(c)).append(" AS `").append(c.name()).append("`, ");
        }
        select.setLength(select.length() - 2);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList(select + " FROM " + table + " ORDER BY id")) {
            rows.add(new LinkedHashMap<>(row));
        }
        return rows;
    }

    /** The row count and checksum of the one page of every key. */
    private static Map<String, Object> sums(String table, boolean liveOnly) {
        return jdbc.queryForMap(CHECKSUMS.pageSums(checksummed(table, liveOnly), KeyRange.all()));
    }

    /** Row hashes by id: {@code pageRows} selects key hash, row hash, then the key. */
    private static Map<Integer, Object> rowHashes(String table) {
        Map<Integer, Object> hashes = new LinkedHashMap<>();
        jdbc.query(CHECKSUMS.pageRows(checksummed(table, false), KeyRange.all()),
                rs -> { hashes.put(rs.getInt(3), rs.getObject(2)); });
        return hashes;
    }

    private static ChecksumTable checksummed(String table, boolean liveOnly) {
        return checksummed(table, List.of("id"), liveOnly);
    }

    private static ChecksumTable checksummed(String table, List<String> key, boolean liveOnly) {
        TargetTable t = DIALECT.tables().read(jdbc, table).orElseThrow();
        List<TargetColumn> columns = t.columns().stream().filter(c -> !c.name().startsWith("_cdc_")).toList();
        return new ChecksumTable(table, columns, key.stream().map(t::column).toList(), liveOnly);
    }
}
