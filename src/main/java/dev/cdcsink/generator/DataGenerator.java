package dev.cdcsink.generator;

import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import dev.cdcsink.generator.ChangeWriter.Written;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Writes listings, their photos and their details into the source database at a steady rate
 * with a mix of inserts, updates and deletes ({@link ChangeWriter}). One scheduler thread ticks
 * at a fixed rate ({@link RatePlan}); each tick's changes are one source transaction. Started
 * with the service when {@code cdc-sink.generator.enabled} is on, and at any time over REST.
 */
public class DataGenerator implements SmartLifecycle {

    /** How fast (changes per second) and with which mix the generator writes. */
    public record Settings(double rate, OpMix mix) {
    }

    /**
     * What the status endpoint shows: the rows written by op over all tables ({@code rows}), and
     * by table and op ({@code tables}).
     */
    public record Status(boolean running, double rate, OpMix mix, long seed, Map<String, Long> rows,
            Map<String, Map<String, Long>> tables) {
    }

    private static final Logger log = LoggerFactory.getLogger(DataGenerator.class);

    private final ChangeWriter writer;
    private final Clock clock;
    private final boolean startWithService;
    private final long seed;
    private final Map<GeneratorTable, Map<GeneratorOp, Counter>> written = new EnumMap<>(GeneratorTable.class);

    private Settings settings;
    private ScheduledExecutorService scheduler;
    private long ticks;

    public DataGenerator(DataSource source, SourceSql sql, GeneratorProperties properties, Clock clock,
            MeterRegistry meters) {
        this.clock = clock;
        this.startWithService = properties.enabled();
        this.seed = properties.seed() != null ? properties.seed() : System.nanoTime();
        this.writer = new ChangeWriter(source, sql, seed);
        this.settings = new Settings(properties.rate(), properties.mix());
        for (GeneratorTable table : GeneratorTable.values()) {
            Map<GeneratorOp, Counter> ops = new EnumMap<>(GeneratorOp.class);
            for (GeneratorOp op : GeneratorOp.values()) {
                ops.put(op, Counter.builder("cdc.sink.generator.rows")
                        .description("Rows the data generator wrote to the source database")
                        .tag("table", table.table())
                        .tag("op", op.tag())
                        .register(meters));
            }
            written.put(table, ops);
        }
    }

    /** Starts writing with {@code next}, or switches to it if already running. */
    public synchronized Status start(Settings next) {
        RatePlan plan = RatePlan.of(next.rate());
        stopScheduler();
        settings = next;
        ticks = 0;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "data-generator");
            thread.setDaemon(true);
            return thread;
        });
        long periodNanos = plan.period().toNanos();
        scheduler.scheduleAtFixedRate(() -> tick(plan, next.mix()), periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        log.info("Data generator writing {} changes/s (insert/update/delete = {}/{}/{}, seed {})", next.rate(),
                next.mix().insert(), next.mix().update(), next.mix().delete(), seed);
        return status();
    }

    /** Stops writing; returns once no tick is in flight. */
    public synchronized Status halt() {
        if (stopScheduler()) {
            log.info("Data generator stopped");
        }
        return status();
    }

    public synchronized Status status() {
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Map<String, Long>> tables = new LinkedHashMap<>();
        for (GeneratorOp op : GeneratorOp.values()) {
            rows.put(op.tag(), 0L);
        }
        written.forEach((table, ops) -> {
            Map<String, Long> byOp = new LinkedHashMap<>();
            ops.forEach((op, counter) -> {
                byOp.put(op.tag(), (long) counter.count());
                rows.merge(op.tag(), (long) counter.count(), Long::sum);
            });
            tables.put(table.table(), byOp);
        });
        return new Status(scheduler != null, settings.rate(), settings.mix(), seed, rows, tables);
    }

    public synchronized Settings settings() {
        return settings;
    }

    @Override
    public void start() {
        if (startWithService) {
            start(settings);
        }
    }

    @Override
    public void stop() {
        halt();
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    private boolean stopScheduler() {
        if (scheduler == null) {
            return false;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            scheduler.shutdownNow();
        }
        scheduler = null;
        return true;
    }

    /** Runs on the scheduler thread only, so the writer's random sequence needs no locking. */
    private void tick(RatePlan plan, OpMix mix) {
        long changes = plan.changesInTick(++ticks);
        if (changes == 0) {
            return;
        }
        try {
            // counted once committed: a tick that fails has written nothing
            for (Written w : writer.write(mix, changes, clock)) {
                written.get(w.table()).get(w.op()).increment(w.rows());
            }
        } catch (RuntimeException e) {
            // a source outage must not end the schedule: the next tick tries again
            log.warn("Data generator could not write {} changes to the source: {}", changes, e.getMessage());
        }
    }
}
