package dev.cdcsink.devstack;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code all_types} table of {@link FixtureCapture}: one nullable column per MySQL/MariaDB
 * column type and width, and the rows whose change events become the fixtures under
 * {@code src/test/resources/debezium-events/all_types/}. Every row is a map of column to SQL
 * expression; columns a row leaves out are NULL. See the README beside the fixtures for the values.
 */
public final class FixtureAllTypes {

    public static final String TABLE = "all_types";

    /** Rows 2..7 are inserted twice: as {@code 100 + id} before the engine starts (snapshot reads) and as {@code id} while it streams. */
    private static final int SNAPSHOT_COPY_OFFSET = 100;

    /** The row deleted (and so tombstoned) after the inserts; the row updated is 1. */
    private static final int DELETED_ID = 2;
    private static final int UPDATED_ID = 1;

    /** The row whose insert needs {@code sql_mode=''} (zero dates, an invalid ENUM value). */
    private static final int ZERO_DATES_ID = 6;

    private static final String ENUM_MEMBERS = "'taslak','yayında','satıldı','kiralık, eşyalı'";
    private static final String SET_MEMBERS = "'otopark','bahçe','balkon','asansör','eşyalı','🏠 site içi'";

    public static String ddl(String database) {
        return "CREATE TABLE " + database + "." + TABLE + " ("
                + " id INT NOT NULL PRIMARY KEY,"
                + " c_tinyint TINYINT NULL,"
                + " c_tinyint_u TINYINT UNSIGNED NULL,"
                + " c_smallint SMALLINT NULL,"
                + " c_smallint_u SMALLINT UNSIGNED NULL,"
                + " c_mediumint MEDIUMINT NULL,"
                + " c_mediumint_u MEDIUMINT UNSIGNED NULL,"
                + " c_int INT NULL,"
                + " c_int_u INT UNSIGNED NULL,"
                + " c_bigint BIGINT NULL,"
                + " c_bigint_u BIGINT UNSIGNED NULL,"
                + " c_decimal_5_0 DECIMAL(5,0) NULL,"
                + " c_decimal_12_2 DECIMAL(12,2) NULL,"
                + " c_decimal_65_30 DECIMAL(65,30) NULL,"
                + " c_float FLOAT NULL,"
                + " c_double DOUBLE NULL,"
                + " c_bit1 BIT(1) NULL,"
                + " c_bit10 BIT(10) NULL,"
                + " c_bit64 BIT(64) NULL,"
                + " c_boolean BOOLEAN NULL,"
                + " c_char CHAR(10) NULL,"
                + " c_varchar VARCHAR(300) NULL,"
                + " c_tinytext TINYTEXT NULL,"
                + " c_text TEXT NULL,"
                + " c_mediumtext MEDIUMTEXT NULL,"
                + " c_longtext LONGTEXT NULL,"
                + " c_binary BINARY(16) NULL,"
                + " c_varbinary VARBINARY(100) NULL,"
                + " c_tinyblob TINYBLOB NULL,"
                + " c_blob BLOB NULL,"
                + " c_mediumblob MEDIUMBLOB NULL,"
                + " c_longblob LONGBLOB NULL,"
                + " c_date DATE NULL,"
                + " c_time0 TIME(0) NULL,"
                + " c_time3 TIME(3) NULL,"
                + " c_time6 TIME(6) NULL,"
                + " c_datetime0 DATETIME(0) NULL,"
                + " c_datetime3 DATETIME(3) NULL,"
                + " c_datetime6 DATETIME(6) NULL,"
                + " c_timestamp0 TIMESTAMP(0) NULL DEFAULT NULL,"
                + " c_timestamp6 TIMESTAMP(6) NULL DEFAULT NULL,"
                + " c_year YEAR NULL,"
                + " c_enum ENUM(" + ENUM_MEMBERS + ") NULL,"
                + " c_set SET(" + SET_MEMBERS + ") NULL,"
                + " c_json JSON NULL,"
                + " c_geometry GEOMETRY NULL,"
                + " c_point POINT NULL,"
                + " c_linestring LINESTRING NULL,"
                + " c_polygon POLYGON NULL"
                + ") ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci";
    }

