package dev.cdcsink.jdbc;

import java.time.Duration;

/** Timeouts for drivers and servers that take whole seconds. */
final class Durations {

    private Durations() {
    }

    /** {@code timeout} in whole seconds, a fraction rounded up so that a short timeout is not disabled (0 stays 0). */
    static long wholeSeconds(Duration timeout) {
        return timeout.isZero() ? 0 : Math.max(1, (timeout.toMillis() + 999) / 1000);
    }
}
