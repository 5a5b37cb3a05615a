package dev.cdcsink.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.faults.FaultSuite.Fault;
import dev.cdcsink.faults.FaultSuite.Injected;
import dev.cdcsink.support.Api;
import dev.cdcsink.support.MariaDbServer;

/** Injects one fault and measures what it took to recover, from the stored offsets ({@link Progress}). */
final class Faults {

    private static final Duration LIMIT = Duration.ofMinutes(3);

    private final FaultSuite suite;
    private final BrokerProcess broker;
    private final MariaDbServer db;
    private final HangingProxy proxy;
    private final List<Instance> instances;
    private final Instance joiner;
    private final Progress progress;
    private final Workload workload;
    private final Map<String, String> topics;
    /** The target schema, straight to the database (not through the proxy). */
    private final JdbcTemplate target;
    private int kills;

    Faults(FaultSuite suite, BrokerProcess broker, MariaDbServer db, HangingProxy proxy, List<Instance> instances,
            Instance joiner, Progress progress, Workload workload, Map<String, String> topics, JdbcTemplate target) {
        this.suite = suite;
        this.broker = broker;
        this.db = db;
        this.proxy = proxy;
        this.instances = instances;
        this.joiner = joiner;
        this.progress = progress;
        this.workload = workload;
        this.topics = topics;
        this.target = target;
    }

    Injected inject(Fault fault) throws Exception {
        double at = suite.seconds();
        suite.log("injecting %s", fault);
        return switch (fault) {
            case KILL_INSTANCE, KILL_INSTANCE_AGAIN -> killInstance(fault, at);
            case DB_KILL_SHORT -> killDatabase(fault, at, Duration.ofSeconds(3));
            case DB_KILL_LONG -> killDatabase(fault, at, Duration.ofSeconds(30));
            case JOIN_AND_LEAVE -> joinAndLeave(at);
            case BROKER_RESTART -> brokerRestart(at);
            case PAUSE_RESUME -> pauseResume(at);
            case REPLAY_EARLIEST -> replay(fault, at, "\"from\": \"earliest\"");
            case REPLAY_BY_TIME -> replay(fault, at, "\"timestamp\": \"" + Instant.now().minusSeconds(30) + "\"");
            case SIGTERM_LARGE_BATCH -> sigtermDuringBatch(at);
            case HANG_DB_CONNECTIONS -> hangConnections(at);
            case SOURCE_SCHEMA_CHANGE -> sourceSchemaChange(at);
        };
    }

    /** SIGKILL of one instance (each in turn); recovery: until all its partitions moved on elsewhere. Then it restarts. */
    private Injected killInstance(Fault fault, double at) throws Exception {
        Instance victim = instances.get(kills++ % instances.size());
        Set<TopicPartition> owned = victim.owned();
        long killed = System.nanoTime();
        victim.kill();
        Duration recovery = progress.awaitAdvance(owned, killed, LIMIT);
        victim.start();
        suite.awaitReady(instances);
        return new Injected(fault, at, "SIGKILL of instance " + victim.name() + " (owned " + owned.size()
                + " partitions), restarted after they moved", recovery, null);
    }

    /** SIGKILL of the target database, restarted after {@code outage}; recovery: from the restart until every partition moved. */
    private Injected killDatabase(Fault fault, double at, Duration outage) throws Exception {
        db.kill();
        Thread.sleep(outage.toMillis());
        db.restart();
        long restarted = System.nanoTime();
        Duration recovery = progress.awaitAdvance(all(), restarted, LIMIT);
        suite.awaitReady(instances);
        return new Injected(fault, at, "SIGKILL of the target database, down " + outage.toSeconds()
                + " s; recovery counted from its restart", recovery, null);
    }

