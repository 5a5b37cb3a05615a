package dev.cdcsink.generator;

import java.time.Duration;

/**
 * Turns a rate in changes per second into a fixed-rate tick and the changes each tick writes. Low
 * rates tick once per change; high rates tick every {@link #MIN_PERIOD} and write a batch, so 500
 * changes/s is 20 ticks of 25 changes rather than 500 timers. Fractional changes carry over between
 * ticks: tick {@code n} writes {@code floor(n·r·p) − floor((n−1)·r·p)} changes, so the count after
 * any tick is exact to within one change.
 */
public record RatePlan(double changesPerSecond, Duration period) {

    static final Duration MIN_PERIOD = Duration.ofMillis(50);

    public static RatePlan of(double changesPerSecond) {
        if (!(changesPerSecond > 0) || Double.isInfinite(changesPerSecond)) {
            throw new IllegalArgumentException("rate must be a positive number of changes per second, was "
                    + changesPerSecond);
        }
        long oneChangeNanos = Math.round(1e9 / changesPerSecond);
        return new RatePlan(changesPerSecond, Duration.ofNanos(Math.max(oneChangeNanos, MIN_PERIOD.toNanos())));
    }

    /** Changes to write in tick {@code tick} (the first tick is 1). */
    public long changesInTick(long tick) {
        return changesAfter(tick) - changesAfter(tick - 1);
    }

    /** Changes written once {@code ticks} ticks have run. */
    public long changesAfter(long ticks) {
        // a hair of tolerance so that 0.2 changes/s × 5 s counts as the whole change it is
        return (long) Math.floor(ticks * changesPerSecond * period.toNanos() / 1e9 + 1e-9);
    }
}
