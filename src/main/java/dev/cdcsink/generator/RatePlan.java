package dev.cdcsink.generator;

import java.time.Duration;

/**
 * Turns a rate in rows per second into a fixed-rate tick and the rows each tick writes. Low rates
 * tick once per row; high rates tick every {@link #MIN_PERIOD} and write a batch, so 500 rows/s
 * is 20 ticks of 25 rows rather than 500 timers. Fractional rows carry over between ticks: tick
 * {@code n} writes {@code floor(n·r·p) − floor((n−1)·r·p)} rows, so the count after any tick is
 * exact to within one row.
 */
public record RatePlan(double rowsPerSecond, Duration period) {

    static final Duration MIN_PERIOD = Duration.ofMillis(50);

    public static RatePlan of(double rowsPerSecond) {
        if (!(rowsPerSecond > 0) || Double.isInfinite(rowsPerSecond)) {
            throw new IllegalArgumentException("rate must be a positive number of rows per second, was " + rowsPerSecond);
        }
        long oneRowNanos = Math.round(1e9 / rowsPerSecond);
        return new RatePlan(rowsPerSecond, Duration.ofNanos(Math.max(oneRowNanos, MIN_PERIOD.toNanos())));
    }

    /** Rows to write in tick {@code tick} (the first tick is 1). */
    public long rowsInTick(long tick) {
        return rowsAfter(tick) - rowsAfter(tick - 1);
    }

    /** Rows written once {@code ticks} ticks have run. */
    public long rowsAfter(long ticks) {
        // a hair of tolerance so that 0.2 rows/s × 5 s counts as the whole row it is
        return (long) Math.floor(ticks * rowsPerSecond * period.toNanos() / 1e9 + 1e-9);
    }
}
