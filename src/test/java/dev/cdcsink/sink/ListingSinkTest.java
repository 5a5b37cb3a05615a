package dev.cdcsink.sink;

import static dev.cdcsink.support.Changes.at;
import static dev.cdcsink.support.Changes.delete;
import static dev.cdcsink.support.Changes.truncate;
import static dev.cdcsink.support.Changes.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.event.Listing;
import dev.cdcsink.event.ListingChange;
import dev.cdcsink.event.Op;
import dev.cdcsink.event.SourcePosition;
import dev.cdcsink.support.Changes;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.TargetDatabase;

/** The sink against a real MariaDB server: idempotency, the position guard, deletes, compaction. */
class ListingSinkTest {

    private static final String TOPIC = "cdc.shop.listings";
    private static TargetDatabase target;
    private static TargetDatabase sequential;

    @BeforeAll
    static void createSchemas() {
        target = TargetDatabase.create(MariaDbServer.shared());
        sequential = TargetDatabase.create(MariaDbServer.shared());
    }

    @AfterAll
    static void closePools() {
        target.close();
        sequential.close();
    }

    @BeforeEach
    void emptyTables() {
        target.clear();
        sequential.clear();
    }

    private static ListingSink sink(TargetDatabase db, DeleteMode mode) {
        SinkProperties properties = new SinkProperties(mode, 1000);
        JdbcTemplate jdbc = db.jdbc();
        return new ListingSink(new ListingTable(jdbc, new MySqlDialect(), properties), new OffsetStore(jdbc),
                db.transactionManager(), properties);
    }

    private static ChangeBatch batch(ListingChange... changes) {
        ChangeBatch.Builder builder = ChangeBatch.builder();
        for (ListingChange c : changes) {
            builder.add(c);
        }
        return builder.build();
    }

    private static long storedOffset(TargetDatabase db, int partition) {
        return new OffsetStore(db.jdbc()).nextOffset(new TopicPartition(TOPIC, partition)).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(DeleteMode.class)
    void sameBatchAppliedTwiceChangesNothingTheSecondTime(DeleteMode mode) {
        ListingSink sink = sink(target, mode);
        ChangeBatch batch = batch(
                upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0)),
                upsert(Op.CREATE, 2, 1, 200, at(TOPIC, 0, 1)),
                upsert(Op.UPDATE, 1, 2, 300, at(TOPIC, 0, 2)),
                delete(2, 1, 400, at(TOPIC, 0, 3)));

        ApplyResult first = sink.apply(batch);
        List<Map<String, Object>> afterFirst = target.listingsAsWritten();
        ApplyResult second = sink.apply(batch);

