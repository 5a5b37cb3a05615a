package dev.cdcsink.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.cdcsink.apply.DeleteMode;
import dev.cdcsink.apply.RejectedRows;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.devstack.DebeziumCapture.CapturedRecord;
import dev.cdcsink.event.ChangeEventParser;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.SinkHarness;
import dev.cdcsink.support.TargetDatabase;

/**
 * A target table with a unique key of the user's besides the primary key ({@code email}), fed with
 * changes the real engine captured: a row taking an email another row gave up, and two rows
 * swapping emails inside one source transaction. No write ever lands on a row of another key: a
 * change the unique key refuses fails as a rejected row naming the index (which the pipeline
 * then applies one by one, dead-lettering what still conflicts), and in source order every
 * change applies and the target ends equal to the source.
 */
class SecondaryUniqueKeysTest {

    private static final String TOPIC = "uniq.src.users";
    private static final String INDEX = "uq_users_email";
    private static final long MARKER = 999;

    private static final MariaDbServer SERVER = MariaDbServer.shared();
    private static List<CapturedRecord> records;
    private static List<Map<String, Object>> sourceRows;
    private static TargetDatabase target;

    @BeforeAll
    static void captureUniqueValuesMoving() throws SQLException {
        String source = SERVER.createDatabase("uniq");
        CapturedChanges.execute(SERVER, source,
                "CREATE TABLE users (id INT NOT NULL PRIMARY KEY, email VARCHAR(64) NOT NULL UNIQUE, "
                        + "name VARCHAR(32) NOT NULL)",
                "INSERT INTO users VALUES (1, 'a@x', 'ayşe'), (2, 'b@x', 'bora'), (3, 'c@x', 'cem')");
        records = CapturedChanges.capture(SERVER, source, "users", 3, MARKER,
                // a new row takes the email row 1 gave up
                "UPDATE users SET email = 'a2@x' WHERE id = 1",
                "INSERT INTO users VALUES (4, 'a@x', 'deniz')",
                // rows 2 and 3 swap emails in one transaction, through a free value
                "START TRANSACTION",
                "UPDATE users SET email = 'tmp@x' WHERE id = 2",
                "UPDATE users SET email = 'b@x' WHERE id = 3",
                "UPDATE users SET email = 'c@x' WHERE id = 2",
                "COMMIT",
                "INSERT INTO users VALUES (" + MARKER + ", 'm@x', 'marker')");
        sourceRows = new JdbcTemplate(new DriverManagerDataSource(SERVER.jdbcUrl(source), SERVER.username(),
                SERVER.password())).queryForList("SELECT id, email, name FROM users ORDER BY id");
        target = TargetDatabase.create(SERVER);
    }

    @AfterAll
    static void closeTarget() {
        target.close();
    }

    /** The snapshot applied to a table the sink created, then the user's unique index added. */
    @BeforeEach
    void snapshotWithTheUsersUniqueIndex() {
        if (target.hasTable("users")) {
            target.jdbc().execute("DROP TABLE users");
        }
        target.clear();
        SinkHarness creating = new SinkHarness(target, DeleteMode.SOFT);
        creating.apply(creating.batch(changes(creating).subList(0, 3)));
        target.jdbc().execute("ALTER TABLE users ADD UNIQUE KEY " + INDEX + " (email)");
    }

    @Test
    void aNewRowWhoseEmailAnotherRowStillHoldsFailsAsARejectedRowAndNeverWritesThatRow() {
        SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT);
        List<RowChange> changes = changes(sink);
        RowChange createOfRow4 = changes.get(4);
        assertThat(createOfRow4.key().get(0)).isEqualTo(4L);
        List<Map<String, Object>> before = users();

        // row 4's partition is ahead of row 1's: row 1 still holds the email
        assertThatThrownBy(() -> sink.apply(sink.batch(createOfRow4)))
                .satisfies(e -> assertThat(sink.rejectsRow(e)).isTrue())
                .satisfies(e -> assertThat(RejectedRows.reason(e)).contains(INDEX));

        assertThat(users()).isEqualTo(before);
    }

    @Test
    void aSwapOfEmailsInOneSourceTransactionFailsAsOneBatchNamingTheIndexAndWritesNothing() {
        SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT);
        List<RowChange> changes = changes(sink);
        List<Map<String, Object>> before = users();

        // compacted, row 2 takes c@x while row 3 holds it
        assertThatThrownBy(() -> sink.apply(sink.batch(changes.subList(3, changes.size()))))
                .satisfies(e -> assertThat(sink.rejectsRow(e)).isTrue())
                .satisfies(e -> assertThat(RejectedRows.reason(e)).contains(INDEX));

        assertThat(users()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} deletes")
    @EnumSource(DeleteMode.class)
    void appliedOneByOneInSourceOrderAsThePipelineRetriesARejectedBatchTheTargetEndsEqualToTheSource(
            DeleteMode mode) {
        SinkHarness sink = new SinkHarness(target, mode);
        for (RowChange change : changes(sink).subList(3, changes(sink).size())) {
            sink.apply(sink.batch(change));
        }

        assertThat(target.jdbc().queryForList("SELECT id, email, name FROM users WHERE NOT _cdc_deleted ORDER BY id"))
                .isEqualTo(sourceRows);
    }

    private static List<Map<String, Object>> users() {
        return target.rows("users", "id", true);
    }

    private static List<RowChange> changes(SinkHarness sink) {
        return CapturedChanges.parse(records, new ChangeEventParser(sink.catalog()), TOPIC, 3);
    }
}
