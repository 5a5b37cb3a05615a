package dev.cdcsink.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.cdcsink.change.EventSchema;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.Row;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.RowKey;
import dev.cdcsink.support.ChangeStream;
import dev.cdcsink.support.DebeziumEvents;
import dev.cdcsink.support.SampleTables;

/**
 * The live stream: seeded changes of three tables (the benchmark's renderer, a topic per table)
 * at a fixed rate, each delete followed by its tombstone, and poison records (not JSON) mixed in.
 * The {@link ChangeStream} knows the state its changes leave; the workload knows where every
 * poison record landed. Sends are never given up (the broker may be down for a while): a change
 * the stream made but Kafka never got would make the expected state wrong. After
 * {@link #addPhotosColumn()} the source has a column more: {@code listing_photos} changes carry the
 * schema the connector sent after {@code ADD COLUMN alt_text} (a captured fixture) with a value in it.
 */
final class Workload implements AutoCloseable {

    /** A poison record's origin, as its dead letter's headers name it. */
    record Origin(String topic, int partition, long offset) {
    }

    private final ChangeStream stream;
    private final Map<String, String> topics;
    private final int rate;
    private final int poisonEvery;
    private final Random random;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong extra = new AtomicLong();
    private final ConcurrentLinkedQueue<Future<RecordMetadata>> poisonSends = new ConcurrentLinkedQueue<>();
    private final List<Future<RecordMetadata>> inFlight = new ArrayList<>();
    private final Map<String, DebeziumEvents> renderings;
    private final DebeziumEvents photosWithAltText = DebeziumEvents.of(
            "listing_photos/schemas-source-types-column-added/c.json");
    /** For each column of the schema with alt_text, its index in the older schema's rows (alt_text: the caption's). */
    private final int[] fromOlderRow = fromOlderRow(SampleTables.photos().events().schema(), photosWithAltText.schema());
    private final int altTextColumn = photosWithAltText.schema().indexOf("alt_text");
    private volatile boolean photosColumnAdded;
    /** Keys of listing_photos whose changes were sent with alt_text: a row's last change is one of them. */
    private final Set<RowKey> sentWithAltText = new HashSet<>();
    private long started;
    private long records;
    private long poison;

    /**
     * @param topics      the change topic of each table, by table name
     * @param rate        changes per second
     * @param poisonEvery one poison record after this many changes, on average
     */
    Workload(long seed, String bootstrapServers, Map<String, String> topics, int rate, int poisonEvery) {
        this.stream = ChangeStream.with(seed, SampleTables.photos(), SampleTables.details());
        this.topics = topics;
        this.rate = rate;
        this.poisonEvery = poisonEvery;
        this.random = new Random(seed + 1);
        this.renderings = Map.of("listings", SampleTables.listings().events(), "listing_photos",
                SampleTables.photos().events(), "listing_details", SampleTables.details().events());
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.MAX_VALUE, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Starts sending: every millisecond what is due by then. */
    void start() {
        started = System.nanoTime();
        pacer.scheduleAtFixedRate(this::sendDue, 0, 1, TimeUnit.MILLISECONDS);
    }

    /** {@code count} changes at once on top of the rate: a large batch for the consumers. */
    void burst(int count) {
        extra.addAndGet(count);
    }

    private void sendDue() {
        long due = (System.nanoTime() - started) * rate / 1_000_000_000L + extra.get();
        while (sent.get() < due) {
            // more inserts than deletes, so the tables grow while their rows are updated
            send(stream.next(10, 82, 8));
            if (random.nextInt(poisonEvery) == 0) {
                sendPoison();
            }
            sent.incrementAndGet();
        }
        // bound what is held for checking: sends fail only by never completing, which the end's flush finds
        inFlight.removeIf(Future::isDone);
    }

    /** From now on the source's {@code listing_photos} has {@code alt_text} (the sender's next change carries it). */
    void addPhotosColumn() {
        photosColumnAdded = true;
    }

    /** The alt text the source's rows have once the column exists: derived from the caption, so the end can check it. */
    static String altText(Object caption) {
        return "Alternatif metin: " + caption;
    }

    /**
     * What {@code alt_text} the target should hold for each live row of listing_photos, given the
     * caption each should have: rows last changed after the column came have one, the others NULL.
     * After {@link #stop()}.
     */
    Map<RowKey, Object> expectedAltTexts(Map<RowKey, Object> captions) {
        Map<RowKey, Object> expected = new HashMap<>();
        captions.forEach((key, caption) -> expected.put(key, sentWithAltText.contains(key) ? altText(caption) : null));
        return expected;
    }

    private void send(RowChange change) {
        boolean altText = photosColumnAdded && change.table().table().equals("listing_photos");
        if (altText) {
            change = withAltText(change);
            sentWithAltText.add(change.key());
        }
        DebeziumEvents events = altText ? photosWithAltText : renderings.get(change.table().table());
        String topic = topics.get(change.table().table());
        byte[] key = events.key(change.key());
        inFlight.add(producer.send(new ProducerRecord<>(topic, key, events.value(change))));
        records++;
        if (change.op() == Op.DELETE) {
            inFlight.add(producer.send(new ProducerRecord<>(topic, key, null)));
            records++;
        }
    }

    /** The change as the source logs it once alt_text exists: its rows in the new schema's column order. */
    private RowChange withAltText(RowChange change) {
        return new RowChange(change.table(), photosWithAltText.schema(), change.op(), change.key(),
                withAltText(change.before()), withAltText(change.after()),
                change.position(), change.sourceTimestamp(), change.coordinates());
    }

    private Row withAltText(Row row) {
        if (row == null) {
            return null;
        }
        Object[] values = new Object[fromOlderRow.length];
        for (int i = 0; i < values.length; i++) {
            Object value = row.get(fromOlderRow[i]);
            values[i] = i == altTextColumn ? altText(value) : value;
        }
        return new Row(values);
    }

    private static int[] fromOlderRow(EventSchema older, EventSchema newer) {
        int[] indexes = new int[newer.columns().size()];
        for (int i = 0; i < indexes.length; i++) {
            String column = newer.columns().get(i).name();
            indexes[i] = older.indexOf(column.equals("alt_text") ? "caption" : column);
        }
        return indexes;
    }

    private void sendPoison() {
        List<String> all = List.copyOf(topics.values());
        String topic = all.get(random.nextInt(all.size()));
        byte[] key = ("poison-" + poison).getBytes(StandardCharsets.UTF_8);
        byte[] value = ("not JSON: poison record " + poison++).getBytes(StandardCharsets.UTF_8);
        poisonSends.add(producer.send(new ProducerRecord<>(topic, key, value)));
        records++;
    }

    /** Stops sending and waits until the broker has every record. */
    void stop() throws InterruptedException {
        pacer.shutdown();
        pacer.awaitTermination(1, TimeUnit.MINUTES);
        producer.flush();
    }

    /** Changes sent so far. */
    long changes() {
        return sent.get();
    }

    /** Records sent so far (changes, tombstones, poison). */
    long records() {
        return records;
    }

    ChangeStream stream() {
        return stream;
    }

    /** Where every poison record landed; after {@link #stop()}. */
    Set<Origin> poison() throws Exception {
        Set<Origin> origins = new HashSet<>();
        for (Future<RecordMetadata> send : poisonSends) {
            RecordMetadata m = send.get();
            origins.add(new Origin(m.topic(), m.partition(), m.offset()));
        }
        return origins;
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        producer.close();
    }
}