        assertThat(first.count(ChangeOutcome.APPLIED)).isEqualTo(4);
        assertThat(second.count(ChangeOutcome.DUPLICATE)).isEqualTo(4);
        assertThat(second.count(ChangeOutcome.APPLIED)).isZero();
        // every column, applied_at included: the second apply wrote nothing
        assertThat(target.listingsAsWritten()).isEqualTo(afterFirst);
        assertThat(storedOffset(target, 0)).isEqualTo(4);
    }

    @Test
    void redeliveredChangeWithTheSameSourcePositionIsADuplicateNotARewrite() {
        ListingSink sink = sink(target, DeleteMode.SOFT);
        sink.apply(batch(upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0))));
        List<Map<String, Object>> before = target.listingsAsWritten();

        // Debezium re-emits after a connector restart: same position, new Kafka offset
        ApplyResult again = sink.apply(batch(upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 7))));

        assertThat(again.count(ChangeOutcome.DUPLICATE, Op.CREATE)).isEqualTo(1);
        assertThat(target.listingsAsWritten()).isEqualTo(before);
        assertThat(storedOffset(target, 0)).isEqualTo(8);
    }

    @Test
    void changesOfOneTransactionShareAPositionAndApplyInPartitionOrder() {
        ListingSink sink = sink(target, DeleteMode.SOFT);
        // Debezium gives every change of a transaction the transaction's position
        SourcePosition transaction = new SourcePosition(1, 700, false);
        ListingChange insert = upsert(Op.CREATE, 1, 1, 0, at(TOPIC, 0, 0));
        ListingChange update = upsert(Op.UPDATE, 1, 2, 0, at(TOPIC, 0, 1));
        ListingChange secondUpdate = upsert(Op.UPDATE, 1, 3, 0, at(TOPIC, 0, 2));

        sink.apply(batch(positioned(insert, transaction), positioned(update, transaction)));
        ApplyResult next = sink.apply(batch(positioned(secondUpdate, transaction)));

        assertThat(next.count(ChangeOutcome.APPLIED)).isEqualTo(1);
        assertThat(target.jdbc().queryForObject("SELECT title FROM listings WHERE id = 1", String.class))
                .isEqualTo(Changes.listing(1, 3).title());
    }

    @ParameterizedTest
    @EnumSource(DeleteMode.class)
    void aChangeSentAgainAtTheSamePositionIsADuplicateAndWritesNothing(DeleteMode mode) {
        ListingSink sink = sink(target, mode);
        SourcePosition transaction = new SourcePosition(1, 700, false);
        ListingChange update = positioned(upsert(Op.UPDATE, 1, 2, 0, at(TOPIC, 0, 0)), transaction);
        ListingChange delete = positioned(delete(2, 1, 0, at(TOPIC, 0, 1)), transaction);
        sink.apply(batch(update, delete));
        List<Map<String, Object>> written = target.listingsAsWritten();

        // a connector resuming inside the transaction sends them again, under new offsets
        ApplyResult again = sink.apply(batch(positioned(upsert(Op.UPDATE, 1, 2, 0, at(TOPIC, 0, 2)), transaction),
                positioned(delete(2, 1, 0, at(TOPIC, 0, 3)), transaction)));

        assertThat(again.count(ChangeOutcome.DUPLICATE)).isEqualTo(2);
        assertThat(target.listingsAsWritten()).isEqualTo(written);
    }

    private static ListingChange positioned(ListingChange c, SourcePosition position) {
        return new ListingChange(c.op(), c.id(), c.before(), c.after(), position, c.sourceTimestamp(), c.coordinates());
    }

    @Test
    void olderPositionNeverOverwritesANewerRow() {
        ListingSink sink = sink(target, DeleteMode.SOFT);
        sink.apply(batch(upsert(Op.UPDATE, 1, 5, 500, at(TOPIC, 0, 0))));

        ApplyResult replayed = sink.apply(batch(
                upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 1)),
                upsert(Op.UPDATE, 1, 3, 300, at(TOPIC, 0, 2))));

        assertThat(replayed.count(ChangeOutcome.STALE)).isEqualTo(2);
        assertThat(target.jdbc().queryForObject("SELECT title FROM listings WHERE id = 1", String.class))
                .isEqualTo(Changes.listing(1, 5).title());
    }

    @Test
    void theGuardInSqlAloneKeepsTheNewerRow() {
        // bypasses the checks in Java: the statement itself must refuse the older image
        ListingTable table = new ListingTable(target.jdbc(), new MySqlDialect(), new SinkProperties(DeleteMode.SOFT, 1000));
        java.time.LocalDateTime now = java.time.LocalDateTime.now();
        table.upsert(List.of(upsert(Op.UPDATE, 1, 5, 500, at(TOPIC, 0, 0))), now);
        table.upsert(List.of(upsert(Op.UPDATE, 1, 3, 300, at(TOPIC, 0, 1))), now);

        Map<String, Object> row = target.jdbc().queryForMap("SELECT title, price, HEX(source_position) p FROM listings");
        assertThat(row.get("title")).isEqualTo(Changes.listing(1, 5).title());
        assertThat(row.get("price")).isEqualTo(new BigDecimal("5.25"));
        assertThat(row.get("p")).isEqualTo(java.util.HexFormat.of().withUpperCase()
                .formatHex(Changes.position(500).toBytes()));
    }

    /**
     * Values are written into the statement text as literals: whatever a value holds must come
     * back exactly, also where {@code NO_BACKSLASH_ESCAPES} changes what a backslash means.
     */
    @ParameterizedTest
    @ValueSource(strings = { "SET SESSION sql_mode = DEFAULT",
            "SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES,ANSI_QUOTES')" })
    void valuesThatNeedQuotingComeBackExactlyInAnySqlMode(String sessionSetup) {
        List<String> texts = List.of("O'Brien", "C:\\temp\\", "\\'; DROP TABLE listings; --", "tab\tnew\nline\r",
                "nul\0byte", "\u007f\u001a", "{fn now()} ? ?", "\"double\"", "İğüşöç 🏠 ev", "", "trailing \\");
        Map<Long, Listing> expected = new java.util.HashMap<>();
        ChangeBatch.Builder batch = ChangeBatch.builder();
        for (int i = 0; i < texts.size(); i++) {
            long id = i + 1;
            Listing row = new Listing(id, i % 2 == 0 ? null : Long.MAX_VALUE, texts.get(i), texts.get(i),
                    texts.get((i + 1) % texts.size()), i % 3 == 0 ? null : new BigDecimal("-9999999999.99"),
                    "T'Y", texts.get(i).length() > 16 ? null : texts.get(i),
                    java.time.LocalDateTime.of(1000, 1, 1, 0, 0), java.time.LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000));
            expected.put(id, row);
            batch.add(new ListingChange(Op.CREATE, id, null, row, Changes.position(id), java.time.Instant.EPOCH,
                    at(TOPIC, 0, i)));
        }
        try (TargetDatabase modal = TargetDatabase.create(MariaDbServer.shared(), sessionSetup)) {
            sink(modal, DeleteMode.SOFT).apply(batch.build());

            assertThat(modal.liveListings()).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(DeleteMode.class)
    void deleteThenReplayedOlderInsertStaysDeleted(DeleteMode mode) {
        ListingSink sink = sink(target, mode);
        sink.apply(batch(upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0)), delete(1, 1, 200, at(TOPIC, 0, 1))));

        // a replay from earlier offsets, as after an operator rewinds: the insert comes again
        target.jdbc().update("UPDATE sink_offset SET next_offset = 0");
        ApplyResult replay = sink.apply(batch(upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0))));

        assertThat(replay.count(ChangeOutcome.STALE, Op.CREATE)).isEqualTo(1);
        if (mode == DeleteMode.HARD) {
            assertThat(target.jdbc().queryForObject("SELECT COUNT(*) FROM listings", Integer.class)).isZero();
        } else {
            assertThat(target.jdbc().queryForObject("SELECT deleted FROM listings WHERE id = 1", Boolean.class)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(DeleteMode.class)
    void newerInsertAfterADeleteRecreatesTheRow(DeleteMode mode) {
        ListingSink sink = sink(target, mode);
        sink.apply(batch(upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0)), delete(1, 1, 200, at(TOPIC, 0, 1))));
        sink.apply(batch(upsert(Op.CREATE, 1, 7, 300, at(TOPIC, 0, 2))));

        Map<String, Object> row = target.jdbc().queryForMap("SELECT title, deleted FROM listings WHERE id = 1");
        assertThat(row.get("title")).isEqualTo(Changes.listing(1, 7).title());
        assertThat(row.get("deleted")).isEqualTo(false);
    }

    @ParameterizedTest
    @EnumSource(DeleteMode.class)
    void truncateRemovesOlderRowsAndKeepsOlderChangesFromComingBack(DeleteMode mode) {
        ListingSink sink = sink(target, mode);
        sink.apply(batch(upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0)), upsert(Op.CREATE, 2, 1, 200, at(TOPIC, 1, 0))));
        ApplyResult truncated = sink.apply(batch(truncate(300, at(TOPIC, 0, 1)),
                upsert(Op.CREATE, 3, 1, 400, at(TOPIC, 0, 2))));
        // partition 1 lags behind: its older change arrives after the truncate
        ApplyResult late = sink.apply(batch(upsert(Op.UPDATE, 2, 2, 250, at(TOPIC, 1, 1))));

        assertThat(truncated.count(ChangeOutcome.APPLIED, Op.TRUNCATE)).isEqualTo(1);
        assertThat(late.count(ChangeOutcome.STALE, Op.UPDATE)).isEqualTo(1);
        String live = "SELECT id FROM listings WHERE NOT deleted ORDER BY id";
        assertThat(target.jdbc().queryForList(live, Long.class)).containsExactly(3L);
        if (mode == DeleteMode.SOFT) {
            assertThat(target.jdbc().queryForList("SELECT id FROM listings WHERE deleted ORDER BY id", Long.class))
                    .containsExactly(1L, 2L);
        } else {
            assertThat(target.jdbc().queryForObject("SELECT COUNT(*) FROM listings", Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void recordsBelowTheStoredOffsetAreCountedDuplicatesPerPartition() {
        ListingSink sink = sink(target, DeleteMode.SOFT);
        sink.apply(batch(upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0)), upsert(Op.CREATE, 2, 1, 110, at(TOPIC, 1, 0))));

        ApplyResult result = sink.apply(batch(
                upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0)),
                upsert(Op.UPDATE, 1, 2, 120, at(TOPIC, 0, 1)),
                upsert(Op.CREATE, 2, 1, 110, at(TOPIC, 1, 0))));

        assertThat(result.count(ChangeOutcome.DUPLICATE)).isEqualTo(2);
        assertThat(result.count(ChangeOutcome.APPLIED, Op.UPDATE)).isEqualTo(1);
        assertThat(storedOffset(target, 0)).isEqualTo(2);
        assertThat(storedOffset(target, 1)).isEqualTo(1);
    }

    @Test
    void aFailedBatchLeavesNeitherRowsNorOffsetsBehind() {
        ListingSink sink = sink(target, DeleteMode.SOFT);
        Listing tooExpensive = new Listing(2, 1L, "x", "Emlak", "İzmir", new BigDecimal("12345678901.00"), "TRY",
                "ACTIVE", null, null);
        ListingChange poison = new ListingChange(Op.CREATE, 2L, null, tooExpensive, Changes.position(200), null,
                at(TOPIC, 0, 1));

        assertThatThrownBy(() -> sink.apply(batch(upsert(Op.CREATE, 1, 1, 100, at(TOPIC, 0, 0)), poison)))
                .isInstanceOf(DataIntegrityViolationException.class);

        assertThat(target.jdbc().queryForObject("SELECT COUNT(*) FROM listings", Integer.class)).isZero();
        assertThat(new OffsetStore(target.jdbc()).nextOffset(new TopicPartition(TOPIC, 0))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(DeleteMode.class)
    void randomSequencesAppliedAsOneBatchEqualApplyingThemOneByOne(DeleteMode mode) {
        Random random = new Random(20261121L + mode.ordinal());
        ListingSink batchSink = sink(target, mode);
        ListingSink oneByOne = sink(sequential, mode);
        for (int iteration = 0; iteration < 150; iteration++) {
            target.clear();
            sequential.clear();
            List<ListingChange> changes = randomChanges(random);

            ApplyResult batched = batchSink.apply(batch(changes.toArray(ListingChange[]::new)));
            int applied = 0;
            for (ListingChange change : changes) {
                applied += oneByOne.apply(batch(change)).count(ChangeOutcome.APPLIED);
            }

            assertThat(target.listings()).as("iteration %d: %s", iteration, changes).isEqualTo(sequential.listings());
            assertThat(batched.count(ChangeOutcome.APPLIED)).as("iteration %d", iteration).isEqualTo(applied);
        }
    }

    /**
     * Creates, updates and deletes over four keys, mostly in source order but with some changes
     * re-emitted or arriving late (older position), as replays and re-snapshots produce.
     */
    private static List<ListingChange> randomChanges(Random random) {
        List<ListingChange> changes = new ArrayList<>();
        int count = 1 + random.nextInt(24);
        long position = 1000;
        for (int offset = 0; offset < count; offset++) {
            long id = 1 + random.nextInt(4);
            int version = 1 + random.nextInt(9);
            long at = random.nextInt(5) == 0 ? 1000 + random.nextInt((int) (position - 999)) : (position += 10);
            int kind = random.nextInt(10);
            changes.add(kind < 3 ? upsert(Op.CREATE, id, version, at, at(TOPIC, 0, offset))
                    : kind < 8 ? upsert(Op.UPDATE, id, version, at, at(TOPIC, 0, offset))
                    : delete(id, version, at, at(TOPIC, 0, offset)));
        }
        return changes;
    }
}
