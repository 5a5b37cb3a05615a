package dev.cdcsink.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker (KRaft, in-process). {@link #shared()} is started once per JVM; tests
 * isolate themselves by topic and consumer-group names from {@link #uniqueName(String)}.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static KafkaBroker shared;

    private final EmbeddedKafkaKraftBroker broker;

    private KafkaBroker(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-shared-stop"));
        }
        return shared;
    }

    /**
     * Starts a new broker. With {@code devPort} > 0 it also listens on {@code 127.0.0.1:devPort}
     * (listener {@code DEV}) so that Kafka's command-line tools or a Kafka UI can attach: the
     * embedded broker ignores fixed ports for its own listener.
     */
    public static KafkaBroker start(int devPort) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        Map<String, String> properties = new HashMap<>(Map.of(
                "auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0",
                "transaction.state.log.replication.factor", "1",
                "offsets.topic.replication.factor", "1"));
        if (devPort > 0) {
            properties.put("listeners", "EXTERNAL://127.0.0.1:0,CONTROLLER://127.0.0.1:0,DEV://127.0.0.1:" + devPort);
            properties.put("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,DEV:PLAINTEXT");
        }
        broker.brokerProperties(properties);
        broker.afterPropertiesSet();
        return new KafkaBroker(broker);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet() + "-" + System.nanoTime() % 100_000;
    }

    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with topic-level settings such as {@code message.timestamp.type}. */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        if (!createTopicIfAbsent(name, partitions, configs)) {
            throw new IllegalStateException("topic " + name + " already exists");
        }
    }

    /** Creates the topic unless it exists; returns whether it was created. */
    public boolean createTopicIfAbsent(String name, int partitions) {
        return createTopicIfAbsent(name, partitions, Map.of());
    }

    private boolean createTopicIfAbsent(String name, int partitions, Map<String, String> configs) {
        return createTopicIfAbsent(bootstrapServers(), name, partitions, configs);
    }

    /** Creates a topic on the brokers at {@code bootstrapServers} unless it exists; returns whether it was created. */
    public static boolean createTopicIfAbsent(String bootstrapServers, String name, int partitions,
            Map<String, String> configs) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("topic " + name + " not created: " + e.getCause().getMessage(), e);
        }
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
