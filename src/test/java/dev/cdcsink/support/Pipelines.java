package dev.cdcsink.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.BadSqlGrammarException;

import io.micrometer.core.instrument.MeterRegistry;

/** Shared steps of the end-to-end tests: topics, waiting for the copy, reading the sink's counters. */
public final class Pipelines {

    public static final Duration CATCH_UP = Duration.ofSeconds(90);

    private Pipelines() {
    }

    /** A new change topic with its dead-letter topic. */
    public static String topic(KafkaBroker kafka, int partitions) {
        // a prefix of its own, so that the topic is named as Debezium names it: <prefix>.<db>.<table>
        String topic = KafkaBroker.uniqueName("cdc").replace('-', '_') + ".shop.listings";
        kafka.createTopic(topic, partitions);
        kafka.createTopic(topic + ".DLT", 1);
        return topic;
    }

    /** A listings topic and a listing_photos topic beside it (each with its dead-letter topic), by source table. */
    public static Map<String, String> topicsWithPhotos(KafkaBroker kafka, int partitions) {
        return topics(kafka, partitions, List.of(SampleTables.photos()));
    }

    /** A listings topic and one beside it for each of {@code tables} (each with its dead-letter topic), by source table. */
    public static Map<String, String> topics(KafkaBroker kafka, int partitions, List<SampleTable> tables) {
        String listings = topic(kafka, partitions);
        Map<String, String> topics = new LinkedHashMap<>();
        topics.put("listings", listings);
        for (SampleTable table : tables) {
            String topic = listings.replace(".shop.listings", ".shop." + table.name());
            kafka.createTopic(topic, partitions);
            kafka.createTopic(topic + ".DLT", 1);
            topics.put(table.name(), topic);
        }
        return topics;
    }

    /** Waits until the target's live and deleted rows are exactly the source's (and of its further tables). */
    public static void awaitCopyOf(TargetDatabase target, ChangeStream source) {
        // a table created by hand has no bookkeeping columns until the sink has added them
        await().atMost(CATCH_UP).ignoreExceptionsInstanceOf(BadSqlGrammarException.class)
                .untilAsserted(() -> assertCopyOf(target, source));
    }

    private static void assertCopyOf(TargetDatabase target, ChangeStream source) {
        assertThat(target.liveListings()).isEqualTo(source.live());
        assertThat(target.deletedIds()).containsExactlyInAnyOrderElementsOf(source.deleted());
        for (SampleTable table : source.tables()) {
            assertThat(target.live(table)).as(table.name()).isEqualTo(source.live(table));
            assertThat(target.deleted(table)).as(table.name()).isEqualTo(source.deleted(table));
        }
    }

    /** {@code cdc_sink_changes_total} of an instance for one outcome, over all ops. */
    public static long changes(ConfigurableApplicationContext app, String outcome) {
        return changes(app.getBean(MeterRegistry.class), outcome);
    }

    public static long changes(MeterRegistry registry, String outcome) {
        return (long) registry.find("cdc.sink.changes").tag("outcome", outcome).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    /** {@link #storedOffsets(TargetDatabase, String)} summed over topics. */
    public static long storedOffsets(TargetDatabase target, Collection<String> topics) {
        return topics.stream().mapToLong(topic -> storedOffsets(target, topic)).sum();
    }

    /** The sum of the stored next offsets of a topic: equals the records written once all are consumed. */
    public static long storedOffsets(TargetDatabase target, String topic) {
        return target.jdbc().queryForObject("SELECT COALESCE(SUM(next_offset), 0) FROM sink_offset WHERE topic = ?",
                Long.class, topic);
    }
}
