package dev.cdcsink.generator;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import dev.cdcsink.generator.ListingFaker.ActiveListing;
import dev.cdcsink.generator.SourceListings.KeyRange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Writes listings into the source database at a steady rate with a mix of inserts, updates and
 * deletes. One scheduler thread ticks at a fixed rate ({@link RatePlan}); each tick's rows are
 * one source transaction. Started with the service when {@code cdc-sink.generator.enabled} is
 * on, and at any time over REST.
 */
public class DataGenerator implements SmartLifecycle {

    /** How fast and with which mix the generator writes. */
    public record Settings(double rate, OpMix mix) {
    }

    /** What the status endpoint shows. */
    public record Status(boolean running, double rate, OpMix mix, long seed, Map<String, Long> rows) {
    }

    private static final Logger log = LoggerFactory.getLogger(DataGenerator.class);

    private final SourceListings source;
    private final Clock clock;
    private final boolean startWithService;
    private final long seed;
    private final ListingFaker faker;
    private final Map<GeneratorOp, Counter> written = new EnumMap<>(GeneratorOp.class);

    private Settings settings;
    private ScheduledExecutorService scheduler;
    private long ticks;

    public DataGenerator(SourceListings source, GeneratorProperties properties, Clock clock, MeterRegistry meters) {
        this.source = source;
        this.clock = clock;
        this.startWithService = properties.enabled();
        this.seed = properties.seed() != null ? properties.seed() : System.nanoTime();
        this.faker = new ListingFaker(seed);
        this.settings = new Settings(properties.rate(), properties.mix());
        for (GeneratorOp op : GeneratorOp.values()) {
            written.put(op, Counter.builder("cdc.sink.generator.rows")
                    .description("Rows the data generator wrote to the source database")
                    .tag("op", op.tag())
                    .register(meters));
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
        log.info("Data generator writing {} rows/s (insert/update/delete = {}/{}/{}, seed {})", next.rate(),
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
        written.forEach((op, counter) -> rows.put(op.tag(), (long) counter.count()));
        return new Status(scheduler != null, settings.rate(), settings.mix(), seed, rows);
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

    /** Runs on the scheduler thread only, so the faker's random sequence needs no locking. */
    private void tick(RatePlan plan, OpMix mix) {
        long rows = plan.rowsInTick(++ticks);
        if (rows == 0) {
            return;
        }
        Map<GeneratorOp, Long> done = new EnumMap<>(GeneratorOp.class);
        try {
            source.inTransaction(() -> {
                Optional<KeyRange> keys = source.keyRange();
                for (long i = 0; i < rows; i++) {
                    done.merge(write(mix.pick(faker.random()), keys), 1L, Long::sum);
                }
            });
            done.forEach((op, count) -> written.get(op).increment(count));
        } catch (RuntimeException e) {
            // a source outage must not end the schedule: the next tick tries again
            log.warn("Data generator could not write {} rows to the source: {}", rows, e.getMessage());
        }
    }

    /** Performs {@code op}, or an insert when there is no row to update or delete; returns what was done. */
    private GeneratorOp write(GeneratorOp op, Optional<KeyRange> keys) {
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        if (op == GeneratorOp.UPDATE && keys.isPresent()) {
            Optional<ActiveListing> listing = source.activeListingNear(faker.pivot(keys.get().min(), keys.get().max()));
            if (listing.isPresent()) {
                source.update(listing.get().id(), faker.revise(listing.get()), now);
                return GeneratorOp.UPDATE;
            }
        } else if (op == GeneratorOp.DELETE && keys.isPresent()) {
            Optional<Long> id = source.listingNear(faker.pivot(keys.get().min(), keys.get().max()));
            if (id.isPresent()) {
                source.delete(id.get());
                return GeneratorOp.DELETE;
            }
        }
        source.insert(faker.newListing(), now);
        return GeneratorOp.INSERT;
    }
}
