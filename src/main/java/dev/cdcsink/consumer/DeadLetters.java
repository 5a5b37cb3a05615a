package dev.cdcsink.consumer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

import dev.cdcsink.change.KafkaCoordinates;

/**
 * Publishes a record that can never be applied to the dead-letter topic, unchanged, with Spring
 * Kafka's standard headers: {@value KafkaHeaders#DLT_EXCEPTION_FQCN}, {@value KafkaHeaders#DLT_EXCEPTION_MESSAGE},
 * {@value KafkaHeaders#DLT_ORIGINAL_TOPIC}, {@value KafkaHeaders#DLT_ORIGINAL_PARTITION},
 * {@value KafkaHeaders#DLT_ORIGINAL_OFFSET}, {@value KafkaHeaders#DLT_ORIGINAL_TIMESTAMP},
 * {@value KafkaHeaders#DLT_ORIGINAL_TIMESTAMP_TYPE} and {@value KafkaHeaders#DLT_ORIGINAL_CONSUMER_GROUP}.
 * A dead letter that fails again keeps its first origin headers and gains the new reason after the old.
 *
 * <p>Each origin (topic, partition, offset) is dead-lettered once: the {@link DeadLetterLedger}
 * remembers what was published, so a record read again after a replay or in a retried batch is
 * not published again. {@link #publishOnce} returns only once the broker acknowledged the dead
 * letter and the ledger holds it; otherwise it throws, the batch is retried, and the partition
 * never moves past a record that is neither applied nor safely dead-lettered.
 */
@Component
public class DeadLetters {

    private final KafkaOperations<byte[], byte[]> template;
    private final DeadLetterLedger ledger;
    private final ConsumerProperties properties;
    /** Published and acknowledged, but not yet in the ledger (the target was unreachable): never publish these again. */
    private final Map<KafkaCoordinates, KafkaCoordinates> unrecorded = new ConcurrentHashMap<>();

    public DeadLetters(KafkaOperations<byte[], byte[]> deadLetterTemplate, DeadLetterLedger ledger,
            ConsumerProperties properties) {
        this.template = deadLetterTemplate;
        this.ledger = ledger;
        this.properties = properties;
    }

    /**
     * Dead-letters {@code record} unless its origin already was.
     *
     * @return true if it was published now, false if it had been before
     * @throws DeadLetterPublicationException when the broker did not acknowledge it (too large, topic missing,
     *                                        not authorised, broker down): a transient failure
     * @throws org.springframework.dao.DataAccessException when the ledger cannot be written (target down)
     */
    boolean publishOnce(ConsumerRecord<byte[], byte[]> record, KafkaCoordinates origin, PoisonRecordException reason) {
        KafkaCoordinates published = unrecorded.get(origin);
        if (published == null) {
            if (ledger.contains(origin)) {
                return false;
            }
            published = send(record, reason);
            unrecorded.put(origin, published);
        }
        ledger.record(origin, published, reason.getMessage());
        unrecorded.remove(origin);
        return true;
    }

    /** Forgets pending ledger writes of partitions this instance no longer owns (the new owner checks the ledger). */
    void forget(Collection<TopicPartition> partitions) {
        unrecorded.keySet().removeIf(at -> partitions.contains(new TopicPartition(at.topic(), at.partition())));
    }

    private KafkaCoordinates send(ConsumerRecord<byte[], byte[]> record, PoisonRecordException reason) {
        String topic = properties.deadLetterTopicFor(record.topic());
        ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(topic, null, record.key(), record.value(),
                headers(record, reason));
        long timeout = properties.deadLetter().timeout().toMillis();
        try {
            RecordMetadata sent = template.send(deadLetter).get(timeout + 5_000, TimeUnit.MILLISECONDS).getRecordMetadata();
            return new KafkaCoordinates(sent.topic(), sent.partition(), sent.offset(), sent.timestamp());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterPublicationException(record, topic, "interrupted", e);
        } catch (ExecutionException e) {
            throw new DeadLetterPublicationException(record, topic, NestedExceptionUtils.getMostSpecificCause(e)
                    .toString(), e.getCause());
        } catch (TimeoutException e) {
            throw new DeadLetterPublicationException(record, topic, "no acknowledgement within " + timeout + " ms", e);
        } catch (RuntimeException e) {
            // the producer refuses some records before sending (e.g. larger than the total buffer memory)
            throw new DeadLetterPublicationException(record, topic, e.toString(), e);
        }
    }

    private Headers headers(ConsumerRecord<byte[], byte[]> record, PoisonRecordException reason) {
        Headers headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h);
        }
        // a dead letter that fails again keeps where it first came from
        if (headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC) == null) {
            headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, text(record.topic()));
            headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(record.partition()).array());
            headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(record.offset()).array());
            headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(8).putLong(record.timestamp()).array());
            headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE, text(record.timestampType().toString()));
            headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, text(properties.groupId()));
        }
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, text(reason.getClass().getName()));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, text(reason.getMessage()));
        return headers;
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
