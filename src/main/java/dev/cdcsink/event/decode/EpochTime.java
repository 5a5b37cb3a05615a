package dev.cdcsink.event.decode;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Arithmetic shared by the epoch-based time types; floor division keeps pre-1970 values right. */
final class EpochTime {

    static final long NANOS_PER_SECOND = 1_000_000_000L;

    private EpochTime() {
    }

    /**
     * Debezium writes zone-less DATETIME values as if they were UTC, so UTC gives back the wall time.
     *
     * @param unitsPerSecond 1 000 for millis, 1 000 000 for micros, 1 000 000 000 for nanos
     */
    static LocalDateTime utcDateTime(long amount, long unitsPerSecond) {
        long seconds = Math.floorDiv(amount, unitsPerSecond);
        long nanos = Math.floorMod(amount, unitsPerSecond) * (NANOS_PER_SECOND / unitsPerSecond);
        return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
    }

    /**
     * A TIME value: a time of day, or for MySQL's TIME an interval from -838:59:59 to 838:59:59,
     * which the connector sends as a negative amount or one beyond a day.
     */
    static Duration time(long amount, long unitsPerSecond) {
        long seconds = Math.floorDiv(amount, unitsPerSecond);
        long nanos = Math.floorMod(amount, unitsPerSecond) * (NANOS_PER_SECOND / unitsPerSecond);
        return Duration.ofSeconds(seconds, nanos);
    }
}