    /**
     * A third instance joins, and once it owns partitions leaves again (SIGTERM). Recovery: until
     * the partitions it left moved on; the pause: the longest time a partition that kept its owner
     * through either rebalance stored nothing new.
     */
    private Injected joinAndLeave(double at) throws Exception {
        Map<String, Set<TopicPartition>> before = ownership(instances);
        long joined = System.nanoTime();
        joiner.start();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!(joiner.ready() && !joiner.owned().isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        // the rebalance settles in a few seconds; the window for the pause covers it
        Thread.sleep(5000);
        Set<TopicPartition> moved = joiner.owned();
        Set<TopicPartition> stayed = stayed(before, ownership(instances));
        Duration joinPause = progress.longestStall(stayed, joined, System.nanoTime());
        Map<String, Set<TopicPartition>> beforeLeave = ownership(instances);
        long left = System.nanoTime();
        joiner.terminate();
        Duration recovery = progress.awaitAdvance(moved, left, LIMIT);
        Thread.sleep(3000);
        Duration leavePause = progress.longestStall(stayed(beforeLeave, ownership(instances)), left, System.nanoTime());
        Duration pause = joinPause.compareTo(leavePause) > 0 ? joinPause : leavePause;
        return new Injected(Fault.JOIN_AND_LEAVE, at, "instance c joined (took " + moved.size()
                + " partitions) and left by SIGTERM; recovery: until its partitions moved on; pause of partitions that "
                + "kept their owner: join " + seconds(joinPause) + ", leave " + seconds(leavePause), recovery, pause);
    }

    private Injected brokerRestart(double at) throws Exception {
        broker.stop();
        broker.start();
        long restarted = System.nanoTime();
        Duration recovery = progress.awaitAdvance(all(), restarted, LIMIT);
        suite.awaitReady(instances);
        return new Injected(Fault.BROKER_RESTART, at, "broker stopped (SIGTERM) and started again on its log "
                + "directory; recovery counted from its start", recovery, null);
    }

    /** Both instances paused for 5 s: nothing may be written meanwhile; recovery: from the resume until every partition moved. */
    private Injected pauseResume(double at) throws Exception {
        for (Instance instance : instances) {
            expect(instance.api().post("/api/pipeline/pause"), "pause");
        }
        // read after the last pause returned: the batches that finished before it are in
        Map<TopicPartition, Long> paused = progress.offsetsSampledAfter(System.nanoTime());
        Thread.sleep(5000);
        Map<TopicPartition, Long> stillPaused = progress.offsetsSampledAfter(System.nanoTime());
        for (Instance instance : instances) {
            expect(instance.api().post("/api/pipeline/resume"), "resume");
        }
        long resumed = System.nanoTime();
        Duration recovery = progress.awaitAdvance(all(), resumed, LIMIT);
        boolean held = paused.equals(stillPaused);
        return new Injected(Fault.PAUSE_RESUME, at, "both instances paused 5 s (" + (held ? "nothing written meanwhile"
                : "WRITES WHILE PAUSED") + ") and resumed; recovery counted from the resume", held ? recovery : null, null);
    }

    /**
     * A replay of every partition, sent to the instance that owns it (per topic); recovery: until
     * every partition is back at the log end it had when the replay started.
     */
    private Injected replay(Fault fault, double at, String from) throws Exception {
        Map<TopicPartition, Long> end = FaultSuite.endOffsets(broker.bootstrapServers(), topics.values());
        long started = System.nanoTime();
        int requests = 0;
        for (Instance instance : instances) {
            Map<String, Set<Integer>> owned = instance.owned().stream().collect(
                    Collectors.groupingBy(TopicPartition::topic, Collectors.mapping(TopicPartition::partition,
                            Collectors.toCollection(TreeSet::new))));
            for (Map.Entry<String, Set<Integer>> topic : owned.entrySet()) {
                expect(instance.api().post("/api/pipeline/replay", "{\"topic\": \"" + topic.getKey()
                        + "\", \"partitions\": " + topic.getValue() + ", " + from + "}"), "replay");
                requests++;
            }
        }
        Duration recovery = awaitReached(end, started);
        return new Injected(fault, at, "replay {" + from + "} of every partition (" + requests
                + " requests to their owners); recovery: until back at the log end of the start", recovery, null);
    }

    /** A burst of 20,000 changes, then SIGTERM of an instance while it applies them; recovery: until its partitions moved on. */
    private Injected sigtermDuringBatch(double at) throws Exception {
        Instance victim = instances.get(kills++ % instances.size());
        workload.burst(20_000);
        Thread.sleep(1500);
        Set<TopicPartition> owned = victim.owned();
        long terminated = System.nanoTime();
        victim.terminate();
        double exit = (System.nanoTime() - terminated) / 1e9;
        Duration recovery = progress.awaitAdvance(owned, terminated, LIMIT);
        victim.start();
        suite.awaitReady(instances);
        return new Injected(Fault.SIGTERM_LARGE_BATCH, at, String.format("20,000 changes at once, SIGTERM of instance "
                + "%s while applying them (it exited in %.1f s), restarted", victim.name(), exit), recovery, null);
    }

    /** Every open connection of instance b to the database stops carrying bytes, never closed; recovery: until b's partitions move. */
    private Injected hangConnections(double at) throws Exception {
        Instance b = instances.get(1);
        Set<TopicPartition> owned = b.owned();
        long cut = System.nanoTime();
        int frozen = proxy.hang();
        Duration recovery = progress.awaitAdvance(owned, cut, LIMIT);
        return new Injected(Fault.HANG_DB_CONNECTIONS, at, frozen + " connections of instance b to the database left "
                + "hanging (no FIN, no RST); recovery: until its partitions moved", recovery, null);
    }

    /**
     * The source adds a column to {@code listing_photos} while changes of the old schema are still
     * in flight on other partitions; both instances own partitions of the table, so both may race to
     * add it to the target. Recovery: until the target has the column and every partition of the
     * table stored a new offset after that.
     */
    private Injected sourceSchemaChange(double at) throws Exception {
        long changed = System.nanoTime();
        workload.addPhotosColumn();
        try {
            // the database may be restarting after an earlier fault: a failed query asks again
            await().atMost(LIMIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> target.queryForObject(
                    "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                            + "AND TABLE_NAME = 'listing_photos' AND COLUMN_NAME = 'alt_text'", Integer.class) > 0);
        } catch (ConditionTimeoutException e) {
            return new Injected(Fault.SOURCE_SCHEMA_CHANGE, at, "listing_photos gained alt_text at the source; "
                    + "THE TARGET NEVER GOT THE COLUMN", null, null);
        }
        long added = System.nanoTime();
        String topic = topics.get("listing_photos");
        Set<TopicPartition> photos = all().stream().filter(p -> p.topic().equals(topic)).collect(Collectors.toSet());
        Duration moved = progress.awaitAdvance(photos, added, LIMIT);
        Integer statements = target.queryForObject("SELECT COUNT(*) FROM sink_schema_change WHERE table_name = "
                + "'listing_photos' AND kind = 'add_column' AND column_name = 'alt_text'", Integer.class);
        return new Injected(Fault.SOURCE_SCHEMA_CHANGE, at, String.format("listing_photos gained alt_text VARCHAR(200) "
                + "at the source (the captured schema after ADD COLUMN); the target had it %.1f s later (%d ADD COLUMN "
                + "recorded); recovery: until every partition of the table moved on after it",
                (added - changed) / 1e9, statements), moved == null ? null : Duration.ofNanos(added - changed).plus(moved),
                null);
    }

    private Duration awaitReached(Map<TopicPartition, Long> end, long since) throws InterruptedException {
        long deadline = since + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, Long> now = progress.offsets();
            if (end.entrySet().stream().allMatch(e -> now.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            Thread.sleep(100);
        }
        return null;
    }

    private Set<TopicPartition> all() {
        return progress.offsets().keySet();
    }

    private static Map<String, Set<TopicPartition>> ownership(List<Instance> instances) {
        Map<String, Set<TopicPartition>> owners = new HashMap<>();
        instances.forEach(i -> owners.put(i.name(), i.owned()));
        return owners;
    }

    /** The partitions that had the same owner before and after. */
    private static Set<TopicPartition> stayed(Map<String, Set<TopicPartition>> before,
            Map<String, Set<TopicPartition>> after) {
        Set<TopicPartition> stayed = new HashSet<>();
        before.forEach((name, owned) -> owned.stream().filter(after.getOrDefault(name, Set.of())::contains)
                .forEach(stayed::add));
        return stayed;
    }

    private static void expect(Api.Response response, String what) {
        if (response.status() != 200) {
            throw new IllegalStateException(what + " answered " + response.status() + ": " + response.body());
        }
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
