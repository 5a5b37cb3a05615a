package dev.cdcsink.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.TopicPartition;

/**
 * The stored next offset of every partition ({@code sink_offset} in the target), read every 100
 * ms straight from the database (not through the proxy), with the time of each change: from it
 * come the recovery times (when a partition moved again after a fault) and the pauses (the longest
 * time a partition stood still).
 */
final class Progress implements AutoCloseable {

    /** A stored offset and when it was first seen, in nanoTime. */
    record Sample(long at, long offset) {
    }

    private final String jdbcUrl;
    private final Map<TopicPartition, List<Sample>> history = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private Connection connection;
    /** When the newest completed sample was taken (nanoTime). */
    private volatile long sampled = Long.MIN_VALUE;

    Progress(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
        sampler.scheduleWithFixedDelay(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            if (connection == null) {
                DriverManager.setLoginTimeout(2);
                connection = DriverManager.getConnection(jdbcUrl + "&connectTimeout=1000&socketTimeout=2000", "root", "");
            }
            long now = System.nanoTime();
            try (Statement s = connection.createStatement();
                    ResultSet rows = s.executeQuery("SELECT topic, kafka_partition, next_offset FROM sink_offset")) {
                while (rows.next()) {
                    List<Sample> samples = history.computeIfAbsent(new TopicPartition(rows.getString(1), rows.getInt(2)),
                            p -> new ArrayList<>());
                    synchronized (samples) {
                        long offset = rows.getLong(3);
                        if (samples.isEmpty() || samples.get(samples.size() - 1).offset() != offset) {
                            samples.add(new Sample(now, offset));
                        }
                    }
                }
            }
            sampled = now;
        } catch (SQLException e) {
            // the database is down or its tables not there yet: the next sample tries again
            close(connection);
            connection = null;
        }
    }

    private static void close(Connection connection) {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // it is gone either way
        }
    }

    /**
     * The stored offsets as a sample taken after {@code since} (nanoTime) read them: what a batch
     * committed just before then has written, which the newest sample may not show yet.
     */
    Map<TopicPartition, Long> offsetsSampledAfter(long since) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sampled <= since) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the target's offsets could not be read for 30 s");
            }
            Thread.sleep(20);
        }
        return offsets();
    }

    /** The stored offsets now. */
    Map<TopicPartition, Long> offsets() {
        Map<TopicPartition, Long> now = new HashMap<>();
        history.forEach((p, samples) -> {
            synchronized (samples) {
                now.put(p, samples.get(samples.size() - 1).offset());
            }
        });
        return now;
    }

    /**
     * How long after {@code since} (nanoTime) it took until every one of {@code partitions} had
     * stored a higher offset than the first sample after it read; waits at most {@code timeout}, null if not all did.
     */
    Duration awaitAdvance(Set<TopicPartition> partitions, long since, Duration timeout) throws InterruptedException {
        // what was written before the fault shows in samples taken after it too; only a later write is an advance
        Map<TopicPartition, Long> before = offsetsSampledAfter(since);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long latest = Long.MIN_VALUE;
            boolean all = true;
            for (TopicPartition p : partitions) {
                Long at = firstAbove(p, before.getOrDefault(p, -1L), since);
                if (at == null) {
                    all = false;
                    break;
                }
                latest = Math.max(latest, at);
            }
            if (all) {
                return Duration.ofNanos(Math.max(0, latest - since));
            }
            Thread.sleep(100);
        }
        return null;
    }

    /** The longest time any of {@code partitions} stored no new offset between {@code from} and {@code to} (nanoTime). */
    Duration longestStall(Set<TopicPartition> partitions, long from, long to) {
        long longest = 0;
        for (TopicPartition p : partitions) {
            long last = from;
            for (Sample s : samples(p)) {
                if (s.at() > from && s.at() <= to) {
                    longest = Math.max(longest, s.at() - last);
                    last = s.at();
                }
            }
            longest = Math.max(longest, to - last);
        }
        return Duration.ofNanos(longest);
    }

    private Long firstAbove(TopicPartition p, long offset, long since) {
        return samples(p).stream().filter(s -> s.at() > since && s.offset() > offset).map(Sample::at).findFirst()
                .orElse(null);
    }

    private List<Sample> samples(TopicPartition p) {
        List<Sample> samples = history.getOrDefault(p, List.of());
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        close(connection);
    }
}
