package dev.cdcsink.apply;

import static dev.cdcsink.support.Changes.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DataIntegrityViolationException;

import dev.cdcsink.change.Op;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.dialect.Sql;
import dev.cdcsink.generator.Listing;
import dev.cdcsink.support.Changes;
import dev.cdcsink.support.Listings;
import dev.cdcsink.support.SampleTable;
import dev.cdcsink.support.SampleTables;
import dev.cdcsink.support.SinkHarness;
import dev.cdcsink.support.TargetDatabase;
import dev.cdcsink.support.TargetKind;
import dev.cdcsink.table.RowWrite;
import dev.cdcsink.table.TableCatalog;
import dev.cdcsink.table.TablePlan;

/**
 * The sink's guarantees against each target product (a real MariaDB and a real PostgreSQL
 * server), for every sample table (one key column, a composite key): idempotency, the position
 * guard in Java and in SQL, deletes in both modes, truncates, compaction equal to applying one by one.
 */
class ChangeSinkTest {

    private static final String TOPIC = "cdc.shop.sample";
    /** Per product: the target, and a second database that the same changes are applied to one by one. */
    private static final Map<TargetKind, TargetDatabase[]> DATABASES = new EnumMap<>(TargetKind.class);

    private TargetDatabase target;
    private TargetDatabase sequential;

    @AfterAll
    static void closePools() {
        DATABASES.values().forEach(pair -> Stream.of(pair).forEach(TargetDatabase::close));
    }

    /** Makes the product's two databases, empty, the ones this test uses. */
    private void use(TargetKind kind) {
        TargetDatabase[] pair = DATABASES.computeIfAbsent(kind, k -> new TargetDatabase[] {
                TargetDatabase.create(k.server()), TargetDatabase.create(k.server()) });
        target = pair[0];
        sequential = pair[1];
        target.clear();
        sequential.clear();
    }

    static Stream<TargetKind> targets() {
        return Stream.of(TargetKind.values());
    }

    static Stream<Arguments> tables() {
        return targets().flatMap(k -> SampleTables.all().stream().map(t -> Arguments.of(k, t)));
    }

    static Stream<Arguments> tablesAndModes() {
        return targets().flatMap(k -> SampleTables.all().stream()
                .flatMap(t -> Stream.of(DeleteMode.values()).map(m -> Arguments.of(k, t, m))));
    }

    private static long storedOffset(TargetDatabase db, int partition) {
        return new OffsetStore(db.jdbc(), db.dialect()).nextOffset(new TopicPartition(TOPIC, partition))
                .orElseThrow();
    }

    private static List<Map<String, Object>> written(TargetDatabase db, SampleTable table) {
        return db.rows(table.name(), table.orderBy(), true);
    }

    private static Object version(TargetDatabase db, SampleTable table, long id) {
        return db.jdbc().queryForObject("SELECT " + table.versionColumn() + " FROM " + table.name() + " WHERE "
                + table.where(id), Object.class);
    }

    private static RowChange positioned(RowChange c, SourcePosition position) {
        return new RowChange(c.table(), c.schema(), c.op(), c.key(), c.before(), c.after(), position, c.sourceTimestamp(),
                c.coordinates());
    }

