package dev.cdcsink.devstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code pg_all_types} table of {@link FixtureCapture}: one nullable column per PostgreSQL type
 * the Debezium PostgreSQL connector sends with {@code JsonConverter}, and the rows whose change
 * events become the fixtures under {@code src/test/resources/debezium-events/pg_all_types/}.
 * Every row is a map of column to SQL expression; columns a row leaves out are NULL. PostGIS is
 * not here: zonky's PostgreSQL binaries do not ship it (ltree, from contrib, they do).
 */
public final class FixturePgAllTypes {

    public static final String TABLE = "pg_all_types";

    /** Rows 2..5 are inserted twice: as {@code 100 + id} before the engine starts (snapshot reads) and as {@code id} while it streams. */
    private static final int SNAPSHOT_COPY_OFFSET = 100;

    /** The row deleted (and so tombstoned) after the inserts; the row updated is 1. */
    private static final int DELETED_ID = 2;
    private static final int UPDATED_ID = 1;
    /** The row with an out-of-line (TOAST) text, updated without touching it: the connector sends its placeholder. */
    public static final int TOASTED_ID = 6;

    /** The statements that make the types the table needs and the table itself, in the current database. */
    public static List<String> ddl() {
        return List.of("CREATE EXTENSION IF NOT EXISTS ltree",
                "CREATE TYPE listing_state AS ENUM ('taslak', 'yayında', 'satıldı', 'kiralık, eşyalı')",
                "CREATE TABLE " + TABLE + " ("
                        + " id INTEGER NOT NULL PRIMARY KEY,"
                        + " c_smallint SMALLINT,"
                        + " c_integer INTEGER,"
                        + " c_bigint BIGINT,"
                        + " c_numeric_5_0 NUMERIC(5,0),"
                        + " c_numeric_12_2 NUMERIC(12,2),"
                        + " c_numeric NUMERIC,"
                        + " c_real REAL,"
                        + " c_double DOUBLE PRECISION,"
                        + " c_money MONEY,"
                        + " c_boolean BOOLEAN,"
                        + " c_char CHAR(10),"
                        + " c_varchar VARCHAR(300),"
                        + " c_text TEXT,"
                        + " c_bytea BYTEA,"
                        + " c_uuid UUID,"
                        + " c_json JSON,"
                        + " c_jsonb JSONB,"
                        + " c_xml XML,"
                        + " c_int_array INTEGER[],"
                        + " c_text_array TEXT[],"
                        + " c_date DATE,"
                        + " c_time0 TIME(0),"
                        + " c_time6 TIME(6),"
                        + " c_timetz TIMETZ,"
                        + " c_timestamp0 TIMESTAMP(0),"
                        + " c_timestamp3 TIMESTAMP(3),"
                        + " c_timestamp6 TIMESTAMP(6),"
                        + " c_timestamptz TIMESTAMPTZ,"
                        + " c_interval INTERVAL,"
                        + " c_inet INET,"
                        + " c_cidr CIDR,"
                        + " c_macaddr MACADDR,"
                        + " c_enum listing_state,"
                        + " c_ltree LTREE)",
                // PostgreSQL's default: updates carry no before-image and leave unchanged TOAST values out
                "ALTER TABLE " + TABLE + " REPLICA IDENTITY DEFAULT");
    }

