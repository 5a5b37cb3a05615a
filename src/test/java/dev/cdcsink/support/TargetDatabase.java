package dev.cdcsink.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.cdcsink.change.RowKey;
import dev.cdcsink.dialect.SqlDialect;
import dev.cdcsink.generator.Listing;
import dev.cdcsink.jdbc.DataSources;

/**
 * A fresh target database on a real MariaDB or PostgreSQL server, migrated by the service's own Flyway scripts,
 * with a pool configured like the service's. Target tables are created by the sink itself from
 * the events; the {@code listings} helpers read the one the tests use most.
 */
public final class TargetDatabase implements AutoCloseable {

    private final TargetServer server;
    private final String schema;
    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;

    private TargetDatabase(TargetServer server, String schema, HikariDataSource dataSource) {
        this.server = server;
        this.schema = schema;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public static TargetDatabase create(TargetServer server) {
        return create(server, null);
    }

    /**
     * Creates {@code listings} as a person would: with the source's own DDL (every column NOT
     * NULL, VARCHAR(200) titles), before the sink sees it. The sink adds its bookkeeping columns.
     */
    public TargetDatabase createListings() {
        try (InputStream in = TargetDatabase.class.getResourceAsStream("/db/source/mysql/V1__create_listings.sql")) {
            String ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            jdbc.execute(ddl.substring(ddl.indexOf("CREATE TABLE")).replace("AUTO_INCREMENT", ""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** A pool on an existing schema, migrated or not (the service migrates it itself). */
    public static TargetDatabase attach(TargetServer server, String schema) {
        return attach(server, schema, server.username(), server.password());
    }

    /**
     * The service's own pool ({@link DataSources}) on an existing schema as another user (e.g. one
     * without SUPER, whom {@code read_only} stops), for tests of how that pool recovers.
     */
    public static TargetDatabase attach(TargetServer server, String schema, String user, String password) {
        return new TargetDatabase(server, schema, DataSources.pool("target", server.jdbcUrl(schema), user, password, 2,
                Duration.ofSeconds(30), Duration.ofSeconds(60)));
    }

    /**
     * Like {@link #create(TargetServer)}, with {@code initSql} run on every connection after the
     * product's own session setup (e.g. to set a sql_mode).
     */
    public static TargetDatabase create(TargetServer server, String initSql) {
        String schema = server.createDatabase("target");
        HikariConfig config = new HikariConfig();
        String setup = server.sessionSetup();
        config.setConnectionInitSql(setup == null ? initSql : initSql == null ? setup : setup + "; " + initSql);
        config.setJdbcUrl(server.jdbcUrl(schema));
        config.setUsername(server.username());
        config.setPassword(server.password());
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations(server.dialect().migrations()).load().migrate();
        return new TargetDatabase(server, schema, dataSource);
    }

    public TargetServer server() {
        return server;
    }

    public SqlDialect dialect() {
        return server.dialect();
    }

    /** The JDBC URL the service is given for this database. */
    public String jdbcUrl() {
        return server.jdbcUrl(schema);
    }

    /** An expression with the hex (upper case) of a binary column. */
    public String hex(String column) {
        return server.hex(column);
    }

    public String schema() {
        return schema;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public DataSourceTransactionManager transactionManager() {
        return new DataSourceTransactionManager(dataSource);
    }

    private static final String LISTING_COLUMNS = "id, seller_id, title, category, city, price, currency, status, "
            + "created_at, updated_at, _cdc_deleted, _cdc_source_ts, ";

    /** Every {@code listings} row with every column but {@code _cdc_applied_at}, ordered by id; none while there is no table. */
    public List<Map<String, Object>> listings() {
        return hasTable("listings") ? jdbc.queryForList("SELECT " + LISTING_COLUMNS + position() + " FROM listings ORDER BY id")
                : List.of();
    }

    /** Every {@code listings} row with every column, {@code _cdc_applied_at} too: shows whether anything was rewritten. */
    public List<Map<String, Object>> listingsAsWritten() {
        return jdbc.queryForList("SELECT " + LISTING_COLUMNS + position()
                + ", _cdc_applied_at, _cdc_row_hash FROM listings ORDER BY id");
    }

    private String position() {
        return hex("_cdc_position") + " AS _cdc_position";
    }

    /** The rows not flagged deleted, as the source's {@code Listing}s; none while there is no table. */
    public Map<Long, Listing> liveListings() {
        return hasTable("listings") ? listings(jdbc, "NOT _cdc_deleted") : Map.of();
    }

    /** Every row of a table with every column but {@code _cdc_applied_at} (or with it: shows whether anything was rewritten). */
    public List<Map<String, Object>> rows(String table, String orderBy, boolean asWritten) {
        if (!hasTable(table)) {
            return List.of();
        }
        List<String> columns = jdbc.queryForList("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE "
                + "TABLE_SCHEMA = " + server.currentSchema() + " AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION", String.class, table);
        String select = String.join(", ", columns.stream()
                .filter(c -> asWritten || !c.equals("_cdc_applied_at"))
                .map(c -> c.equals("_cdc_position") ? position() : dialect().quote(c)).toList());
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT " + select + " FROM " + dialect().quote(table)
                + " ORDER BY " + orderBy);
        // byte strings as hex: arrays compare by identity
        rows.forEach(row -> row.replaceAll((c, v) -> v instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : v));
        return rows;
    }

    public boolean hasTable(String table) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                + server.currentSchema() + " AND TABLE_NAME = ?", Integer.class, table);
        return n != null && n > 0;
    }

    /** The {@code listings} rows matching {@code condition}, by id; works on the source table too. */
    public static Map<Long, Listing> listings(JdbcTemplate jdbc, String condition) {
        Map<Long, Listing> rows = new HashMap<>();
        jdbc.query("SELECT id, seller_id, title, category, city, price, currency, status, created_at, updated_at "
                + "FROM listings WHERE " + condition, rs -> {
                    long id = rs.getLong("id");
                    rows.put(id, new Listing(id, rs.getObject("seller_id", Long.class), rs.getString("title"),
                            rs.getString("category"), rs.getString("city"), rs.getBigDecimal("price"),
                            rs.getString("currency"), rs.getString("status"),
                            rs.getObject("created_at", LocalDateTime.class), rs.getObject("updated_at", LocalDateTime.class)));
                });
        return rows;
    }

    public List<Long> deletedIds() {
        return hasTable("listings") ? jdbc.queryForList("SELECT id FROM listings WHERE _cdc_deleted ORDER BY id", Long.class)
                : List.of();
    }

    /** The live rows of a sample table: the value of its version column by key. */
    public Map<RowKey, Object> live(SampleTable table) {
        return versions(table, "NOT _cdc_deleted");
    }

    /** The rows of a sample table matching {@code condition}: the value of its version column by key. */
    public Map<RowKey, Object> versions(SampleTable table, String condition) {
        return values(table, table.versionColumn(), condition);
    }

    /** The rows of a sample table matching {@code condition}: the value of {@code column} by key. */
    public Map<RowKey, Object> values(SampleTable table, String column, String condition) {
        Map<RowKey, Object> rows = new HashMap<>();
        if (hasTable(table.name())) {
            int keyColumns = table.orderBy().split(",").length;
            jdbc.query("SELECT " + table.orderBy() + ", " + column + " FROM " + table.name()
                    + " WHERE " + condition, rs -> {
                        rows.put(key(rs, keyColumns), rs.getObject(keyColumns + 1));
                    });
        }
        return rows;
    }

    /** The keys of a sample table's soft-deleted rows. */
    public Set<RowKey> deleted(SampleTable table) {
        Set<RowKey> keys = new HashSet<>();
        if (hasTable(table.name())) {
            int keyColumns = table.orderBy().split(",").length;
            jdbc.query("SELECT " + table.orderBy() + " FROM " + table.name() + " WHERE _cdc_deleted", rs -> {
                keys.add(key(rs, keyColumns));
            });
        }
        return keys;
    }

    /** The key in the first columns; the sample tables' key columns are all integers. */
    private static RowKey key(ResultSet rs, int columns) throws SQLException {
        Object[] values = new Object[columns];
        for (int i = 0; i < columns; i++) {
            values[i] = rs.getLong(i + 1);
        }
        return new RowKey(values);
    }

    /** Empties every table the sink created and every ledger (the tables stay, as the sink knows them). */
    public void clear() {
        for (String table : jdbc.queryForList("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                + server.currentSchema() + " AND TABLE_NAME <> 'flyway_schema_history' AND TABLE_TYPE = 'BASE TABLE'",
                String.class)) {
            jdbc.update("DELETE FROM " + dialect().quote(table));
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