    @ParameterizedTest
    @MethodSource("tablesAndModes")
    void sameBatchAppliedTwiceChangesNothingTheSecondTime(TargetKind kind, SampleTable table, DeleteMode mode) {
        use(kind);
        SinkHarness sink = new SinkHarness(target, mode);
        var batch = sink.batch(
                table.upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0)),
                table.upsert(Op.CREATE, 2, 1, 200, at(TOPIC, 0, 1)),
                table.upsert(Op.UPDATE, 1, 2, 300, at(TOPIC, 0, 2)),
                table.delete(2, 1, 400, at(TOPIC, 0, 3)));

        ApplyResult first = sink.apply(batch);
        List<Map<String, Object>> afterFirst = written(target, table);
        ApplyResult second = sink.apply(batch);

        assertThat(first.count(ChangeOutcome.APPLIED)).isEqualTo(4);
        assertThat(second.count(ChangeOutcome.DUPLICATE)).isEqualTo(4);
        assertThat(second.count(ChangeOutcome.APPLIED)).isZero();
        // every column, _cdc_applied_at included: the second apply wrote nothing
        assertThat(written(target, table)).isEqualTo(afterFirst);
        assertThat(storedOffset(target, 0)).isEqualTo(4);
    }

    @ParameterizedTest
    @MethodSource("tables")
    void redeliveredChangeWithTheSameSourcePositionIsADuplicateNotARewrite(TargetKind kind, SampleTable table) {
        use(kind);
        SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT);
        sink.apply(table.upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0)));
        List<Map<String, Object>> before = written(target, table);

        // Debezium re-emits after a connector restart: same position, new Kafka offset
        ApplyResult again = sink.apply(table.upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 7)));

        assertThat(again.count(ChangeOutcome.DUPLICATE, Op.CREATE)).isEqualTo(1);
        assertThat(written(target, table)).isEqualTo(before);
        assertThat(storedOffset(target, 0)).isEqualTo(8);
    }

    @ParameterizedTest
    @MethodSource("tables")
    void changesOfOneTransactionShareAPositionAndApplyInPartitionOrder(TargetKind kind, SampleTable table) {
        use(kind);
        SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT);
        // Debezium gives every change of a transaction the transaction's position
        SourcePosition transaction = SourcePosition.binlog(1, 700, false);
        RowChange insert = positioned(table.upsert(Op.CREATE, 1, 1, 0, at(TOPIC, 0, 0)), transaction);
        RowChange update = positioned(table.upsert(Op.UPDATE, 1, 2, 0, at(TOPIC, 0, 1)), transaction);
        RowChange secondUpdate = positioned(table.upsert(Op.UPDATE, 1, 3, 0, at(TOPIC, 0, 2)), transaction);

        sink.apply(insert, update);
        ApplyResult next = sink.apply(secondUpdate);

        assertThat(next.count(ChangeOutcome.APPLIED)).isEqualTo(1);
        assertThat(version(target, table, 1)).isEqualTo(table.versionValue(1, 3));
    }

    @ParameterizedTest
    @MethodSource("tablesAndModes")
    void aChangeSentAgainAtTheSamePositionIsADuplicateAndWritesNothing(TargetKind kind, SampleTable table, DeleteMode mode) {
        use(kind);
        SinkHarness sink = new SinkHarness(target, mode);
        SourcePosition transaction = SourcePosition.binlog(1, 700, false);
        sink.apply(positioned(table.upsert(Op.UPDATE, 1, 2, 0, at(TOPIC, 0, 0)), transaction),
                positioned(table.delete(2, 1, 0, at(TOPIC, 0, 1)), transaction));
        List<Map<String, Object>> written = written(target, table);

        // a connector resuming inside the transaction sends them again, under new offsets
        ApplyResult again = sink.apply(positioned(table.upsert(Op.UPDATE, 1, 2, 0, at(TOPIC, 0, 2)), transaction),
                positioned(table.delete(2, 1, 0, at(TOPIC, 0, 3)), transaction));

        assertThat(again.count(ChangeOutcome.DUPLICATE)).isEqualTo(2);
        assertThat(written(target, table)).isEqualTo(written);
    }

    @ParameterizedTest
    @MethodSource("tables")
    void aBinlogResetOrdersTheChangesAfterItAsNewerAndAReplayKeepsTheirEpoch(TargetKind kind, SampleTable table) {
        use(kind);
        SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT);
        sink.apply(table.upsert(Op.UPDATE, 1, 5, 500, at(TOPIC, 0, 0)), table.upsert(Op.UPDATE, 2, 5, 510, at(TOPIC, 0, 1)));

        // RESET MASTER: the same server's log starts again at low positions, with changes committed later
        ApplyResult afterReset = sink.apply(committedLater(table.upsert(Op.UPDATE, 1, 6, 4, at(TOPIC, 0, 2))),
                committedLater(table.upsert(Op.UPDATE, 1, 7, 8, at(TOPIC, 0, 3))));

        assertThat(afterReset.count(ChangeOutcome.APPLIED)).isEqualTo(2);
        assertThat(afterReset.sourceSwitches()).singleElement().satisfies(s -> {
            assertThat(s.offset()).isEqualTo(2);
            assertThat(s.epoch()).isEqualTo(1);
        });
        assertThat(version(target, table, 1)).isEqualTo(table.versionValue(1, 7));

        // the connector re-sends a change of the new log after its restart: older than the row, as it is
        ApplyResult resent = sink.apply(committedLater(table.upsert(Op.UPDATE, 1, 6, 4, at(TOPIC, 0, 4))));
        assertThat(resent.count(ChangeOutcome.STALE)).isEqualTo(1);
        assertThat(resent.sourceSwitches()).isEmpty();

        // a replay from the start gives every record the epoch it had
        target.jdbc().update("UPDATE sink_offset SET next_offset = 0");
        ApplyResult replayed = sink.apply(table.upsert(Op.UPDATE, 1, 5, 500, at(TOPIC, 0, 0)),
                committedLater(table.upsert(Op.UPDATE, 1, 6, 4, at(TOPIC, 0, 2))));
        assertThat(replayed.count(ChangeOutcome.APPLIED)).isZero();
        assertThat(replayed.sourceSwitches()).isEmpty();
        assertThat(version(target, table, 1)).isEqualTo(table.versionValue(1, 7));
    }

    /** The change as committed a day after the changes before it. */
    private static RowChange committedLater(RowChange c) {
        return new RowChange(c.table(), c.schema(), c.op(), c.key(), c.before(), c.after(), c.position(),
                c.sourceTimestamp().plus(Duration.ofDays(1)), c.coordinates());
    }

    @ParameterizedTest
    @MethodSource("tables")
    void olderPositionNeverOverwritesANewerRow(TargetKind kind, SampleTable table) {
        use(kind);
        SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT);
        sink.apply(table.upsert(Op.UPDATE, 1, 5, 500, at(TOPIC, 0, 0)));

        ApplyResult replayed = sink.apply(table.upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 1)),
                table.upsert(Op.UPDATE, 1, 3, 300, at(TOPIC, 0, 2)));

        assertThat(replayed.count(ChangeOutcome.STALE)).isEqualTo(2);
        assertThat(version(target, table, 1)).isEqualTo(table.versionValue(1, 5));
    }

    @ParameterizedTest
    @MethodSource("tables")
    void theGuardInSqlAloneKeepsTheNewerRow(TargetKind kind, SampleTable table) {
        use(kind);
        // bypasses the checks in Java: the statement itself must refuse the older image
        SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT);
        RowChange newer = table.upsert(Op.UPDATE, 1, 5, 500, at(TOPIC, 0, 0));
        RowChange older = table.upsert(Op.UPDATE, 1, 3, 300, at(TOPIC, 0, 1));
        TablePlan plan = ((TableCatalog.Bound) sink.catalog().bind(newer)).plan();
        LocalDateTime now = LocalDateTime.now();
        for (RowChange change : List.of(newer, older)) {
            Sql.update(target.jdbc(), plan.upserts(List.of(new RowWrite(change.key(), change.after(), false,
                    change.position(), change.sourceTimestamp(), 0)), now, 1000));
        }

        assertThat(version(target, table, 1)).isEqualTo(table.versionValue(1, 5));
        assertThat(target.jdbc().queryForObject("SELECT " + target.hex("_cdc_position") + " FROM " + table.name(),
                String.class))
                .isEqualTo(HexFormat.of().withUpperCase().formatHex(Changes.position(500).toBytes()));
    }

    @ParameterizedTest
    @MethodSource("tablesAndModes")
    void deleteThenReplayedOlderInsertStaysDeleted(TargetKind kind, SampleTable table, DeleteMode mode) {
        use(kind);
        SinkHarness sink = new SinkHarness(target, mode);
        sink.apply(table.upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0)), table.delete(1, 1, 200, at(TOPIC, 0, 1)));

        // a replay from earlier offsets, as after an operator rewinds: the insert comes again
        target.jdbc().update("UPDATE sink_offset SET next_offset = 0");
        ApplyResult replay = sink.apply(table.upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0)));

        assertThat(replay.count(ChangeOutcome.STALE, Op.CREATE)).isEqualTo(1);
        if (mode == DeleteMode.HARD) {
            assertThat(target.jdbc().queryForObject("SELECT COUNT(*) FROM " + table.name(), Integer.class)).isZero();
        } else {
            assertThat(target.jdbc().queryForObject("SELECT _cdc_deleted FROM " + table.name() + " WHERE "
                    + table.where(1), Boolean.class)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("tablesAndModes")
    void newerInsertAfterADeleteRecreatesTheRow(TargetKind kind, SampleTable table, DeleteMode mode) {
        use(kind);
        SinkHarness sink = new SinkHarness(target, mode);
        sink.apply(table.upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0)), table.delete(1, 1, 200, at(TOPIC, 0, 1)));
        sink.apply(table.upsert(Op.CREATE, 1, 7, 300, at(TOPIC, 0, 2)));

        assertThat(version(target, table, 1)).isEqualTo(table.versionValue(1, 7));
        assertThat(target.jdbc().queryForObject("SELECT _cdc_deleted FROM " + table.name() + " WHERE " + table.where(1),
                Boolean.class)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("tablesAndModes")
    void truncateRemovesOlderRowsAndKeepsOlderChangesFromComingBack(TargetKind kind, SampleTable table, DeleteMode mode) {
        use(kind);
        SinkHarness sink = new SinkHarness(target, mode);
        sink.apply(table.upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0)), table.upsert(Op.CREATE, 2, 1, 200, at(TOPIC, 1, 0)));
        ApplyResult truncated = sink.apply(table.truncate(300, at(TOPIC, 0, 1)),
                table.upsert(Op.CREATE, 3, 1, 400, at(TOPIC, 0, 2)));
        // partition 1 lags behind: its older change arrives after the truncate
        ApplyResult late = sink.apply(table.upsert(Op.UPDATE, 2, 2, 250, at(TOPIC, 1, 1)));

        assertThat(truncated.count(ChangeOutcome.APPLIED, Op.TRUNCATE)).isEqualTo(1);
        assertThat(late.count(ChangeOutcome.STALE, Op.UPDATE)).isEqualTo(1);
        String count = "SELECT COUNT(*) FROM " + table.name() + " WHERE ";
        assertThat(target.jdbc().queryForObject(count + "NOT _cdc_deleted", Integer.class)).isEqualTo(1);
        assertThat(target.jdbc().queryForObject(count + table.where(3) + " AND NOT _cdc_deleted", Integer.class)).isOne();
        int deleted = target.jdbc().queryForObject(count + "_cdc_deleted", Integer.class);
        assertThat(deleted).isEqualTo(mode == DeleteMode.SOFT ? 2 : 0);
    }

    @ParameterizedTest
    @MethodSource("tables")
    void recordsBelowTheStoredOffsetAreCountedDuplicatesPerPartition(TargetKind kind, SampleTable table) {
        use(kind);
        SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT);
        sink.apply(table.upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0)), table.upsert(Op.CREATE, 2, 1, 110, at(TOPIC, 1, 0)));

        ApplyResult result = sink.apply(
                table.upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0)),
                table.upsert(Op.UPDATE, 1, 2, 120, at(TOPIC, 0, 1)),
                table.upsert(Op.CREATE, 2, 1, 110, at(TOPIC, 1, 0)));

        assertThat(result.count(ChangeOutcome.DUPLICATE)).isEqualTo(2);
        assertThat(result.count(ChangeOutcome.APPLIED, Op.UPDATE)).isEqualTo(1);
        assertThat(storedOffset(target, 0)).isEqualTo(2);
        assertThat(storedOffset(target, 1)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("tables")
    void aBatchTheTargetRejectsLeavesNeitherRowsNorOffsetsBehind(TargetKind kind, SampleTable table) {
        use(kind);
        SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT);
        RowChange fine = table.upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0));
        RowChange refused = table.upsert(Op.CREATE, 2, 1, 200, at(TOPIC, 0, 1));
        // bound first (the table is created), then the target gets a rule the second row breaks
        var batch = sink.batch(fine, refused);
        target.jdbc().execute("ALTER TABLE " + table.name() + " ADD CONSTRAINT no_two CHECK (NOT (" + table.where(2) + "))");
        try {
            assertThatThrownBy(() -> sink.apply(batch)).isInstanceOf(DataIntegrityViolationException.class);

            assertThat(target.jdbc().queryForObject("SELECT COUNT(*) FROM " + table.name(), Integer.class)).isZero();
            assertThat(new OffsetStore(target.jdbc(), target.dialect()).nextOffset(new TopicPartition(TOPIC, 0)))
                    .isEmpty();
        } finally {
            target.jdbc().execute("ALTER TABLE " + table.name() + " DROP CONSTRAINT no_two");
        }
    }

    @ParameterizedTest
    @MethodSource("tablesAndModes")
    void randomSequencesAppliedAsOneBatchEqualApplyingThemOneByOne(TargetKind kind, SampleTable table, DeleteMode mode) {
        use(kind);
        Random random = new Random(20261121L + mode.ordinal() + table.name().hashCode());
        SinkHarness batchSink = new SinkHarness(target, mode);
        SinkHarness oneByOne = new SinkHarness(sequential, mode);
        for (int iteration = 0; iteration < 100; iteration++) {
            target.clear();
            sequential.clear();
            List<RowChange> changes = randomChanges(table, random);

            ApplyResult batched = batchSink.apply(batchSink.batch(changes));
            int applied = 0;
            for (RowChange change : changes) {
                applied += oneByOne.apply(change).count(ChangeOutcome.APPLIED);
            }

            assertThat(target.rows(table.name(), table.orderBy(), false)).as("iteration %d: %s", iteration, changes)
                    .isEqualTo(sequential.rows(table.name(), table.orderBy(), false));
            assertThat(batched.count(ChangeOutcome.APPLIED)).as("iteration %d", iteration).isEqualTo(applied);
        }
    }

    /** Per product, session settings that change what a backslash or a quote in a literal means. */
    static Stream<Arguments> sessionSetups() {
        return Stream.of(Arguments.of(TargetKind.MARIADB, "SET SESSION sql_mode = DEFAULT"),
                Arguments.of(TargetKind.MARIADB,
                        "SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES,ANSI_QUOTES')"),
                Arguments.of(TargetKind.POSTGRES, "SET standard_conforming_strings = on"),
                Arguments.of(TargetKind.POSTGRES, "SET standard_conforming_strings = off"));
    }

    /**
     * Values are written into the statement text as literals: whatever a value holds must come
     * back exactly, also where {@code NO_BACKSLASH_ESCAPES} or {@code standard_conforming_strings}
     * changes what a backslash means.
     */
    @ParameterizedTest
    @MethodSource("sessionSetups")
    void valuesThatNeedQuotingComeBackExactlyInAnySessionSetting(TargetKind kind, String sessionSetup) {
        List<String> texts = new ArrayList<>(List.of("O'Brien", "C:\\temp\\", "\\'; DROP TABLE listings; --",
                "tab\tnew\nline\r", "\u007f\u001a", "{fn now()} ? ?", "\"double\"", "İğüşöç 🏠 ev", "", "trailing \\",
                "E'\\\\x00'", "$$ dollar $tag$"));
        if (kind == TargetKind.MARIADB) {
            // PostgreSQL's text cannot hold a NUL at all: such a row is rejected there
            texts.add("nul\0byte");
        }
        Map<Long, Listing> expected = new HashMap<>();
        List<RowChange> changes = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            long id = i + 1;
            Listing row = new Listing(id, i % 2 == 0 ? 0L : Long.MAX_VALUE, texts.get(i), texts.get(i),
                    texts.get((i + 1) % texts.size()), i % 3 == 0 ? BigDecimal.ZERO.setScale(2)
                            : new BigDecimal("-9999999999.99"), "T'Y", firstCharacters(texts.get(i), 16),
                    LocalDateTime.of(1000, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000));
            expected.put(id, row);
            changes.add(Listings.change(Op.CREATE, id, null, row, Changes.position(id), Instant.EPOCH, at(TOPIC, 0, i)));
        }
        try (TargetDatabase modal = TargetDatabase.create(kind.server(), sessionSetup)) {
            SinkHarness sink = new SinkHarness(modal, DeleteMode.SOFT);
            sink.apply(sink.batch(changes));

            assertThat(modal.liveListings()).isEqualTo(expected);
        }
    }

    /** At most {@code n} characters (code points) of {@code text}: what a VARCHAR(n) holds. */
    private static String firstCharacters(String text, int n) {
        return text.codePointCount(0, text.length()) <= n ? text : text.substring(0, text.offsetByCodePoints(0, n));
    }

    /**
     * Creates, updates and deletes over four keys, mostly in source order but with some changes
     * re-emitted or arriving late (older position), as replays and re-snapshots produce.
     */
    private static List<RowChange> randomChanges(SampleTable table, Random random) {
        List<RowChange> changes = new ArrayList<>();
        int count = 1 + random.nextInt(24);
        long position = 1000;
        for (int offset = 0; offset < count; offset++) {
            long id = 1 + random.nextInt(4);
            int version = 1 + random.nextInt(9);
            long at = random.nextInt(5) == 0 ? 1000 + random.nextInt((int) (position - 999)) : (position += 10);
            int kind = random.nextInt(10);
            changes.add(kind < 3 ? table.upsert(Op.CREATE, id, version, at, at(TOPIC, 0, offset))
                    : kind < 8 ? table.upsert(Op.UPDATE, id, version, at, at(TOPIC, 0, offset))
                    : table.delete(id, version, at, at(TOPIC, 0, offset)));
        }
        return changes;
    }

    @ParameterizedTest
    @MethodSource("targets")
    void aDeleteWithoutABeforeImageMarksTheRowDeletedAndKeepsItsValues(TargetKind kind) {
        use(kind);
        SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT);
        sink.apply(Changes.upsert(Op.CREATE, 1, 4, 100, at(TOPIC, 0, 0)));
        // a source that logs only the key of a deleted row (PostgreSQL's default replica identity)
        RowChange keyOnly = Listings.change(Op.DELETE, 1, null, null, Changes.position(200), Instant.EPOCH,
                at(TOPIC, 0, 1));

        ApplyResult result = sink.apply(keyOnly);

        assertThat(result.count(ChangeOutcome.APPLIED, Op.DELETE)).isOne();
        assertThat(target.deletedIds()).containsExactly(1L);
        assertThat(target.jdbc().queryForObject("SELECT title FROM listings WHERE id = 1", String.class))
                .isEqualTo(Changes.listing(1, 4).title());
    }
}