    /** Row 1: ordinary values, 4-byte UTF-8 included. */
    private static Map<String, String> ordinary() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("c_smallint", "12");
        r.put("c_integer", "123456");
        r.put("c_bigint", "1234567890123");
        r.put("c_numeric_5_0", "12345");
        r.put("c_numeric_12_2", "1234567.89");
        r.put("c_numeric", "3.14159265358979323846264338327950288419716939937510");
        r.put("c_real", "3.14");
        r.put("c_double", "2.718281828459045");
        r.put("c_money", "'1234.56'");
        r.put("c_boolean", "true");
        r.put("c_char", "'🏠ğüş'");
        r.put("c_varchar", "'Şişli''de satılık 3+1 daire 🏠'");
        r.put("c_text", "'𝄞 müzik 🎵 — ev 🏠 — bayrak 🇹🇷'");
        r.put("c_bytea", "'\\x00ff10ce'");
        r.put("c_uuid", "'8c1f4d2e-7a3b-4c5d-9e6f-0a1b2c3d4e5f'");
        r.put("c_json", "'{\"oda\": \"3+1\", \"kat\": 5,  \"aidat\": 1250.50, \"🏠\": true}'");
        r.put("c_jsonb", "'{\"oda\": \"3+1\", \"kat\": 5, \"aidat\": 1250.50, \"etiketler\": [\"deniz\", \"metro\"]}'");
        r.put("c_xml", "'<ilan id=\"1\"><başlık>ev 🏠</başlık></ilan>'");
        r.put("c_int_array", "'{1,2,3}'");
        r.put("c_text_array", "'{\"deniz manzarası\",🏠,\"a,b\"}'");
        r.put("c_date", "'2026-11-21'");
        r.put("c_time0", "'09:30:00'");
        r.put("c_time6", "'09:30:00.123456'");
        r.put("c_timetz", "'09:30:00.123456+03'");
        r.put("c_timestamp0", "'2026-11-21 10:15:30'");
        r.put("c_timestamp3", "'2026-11-21 10:15:30.123'");
        r.put("c_timestamp6", "'2026-11-21 10:15:30.123456'");
        r.put("c_timestamptz", "'2026-11-21 10:15:30.123456+03'");
        r.put("c_interval", "'1 year 2 mons 3 days 04:05:06.789'");
        r.put("c_inet", "'192.168.1.10/24'");
        r.put("c_cidr", "'10.1.0.0/16'");
        r.put("c_macaddr", "'08:00:2b:01:02:03'");
        r.put("c_enum", "'yayında'");
        r.put("c_ltree", "'emlak.konut.satılık'");
        return r;
    }

    /** Row 2: the maxima. */
    private static Map<String, String> maxima() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("c_smallint", "32767");
        r.put("c_integer", "2147483647");
        r.put("c_bigint", "9223372036854775807");
        r.put("c_numeric_5_0", "99999");
        r.put("c_numeric_12_2", "9999999999.99");
        r.put("c_numeric", "'123456789012345678901234567890123456789012345678901234567890.123456789012345678901234567890'");
        r.put("c_real", "3.4028235e38");
        r.put("c_double", "1.7976931348623157e308");
        r.put("c_money", "'92233720368547758.07'");
        r.put("c_boolean", "true");
        r.put("c_char", "'🏠🏠🏠🏠🏠ğüşıö'");
        r.put("c_varchar", "'" + "🏠ğ".repeat(150) + "'");
        r.put("c_text", "'" + "🏠".repeat(500) + "'");
        r.put("c_bytea", "'\\x" + "00112233445566778899aabbccddeeff".repeat(8) + "'");
        r.put("c_uuid", "'ffffffff-ffff-ffff-ffff-ffffffffffff'");
        r.put("c_json", "'{\"büyük\": 18446744073709551616, \"kesir\": 0.1000000000000000055511151231257827,"
                + " \"iç\": {\"dizi\": [1, [2, [3, {\"🏠\": \"ev\"}]]]}}'");
        r.put("c_jsonb", "'{\"büyük\": 18446744073709551616, \"boş_dizi\": [], \"boş_nesne\": {}}'");
        r.put("c_xml", "'<a><b><c>derin</c></b></a>'");
        r.put("c_int_array", "'{2147483647,-2147483648,0}'");
        r.put("c_text_array", "'{\"\",\"tırnak \\\"\",\"ters \\\\\\\\\"}'");
        r.put("c_date", "'9999-12-31'");
        r.put("c_time0", "'23:59:59'");
        r.put("c_time6", "'23:59:59.999999'");
        r.put("c_timetz", "'23:59:59.999999-12'");
        r.put("c_timestamp0", "'9999-12-31 23:59:59'");
        r.put("c_timestamp3", "'9999-12-31 23:59:59.999'");
        r.put("c_timestamp6", "'9999-12-31 23:59:59.999999'");
        r.put("c_timestamptz", "'9999-12-31 23:59:59.999999+00'");
        r.put("c_interval", "'178000000 years'");
        r.put("c_inet", "'2001:db8::ff00:42:8329/128'");
        r.put("c_cidr", "'2001:db8::/32'");
        r.put("c_macaddr", "'ff:ff:ff:ff:ff:ff'");
        r.put("c_enum", "'kiralık, eşyalı'");
        r.put("c_ltree", "'" + "a.".repeat(50) + "son'");
        return r;
    }

    /** Row 3: the minima. */
    private static Map<String, String> minima() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("c_smallint", "-32768");
        r.put("c_integer", "-2147483648");
        r.put("c_bigint", "-9223372036854775808");
        r.put("c_numeric_5_0", "-99999");
        r.put("c_numeric_12_2", "-9999999999.99");
        r.put("c_numeric", "-0.000000000000000000000000000001");
        r.put("c_real", "-3.4028235e38");
        r.put("c_double", "-1.7976931348623157e308");
        r.put("c_money", "'-92233720368547758.08'");
        r.put("c_boolean", "false");
        r.put("c_char", "'A'");
        r.put("c_varchar", "'ı'");
        r.put("c_text", "''");
        r.put("c_bytea", "''");
        r.put("c_uuid", "'00000000-0000-0000-0000-000000000000'");
        r.put("c_json", "'null'");
        r.put("c_jsonb", "'[]'");
        r.put("c_xml", "'metin'");
        r.put("c_int_array", "'{}'");
        r.put("c_text_array", "'{NULL}'");
        r.put("c_date", "'0001-01-01'");
        r.put("c_time0", "'00:00:00'");
        r.put("c_time6", "'00:00:00.000001'");
        r.put("c_timetz", "'00:00:00+14'");
        r.put("c_timestamp0", "'0001-01-01 00:00:00'");
        r.put("c_timestamp3", "'1969-12-31 23:59:59.999'");
        r.put("c_timestamp6", "'1970-01-01 00:00:00.000001'");
        r.put("c_timestamptz", "'0001-01-01 00:00:00+00'");
        r.put("c_interval", "'-1 days -00:00:00.000001'");
        r.put("c_inet", "'0.0.0.0'");
        r.put("c_cidr", "'0.0.0.0/0'");
        r.put("c_macaddr", "'00:00:00:00:00:00'");
        r.put("c_enum", "'taslak'");
        r.put("c_ltree", "''");
        return r;
    }

    /** Row 5: what only PostgreSQL's numbers and dates hold: NaN and the infinities. */
    private static Map<String, String> specials() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("c_numeric_12_2", "'NaN'");
        r.put("c_numeric", "'Infinity'");
        r.put("c_real", "'NaN'");
        r.put("c_double", "'-Infinity'");
        r.put("c_money", "'0'");
        // a JSON number that is no double, and a JSON string with escapes
        r.put("c_json", "'{\"tırnak\": \"\\\"\", \"satır\": \"a\\nb\", \"boş\": \"\"}'");
        r.put("c_jsonb", "'\"metin\"'");
        r.put("c_timestamp6", "'infinity'");
        r.put("c_date", "'-infinity'");
        r.put("c_interval", "'0'");
        return r;
    }

    /** Row 7: the other infinities. */
    private static Map<String, String> negativeSpecials() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("c_numeric", "'-Infinity'");
        r.put("c_real", "'Infinity'");
        r.put("c_double", "'NaN'");
        r.put("c_numeric_5_0", "0");
        return r;
    }

    /** Row 6: a text stored out of line (random, so compression cannot keep it inline). */
    private static Map<String, String> toasted() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("c_integer", "1");
        r.put("c_text", "(SELECT string_agg(md5(i::text || 'pg_all_types'), '') FROM generate_series(1, 400) i)");
        return r;
    }

    /** Every row: 1 ordinary, 2 maxima, 3 minima, 4 all NULL, 5 NaN and infinities, 6 a TOASTed text, 7 the other infinities. */
    public static Map<Integer, Map<String, String>> rows() {
        Map<Integer, Map<String, String>> rows = new LinkedHashMap<>();
        rows.put(1, ordinary());
        rows.put(2, maxima());
        rows.put(3, minima());
        rows.put(4, Map.of());
        rows.put(5, specials());
        rows.put(TOASTED_ID, toasted());
        rows.put(7, negativeSpecials());
        return rows;
    }

    /** Before the engine starts: row 1, and rows 2..7 copied as {@code 100 + id} (read once by the snapshot, once from the WAL). */
    public static List<String> initialInserts() {
        List<String> sql = new ArrayList<>();
        rows().forEach((row, values) -> sql.add(insert(row == 1 ? 1 : SNAPSHOT_COPY_OFFSET + row, values)));
        return sql;
    }

    static int initialRows() {
        return rows().size();
    }

    /**
     * While the engine streams: rows 2..7, then the update of row 1, an update of row 6 that
     * leaves its TOASTed text alone, and the delete of row 2.
     */
    public static List<String> streamedChanges() {
        List<String> sql = new ArrayList<>();
        rows().forEach((row, values) -> {
            if (row != 1) {
                sql.add(insert(row, values));
            }
        });
        sql.add("UPDATE " + TABLE + " SET"
                + " c_integer = c_integer + 1,"
                + " c_numeric_12_2 = 1199999.99,"
                + " c_varchar = 'Şişli''de satılık 3+1 daire (fiyat düştü) 🏠',"
                + " c_text = NULL,"
                + " c_enum = 'satıldı',"
                + " c_jsonb = jsonb_set(c_jsonb, '{kat}', '6'),"
                + " c_timestamptz = '2026-11-22 08:00:00.5+00'"
                + " WHERE id = " + UPDATED_ID);
        sql.add("UPDATE " + TABLE + " SET c_integer = 2 WHERE id = " + TOASTED_ID);
        sql.add("DELETE FROM " + TABLE + " WHERE id = " + DELETED_ID);
        return sql;
    }

    /** The end marker: id {@link FixtureCapture#SENTINEL_ID}, all NULL. */
    public static List<String> sentinel() {
        return List.of(insert((int) FixtureCapture.SENTINEL_ID, Map.of()));
    }

    private static String insert(int id, Map<String, String> values) {
        StringBuilder columns = new StringBuilder("id");
        StringBuilder exprs = new StringBuilder(Integer.toString(id));
        values.forEach((column, expr) -> {
            columns.append(", ").append(column);
            exprs.append(", ").append(expr);
        });
        return "INSERT INTO " + TABLE + " (" + columns + ") VALUES (" + exprs + ")";
    }

    private FixturePgAllTypes() {
    }
}
