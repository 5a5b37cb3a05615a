package dev.cdcsink.consumer;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The batch listener container: raw bytes in (the parser owns decoding), manual acknowledgement
 * after the target committed, and an error handler that retries a failed batch with exponential
 * backoff forever without moving offsets. Records that can never be applied never reach the
 * error handler: the listener dead-letters them itself.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsumerProperties.class)
class ConsumerConfiguration {

    static final String CONTAINER_FACTORY = "sinkContainerFactory";

    /** Raw bytes in, the parser owns decoding; for the listener and for reading dead letters. */
    @Bean
    ConsumerFactory<byte[], byte[]> sinkConsumerFactory(KafkaProperties kafka, ConsumerProperties properties) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // the target's sink_offset table is the source of truth; Kafka's commits only inform lag tools
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
        // Debezium events with schemas are ~4 KB: the 1 MB default per partition would cap a
        // batch at ~250 changes, and the batch is the transaction the throughput comes from. One
        // batch's worth per fetch, shared by the consumer threads: each buffers a fetch on the heap,
        // and with 4 threads at 8 MB each a 256 MB heap spent half a drain in GC pauses.
        int batchBytes = Math.max(1 << 20, properties.maxPollRecords() * 4 * 1024 / properties.concurrency());
        config.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, batchBytes);
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, batchBytes);
        config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // the OS sizes (and grows) the socket buffer: the next fetch streams in while a batch is
        // applied, instead of 64 KB of it and the rest only in the next poll
        config.putIfAbsent(ConsumerConfig.RECEIVE_BUFFER_CONFIG, -1);
        // A killed instance's partitions move once the group gives up on it: 10 s rather than the
        // 45 s default. Cooperative rebalancing moves only the partitions that change owner; the
        // others keep flowing while a member joins or leaves.
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) properties.sessionTimeout().toMillis());
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) properties.sessionTimeout().toMillis() / 3);
        config.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        if (!properties.groupInstanceId().isBlank()) {
            // Spring Kafka suffixes it per consumer thread
            config.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, properties.groupInstanceId());
        }
        return new DefaultKafkaConsumerFactory<>(config);
    }

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<byte[], byte[]> sinkContainerFactory(
            ConsumerFactory<byte[], byte[]> sinkConsumerFactory, ConsumerProperties properties) {
        ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(sinkConsumerFactory);
        factory.setBatchListener(true);
        factory.setConcurrency(properties.concurrency());
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        // Kafka's committed offsets only inform lag tools (sink_offset is the truth): no round
        // trip to the broker per batch
        factory.getContainerProperties().setSyncCommits(false);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff(properties.backoff())));
        return factory;
    }

    /** Exponential and unbounded: a transient failure is waited out, however long it lasts. */
    static ExponentialBackOff backOff(ConsumerProperties.Backoff backoff) {
        ExponentialBackOff exponential = new ExponentialBackOff(backoff.initialInterval().toMillis(), backoff.multiplier());
        exponential.setMaxInterval(backoff.maxInterval().toMillis());
        exponential.setMaxElapsedTime(Long.MAX_VALUE);
        return exponential;
    }

    /** For the control API: topic partitions, log offsets, offsets for a timestamp. */
    @Bean(destroyMethod = "close")
    Admin kafkaAdminClient(KafkaAdmin kafkaAdmin) {
        return Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    /**
     * Sized for the largest record a change topic may hold: a dead letter that the producer
     * refuses as too large would stop its partition. A publication that takes longer than the
     * timeout fails (and is retried) rather than holding the consumer indefinitely.
     */
    @Bean
    KafkaTemplate<byte[], byte[]> deadLetterTemplate(KafkaProperties kafka, ConsumerProperties properties) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        long maxRecord = properties.deadLetter().maxRecordSize().toBytes();
        int timeout = (int) properties.deadLetter().timeout().toMillis();
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, (int) Math.min(Integer.MAX_VALUE, maxRecord + 64 * 1024));
        // a record must fit the producer's buffer as a whole
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L << 20, 2 * maxRecord));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }
}
