package dev.cdcsink.faults;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.support.KafkaHeaders;

import dev.cdcsink.change.RowKey;
import dev.cdcsink.generator.Listing;
import dev.cdcsink.support.ChangeStream;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.SampleTable;
import dev.cdcsink.support.SampleTables;
import dev.cdcsink.support.SinkApp;
import dev.cdcsink.support.TargetDatabase;
import dev.cdcsink.support.TopicRecords;

/**
 * The fault-injection suite: two service instances in one consumer group (JVMs of their own), a
 * Kafka broker process and the target MariaDB server process, a seeded live stream of three
 * tables with poison records mixed in, and faults injected one after another while it flows, each
 * logged with its time and the recovery it took. At the end every partition must be caught up,
 * every table equal to the state the stream left, every poison record in the DLT exactly once and
 * no good record in it, and every instance ready. Prints {@code PASS} or {@code FAIL} with the
 * counts; {@code main} exits 1 on FAIL. Run with {@code ./mvnw -q -Pfaults test-compile exec:exec}
 * (README: Fault-injection suite).
 *
 * <p>Options ({@code -Dfaults.args="..."}) with their defaults: {@code --seed 1 --duration 300}
 * (seconds of traffic) {@code --rate 1000} (changes/s) {@code --partitions 4} (per table topic)
 * {@code --poison-every 500} {@code --faults all} (or a comma-separated list of {@link Fault} names).
 */
public final class FaultSuite {

    /** The faults, in the order they are injected. */
    enum Fault {
        KILL_INSTANCE, DB_KILL_SHORT, JOIN_AND_LEAVE, SOURCE_SCHEMA_CHANGE, BROKER_RESTART, PAUSE_RESUME, REPLAY_EARLIEST,
        KILL_INSTANCE_AGAIN, DB_KILL_LONG, REPLAY_BY_TIME, SIGTERM_LARGE_BATCH, HANG_DB_CONNECTIONS
    }

    /** One injected fault: when, what happened, and how long until the pipeline moved again (null: it did not). */
    record Injected(Fault fault, double atSeconds, String what, Duration recovery, Duration otherPause) {
    }

    /** The outcome with its counts. */
    record Verdict(boolean pass, List<String> lines) {
    }

    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(3);

    private final long seed;
    private final int durationSeconds;
    private final int rate;
    private final int partitions;
    private final int poisonEvery;
    private final List<Fault> faults;
    private final Path dir;
    private final List<Injected> injected = new ArrayList<>();
    private final long startedNanos = System.nanoTime();

    FaultSuite(Map<String, String> options) {
        this.seed = Long.parseLong(options.getOrDefault("seed", "1"));
        this.durationSeconds = Integer.parseInt(options.getOrDefault("duration", "300"));
        this.rate = Integer.parseInt(options.getOrDefault("rate", "1000"));
        this.partitions = Integer.parseInt(options.getOrDefault("partitions", "4"));
        this.poisonEvery = Integer.parseInt(options.getOrDefault("poison-every", "500"));
        String list = options.getOrDefault("faults", "all");
        this.faults = list.equals("all") ? List.of(Fault.values())
                : java.util.Arrays.stream(list.split(",")).map(String::trim).map(Fault::valueOf).toList();
        this.dir = Path.of("target", "faults", "run-" + System.currentTimeMillis());
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Verdict verdict = new FaultSuite(options).run();
        System.exit(verdict.pass() ? 0 : 1);
    }

    Verdict run() throws Exception {
        Files.createDirectories(dir);
        log("fault suite: seed %d, %d s of traffic at %d changes/s, %d partitions per table, faults %s; logs in %s",
                seed, durationSeconds, rate, partitions, faults, dir);
        try (BrokerProcess broker = BrokerProcess.start(dir);
                MariaDbServer db = MariaDbServer.start("faults", 0, dir.toAbsolutePath().resolve("mariadb"));
                HangingProxy proxy = new HangingProxy(db.port())) {
            Map<String, String> topics = topics(broker.bootstrapServers());
            TargetDatabase target = TargetDatabase.create(db).createListings();
            List<Instance> instances = new ArrayList<>();
            instances.add(new Instance("a", settings(broker, db.jdbcUrl(target.schema()), topics), dir));
            // b reaches the database through the proxy that can leave its connections hanging
            String proxied = db.jdbcUrl(target.schema()).replace(":" + db.port() + "/", ":" + proxy.port() + "/");
            instances.add(new Instance("b", settings(broker, proxied, topics), dir));
            Instance joiner = new Instance("c", settings(broker, db.jdbcUrl(target.schema()), topics), dir);
            try (Progress progress = new Progress(db.jdbcUrl(target.schema()));
                    Workload workload = new Workload(seed, broker.bootstrapServers(), topics, rate, poisonEvery)) {
                for (Instance instance : instances) {
                    instance.start();
                }
                awaitReady(instances);
                workload.start();
                Faults injector = new Faults(this, broker, db, proxy, instances, joiner, progress, workload, topics,
                        target.jdbc());
                long trafficEnd = System.nanoTime() + Duration.ofSeconds(durationSeconds).toNanos();
                long gap = Duration.ofSeconds(durationSeconds).toNanos() / (faults.size() + 1);
                for (Fault fault : faults) {
                    sleepUntil(Math.min(trafficEnd, System.nanoTime() + gap / 2));
                    // a fault only once the one before has been recovered from: each recovery is its own
                    if (System.nanoTime() >= trafficEnd) {
                        log("no time left for %s", fault);
                        continue;
                    }
                    Injected result = injector.inject(fault);
                    injected(result);
                    injected.add(result);
                }
                sleepUntil(trafficEnd);
                workload.stop();
                log("traffic stopped: %,d changes, %,d records", workload.changes(), workload.records());
                for (Instance instance : instances) {
                    if (!instance.running()) {
                        instance.start();
                    }
                }
                return verdict(broker.bootstrapServers(), target, topics, instances, workload);
            } finally {
                for (Instance instance : instances) {
                    instance.close();
                }
                joiner.close();
                target.close();
            }
        }
    }

