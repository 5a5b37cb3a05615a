package dev.cdcsink.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.cdcsink.change.Op;
import dev.cdcsink.change.RowChange;

/** Writes changes to a topic as Debezium does: keyed by primary key, a tombstone after each delete; listings unless told otherwise. */
public final class ChangeProducer implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final DebeziumEvents events = DebeziumEvents.listings();

    public ChangeProducer(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    public DebeziumEvents events() {
        return events;
    }

    /** Sends the changes (and tombstones); returns the number of records written. */
    public int send(String topic, List<RowChange> changes) {
        return send(topic, changes, events);
    }

    /** Sends each change to its table's topic ({@code topics} by source table name), rendered as that table's events. */
    public int send(Map<String, String> topics, List<RowChange> changes) {
        int sent = 0;
        for (RowChange change : changes) {
            String table = change.table().table();
            String topic = topics.get(table);
            if (topic == null) {
                throw new IllegalArgumentException("no topic for table " + table + " in " + topics);
            }
            sent += send(topic, List.of(change), SampleTables.named(table).events());
        }
        return sent;
    }

    /** Sends changes of the table {@code events} renders. */
    public int send(String topic, List<RowChange> changes, DebeziumEvents events) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (RowChange change : changes) {
            sent.add(producer.send(events.record(topic, change)));
            if (change.op() == Op.DELETE) {
                sent.add(producer.send(events.tombstone(topic, change.key())));
            }
        }
        sent.forEach(ChangeProducer::await);
        return sent.size();
    }

    /** Sends one record and waits until the broker has it; returns where it was written. */
    public RecordMetadata send(ProducerRecord<byte[], byte[]> record) {
        return await(producer.send(record));
    }

    private static RecordMetadata await(Future<RecordMetadata> sent) {
        try {
            return sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("send failed", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
