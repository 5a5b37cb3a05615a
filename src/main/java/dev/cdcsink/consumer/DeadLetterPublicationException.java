package dev.cdcsink.consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A dead letter the broker did not acknowledge. Transient: the batch is retried with backoff and
 * its partition does not move past the record until the dead letter is safely published. The
 * message says which record, where to, why, and what an operator can do.
 */
public class DeadLetterPublicationException extends RuntimeException {

    DeadLetterPublicationException(ConsumerRecord<byte[], byte[]> record, String deadLetterTopic, String why,
            Throwable cause) {
        super("dead letter of " + record.topic() + "-" + record.partition() + "@" + record.offset() + " ("
                + size(record) + " bytes) not published to " + deadLetterTopic + ": " + why
                + "; the partition waits until it is. Check that the topic exists, that this service may write to it, "
                + "and that its max.message.bytes (and cdc-sink.consumer.dead-letter.max-record-size) fit the record",
                cause);
    }

    private static int size(ConsumerRecord<byte[], byte[]> record) {
        return (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
    }
}