    private Map<String, String> topics(String bootstrapServers) {
        Map<String, String> topics = new LinkedHashMap<>();
        for (String table : List.of("listings", "listing_photos", "listing_details")) {
            String topic = "faults.shop." + table;
            KafkaBroker.createTopicIfAbsent(bootstrapServers, topic, partitions, Map.of());
            KafkaBroker.createTopicIfAbsent(bootstrapServers, topic + ".DLT", 1, Map.of());
            topics.put(table, topic);
        }
        return topics;
    }

    private Map<String, String> settings(BrokerProcess broker, String jdbcUrl, Map<String, String> topics) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        settings.put("cdc-sink.target.jdbc-url", jdbcUrl);
        settings.put("cdc-sink.target.username", "root");
        settings.put("cdc-sink.consumer.topics", String.join(",", topics.values()));
        settings.put("cdc-sink.consumer.group-id", "faults");
        settings.put("cdc-sink.consumer.concurrency", "2");
        settings.put("cdc-sink.consumer.max-poll-records", "1000");
        settings.put("cdc-sink.consumer.backoff.initial-interval", "200ms");
        settings.put("cdc-sink.consumer.backoff.max-interval", "2s");
        settings.put("cdc-sink.security.operator.password", SinkApp.OPERATOR_PASSWORD);
        settings.put("cdc-sink.security.viewer.password", SinkApp.VIEWER_PASSWORD);
        return settings;
    }

    void awaitReady(List<Instance> instances) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        while (!instances.stream().allMatch(Instance::ready)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("instances not ready after " + RECOVERY_LIMIT + "; see " + dir);
            }
            Thread.sleep(200);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    double seconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    void log(String format, Object... args) {
        System.out.printf("[%7.1f s] %s%n", seconds(), String.format(format, args));
    }

    /** The end: caught up, exact, every poison record dead-lettered once, no good one, everyone ready. */
    private Verdict verdict(String bootstrapServers, TargetDatabase target, Map<String, String> topics,
            List<Instance> instances, Workload workload) throws Exception {
        List<String> failures = new ArrayList<>();
        Map<TopicPartition, Long> end = endOffsets(bootstrapServers, topics.values());
        long caughtUpBy = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        Map<TopicPartition, Long> behind = behind(target, end);
        while (!behind.isEmpty() && System.nanoTime() < caughtUpBy) {
            Thread.sleep(500);
            behind = behind(target, end);
        }
        if (!behind.isEmpty()) {
            failures.add("partitions not caught up (records behind): " + behind);
        }
        ChangeStream stream = workload.stream();
        int wrongRows = compare("listings", stream.live(), target.liveListings(), failures)
                + compare("listings deleted", Set.copyOf(stream.deleted()), Set.copyOf(target.deletedIds()), failures);
        long expectedRows = stream.live().size();
        for (SampleTable table : stream.tables()) {
            wrongRows += compare(table.name(), stream.live(table), target.live(table), failures)
                    + compare(table.name() + " deleted", stream.deleted(table), target.deleted(table), failures);
            expectedRows += stream.live(table).size();
        }
        if (injected.stream().anyMatch(i -> i.fault() == Fault.SOURCE_SCHEMA_CHANGE)) {
            SampleTable photos = SampleTables.photos();
            Map<RowKey, Object> altTexts = workload.expectedAltTexts(stream.live(photos));
            log("listing_photos: %,d of %,d live rows last changed with alt_text", altTexts.values().stream()
                    .filter(java.util.Objects::nonNull).count(), altTexts.size());
            wrongRows += compare("listing_photos alt_text", altTexts,
                    target.values(photos, "alt_text", "NOT _cdc_deleted"), failures);
        }
        Set<Workload.Origin> poison = workload.poison();
        Map<Workload.Origin, Integer> deadLetters = new HashMap<>();
        for (String topic : topics.values()) {
            for (ConsumerRecord<byte[], byte[]> letter : TopicRecords.readAll(bootstrapServers, topic + ".DLT")) {
                deadLetters.merge(origin(letter), 1, Integer::sum);
            }
        }
        long missing = poison.stream().filter(p -> !deadLetters.containsKey(p)).count();
        long twice = deadLetters.entrySet().stream().filter(e -> poison.contains(e.getKey()) && e.getValue() > 1).count();
        Set<Workload.Origin> good = new HashSet<>(deadLetters.keySet());
        good.removeAll(poison);
        if (missing > 0 || twice > 0 || !good.isEmpty()) {
            failures.add(String.format("dead letters: %d poison records missing, %d more than once, %d good records %s",
                    missing, twice, good.size(), good.stream().limit(5).toList()));
        }
        List<String> unhealthy = instances.stream().filter(i -> !i.ready()).map(Instance::name).toList();
        if (!unhealthy.isEmpty()) {
            failures.add("instances not ready: " + unhealthy);
        }
        List<String> lines = new ArrayList<>();
        lines.add("| fault | at | what | recovery | pause of partitions that stayed |");
        lines.add("|---|---|---|---|---|");
        for (Injected i : injected) {
            lines.add(String.format("| %s | %.0f s | %s | %s | %s |", i.fault(), i.atSeconds(), i.what(),
                    i.recovery() == null ? "NONE" : String.format("%.1f s", i.recovery().toMillis() / 1000.0),
                    i.otherPause() == null ? "" : String.format("%.1f s", i.otherPause().toMillis() / 1000.0)));
        }
        boolean pass = failures.isEmpty() && injected.stream().allMatch(i -> i.recovery() != null);
        lines.add(String.format("%s: seed %d, %,d changes and %,d records over %d partitions, %d faults injected, "
                + "%,d rows expected, %d wrong; %d poison records, %d in the DLT once, %d good records in the DLT; "
                + "%d of %d instances ready", pass ? "PASS" : "FAIL", seed, workload.changes(), workload.records(),
                end.size(), injected.size(), expectedRows, wrongRows, poison.size(), poison.size() - missing - twice,
                good.size(), instances.size() - unhealthy.size(), instances.size()));
        failures.forEach(f -> lines.add("  " + f));
        lines.forEach(System.out::println);
        return new Verdict(pass, lines);
    }

    private static <T> int compare(String what, Map<T, ?> expected, Map<T, ?> actual, List<String> failures) {
        Set<T> keys = new HashSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        List<T> wrong = keys.stream().filter(k -> !java.util.Objects.equals(expected.get(k), actual.get(k))).toList();
        if (!wrong.isEmpty()) {
            failures.add(what + ": " + wrong.size() + " rows differ, e.g. " + wrong.stream().limit(3)
                    .map(k -> k + " expected " + expected.get(k) + " got " + actual.get(k)).toList());
        }
        return wrong.size();
    }

    private static <T> int compare(String what, Set<T> expected, Set<T> actual, List<String> failures) {
        Map<T, Boolean> e = expected.stream().collect(Collectors.toMap(k -> k, k -> true));
        Map<T, Boolean> a = actual.stream().collect(Collectors.toMap(k -> k, k -> true));
        return compare(what, e, a, failures);
    }

    private static Workload.Origin origin(ConsumerRecord<byte[], byte[]> letter) {
        return new Workload.Origin(new String(letter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC).value(),
                StandardCharsets.UTF_8), ByteBuffer.wrap(letter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION)
                        .value()).getInt(), TopicRecords.originalOffset(letter));
    }

    static Map<TopicPartition, Long> endOffsets(String bootstrapServers, java.util.Collection<String> topics)
            throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (String topic : topics) {
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(request).all().get().forEach((p, o) -> end.put(p, o.offset()));
            return end;
        }
    }

    private static Map<TopicPartition, Long> behind(TargetDatabase target, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Long> stored = new HashMap<>();
        target.jdbc().query("SELECT topic, kafka_partition, next_offset FROM sink_offset", rs -> {
            stored.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
        });
        Map<TopicPartition, Long> behind = new HashMap<>();
        end.forEach((p, offset) -> {
            long lag = offset - stored.getOrDefault(p, 0L);
            if (lag > 0) {
                behind.put(p, lag);
            }
        });
        return behind;
    }

    /** What the suite records of each fault. */
    void injected(Injected fault) {
        log("%s: %s; recovery %s%s", fault.fault(), fault.what(), fault.recovery() == null ? "NONE"
                : fault.recovery().toMillis() / 1000.0 + " s", fault.otherPause() == null ? ""
                        : "; partitions that stayed paused at most " + fault.otherPause().toMillis() / 1000.0 + " s");
    }
}
