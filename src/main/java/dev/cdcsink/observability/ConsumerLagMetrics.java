package dev.cdcsink.observability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

import dev.cdcsink.consumer.ChangeListener;
import dev.cdcsink.apply.OffsetStore;

/**
 * {@code cdc_sink_consumer_lag{topic,partition}}: per partition this instance is assigned, the
 * records not yet applied to the target = the partition's end offset minus the next offset the
 * target stored in {@code sink_offset}.
 *
 * <p>Computed here rather than taken from the Kafka client's {@code records-lag}, which measures
 * from the consumer's fetch position: it counts a fetched batch that failed and is being retried
 * as consumed, and it is not updated while the partitions are not fetched (paused, or backing
 * off), exactly when lag matters. The stored offset is what the target really holds. The end
 * offset is the last stable offset (read_committed, like the consumer), so records of open
 * producer transactions are not counted as lag.
 *
 * <p>Refreshed in the background, not at scrape time, so a slow broker or database never slows
 * a scrape. While the target cannot be read the last stored offset is used, which stays exact:
 * nothing commits while the target is unreachable.
 */
@Component
class ConsumerLagMetrics implements SmartLifecycle {

    /** A few refreshes per typical 15 s scrape interval, at two broker requests and a query per partition each. */
    private static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMetrics.class);

    private final KafkaListenerEndpointRegistry containers;
    private final OffsetStore offsets;
    private final KafkaProperties kafka;
    private final MultiGauge lag;
    /** One holder per reported partition: the gauge reads it, refreshes overwrite it. */
    private final Map<TopicPartition, AtomicLong> lagByPartition = new ConcurrentHashMap<>();
    /** The target's next offset per partition as last read, for when it cannot be read. */
    private final Map<TopicPartition, Long> stored = new ConcurrentHashMap<>();
    private volatile boolean failing;
    private ScheduledExecutorService scheduler;
    private Admin admin;

    ConsumerLagMetrics(KafkaListenerEndpointRegistry containers, OffsetStore offsets, KafkaProperties kafka,
            MeterRegistry registry) {
        this.containers = containers;
        this.offsets = offsets;
        this.kafka = kafka;
        this.lag = MultiGauge.builder("cdc.sink.consumer.lag")
                .description("Records of an assigned partition not yet applied to the target: end offset minus the "
                        + "next offset stored in sink_offset")
                .register(registry);
    }

    @Override
    public synchronized void start() {
        admin = Admin.create(kafka.buildAdminProperties());
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "cdc-sink-lag");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        scheduler.shutdownNow();
        admin.close(Duration.ZERO);
        scheduler = null;
        admin = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    private void refresh() {
        try {
            Collection<TopicPartition> assigned = assigned();
            Map<TopicPartition, Long> lags = assigned.isEmpty() ? Map.of() : lags(assigned);
            lagByPartition.keySet().retainAll(lags.keySet());
            stored.keySet().retainAll(lags.keySet());
            lags.forEach((p, n) -> lagByPartition.computeIfAbsent(p, k -> new AtomicLong()).set(n));
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            lagByPartition.forEach((p, holder) -> rows.add(MultiGauge.Row.of(
                    Tags.of("topic", p.topic(), "partition", Integer.toString(p.partition())), holder, AtomicLong::get)));
            // rows of partitions no longer assigned disappear; existing ones keep reading their holder
            lag.register(rows, false);
            if (failing) {
                log.info("Consumer lag is measured again");
                failing = false;
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            // the gauges keep their last values; logged once per outage, not on every refresh
            if (!failing) {
                log.warn("Cannot measure consumer lag, keeping the last values until it works again: {}", e.toString());
                failing = true;
            }
        }
    }

    private Collection<TopicPartition> assigned() {
        MessageListenerContainer container = containers.getListenerContainer(ChangeListener.ID);
        Collection<TopicPartition> assigned = container == null ? null : container.getAssignedPartitions();
        return assigned == null ? List.of() : assigned;
    }

    private Map<TopicPartition, Long> lags(Collection<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, ListOffsetsResultInfo> ends = listOffsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, ListOffsetsResultInfo> starts = listOffsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> lags = new HashMap<>();
        for (TopicPartition p : partitions) {
            // nothing stored yet: the consumer starts at the log's beginning, as does an offset below it
            long next = Math.max(storedNextOffset(p), starts.get(p).offset());
            lags.put(p, Math.max(0, ends.get(p).offset() - next));
        }
        return lags;
    }

    private long storedNextOffset(TopicPartition partition) {
        try {
            long next = offsets.nextOffset(partition).orElse(0L);
            stored.put(partition, next);
            return next;
        } catch (DataAccessException e) {
            Long last = stored.get(partition);
            if (last == null) {
                throw e;
            }
            return last;
        }
    }

    private Map<TopicPartition, ListOffsetsResultInfo> listOffsets(Collection<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), p -> spec));
        return admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
