package dev.cdcsink.event.decode;

import static dev.cdcsink.event.ParseFailure.Kind.INVALID_VALUE;

import java.time.LocalDateTime;
import java.time.LocalTime;
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

    /** A time of day; MySQL TIME can also hold negative or ≥ 24 h durations, which a LocalTime cannot. */
    static LocalTime timeOfDay(long amount, long unitsPerSecond) {
        long perDay = 86_400L * unitsPerSecond;
        if (amount < 0 || amount >= perDay) {
            throw new DecodeException(INVALID_VALUE, "time " + amount + " (" + unitsPerSecond
                    + " per second) is outside 00:00–24:00 and is no time of day");
        }
        return LocalTime.ofNanoOfDay(amount * (NANOS_PER_SECOND / unitsPerSecond));
    }
}
