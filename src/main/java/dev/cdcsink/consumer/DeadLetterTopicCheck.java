package dev.cdcsink.consumer;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Warns, once per change topic and in the background, when its dead-letter topic could not take
 * every record of it: missing, or with a smaller {@code max.message.bytes}, or larger records than
 * the dead-letter producer may send. Such a dead letter is retried until it fits, and its
 * partition waits meanwhile; the warning says what to change before that happens.
 */
@Component
class DeadLetterTopicCheck implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterTopicCheck.class);

    private final TopicAdmin topics;
    private final ConsumerProperties properties;
    private final Set<String> checked = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "cdc-sink-dlt-check");
        thread.setDaemon(true);
        return thread;
    });

    DeadLetterTopicCheck(TopicAdmin topics, ConsumerProperties properties) {
        this.topics = topics;
        this.properties = properties;
    }

    /** Checks the dead-letter topics of these change topics, each once per run. */
    void check(Collection<String> changeTopics) {
        for (String topic : changeTopics) {
            if (checked.add(topic)) {
                executor.execute(() -> checkOne(topic));
            }
        }
    }

    private void checkOne(String topic) {
        String deadLetterTopic = properties.deadLetterTopicFor(topic);
        try {
            Optional<Long> dlt = topics.maxMessageBytes(deadLetterTopic);
            long source = topics.maxMessageBytes(topic).orElse(0L);
            long producer = properties.deadLetter().maxRecordSize().toBytes();
            if (dlt.isEmpty()) {
                log.warn("Dead-letter topic {} of {} does not exist: a record that can never be applied will stop its "
                        + "partition until it does. Create it, e.g. kafka-topics.sh --create --topic {} --partitions 1 "
                        + "--config max.message.bytes={}", deadLetterTopic, topic, deadLetterTopic, source);
            } else if (dlt.get() < source) {
                log.warn("Dead-letter topic {} takes records up to {} bytes (max.message.bytes), {} up to {}: a larger "
                        + "poison record will stop its partition until it fits. Raise it, e.g. kafka-configs.sh --alter "
                        + "--entity-type topics --entity-name {} --add-config max.message.bytes={}", deadLetterTopic,
                        dlt.get(), topic, source, deadLetterTopic, source);
            }
            if (producer < source) {
                log.warn("{} takes records up to {} bytes but cdc-sink.consumer.dead-letter.max-record-size is {} bytes: "
                        + "raise it to at least the topic's max.message.bytes", topic, source, producer);
            }
        } catch (RuntimeException e) {
            // Kafka not answering: try again at the next assignment
            checked.remove(topic);
            log.info("Could not check the dead-letter topic of {} yet: {}", topic, e.getMessage());
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
