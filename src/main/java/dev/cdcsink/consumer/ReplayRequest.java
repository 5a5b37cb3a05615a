package dev.cdcsink.consumer;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Where a replay rewinds to: exactly one of {@code earliest}, {@code offsets} (per partition) or
 * {@code timestamp} (the first offset at or after it, per partition), for the given partitions of
 * {@code topic} (all when empty), or for every partition of the topics that carry {@code table}.
 */
public record ReplayRequest(String topic, String table, boolean earliest, Map<Integer, Long> offsets, Instant timestamp,
        Set<Integer> partitions) {
}
