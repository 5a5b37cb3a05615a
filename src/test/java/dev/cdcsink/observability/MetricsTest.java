package dev.cdcsink.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import dev.cdcsink.consumer.ChangeListener;
import dev.cdcsink.consumer.PipelineState;
import dev.cdcsink.generator.Listing;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.observability.MonitoringQueries.Query;
import dev.cdcsink.support.Listings;
import dev.cdcsink.support.ChangeProducer;
import dev.cdcsink.support.ChangeStream;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.Scrape;
import dev.cdcsink.support.SinkApp;
import dev.cdcsink.support.TargetDatabase;

/**
 * The metrics as Prometheus sees them: one running service, scraped over HTTP before and after
 * changes are produced. Each test measures differences, so the tests share the service.
 */
class MetricsTest {

    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    /** Source time of the changes of every test but the one about freshness, which needs the newest. */
    private static final Instant LONG_AGO = Instant.now().minus(Duration.ofHours(1));
    /** Series Prometheus itself makes for every target and alert: no service exposes them. */
    private static final Set<String> MADE_BY_PROMETHEUS = Set.of("up", "scrape_duration_seconds",
            "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added", "ALERTS",
            "ALERTS_FOR_STATE");
    /**
     * The data generator's metrics (the README says: only while it runs). Not required while the
     * service exposes none of them; once it exposes one, every one queried must exist.
     */
    private static final String GENERATOR_PREFIX = "cdc_sink_generator_";
    private static ChangeProducer producer;
    private static TargetDatabase target;
    private static String topic;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        KafkaBroker kafka = KafkaBroker.shared();
        MariaDbServer server = MariaDbServer.shared();
        producer = new ChangeProducer(kafka.bootstrapServers());
        target = TargetDatabase.create(server).createListings();
        // a rule of the target's own that a row can break, to have the target reject one
        target.jdbc().execute("ALTER TABLE listings ADD CONSTRAINT no_rejects CHECK (title NOT LIKE 'REJECT%')");
        topic = KafkaBroker.uniqueName("cdc.shop.listings");
        kafka.createTopic(topic, 2);
        kafka.createTopic(topic + ".DLT", 1);
        app = SinkApp.start(kafka.bootstrapServers(), server.jdbcUrl(target.schema()), topic,
                KafkaBroker.uniqueName("g"), Map.of());
    }

    @AfterAll
    static void stop() {
        app.close();
        target.close();
        producer.close();
    }

    private static Scrape scrape() {
        return Scrape.of(app);
    }

    /** Waits until every record produced so far went through a committed batch. */
    private static void awaitBatches(Scrape before, int records) {
        await().atMost(CATCH_UP).until(() -> scrape().sum("cdc_sink_batch_size_sum")
                - before.sum("cdc_sink_batch_size_sum") >= records);
    }

    /** Changes of seed's stream (with keys of their own), committed at the source at {@code committed}. */
    private static List<RowChange> changes(long seed, int count, Instant committed) {
        return new ChangeStream(seed).next(count).stream().map(c -> {
            long id = Listings.id(c) + seed * 1_000_000;
            return Listings.change(c.op(), id, withId(Listings.listing(c.before()), id),
                    withId(Listings.listing(c.after()), id), c.position(), committed, null);
        }).toList();
    }

    private static Listing withId(Listing l, long id) {
        return l == null ? null : new Listing(id, l.sellerId(), l.title(), l.category(), l.city(), l.price(), l.currency(), l.status(),
                l.createdAt(), l.updatedAt());
    }

    private static RowChange create(long id, String title, long position) {
        LocalDateTime now = LocalDateTime.of(2026, 11, 21, 12, 0, 0);
        Listing row = new Listing(id, 1L, title, "Emlak", "İzmir", new BigDecimal("1.00"), "TRY", "ACTIVE", now, now);
        return Listings.change(Op.CREATE, id, null, row, SourcePosition.binlog(1, position, false), LONG_AGO, null);
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    @Test
    void appliedChangesAreCountedByOpAndTimedFromTheirSourceCommit() {
        Scrape before = scrape();
        Instant committed = Instant.now().minusSeconds(40);
        List<RowChange> changes = changes(1, 200, committed);
        Instant produced = Instant.now();
        int records = producer.send(topic, changes);
        awaitBatches(before, records);
        Instant scraping = Instant.now();
        Scrape after = scrape();
        Duration elapsed = Duration.between(produced, Instant.now());

        for (Op op : List.of(Op.CREATE, Op.UPDATE, Op.DELETE)) {
            assertThat(delta(before, after, "cdc_sink_changes_total", "outcome", "applied", "op", op.code()))
                    .isEqualTo(changes.stream().filter(c -> c.op() == op).count());
        }
        assertThat(delta(before, after, "cdc_sink_tombstones_total")).isEqualTo(records - changes.size());
        // every change was committed at the source 40 s before it was produced: all below 60 s, none below 30 s
        String[] source = { "from", "source" };
        assertThat(delta(before, after, "cdc_sink_latency_seconds_count", source)).isEqualTo(changes.size());
        assertThat(delta(before, after, "cdc_sink_latency_seconds_bucket", "from", "source", "le", "30.0")).isZero();
        assertThat(delta(before, after, "cdc_sink_latency_seconds_bucket", "from", "source", "le", "60.0"))
                .isEqualTo(changes.size());
        assertThat(delta(before, after, "cdc_sink_latency_seconds_sum", source) / changes.size())
                .isBetween(40.0, 40.0 + elapsed.toMillis() / 1000.0 + 1);
        // appended to Kafka after produced, committed before now
        assertThat(delta(before, after, "cdc_sink_latency_seconds_count", "from", "kafka")).isEqualTo(changes.size());
        assertThat(delta(before, after, "cdc_sink_latency_seconds_sum", "from", "kafka") / changes.size())
                .isBetween(0.0, elapsed.toMillis() / 1000.0 + 1);
        // these are the newest changes applied so far; the gauge works in whole milliseconds
        assertThat(after.sum("cdc_sink_freshness_seconds", "table", "listings")).isBetween(
                Duration.between(committed, scraping).toMillis() / 1000.0 - 0.002,
                Duration.between(committed, Instant.now()).toMillis() / 1000.0 + 0.002);
        double batches = delta(before, after, "cdc_sink_batch_size_count");
        assertThat(batches).isPositive();
        assertThat(delta(before, after, "cdc_sink_batch_size_sum")).isEqualTo(records);
        assertThat(delta(before, after, "cdc_sink_batch_apply_seconds_count")).isEqualTo(batches);
    }

    @Test
    void duplicateAndStaleChangesAreCountedButNotTimed() {
        Scrape before = scrape();
        RowChange newer = create(800_001, "Satılık daire", 10_001);
        RowChange older = create(800_001, "Satılık daire", 10_000);
        int records = producer.send(topic, List.of(newer, newer, older));
        awaitBatches(before, records);
        Scrape after = scrape();

        assertThat(delta(before, after, "cdc_sink_changes_total", "outcome", "applied")).isEqualTo(1);
        assertThat(delta(before, after, "cdc_sink_changes_total", "outcome", "duplicate", "op", "c")).isEqualTo(1);
        assertThat(delta(before, after, "cdc_sink_changes_total", "outcome", "stale", "op", "c")).isEqualTo(1);
        assertThat(delta(before, after, "cdc_sink_latency_seconds_count", "from", "source")).isEqualTo(1);
        assertThat(delta(before, after, "cdc_sink_latency_seconds_count", "from", "kafka")).isEqualTo(1);
    }

    @Test
    void deadLetteredRecordsAreCountedAsChangesAndFailuresByKind() {
        Scrape before = scrape();
        producer.send(new ProducerRecord<>(topic, "{\"id\":9}".getBytes(), "{\"payload\": {\"op\": \"c\", ".getBytes()));
        producer.send(producer.events().record(topic, create(800_002, "REJECT me", 10_000)));
        awaitBatches(before, 2);
        Scrape after = scrape();

        assertThat(delta(before, after, "cdc_sink_changes_total", "outcome", "dead_lettered", "op", "unknown"))
                .isEqualTo(1);
        assertThat(delta(before, after, "cdc_sink_changes_total", "outcome", "dead_lettered", "op", "c")).isEqualTo(1);
        assertThat(delta(before, after, "cdc_sink_failures_total", "kind", "dead_letter")).isEqualTo(2);
        assertThat(delta(before, after, "cdc_sink_failures_total", "kind", "parse_error")).isEqualTo(1);
        assertThat(delta(before, after, "cdc_sink_failures_total", "kind", "transient")).isZero();
        assertThat(delta(before, after, "cdc_sink_latency_seconds_count", "from", "source")).isZero();
    }

    @Test
    void lagOfEachPartitionRisesWhileConsumptionIsHeldBackAndFallsAfter() {
        MessageListenerContainer container = app.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(ChangeListener.ID);
        await().atMost(CATCH_UP).until(() -> scrape().all("cdc_sink_consumer_lag").size() == 2);
        await().atMost(CATCH_UP).until(() -> scrape().sum("cdc_sink_consumer_lag") == 0);
        container.pause();
        try {
            await().atMost(CATCH_UP).until(container::isContainerPaused);
            int records = producer.send(topic, changes(2, 100, LONG_AGO));
            await().atMost(CATCH_UP).until(() -> scrape().sum("cdc_sink_consumer_lag") == records);
            Scrape held = scrape();
            assertThat(held.all("cdc_sink_consumer_lag")).allSatisfy(s -> {
                assertThat(s.labels()).containsEntry("topic", topic).containsKey("partition");
                assertThat(s.value()).isPositive();
            });
        } finally {
            container.resume();
        }
        await().atMost(CATCH_UP).until(() -> scrape().sum("cdc_sink_consumer_lag") == 0);
    }

    @Test
    void pipelineStateHasOneGaugePerStateWithOnlyTheCurrentOneSet() {
        Scrape now = scrape();
        assertThat(now.all("cdc_sink_pipeline_state")).extracting(s -> s.labels().get("state"))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(PipelineState.Status.values())
                        .map(status -> status.name().toLowerCase(Locale.ROOT)).toList());
        assertThat(now.sum("cdc_sink_pipeline_state", "state", "running")).isEqualTo(1);
        assertThat(now.sum("cdc_sink_pipeline_state")).isEqualTo(1);
    }

    @Test
    void everySampleCarriesTheApplicationAndInstanceTags() {
        assertThat(scrape().samples()).allSatisfy(s -> assertThat(s.labels())
                .containsEntry("application", "cdc-sink").containsKey("instance"));
    }

    @Test
    void everyMetricTheDashboardsAndAlertsQueryIsExposed() {
        // some meters appear only once partitions are assigned and changes applied
        Scrape before = scrape();
        awaitBatches(before, producer.send(topic, changes(3, 10, LONG_AGO)));
        await().atMost(CATCH_UP).until(() -> !scrape().all("cdc_sink_consumer_lag").isEmpty());
        Set<String> exposed = scrape().names();
        boolean generatorExposed = exposed.stream().anyMatch(n -> n.startsWith(GENERATOR_PREFIX));

        Map<String, Set<String>> queriedBy = new TreeMap<>();
        for (Query query : MonitoringQueries.all()) {
            PromQlMetricNames.in(query.expr()).forEach(name -> queriedBy.computeIfAbsent(name, n -> new TreeSet<>())
                    .add(query.source()));
        }
        // the scan found the queries of both files: one name of each kind
        assertThat(queriedBy).containsKeys("up", "cdc_sink_consumer_lag", "cdc_sink_latency_seconds_bucket",
                "hikaricp_connections_active", "jvm_memory_used_bytes", GENERATOR_PREFIX + "rows_total");
        Map<String, Set<String>> missing = queriedBy.entrySet().stream()
                .filter(e -> !exposed.contains(e.getKey()) && !MADE_BY_PROMETHEUS.contains(e.getKey())
                        && !(e.getKey().startsWith(GENERATOR_PREFIX) && !generatorExposed))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(missing).as("metrics queried (and where) that the service does not expose").isEmpty();
    }

    @Test
    void everyCdcSinkMetricExposedIsListedInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Set<String> families = scrape().names().stream().filter(n -> n.startsWith("cdc_sink_"))
                .map(n -> n.replaceFirst("_(bucket|count|sum|max)$", "")).collect(Collectors.toSet());
        assertThat(families).isNotEmpty().allSatisfy(name -> assertThat(readme).contains("`" + name + "`"));
    }
}