    /** Row 1, in the snapshot: ordinary values. */
    private static Map<String, String> ordinary() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("c_tinyint", "-12");
        r.put("c_tinyint_u", "200");
        r.put("c_smallint", "-1234");
        r.put("c_smallint_u", "54321");
        r.put("c_mediumint", "-123456");
        r.put("c_mediumint_u", "9876543");
        r.put("c_int", "-123456789");
        r.put("c_int_u", "3000000000");
        r.put("c_bigint", "-1234567890123");
        r.put("c_bigint_u", "12345678901234");
        r.put("c_decimal_5_0", "12345");
        r.put("c_decimal_12_2", "1234567.89");
        r.put("c_decimal_65_30", "12345678901234567890.123456789012345678901234567890");
        r.put("c_float", "1.1");
        r.put("c_double", "1.1");
        r.put("c_bit1", "b'1'");
        // 513 = 0x0201: the byte order of the encoding is visible
        r.put("c_bit10", "b'1000000001'");
        r.put("c_bit64", "x'0102030405060708'");
        r.put("c_boolean", "TRUE");
        r.put("c_char", "'Şişli'");
        r.put("c_varchar", "'Şişli''de satılık 3+1 daire — ğüşıöç ĞÜŞİÖÇ 🏠'");
        r.put("c_tinytext", "'Kısa açıklama'");
        r.put("c_text", "'Deniz manzaralı, metroya yürüme mesafesinde. 🏠🚇'");
        r.put("c_mediumtext", "'Orta uzunlukta metin: İstanbul, Ankara, İzmir'");
        r.put("c_longtext", "'Uzun metin 𝄞 (U+1D11E) ve 😀 (U+1F600)'");
        r.put("c_binary", "x'00112233445566778899aabbccddeeff'");
        r.put("c_varbinary", "x'00ff10'");
        r.put("c_tinyblob", "x'cafe'");
        r.put("c_blob", "x'00ff'");
        r.put("c_mediumblob", "x'ffd8ffe000104a4649460001'");
        r.put("c_longblob", "x'89504e470d0a1a0a'");
        r.put("c_date", "'2026-11-21'");
        r.put("c_time0", "'09:30:00'");
        r.put("c_time3", "'09:30:00.123'");
        r.put("c_time6", "'09:30:00.123456'");
        r.put("c_datetime0", "'2026-11-21 10:15:30'");
        r.put("c_datetime3", "'2026-11-21 10:15:30.123'");
        r.put("c_datetime6", "'2026-11-21 10:15:30.123456'");
        r.put("c_timestamp0", "'2026-11-21 10:15:30'");
        r.put("c_timestamp6", "'2026-11-21 10:15:30.123456'");
        r.put("c_year", "2019");
        r.put("c_enum", "'yayında'");
        r.put("c_set", "'otopark,balkon,🏠 site içi'");
        r.put("c_json", "'{\"oda\": \"3+1\", \"kat\": 5, \"aidat\": 1250.50, \"ısınma\": \"kombi\", \"🏠\": true,"
                + " \"etiketler\": [\"deniz manzarası\", \"metroya yakın\"], \"yok\": null}'");
        r.put("c_geometry", "ST_GeomFromText('POINT(28.9784 41.0082)')");
        r.put("c_point", "ST_GeomFromText('POINT(29.0 41.0)', 4326)");
        r.put("c_linestring", "ST_GeomFromText('LINESTRING(29.0 41.0, 29.1 41.05, 29.2 41.1)', 4326)");
        r.put("c_polygon", "ST_GeomFromText('POLYGON((29 41, 29.1 41, 29.1 41.1, 29 41.1, 29 41))', 4326)");
        return r;
    }

    /** Row 2: the maxima. */
    private static Map<String, String> maxima() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("c_tinyint", "127");
        r.put("c_tinyint_u", "255");
        r.put("c_smallint", "32767");
        r.put("c_smallint_u", "65535");
        r.put("c_mediumint", "8388607");
        r.put("c_mediumint_u", "16777215");
        r.put("c_int", "2147483647");
        r.put("c_int_u", "4294967295");
        r.put("c_bigint", "9223372036854775807");
        r.put("c_bigint_u", "18446744073709551615");
        r.put("c_decimal_5_0", "99999");
        r.put("c_decimal_12_2", "9999999999.99");
        r.put("c_decimal_65_30", "99999999999999999999999999999999999.999999999999999999999999999999");
        r.put("c_float", "3.4028234e38");
        r.put("c_double", "1.7976931348623157e308");
        r.put("c_bit1", "b'1'");
        r.put("c_bit10", "b'1111111111'");
        r.put("c_bit64", "x'ffffffffffffffff'");
        // BOOLEAN is TINYINT(1): it takes any TINYINT
        r.put("c_boolean", "127");
        r.put("c_char", "'🏠🏠🏠🏠🏠ğüşıö'");
        r.put("c_varchar", "'" + "🏠ğ".repeat(150) + "'");
        // 63 four-byte characters = 252 of TINYTEXT's 255 bytes
        r.put("c_tinytext", "'" + "😀".repeat(63) + "'");
        r.put("c_text", "'𝄞 müzik 🎵 — ev 🏠 — bayrak 🇹🇷'");
        r.put("c_mediumtext", "'" + "İ".repeat(1000) + "'");
        r.put("c_longtext", "'" + "🏠".repeat(500) + "'");
        r.put("c_binary", "x'ffffffffffffffffffffffffffffffff'");
        r.put("c_varbinary", "x'" + hex(0x00, 0x31) + hex(0xce, 0xff) + "'");
        r.put("c_tinyblob", "x'" + hex(0x00, 0xfe) + "'");
        r.put("c_blob", "x'" + hex(0x00, 0xff) + "'");
        r.put("c_mediumblob", "x'" + hex(0x00, 0xff) + "'");
        r.put("c_longblob", "x'" + hex(0x00, 0xff) + "'");
        r.put("c_date", "'9999-12-31'");
        r.put("c_time0", "'838:59:59'");
        r.put("c_time3", "'838:59:59.999'");
        r.put("c_time6", "'838:59:59.999999'");
        r.put("c_datetime0", "'9999-12-31 23:59:59'");
        r.put("c_datetime3", "'9999-12-31 23:59:59.999'");
        r.put("c_datetime6", "'9999-12-31 23:59:59.999999'");
        r.put("c_timestamp0", "'2038-01-19 03:14:07'");
        r.put("c_timestamp6", "'2038-01-19 03:14:07.999999'");
        r.put("c_year", "2155");
        r.put("c_enum", "'kiralık, eşyalı'");
        r.put("c_set", "'otopark,bahçe,balkon,asansör,eşyalı,🏠 site içi'");
        r.put("c_json", "'{\"büyük\": 18446744073709551616, \"ondalık\": 1.7976931348623157e308,"
                + " \"kesir\": 0.1000000000000000055511151231257827, \"iç\": {\"dizi\": [1, [2, [3, {\"🏠\": \"ev\"}]]]},"
                + " \"boş_dizi\": [], \"boş_nesne\": {}}'");
        r.put("c_geometry", "ST_GeomFromText('MULTIPOLYGON(((26 36, 45 36, 45 42, 26 42, 26 36)),"
                + " ((27 40, 28 40, 28 41, 27 41, 27 40)))', 4326)");
        r.put("c_point", "ST_GeomFromText('POINT(180 90)', 4326)");
        r.put("c_linestring", "ST_GeomFromText('LINESTRING(-180 -90, 0 0, 180 90)', 4326)");
        r.put("c_polygon", "ST_GeomFromText('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))', 4326)");
        return r;
    }

    /** Row 3: the minima. */
    private static Map<String, String> minima() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("c_tinyint", "-128");
        r.put("c_tinyint_u", "0");
        r.put("c_smallint", "-32768");
        r.put("c_smallint_u", "0");
        r.put("c_mediumint", "-8388608");
        r.put("c_mediumint_u", "0");
        r.put("c_int", "-2147483648");
        r.put("c_int_u", "0");
        r.put("c_bigint", "-9223372036854775808");
        r.put("c_bigint_u", "0");
        r.put("c_decimal_5_0", "-99999");
        r.put("c_decimal_12_2", "-9999999999.99");
        r.put("c_decimal_65_30", "-99999999999999999999999999999999999.999999999999999999999999999999");
        r.put("c_float", "-3.4028234e38");
        r.put("c_double", "-1.7976931348623157e308");
        r.put("c_bit1", "b'0'");
        r.put("c_bit10", "b'0000000000'");
        r.put("c_bit64", "b'0'");
        r.put("c_boolean", "-128");
        r.put("c_char", "'A'");
        r.put("c_varchar", "'ı'");
        r.put("c_tinytext", "'a'");
        r.put("c_text", "'b'");
        r.put("c_mediumtext", "'c'");
        r.put("c_longtext", "'d'");
        r.put("c_binary", "x'00'");
        r.put("c_varbinary", "x'00'");
        r.put("c_tinyblob", "x'00'");
        r.put("c_blob", "x'00'");
        r.put("c_mediumblob", "x'00'");
        r.put("c_longblob", "x'00'");
        r.put("c_date", "'1000-01-01'");
        r.put("c_time0", "'-838:59:59'");
        r.put("c_time3", "'-838:59:59.999'");
        r.put("c_time6", "'-838:59:59.999999'");
        r.put("c_datetime0", "'1000-01-01 00:00:00'");
        r.put("c_datetime3", "'1000-01-01 00:00:00.000'");
        r.put("c_datetime6", "'1000-01-01 00:00:00.000000'");
        r.put("c_timestamp0", "'1970-01-01 00:00:01'");
        r.put("c_timestamp6", "'1970-01-01 00:00:01.000000'");
        r.put("c_year", "1901");
        r.put("c_enum", "'taslak'");
        r.put("c_set", "'otopark'");
        // the JSON literal null, not SQL NULL
        r.put("c_json", "'null'");
        r.put("c_geometry", "ST_GeomFromText('LINESTRING(0 0, 1 1)')");
        r.put("c_point", "ST_GeomFromText('POINT(-180 -90)', 4326)");
        r.put("c_linestring", "ST_GeomFromText('LINESTRING(-29.5 -41.5, -29.6 -41.6)')");
        r.put("c_polygon", "ST_GeomFromText('POLYGON((-1 -1, 1 -1, 1 1, -1 1, -1 -1))')");
        return r;
    }

    /** Row 5: special strings, empty values, zero and tiny numbers. */
    private static Map<String, String> specialStrings() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("c_tinyint", "0");
        r.put("c_int", "0");
        r.put("c_bigint_u", "9223372036854775808");
        r.put("c_decimal_5_0", "0");
        r.put("c_decimal_12_2", "-0.01");
        r.put("c_decimal_65_30", "0.000000000000000000000000000001");
        r.put("c_float", "1.17549435e-38");
        // a negative zero (-0.0 would be the DECIMAL zero)
        r.put("c_double", "-0e0");
        r.put("c_bit10", "b'10'");
        r.put("c_bit64", "x'8000000000000000'");
        r.put("c_boolean", "FALSE");
        // CHAR pads with spaces and strips them when read
        r.put("c_char", "'ab   '");
        r.put("c_varchar", "'trailing spaces   '");
        r.put("c_tinytext", "''");
        r.put("c_text", "'single '' double \" backslash \\\\ slash / percent % underscore _'");
        r.put("c_mediumtext", "'line1\\nline2\\r\\nline3\\ttab'");
        r.put("c_longtext", "'NUL:\\0:end'");
        // BINARY(16) pads with 0x00
        r.put("c_binary", "'ab'");
        r.put("c_varbinary", "''");
        r.put("c_tinyblob", "''");
        r.put("c_blob", "'text in a blob'");
        r.put("c_time0", "'00:00:00'");
        r.put("c_time6", "'-00:00:00.000001'");
        // trailing zeros in the fraction: how each path writes them
        r.put("c_datetime6", "'2026-11-21 10:15:30.500000'");
        r.put("c_timestamp0", "'2026-11-21 10:15:30'");
        r.put("c_timestamp6", "'2026-11-21 10:15:30.500000'");
        r.put("c_set", "''");
        r.put("c_json", "'{\"tırnak\": \"\\\\\"\", \"ters\": \"\\\\\\\\\", \"satır\": \"a\\\\nb\", \"nul\": \"\\\\u0000\", \"boş\": \"\"}'");
        return r;
    }

    /** Row 6, inserted with {@code sql_mode=''}: zero dates and an invalid ENUM value (stored as ''). */
    private static Map<String, String> zeroDates() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("c_date", "'0000-00-00'");
        r.put("c_datetime0", "'0000-00-00 00:00:00'");
        // a zero day in an otherwise valid date
        r.put("c_datetime3", "'2026-11-00 10:15:30.123'");
        r.put("c_datetime6", "'0000-00-00 00:00:00.000000'");
        r.put("c_timestamp0", "'0000-00-00 00:00:00'");
        r.put("c_timestamp6", "'0000-00-00 00:00:00.000000'");
        r.put("c_year", "0");
        r.put("c_enum", "'geçersiz'");
        return r;
    }

    /** Row 7: other calendar edges (year 1, the Julian/Gregorian switch, just before the epoch, a zero month). */
    private static Map<String, String> calendarEdges() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("c_float", "123456.789");
        r.put("c_double", "0.1");
        r.put("c_date", "'0001-01-01'");
        r.put("c_time0", "'-00:00:01'");
        r.put("c_time3", "'23:59:59.999'");
        r.put("c_time6", "'24:00:00'");
        r.put("c_datetime0", "'0001-01-01 00:00:00'");
        r.put("c_datetime3", "'1582-10-10 12:00:00.000'");
        r.put("c_datetime6", "'1969-12-31 23:59:59.999999'");
        r.put("c_timestamp6", "'1970-01-01 00:00:00.000001'");
        return r;
    }

    /** Every row: 1 ordinary, 2 maxima, 3 minima, 4 all NULL, 5 special strings, 6 zero dates, 7 calendar edges. */
    public static Map<Integer, Map<String, String>> rows() {
        Map<Integer, Map<String, String>> rows = new LinkedHashMap<>();
        rows.put(1, ordinary());
        rows.put(2, maxima());
        rows.put(3, minima());
        rows.put(4, Map.of());
        rows.put(5, specialStrings());
        rows.put(ZERO_DATES_ID, zeroDates());
        rows.put(7, calendarEdges());
        return rows;
    }

    /**
     * Before the engine starts: row 1, and (with {@code snapshotCopies}) rows 2..7 copied as
     * {@code 100 + id} so that each edge value is read once by the snapshot (JDBC) and once from
     * the binlog. The copy of row 6 has no YEAR 0: MariaDB Connector/J 3.5 (the MariaDB
     * connector's snapshot driver) throws an IllegalArgumentException from
     * {@code java.sql.Date.valueOf} reading YEAR 0000, which fails the whole snapshot.
     */
    public static List<String> initialInserts(String database, boolean snapshotCopies) {
        List<String> sql = new ArrayList<>();
        rows().forEach((row, values) -> {
            if (row == 1) {
                sql.addAll(insert(database, 1, false, values));
            } else if (snapshotCopies) {
                Map<String, String> copy = new LinkedHashMap<>(values);
                if (row == ZERO_DATES_ID) {
                    copy.remove("c_year");
                }
                sql.addAll(insert(database, SNAPSHOT_COPY_OFFSET + row, row == ZERO_DATES_ID, copy));
            }
        });
        return sql;
    }

    static int initialRows(boolean snapshotCopies) {
        return snapshotCopies ? rows().size() : 1;
    }

    /** While the engine streams: rows 2..7, then the update of row 1 and the delete of row 2. */
    public static List<String> streamedChanges(String database) {
        List<String> sql = new ArrayList<>();
        rows().forEach((row, values) -> {
            if (row != 1) {
                sql.addAll(insert(database, row, row == ZERO_DATES_ID, values));
            }
        });
        sql.add("UPDATE " + database + "." + TABLE + " SET"
                + " c_int = c_int + 1,"
                + " c_decimal_12_2 = 1199999.99,"
                + " c_varchar = 'Şişli''de satılık 3+1 daire (fiyat düştü) 🏠',"
                + " c_text = NULL,"
                + " c_bit10 = b'0000000011',"
                + " c_set = '',"
                + " c_enum = 'satıldı',"
                + " c_json = JSON_SET(c_json, '$.kat', 6),"
                + " c_point = ST_GeomFromText('POINT(29.1 41.1)', 4326),"
                + " c_timestamp6 = '2026-11-22 08:00:00.500000'"
                + " WHERE id = " + UPDATED_ID);
        sql.add("DELETE FROM " + database + "." + TABLE + " WHERE id = " + DELETED_ID);
        return sql;
    }

    /** The end marker: id {@link FixtureCapture#SENTINEL_ID}, all NULL. */
    public static List<String> sentinel(String database) {
        return insert(database, (int) FixtureCapture.SENTINEL_ID, false, Map.of());
    }

    /** The statements inserting row {@code id} (with {@code sql_mode=''} first for zero dates). */
    private static List<String> insert(String database, int id, boolean zeroDates, Map<String, String> values) {
        StringBuilder columns = new StringBuilder("id");
        StringBuilder exprs = new StringBuilder(Integer.toString(id));
        values.forEach((column, expr) -> {
            columns.append(", ").append(column);
            exprs.append(", ").append(expr);
        });
        return List.of(zeroDates ? "SET SESSION sql_mode = ''" : "SET SESSION sql_mode = DEFAULT",
                "INSERT INTO " + database + "." + TABLE + " (" + columns + ") VALUES (" + exprs + ")");
    }

    private static String hex(int from, int toInclusive) {
        byte[] bytes = new byte[toInclusive - from + 1];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (from + i);
        }
        return HexFormat.of().formatHex(bytes);
    }

    private FixtureAllTypes() {
    }
}
