package dev.cdcsink.support;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.zaxxer.hikari.HikariConfig;

import dev.cdcsink.event.Listing;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A fresh target schema on a real MariaDB server, migrated by the service's own Flyway scripts,
 * with a pool configured like the service's.
 */
public final class TargetDatabase implements AutoCloseable {

    private final String schema;
    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;

    private TargetDatabase(String schema, HikariDataSource dataSource) {
        this.schema = schema;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public static TargetDatabase create(MariaDbServer server) {
        return create(server, null);
    }

    /** A pool on an existing schema, migrated or not (the service migrates it itself). */
    public static TargetDatabase attach(MariaDbServer server, String schema) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl(schema));
        config.setUsername(server.username());
        config.setPassword(server.password());
        config.setMaximumPoolSize(2);
        config.setInitializationFailTimeout(-1);
        return new TargetDatabase(schema, new HikariDataSource(config));
    }

    /** Like {@link #create(MariaDbServer)}, with {@code initSql} run first on every connection (e.g. to set a sql_mode). */
    public static TargetDatabase create(MariaDbServer server, String initSql) {
        String schema = server.createDatabase("target");
        HikariConfig config = new HikariConfig();
        config.setConnectionInitSql(initSql);
        config.setJdbcUrl(server.jdbcUrl(schema));
        config.setUsername(server.username());
        config.setPassword(server.password());
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/target").load().migrate();
        return new TargetDatabase(schema, dataSource);
    }

    public String schema() {
        return schema;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public DataSourceTransactionManager transactionManager() {
        return new DataSourceTransactionManager(dataSource);
    }

    private static final String LISTING_COLUMNS = "id, seller_id, title, category, city, price, currency, status, "
            + "created_at, updated_at, deleted, source_ts, HEX(source_position) AS source_position";

    /** Every {@code listings} row with every column but {@code applied_at}, ordered by id. */
    public List<Map<String, Object>> listings() {
        return jdbc.queryForList("SELECT " + LISTING_COLUMNS + " FROM listings ORDER BY id");
    }

    /** Every {@code listings} row with every column, {@code applied_at} too: shows whether anything was rewritten. */
    public List<Map<String, Object>> listingsAsWritten() {
        return jdbc.queryForList("SELECT " + LISTING_COLUMNS + ", applied_at FROM listings ORDER BY id");
    }

    /** The rows not flagged deleted, as the source's {@code Listing}s. */
    public Map<Long, Listing> liveListings() {
        return listings(jdbc, "NOT deleted");
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
        return jdbc.queryForList("SELECT id FROM listings WHERE deleted ORDER BY id", Long.class);
    }

    /** Empties the table and every ledger, as if the schema were new. */
    public void clear() {
        for (String table : List.of("listings", "sink_offset", "sink_deleted_key", "sink_truncate")) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
