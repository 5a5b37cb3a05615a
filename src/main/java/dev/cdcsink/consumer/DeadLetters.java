package dev.cdcsink.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Publishes a record that can never be applied to the dead-letter topic, unchanged, with Spring
 * Kafka's standard headers: {@value KafkaHeaders#DLT_EXCEPTION_FQCN}, {@value KafkaHeaders#DLT_EXCEPTION_MESSAGE},
 * {@value KafkaHeaders#DLT_ORIGINAL_TOPIC}, {@value KafkaHeaders#DLT_ORIGINAL_PARTITION},
 * {@value KafkaHeaders#DLT_ORIGINAL_OFFSET}, timestamp and consumer group. Returns only once the
 * broker acknowledged the write, so the offset never moves past a record that is not safely kept.
 */
@Component
public class DeadLetters {

    private final DeadLetterPublishingRecoverer recoverer;

    public DeadLetters(KafkaOperations<byte[], byte[]> deadLetterTemplate, ConsumerProperties properties) {
        // partition -1: the dead-letter topic may have fewer partitions than the source topic
        this.recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                (record, exception) -> new TopicPartition(properties.deadLetterTopicFor(record.topic()), -1));
        // the stack trace says nothing to an operator that the message does not
        this.recoverer.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
        this.recoverer.setFailIfSendResultIsError(true);
    }

    public void publish(ConsumerRecord<byte[], byte[]> record, PoisonRecordException reason) {
        recoverer.accept(record, reason);
    }
}
