package dev.cdcsink.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.cdcsink.generator.Listing;
import dev.cdcsink.generator.DataGenerator;
import dev.cdcsink.generator.ListingFaker;
import dev.cdcsink.generator.OpMix;
import dev.cdcsink.generator.SourceListings;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.TargetDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole flow with real parts, as dev mode runs it: the generator writes the source, the real
 * Debezium engine captures its binlog into Kafka, the service applies it to the target.
 */
class DevStackEndToEndTest {

    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MariaDbServer server = MariaDbServer.shared();
    private final KafkaBroker kafka = KafkaBroker.shared();
    private final String sourceDb = server.createDatabase("e2e_source");
    private final String targetDb = server.createDatabase("e2e_target");
    private final JdbcTemplate source = jdbc(sourceDb);
    private final JdbcTemplate target = jdbc(targetDb);
    private DevStack stack;

    @TempDir
    Path captureState;

    @AfterEach
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void atAHighRateOfInsertsUpdatesAndDeletesEveryTargetRowEndsEqualToItsSourceRow() {
        stack = startStack();
        DataGenerator generator = stack.generator();
        generator.start(new DataGenerator.Settings(400, new OpMix(60, 30, 10)));
        await().atMost(Duration.ofSeconds(60)).until(() -> written(generator) >= 4000);
        DataGenerator.Status written = generator.halt();

        awaitTargetEqualsSource();

        Map<Long, Listing> rows = TargetDatabase.listings(source, "TRUE");
        assertThat(written.rows().get("update")).isPositive();
        assertThat(rows.values()).anyMatch(l -> !l.title().chars().allMatch(c -> c < 128))
                .anyMatch(l -> l.updatedAt().getNano() % 1_000_000 != 0)
                .anyMatch(l -> l.price().remainder(java.math.BigDecimal.ONE).signum() != 0)
                .anyMatch(l -> l.status().equals("SOLD"));
        // every delete the generator made is a soft-deleted row in the target
        assertThat(target.queryForObject("SELECT COUNT(*) FROM listings WHERE _cdc_deleted", Long.class))
                .isEqualTo(written.rows().get("delete"));
        assertThat(changes("applied")).isEqualTo(changeRecords().size());
        assertThat(changes("duplicate") + changes("stale") + changes("dead_lettered")).isZero();
    }

    @Test
    void restartingTheCaptureLosesNoChangeAndSkipsChangesSentAgain() throws Exception {
        stack = startStack();
        DataGenerator generator = stack.generator();
        generator.start(new DataGenerator.Settings(200, new OpMix(60, 30, 10)));
        await().atMost(CATCH_UP).until(() -> written(generator) >= 600);

        // a plain restart: the engine stored its offsets on stop and resumes from them
        stack.stopCapture();
        Path offsets = captureState.resolve("offsets.dat");
        Path olderOffsets = captureState.resolve("offsets.older");
        Files.copy(offsets, olderOffsets);
        stack.startCapture();
        await().atMost(CATCH_UP).until(() -> written(generator) >= 1200);

        // as after a crash between publishing and storing offsets: everything since is published again
        stack.stopCapture();
        Files.copy(olderOffsets, offsets, StandardCopyOption.REPLACE_EXISTING);
        stack.startCapture();
        await().atMost(CATCH_UP).until(() -> written(generator) >= 1600);
        generator.halt();

        awaitTargetEqualsSource();

        List<String> records = changeRecords();
        Set<String> distinct = new HashSet<>(records);
        assertThat(records.size()).as("changes published again after the rewind").isGreaterThan(distinct.size());
        // every record is accounted for once; a re-sent change is skipped as stale or duplicate,
        // except one re-sent after a later change of its own transaction (they share a position and
        // nothing orders them but the partition), which is written again and then overwritten by
        // the later change re-sent right behind it
        assertThat(changes("applied") + changes("duplicate") + changes("stale")).isEqualTo(records.size());
        assertThat(changes("duplicate") + changes("stale")).isPositive();
        assertThat(changes("applied")).isBetween((long) distinct.size(), (long) records.size());
        assertThat(changes("dead_lettered")).isZero();
    }

    @Test
    void rowsThatExistBeforeCaptureStartsArriveAsSnapshotReadsAndLand() {
        SourceSchema.migrate(server, sourceDb);
        SourceListings listings = new SourceListings(source.getDataSource());
        ListingFaker faker = new ListingFaker(7);
        for (int i = 0; i < 50; i++) {
            listings.insert(faker.newListing(), LocalDateTime.now(Clock.systemUTC()).truncatedTo(ChronoUnit.MICROS));
        }

        stack = startStack();

        awaitTargetEqualsSource();
        assertThat(TargetDatabase.listings(target, "TRUE")).hasSize(50);
        assertThat(changes("r", "applied")).isEqualTo(50);
        assertThat(changes("c", "applied")).isZero();
    }

    private DevStack startStack() {
        String prefix = KafkaBroker.uniqueName("e2e");
        return DevStack.start(server, kafka, new DevStack.Settings(prefix, sourceDb, targetDb, 3, captureState,
                Map.of("cdc-sink.generator.enabled", "false", "cdc-sink.generator.seed", "3")));
    }

    private void awaitTargetEqualsSource() {
        // the sink creates the target table with the first change
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(500)).ignoreException(BadSqlGrammarException.class)
                .untilAsserted(() -> {
                    Map<Long, Listing> sourceRows = TargetDatabase.listings(source, "TRUE");
                    assertThat(TargetDatabase.listings(target, "NOT _cdc_deleted")).isEqualTo(sourceRows);
                    assertThat(target.queryForList("SELECT id FROM listings WHERE _cdc_deleted", Long.class))
                            .doesNotContainAnyElementsOf(sourceRows.keySet());
                    assertThat(stack.serviceLag()).isZero();
                });
    }

    private static long written(DataGenerator generator) {
        return generator.status().rows().values().stream().mapToLong(Long::longValue).sum();
    }

    private long changes(String outcome) {
        return changes(null, outcome);
    }

    private long changes(String op, String outcome) {
        var search = stack.service().getBean(MeterRegistry.class).find("cdc.sink.changes").tag("outcome", outcome);
        if (op != null) {
            search = search.tag("op", op);
        }
        return (long) search.counters().stream().mapToDouble(Counter::count).sum();
    }

    /**
     * Every change event in the listings topic (tombstones left out), each as its key, transaction
     * position, op and row images: the same change published again gives the same string.
     */
    private List<String> changeRecords() {
        List<String> changes = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < stack.settings().partitions(); p++) {
                partitions.add(new TopicPartition(stack.settings().topic(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        JsonNode payload = JSON.readTree(record.value()).get("payload");
                        JsonNode position = payload.get("source");
                        changes.add(record.key() + "@" + position.get("file").asString() + ":" + position.get("pos")
                                + " " + payload.get("op").asString() + " " + payload.get("before") + " -> "
                                + payload.get("after"));
                    }
                }
            }
        }
        return changes;
    }

    private JdbcTemplate jdbc(String database) {
        return new JdbcTemplate(new DriverManagerDataSource(server.jdbcUrl(database), server.username(),
                server.password()));
    }
}
