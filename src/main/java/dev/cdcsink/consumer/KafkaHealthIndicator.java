package dev.cdcsink.consumer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@code kafka} in the readiness group: DOWN until the brokers have answered, and whenever they
 * stop answering. An instance started while Kafka is unreachable keeps running (liveness UP) and
 * its consumer connects by itself once Kafka is back. Checked in the background every few
 * seconds, so a probe never waits on a broker.
 */
@Component("kafka")
class KafkaHealthIndicator implements HealthIndicator, SmartLifecycle {

    private static final Duration EVERY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(KafkaHealthIndicator.class);

    private record Check(Instant at, int brokers, String failure) {
    }

    private final Admin admin;
    private final Clock clock;
    private volatile Check last;
    private ScheduledExecutorService scheduler;

    KafkaHealthIndicator(Admin admin, Clock clock) {
        this.admin = admin;
        this.clock = clock;
    }

    @Override
    public Health health() {
        Check check = last;
        if (check == null) {
            return Health.down().withDetail("reason", "Kafka has not been reached yet").build();
        }
        if (check.failure() != null) {
            return Health.down().withDetail("reason", check.failure()).withDetail("checkedAt", check.at().toString())
                    .build();
        }
        return Health.up().withDetail("brokers", check.brokers()).withDetail("checkedAt", check.at().toString()).build();
    }

    private void check() {
        Check previous = last;
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) EVERY.toMillis())).nodes()
                    .get(EVERY.toMillis() + 1000, TimeUnit.MILLISECONDS).size();
            last = new Check(clock.instant(), brokers, null);
            if (previous != null && previous.failure() != null) {
                log.info("Kafka answers again ({} brokers)", brokers);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            String failure = "Kafka does not answer: " + (e.getCause() != null ? e.getCause() : e);
            last = new Check(clock.instant(), 0, failure);
            if (previous == null || previous.failure() == null) {
                log.warn("{}; the consumer keeps trying", failure);
            }
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "cdc-sink-kafka-health");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::check, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
