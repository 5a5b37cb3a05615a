package dev.cdcsink.change;

/** Where a record was read: topic, partition, offset and the broker's append timestamp (ms). */
public record KafkaCoordinates(String topic, int partition, long offset, long timestamp) {

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
