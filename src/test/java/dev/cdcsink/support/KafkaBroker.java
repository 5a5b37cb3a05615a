package dev.cdcsink.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker (KRaft, in-process) started once per JVM. Tests isolate themselves by
 * topic and consumer-group names from {@link #uniqueName(String)}.
 */
public final class KafkaBroker {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static KafkaBroker shared;

    private final EmbeddedKafkaKraftBroker broker;

    private KafkaBroker(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.brokerProperties(Map.of(
                    "auto.create.topics.enable", "false",
                    "group.initial.rebalance.delay.ms", "0",
                    "transaction.state.log.replication.factor", "1",
                    "offsets.topic.replication.factor", "1"));
            broker.afterPropertiesSet();
            shared = new KafkaBroker(broker);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "kafka-shared-stop"));
        }
        return shared;
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet() + "-" + System.nanoTime() % 100_000;
    }

    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("topic " + name + " not created: " + e.getCause().getMessage(), e);
        }
    }
}
