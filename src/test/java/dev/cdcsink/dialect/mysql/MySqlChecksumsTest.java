package dev.cdcsink.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;

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
    void aCompositeTextKeyHashesAndBucketsAlikeWhateverItsTypeAndCollation() {
        jdbc.execute("CREATE TABLE ks (city VARCHAR(20) COLLATE utf8mb4_unicode_ci, n SMALLINT, PRIMARY KEY (city, n))");
        jdbc.execute("CREATE TABLE kc (city VARCHAR(255) COLLATE utf8mb4_nopad_bin, n BIGINT, PRIMARY KEY (city, n))");
        for (String table : List.of("ks", "kc")) {
            jdbc.execute("INSERT INTO " + table + " VALUES ('İstanbul', 1), ('Şişli', 1), ('a', 2), ('B', 2), ('c', 10)");
        }

        // key hash, bucket, row hash: the key's own values come back as each column's type has them
        List<String> source = jdbc.query(CHECKSUMS.rowsOf(keyed("ks"), 3, List.of(0, 1, 2)),
                (rs, n) -> rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3));
        List<String> copy = jdbc.query(CHECKSUMS.rowsOf(keyed("kc"), 3, List.of(0, 1, 2)),
                (rs, n) -> rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3));

        assertThat(source).hasSize(5).isEqualTo(copy);
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

    /** The one bucket's row count and checksum. */
    private static Map<String, Object> sums(String table, boolean liveOnly) {
        return jdbc.queryForMap(CHECKSUMS.buckets(checksummed(table, liveOnly), 1));
    }

    /** Row hashes by id: {@code rowsOf} selects key hash, bucket, row hash, then the key. */
    private static Map<Integer, Object> rowHashes(String table) {
        Map<Integer, Object> hashes = new LinkedHashMap<>();
        jdbc.query(CHECKSUMS.rowsOf(checksummed(table, false), 1, List.of(0)),
                rs -> { hashes.put(rs.getInt(4), rs.getObject(3)); });
        return hashes;
    }

    private static ChecksumTable checksummed(String table, boolean liveOnly) {
        TargetTable t = DIALECT.tables().read(jdbc, table).orElseThrow();
        List<TargetColumn> columns = t.columns().stream().filter(c -> !c.name().startsWith("_cdc_")).toList();
        return new ChecksumTable(table, columns, List.of(t.column("id")), liveOnly);
    }
}
